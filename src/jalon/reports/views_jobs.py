"""A document written in the background: its page (progress, then the download link), the status fragment
htmx polls, and the file."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jalon.accounts.auth import current_user
from jalon.jobs.models import Job, JobStatus
from jalon.jobs.services import job_for
from jalon.reports.jobs import JOB_KIND, reports_dir
from jalon.reports.sources import ProgressPanel, job_url, roadmap_page, status_response
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import NotFound


def _panel(roadmap: Roadmap, job: Job) -> ProgressPanel:
    return ProgressPanel(
        name="report",
        status_url=job_url("document_job_status", roadmap, job),
        page_url=job_url("document_job", roadmap, job),
        working=_("The document is being written"),
        leave_note=_("You may leave this page: the document will wait for you at this address."),
    )


@login_required
@require_GET
def document_job(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    the_job = job_for(current_user(request), found, job, kind=JOB_KIND)
    context.update({"job": the_job, "panel": _panel(found, the_job)})
    if the_job.status == JobStatus.DONE:
        context["download_url"] = job_url("document_job_file", found, the_job)
    return render(request, "reports/document_job.html", context)


@login_required
@require_GET
def document_job_status(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    the_job = job_for(current_user(request), found, job, kind=JOB_KIND)
    return status_response(request, the_job, _panel(found, the_job), context)


@login_required
@require_GET
def document_job_file(request: HttpRequest, workspace: str, roadmap: str, job: int) -> FileResponse:
    found, _context = roadmap_page(request, workspace, roadmap)
    the_job = job_for(current_user(request), found, job, kind=JOB_KIND)
    result = the_job.result or {}
    path = reports_dir() / Path(str(result.get("file", ""))).name  # never a path out of the folder
    if the_job.status != JobStatus.DONE or not result.get("file") or not path.is_file():
        raise NotFound
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=str(result.get("filename") or path.name),
        content_type=str(result.get("content_type") or "application/octet-stream"),
    )
