"""What the pages of a background job share: the progress panel (``planning/_job_progress.html``) and the
status view that htmx polls while the job runs. Each kind of job (schedule, portfolio run, document)
describes its pages once with a ``JobPages``, which makes its panel, finds its job and gives its status view.

The status view answers the panel's changing parts while the job is queued or running (the bar, and out of
band the heading's and the status's words: ``planning/_job_progress_poll.html``), and once it is finished
``HX-Refresh: true`` (htmx reloads the page, which then shows the result) or, without htmx, a redirect to
the job's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from jalon.accounts.auth import current_user
from jalon.jobs import runner
from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import roadmap_page

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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


def progress(job: Job, panel: ProgressPanel) -> dict[str, Any]:
    """What a page shows of a job's progress (``planning/_job_progress.html``): ``job`` and ``panel``."""
    return {"job": job, "panel": panel}


def status_response(
    request: HttpRequest, job: Job, panel: ProgressPanel, context: dict[str, Any]
) -> HttpResponse:
    if job.finished:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(status=200, headers={"HX-Refresh": "true"})
        return redirect(panel.page_url)
    if job.status == JobStatus.QUEUED and timezone.now() - job.created_at > QUEUED_TOO_LONG:
        runner.wake()
    return render(request, "planning/_job_progress_poll.html", {**context, **progress(job, panel)})


@dataclass(frozen=True)
class JobPages:
    """The pages of one kind of background job: the job kind, the name of its page's route (under the
    roadmap, with the job's id; its status route is named ``<page>_status``, see :meth:`urls`), and the
    words of its progress panel (lazy, so that they are translated in the reader's language)."""

    kind: str
    name: str
    page: str
    working: StrOrPromise
    leave_note: StrOrPromise

    @property
    def status(self) -> str:
        """The name of the status route htmx polls."""
        return f"{self.page}_status"

    def urls(self, route: str, page_view: Callable[..., HttpResponse]) -> list[URLPattern]:
        """The routes of the job's page, ``page_view`` at ``route`` (which holds ``<int:job>``), and of its
        status view at ``route`` + ``status/``."""
        return [
            path(route, page_view, name=self.page),
            path(route + "status/", self.status_view(), name=self.status),
        ]

    def panel(self, roadmap: Roadmap, job: Job) -> ProgressPanel:
        return ProgressPanel(
            name=self.name,
            status_url=job_url(self.status, roadmap, job),
            page_url=job_url(self.page, roadmap, job),
            working=str(self.working),
            leave_note=str(self.leave_note),
        )

    def progress(self, roadmap: Roadmap, job: Job) -> dict[str, Any]:
        """What the job's page shows of its progress: the ``job`` and its ``panel``."""
        return progress(job, self.panel(roadmap, job))

    def find(
        self, request: HttpRequest, workspace: str, roadmap: str, job: int
    ) -> tuple[Roadmap, Job, dict[str, Any]]:
        """The roadmap, its job of this kind the reader may see (else 404), and the roadmap page's context."""
        found, context = roadmap_page(request, workspace, roadmap)
        return found, jobs.job_for(current_user(request), found, job, kind=self.kind), context

    def status_view(self) -> Callable[..., HttpResponse]:
        """The view htmx polls: the progress panel while the job works; once finished, the page again."""

        @login_required
        @require_GET
        def view(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
            found, the_job, context = self.find(request, workspace, roadmap, job)
            return status_response(request, the_job, self.panel(found, the_job), context)

        return view
