"""The file routes: a roadmap file imported into a workspace, a roadmap exported, a backlog imported and
exported (CSV, XLSX)."""

from __future__ import annotations

from django.urls import path

from jalon.documents import views, views_backlog

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/"

urlpatterns = [
    path("w/<slug:workspace>/import/", views.import_file, name="import"),
    path("w/<slug:workspace>/import/confirm/", views.import_confirm, name="import_confirm"),
    path(ROADMAP + "export.<str:fmt>", views.export, name="export"),
    path(ROADMAP + "backlog/import/", views_backlog.backlog_import, name="backlog_import"),
    path(ROADMAP + "backlog.<str:fmt>", views_backlog.backlog_export, name="backlog_export"),
]
