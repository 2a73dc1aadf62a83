"""A document written in the background: its page (progress, then the download link), the status fragment
htmx polls, and the file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from jalon.job_pages import JobPages, job_url
from jalon.jobs.models import JobStatus
from jalon.reports.jobs import JOB_KIND, KEEP_FOR, job_file
from jalon.workspaces.permissions import NotFound

PAGES = JobPages(
    kind=JOB_KIND,
    name="report",
    page="document_job",
    working=_("The document is being written"),
    leave_note=_("You may leave this page: the document will wait for you at this address."),
)


@login_required
@require_GET
def document_job(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    found, the_job, context = PAGES.find(request, workspace, roadmap, job)
    context.update({**PAGES.progress(found, the_job), "keep_days": KEEP_FOR.days})
    if the_job.status == JobStatus.DONE and job_file(str((the_job.result or {}).get("file", ""))):
        context["download_url"] = job_url("document_job_file", found, the_job)
    return render(request, "reports/document_job.html", context)


@login_required
@require_GET
def document_job_file(request: HttpRequest, workspace: str, roadmap: str, job: int) -> FileResponse:
    _found, the_job, _context = PAGES.find(request, workspace, roadmap, job)
    result = the_job.result or {}
    path = job_file(str(result.get("file", "")))
    if the_job.status != JobStatus.DONE or path is None:
        raise NotFound
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=str(result.get("filename") or path.name),
        content_type=str(result.get("content_type") or "application/octet-stream"),
    )
