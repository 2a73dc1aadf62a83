"""Running the scheduler on a roadmap: answered inside the request for a small roadmap, as a background
job (``"schedule"``, ``jalon.jobs``) otherwise. The job stores a ``Proposal`` (``proposal.py``) as JSON;
the engine reports its progress itself (``solve(..., progress=...)``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jalon.accounts.models import User
from jalon.engines import scheduling as engine
from jalon.errors import ValidationFailed
from jalon.formatting import format_long_date
from jalon.jobs import services as jobs
from jalon.jobs.models import Job
from jalon.jobs.registry import JobContext, JobFailed, Progress
from jalon.planning.models import Activity, Status
from jalon.planning.schedule.problem import APPROVED, build_problem, default_start, load_plan
from jalon.planning.schedule.proposal import proposal_of
from jalon.refusals import refusal_message
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor

JOB_KIND = "schedule"
INLINE_MAX_ACTIVITIES = 50
"""Up to this many activities to schedule, the page waits for the answer; beyond, a background job."""
INLINE_SECONDS = 2.0
BACKGROUND_SECONDS = 8.0
SEED = 0


STABLE_SHARE = 0.6
"""Share of the time for the first, stable search (nothing pulled earlier than planned)."""


SEARCHING = gettext_noop("Searching for the best schedule…")


def solve_with_progress(
    problem: engine.Problem, *, seconds: float, progress: Progress, percents: tuple[int, int] = (10, 90)
) -> engine.Result:
    """Solve, passing on the engine's share of the work done as the job's percent (written only when the
    percent changes: each report is a database update)."""
    low, high = percents
    shown = [low]

    def report(fraction: float) -> None:
        percent = low + round((high - low) * fraction)
        if percent > shown[0]:
            shown[0] = percent
            progress(percent, SEARCHING)

    return engine.solve(problem, time_limit=seconds, seed=SEED, progress=report)


def _better(free: engine.Result, stable: engine.Result) -> bool:
    if not free.found:
        return False
    if not stable.found:
        return True
    return free.lateness_days < stable.lateness_days


def schedule_job(context: JobContext) -> dict[str, Any]:
    """The "schedule" job: read the roadmap, solve, and return the proposal as JSON.

    A first search only pushes activities later than planned (a campaign planned for December stays in
    December even if the team is free in June); only when it misses a deadline does a second search
    also pull activities earlier, and its plan is kept if it is less late.
    """
    if context.roadmap is None:
        raise JobFailed(gettext_noop("This job needs a roadmap."))
    start = date.fromisoformat(str(context.params["start"]))
    seconds = float(context.params.get("seconds", BACKGROUND_SECONDS))
    ideas = [str(key) for key in context.params.get("ideas") or []]
    context.progress(5, gettext_noop("Reading the roadmap…"))
    plan = load_plan(context.roadmap)
    built = build_problem(plan, start=start, keep_later=True, ideas=ideas)
    context.progress(
        10, gettext_noop("Activities to schedule: {count}."), count=len(built.problem.activities)
    )
    try:
        result = solve_with_progress(
            built.problem, seconds=seconds * STABLE_SHARE, progress=context.progress, percents=(10, 55)
        )
        if not result.on_time and built.movable:
            free = build_problem(plan, start=start, ideas=ideas)
            other = solve_with_progress(
                free.problem,
                seconds=seconds * (1 - STABLE_SHARE),
                progress=context.progress,
                percents=(55, 90),
            )
            if _better(other, result):
                built, result = free, other
            elif dict(other.lateness_days_by_milestone) == dict(result.lateness_days_by_milestone):
                # Same deadlines missed by as much: the free search names the real reasons (not the
                # rule that nothing moves earlier), so its explanations go with the stable plan.
                result = replace(result, conflicts=other.conflicts)
    except engine.InvalidProblemError as error:
        message, params = refusal_message(error)  # worded on the page, in its reader's language
        raise JobFailed(message, **params) from error
    context.progress(95, gettext_noop("Comparing with the current plan…"))
    return proposal_of(plan, built, result).as_json()


def approved_count(roadmap: Roadmap, *, ideas: Iterable[str] = ()) -> int:
    """Planned and in-progress activities, and the selected ideas: what the scheduler will look at."""
    approved = Activity.objects.filter(roadmap=roadmap, status__in=APPROVED).count()
    return (
        approved + Activity.objects.filter(roadmap=roadmap, status=Status.IDEA, key__in=list(ideas)).count()
    )


def run_schedule(
    *, actor: User | None, roadmap: Roadmap, start: date | None = None, ideas: Iterable[str] = ()
) -> Job:
    """Start scheduling ``roadmap`` (its approved work and the selected ``ideas``): answered at once for a
    small roadmap, as a background job otherwise."""
    require_actor(actor, "edit", roadmap)
    start = start or default_start(roadmap, today=timezone.localdate())
    if start > roadmap.end:
        message = _("Plan from a day on or before the end of the roadmap ({date}).")
        raise ValidationFailed({"start": [message.format(date=format_long_date(roadmap.end))]})
    keys = sorted(set(ideas))
    inline = approved_count(roadmap, ideas=keys) <= INLINE_MAX_ACTIVITIES
    params = {
        "start": start.isoformat(),
        "seconds": INLINE_SECONDS if inline else BACKGROUND_SECONDS,
        "ideas": keys,
    }
    return jobs.start_job(kind=JOB_KIND, roadmap=roadmap, actor=actor, params=params, inline=inline)
