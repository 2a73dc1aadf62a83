"""Start, run and read background jobs.

``start_job`` records a queued job and, once the transaction commits, wakes the web process's job
thread (``jalon.jobs.runner``); ``jalon worker`` may run jobs too, in its own process. Whoever claims a
job first runs it: the claim is one conditional UPDATE (queued -> running), atomic on SQLite and on
PostgreSQL alike, so no job ever runs twice. ``inline=True`` runs the job in the caller's thread (the
fast path for small work, and the way tests run jobs).
"""

from __future__ import annotations

import hashlib
import json
import logging
import traceback
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from jalon.accounts.models import User
from jalon.busy import patiently
from jalon.history import origin
from jalon.jobs.models import Job, JobStatus
from jalon.jobs.registry import JobContext, JobFailed, function_for
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import Action, NotFound, require, require_actor

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=5)
"""A running job silent for this long was interrupted (its process stopped); it is marked failed."""

UNEXPECTED = gettext_noop("The job stopped on an unexpected error. The details are in the server log.")
INTERRUPTED = gettext_noop("The job was interrupted (the server stopped while it ran). Run it again.")


def start_job(
    *,
    kind: str,
    roadmap: Roadmap,
    actor: User | None,
    params: Mapping[str, Any] | None = None,
    inline: bool = False,
    action: Action = "edit",
) -> Job:
    """Queue a job of ``kind`` on ``roadmap`` for ``actor`` (an editor, or whoever may do ``action``: a
    reader may make a document); ``inline`` runs it right now."""
    require_actor(actor, action, roadmap)
    function_for(kind)  # an unknown kind fails here, before anything is written
    job, new = _queued(kind=kind, roadmap=roadmap, actor=actor, params=dict(params or {}))
    if not new:
        return job  # the same run, asked again while it is on its way: that run, not a second one
    if inline:
        run_job(job.pk)
        job.refresh_from_db()
    else:
        from jalon.jobs import runner

        transaction.on_commit(runner.wake)
    return job


def fingerprint(*, kind: str, roadmap: Roadmap, actor: User | None, params: Mapping[str, Any]) -> str:
    """Who asks what of which roadmap: two requests with the same fingerprint ask for the same run."""
    asked = [kind, roadmap.pk, actor.pk if actor is not None else None, params]
    return hashlib.sha256(json.dumps(asked, sort_keys=True, default=str).encode()).hexdigest()


def _queued(*, kind: str, roadmap: Roadmap, actor: User | None, params: dict[str, Any]) -> tuple[Job, bool]:
    """A new queued job, and True; or, when the same run is already queued or running (a double click, a
    second tab, a request sent again over a slow network), that one, and False. The database's unique
    constraint on a live job's fingerprint settles two requests that race."""
    key = fingerprint(kind=kind, roadmap=roadmap, actor=actor, params=params)
    alive = Job.objects.filter(fingerprint=key, status__in=(JobStatus.QUEUED, JobStatus.RUNNING))
    for _attempt in range(2):
        if (found := alive.first()) is not None:
            return found, False
        try:
            with transaction.atomic():
                made = Job.objects.create(
                    workspace=roadmap.workspace, roadmap=roadmap, actor=actor, kind=kind, params=params,
                    fingerprint=key, message=gettext_noop("Waiting for a free worker…"),
                    updated_at=timezone.now(),
                )  # fmt: skip
        except IntegrityError:
            continue  # another request made it between the look and the insert: that one is the run
        return made, True
    raise RuntimeError(f"no live {kind} job for {key} after two attempts")  # it finished at once, twice


def claim(job_id: int) -> bool:
    """Take a queued job for this thread; False when someone else took it first."""
    now = timezone.now()
    taken = patiently(lambda: Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, updated_at=now, message=gettext_noop("Starting…")
    ))  # fmt: skip
    return taken == 1


def claim_next() -> int | None:
    """The oldest queued job, claimed; None when the queue is empty."""
    while True:
        candidates = list(
            Job.objects.filter(status=JobStatus.QUEUED)
            .order_by("created_at", "id")
            .values_list("pk", flat=True)[:5]
        )
        if not candidates:
            return None
        for job_id in candidates:
            if claim(job_id):
                return job_id


