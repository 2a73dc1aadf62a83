"""The documents route: a roadmap's report, deck, Markdown, calendar or workbook."""

from __future__ import annotations

from django.urls import path

from jalon.reports import views, views_jobs

ROADMAP = "w/<slug:workspace>/r/<slug:roadmap>/"

urlpatterns = [
    path(ROADMAP + "documents/", views.documents, name="documents"),
    *views_jobs.PAGES.urls(ROADMAP + "documents/jobs/<int:job>/", views_jobs.document_job),
    path(ROADMAP + "documents/jobs/<int:job>/file/", views_jobs.document_job_file, name="document_job_file"),
]
