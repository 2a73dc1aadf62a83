"""Routes of the workspace pages added for the first hour: a new workspace, members, invitations."""

from __future__ import annotations

from django.urls import path

from jalon.workspaces import views_members as views

urlpatterns = [
    path("workspaces/new/", views.new_workspace, name="workspace_new"),
    path("w/<slug:workspace>/members/", views.members, name="members"),
    path("w/<slug:workspace>/rename/", views.rename, name="workspace_rename"),
    path("w/<slug:workspace>/members/<int:user_id>/role/", views.change_role, name="member_role"),
    path("w/<slug:workspace>/members/<int:user_id>/remove/", views.remove_member, name="member_remove"),
    path("w/<slug:workspace>/invitations/<int:invitation>/revoke/", views.revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
