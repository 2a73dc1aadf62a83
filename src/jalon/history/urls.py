"""The history routes: a roadmap's kept versions, restoring one, and its change log."""

from __future__ import annotations

from django.urls import path

from jalon.history import journal_views, views

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/"

urlpatterns = [
    path(ROADMAP + "history/", views.versions, name="history"),
    path(ROADMAP + "history/journal/", journal_views.journal_page, name="history_journal"),
    path(ROADMAP + "history/journal.csv", journal_views.journal_csv, name="history_journal_csv"),
    path(ROADMAP + "history/<int:version>/restore/", views.restore, name="history_restore"),
]
