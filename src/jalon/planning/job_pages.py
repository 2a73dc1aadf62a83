"""What the pages of a background job share: the progress panel (``planning/_job_progress.html``) and the
status view that htmx polls while the job runs.

The status view answers the panel while the job is queued or running, and once it is finished
``HX-Refresh: true`` (htmx reloads the page, which then shows the result) or, without htmx, a redirect to
the job's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jalon.jobs import runner
from jalon.jobs.models import Job, JobStatus
from jalon.strategy.models import Roadmap

QUEUED_TOO_LONG = timedelta(seconds=5)
"""A job still queued after this long was queued before a restart of the server: the status view wakes
the job threads, since nobody else will pick it up."""


def job_url(name: str, roadmap: Roadmap, job: Job) -> str:
    """The address named ``name`` of a job of ``roadmap`` (its page, its status, its apply…)."""
    return reverse(name, args=[roadmap.workspace.slug, roadmap.slug, job.pk])


@dataclass(frozen=True)
class ProgressPanel:
    """The words and addresses of one kind of job's progress panel. ``name`` prefixes the element ids
    (``<name>-progress``, ``<name>-progress-bar``, ``<name>-progress-title``)."""

    name: str
    status_url: str
    page_url: str
    working: str
    """The title while the job runs (while it waits: "Waiting to start")."""
    leave_note: str
    """Why the reader may leave the page, and where the result will wait for them."""


def status_response(
    request: HttpRequest, job: Job, panel: ProgressPanel, context: dict[str, Any]
) -> HttpResponse:
    if job.finished:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(status=200, headers={"HX-Refresh": "true"})
        return redirect(panel.page_url)
    if job.status == JobStatus.QUEUED and timezone.now() - job.created_at > QUEUED_TOO_LONG:
        runner.wake()
    return render(request, "planning/_job_progress.html", {**context, "job": job, "panel": panel})
