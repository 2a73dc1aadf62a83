"""Placeholder: replaced by the backlog import/export pages."""

from __future__ import annotations

from django.urls import path

from jalon.planning.placeholder import placeholder

urlpatterns = [
    path("backlog/import/", placeholder("Import activities"), name="backlog_import"),
    path("backlog.<str:fmt>", placeholder("Export the backlog"), name="backlog_export"),
]
