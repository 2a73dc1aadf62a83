"""The history routes: a roadmap's kept versions, restoring one, and its change log; the workspace's change
log."""

from __future__ import annotations

from django.urls import path

from jalon.history import journal_views, views

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/"

urlpatterns = [
    path(ROADMAP + "history/", views.versions, name="history"),
    path(ROADMAP + "history/journal/", journal_views.journal_page, name="history_journal"),
    path(ROADMAP + "history/journal.csv", journal_views.journal_csv, name="history_journal_csv"),
    path(ROADMAP + "history/<int:version>/restore/", views.restore, name="history_restore"),
    path("w/<slug:workspace>/journal/", journal_views.workspace_journal_page, name="workspace_journal"),
    path("w/<slug:workspace>/journal.csv", journal_views.workspace_journal_csv, name="workspace_journal_csv"),
]