def run_job(job_id: int) -> bool:
    """Claim and run one job in this thread; False if it was not queued any more."""
    if not claim(job_id):
        return False
    _execute(Job.objects.select_related("roadmap__workspace", "actor").get(pk=job_id))
    return True


def run_queued(*, limit: int | None = None, on_finished: Callable[[Job], None] | None = None) -> int:
    """Run queued jobs one after the other until none is left (or ``limit``); how many ran."""
    ran = 0
    while limit is None or ran < limit:
        job_id = claim_next()
        if job_id is None:
            break
        _execute(Job.objects.select_related("roadmap__workspace", "actor").get(pk=job_id))
        ran += 1
        if on_finished is not None:
            on_finished(Job.objects.get(pk=job_id))
    return ran


def recover_stale(*, now: Any = None) -> int:
    """Fail running jobs that gave no sign of life for ``STALE_AFTER``: their process is gone."""
    now = now or timezone.now()
    stale = Job.objects.filter(status=JobStatus.RUNNING, updated_at__lt=now - STALE_AFTER)
    return patiently(lambda: stale.update(
        status=JobStatus.FAILED, message=INTERRUPTED, message_params={}, finished_at=now, updated_at=now
    ))  # fmt: skip


def _reporter(job_id: int) -> Any:
    def progress(percent: int, message: str = "", /, **params: Any) -> None:
        changes: dict[str, Any] = {"progress": max(0, min(100, int(percent))), "updated_at": timezone.now()}
        if message:
            changes |= {"message": message, "message_params": params}
        patiently(lambda: Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(**changes))

    return progress


def _execute(job: Job) -> None:
    context = JobContext(job.pk, job.kind, job.params, job.roadmap, job.actor, _reporter(job.pk))
    try:
        with origin.acting(origin.Origin.JOB):
            result = function_for(job.kind)(context)
    except JobFailed as error:
        _finish(job, JobStatus.FAILED, message=error.message, params=error.params, error=str(error))
    except Exception as error:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        details = "".join(traceback.format_exception(error))
        _finish(job, JobStatus.FAILED, message=UNEXPECTED, error=details)
    else:
        _finish(job, JobStatus.DONE, message=gettext_noop("Done."), result=dict(result or {}))


def _finish(
    job: Job,
    status: JobStatus,
    *,
    message: str,
    params: Mapping[str, Any] | None = None,
    result: Mapping[str, Any] | None = None,
    error: str = "",
) -> None:
    now = timezone.now()
    changes: dict[str, Any] = {
        "status": status,
        "message": message,
        "message_params": dict(params or {}),
        "finished_at": now,
        "updated_at": now,
        "error": error,
    }
    if status == JobStatus.DONE:
        changes |= {"progress": 100, "result": dict(result or {})}
    patiently(lambda: Job.objects.filter(pk=job.pk).update(**changes))


def merge_result(job: Job, extra: Mapping[str, Any]) -> Job:
    """Add keys to a finished job's result (e.g. who applied it, and when)."""
    with transaction.atomic():
        current = Job.objects.select_for_update().get(pk=job.pk)
        current.result = {**current.result_data, **extra}
        current.save(update_fields=["result"])
    return current


# Reads ----------------------------------------------------------------------------------------------


def job_for(user: User, roadmap: Roadmap, job_id: int, *, kind: str | None = None) -> Job:
    """A job of ``roadmap`` that ``user`` may see; any other (another roadmap or workspace) is not found."""
    require(user, "view", roadmap.workspace)
    found = Job.objects.filter(pk=job_id, roadmap=roadmap, workspace=roadmap.workspace)
    if kind is not None:
        found = found.filter(kind=kind)
    job = found.select_related("actor").first()
    if job is None:
        raise NotFound
    return job


def recent_jobs(roadmap: Roadmap, *, kind: str, limit: int = 5) -> list[Job]:
    return list(Job.objects.filter(roadmap=roadmap, kind=kind).select_related("actor")[:limit])
