"""The documents route: a roadmap's report, deck, Markdown, calendar or workbook."""

from __future__ import annotations

from django.urls import path

from jalon.reports import views

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/"

urlpatterns = [
    path(ROADMAP + "documents/", views.documents, name="documents"),
]
