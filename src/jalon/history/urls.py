"""The history routes: a roadmap's kept versions, and restoring one."""

from __future__ import annotations

from django.urls import path

from jalon.history import views

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/"

urlpatterns = [
    path(ROADMAP + "history/", views.versions, name="history"),
    path(ROADMAP + "history/<int:version>/restore/", views.restore, name="history_restore"),
]
