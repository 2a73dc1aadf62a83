"""« Optimiser le portefeuille » as a background job, for roadmaps with many activities to choose from.

A run of up to ``INLINE_MAX_CANDIDATES`` candidates is answered inside the request, as it always was
(``portfolio.propose``, ``TIME_LIMIT_SECONDS``). A larger one is queued as a ``"portfolio"`` job
(``jalon.jobs``) with ``BACKGROUND_SECONDS`` to search and explain; its page follows the progress, then
shows the proposal the job computed, rebuilt from the result it stored (``proposal_of_job``).

The job also stores a signature of everything the optimiser read (``plan_signature``): when the plan has
changed since, the page says so and offers to run again instead of saving an outdated proposal.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils.translation import gettext_noop

from jalon.accounts.models import User
from jalon.engines import portfolio as engine
from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.jobs.registry import JobContext, JobFailed
from jalon.planning.portfolio.problem import SEED, Plan, Rules, build_problem, load_plan
from jalon.planning.portfolio.proposal import Proposal, proposal_from
from jalon.refusals import refusal_message
from jalon.workspaces.permissions import require_actor

JOB_KIND = "portfolio"
INLINE_MAX_CANDIDATES = 150
"""Up to this many activities to choose from, the page waits for the answer; beyond, a background job."""
BACKGROUND_SECONDS = 20.0
"""Time limit of a background run: the search, then the reasons' re-solves (see docs/portfolio.md)."""

CHOOSING = (15, 90)
"""The job's progress bar while the engine works: its share of the work done, mapped onto this range."""
READING = gettext_noop("Reading the roadmap…")
COUNTED = gettext_noop("Activities to choose from: {count}.")
SEARCHING = gettext_noop("Choosing the best portfolio…")
EXPLAINING = gettext_noop("Explaining each choice…")
COMPARING = gettext_noop("Comparing with the current plan…")


# What the optimiser read --------------------------------------------------------------------------------


def plan_signature(plan: Plan) -> str:
    """A fingerprint of everything the optimiser reads from the plan, computed from the loaded plan (no
    query): any saved change of an activity, thematic group or person (their ``version``), any added or
    removed objective, assignment, dependency, absence or objective link, and any change of the work
    booked on the workspace's other roadmaps (``Plan.elsewhere``: capacity already used) gives another one."""
    facts = {
        "fiscal_year_start_month": plan.roadmap.fiscal_year_start_month,
        "themes": [[t.key, t.version, str(t.budget), t.is_maintenance] for t in plan.themes],
        "people": [
            [p.key, p.version, p.capacity_hours_per_week,
             [[a.start.isoformat(), a.end.isoformat()] for a in p.absences.all()]]
            for p in plan.people
        ],
        "objectives": [o.key for o in plan.objectives],
        "elsewhere": [list(booking) for booking in plan.elsewhere],  # dates as text (default=str)
        "activities": [
            [a.key, a.version, a.status, a.theme.key if a.theme else None, a.owner.key if a.owner else None,
             sorted(o.key for o in a.objectives.all()),
             [[s.person.key, s.hours_per_week] for s in a.assignments.all()],
             [[link.predecessor.key, link.predecessor.status] for link in a.predecessor_links.all()]]
            for a in plan.activities
        ],
    }  # fmt: skip
    text = json.dumps(facts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# Starting a run -----------------------------------------------------------------------------------------


def start_run(*, actor: User | None, plan: Plan, rules: Rules) -> Job | None:
    """Queue a background run of ``rules`` on a large plan; None for a small plan (run it inline)."""
    require_actor(actor, "edit", plan.roadmap)
    if len(plan.candidates) <= INLINE_MAX_CANDIDATES:
        return None
    return jobs.start_job(
        kind=JOB_KIND,
        roadmap=plan.roadmap,
        actor=actor,
        params={"rules": rules.as_json(), "seconds": BACKGROUND_SECONDS},
    )


class _Reporter:
    """The engine's share of the work done, as the job's percent and message, written only on a change
    (each write is a database update)."""

    def __init__(self, context: JobContext) -> None:
        self.context = context
        self.shown: tuple[int, str] = (0, "")

    def __call__(self, percent: int, message: str) -> None:
        if (percent, message) != self.shown and percent >= self.shown[0]:
            self.shown = (percent, message)
            self.context.progress(percent, message)

    def engine(self, fraction: float) -> None:
        low, high = CHOOSING
        self(low + round((high - low) * fraction), SEARCHING if fraction < 0.5 else EXPLAINING)


def portfolio_job(context: JobContext) -> dict[str, Any]:
    """The "portfolio" job: read the roadmap, choose and explain, and return the result as JSON with the
    activities it chose from and the plan's signature."""
    if context.roadmap is None:
        raise JobFailed(gettext_noop("This job needs a roadmap."))
    rules = Rules.from_json(context.params.get("rules") or {})
    seconds = float(context.params.get("seconds", BACKGROUND_SECONDS))
    context.progress(5, READING)
    plan = load_plan(context.roadmap)
    built = build_problem(plan, rules)
    context.progress(10, COUNTED, count=len(built.problem.activities))
    report = _Reporter(context)
    report(CHOOSING[0], SEARCHING)
    try:
        result = engine.solve(built.problem, time_limit=seconds, seed=SEED, progress=report.engine)
    except engine.ProblemError as error:
        message, params = refusal_message(error)  # worded on the page, in its reader's language
        raise JobFailed(message, **params) from error
    context.progress(95, COMPARING)
    return {
        "result": result.as_json(),
        "candidates": [a.key for a in plan.candidates],
        "signature": plan_signature(plan),
    }


# Reading a run ------------------------------------------------------------------------------------------


def rules_of(job: Job) -> Rules:
    return Rules.from_json(job.params.get("rules") or {})


def is_stale(plan: Plan, job: Job) -> bool:
    """The plan changed since the job read it (its proposal is not about the plan of now)."""
    return job.result_data.get("signature") != plan_signature(plan)


def proposal_of_job(plan: Plan, job: Job) -> Proposal:
    """The proposal a finished job computed, as the page shows it: its result and the activities it chose
    from, with the words and the comparison of the plan of now."""
    data = job.result_data
    return proposal_from(
        build_problem(plan, rules_of(job)),
        engine.Result.from_json(data["result"]),
        candidates=data.get("candidates"),
    )


def proposal_to_save(plan: Plan, job: Job, rules: Rules) -> Proposal | None:
    """The job's proposal when it answers exactly these rules on the plan of now; None otherwise."""
    if job.kind != JOB_KIND or job.roadmap_id != plan.roadmap.pk or job.status != JobStatus.DONE:
        return None
    if rules_of(job) != rules or is_stale(plan, job):
        return None
    return proposal_of_job(plan, job)
