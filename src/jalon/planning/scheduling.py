"""Plan the schedule of a roadmap ("Planifier"): models -> the scheduling engine's problem; its answer ->
a proposal (every moved activity, old and new dates, lateness, conflicts); applying a proposal through
the planning services in one transaction, with history.

How a roadmap becomes a problem:

- the plan starts on the chosen day (by default the roadmap's start, or today once it has begun); the
  scheduler never puts work before it;
- an activity lasts its working days (Monday–Friday without French public holidays) from start to end;
  without dates, its effort shared by its assignees (``effort_days / assignees``, rounded up); with
  neither it is left out and listed;
- done activities, and activities that ended before the plan starts, are fixed in the past: they are
  not scheduled, and their successors start after them; dropped ones are ignored;
- pinned activities keep their dates (what remains of them from the plan start); in-progress ones too,
  and their people's hours are taken from their capacity as already spent, so an overlap that has
  already started never makes the whole plan impossible;
- finish-to-start dependencies keep their lag, counted in working days (never less than the calendar
  days the dependency asks, so an applied plan breaks no dependency);
- each milestone not reached yet is a deadline for its linked activities;
- people have ``capacity_hours_per_week / 5`` hours a day, minus absences; an assignment of ``h`` hours a
  week asks ``h / 5`` hours on each day of the activity;
- the current dates are the reference plan: among equally good plans the engine moves the least.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import holidays
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jalon.accounts.models import User
from jalon.engines import scheduling as engine
from jalon.errors import Conflict, ValidationFailed
from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.jobs.registry import JobContext, JobFailed, Progress
from jalon.planning import services
from jalon.planning.models import Absence, Activity, Assignment, Dependency, Milestone, Person, Status
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor

JOB_KIND = "schedule"
INLINE_MAX_ACTIVITIES = 50
"""Up to this many activities to schedule, the page waits for the answer; beyond, a background job."""
INLINE_SECONDS = 2.0
BACKGROUND_SECONDS = 8.0
HOLIDAYS_COUNTRY = "FR"
WORKING_DAYS_PER_WEEK = 5
SCHEDULABLE = (Status.IDEA, Status.PLANNED, Status.IN_PROGRESS)


# Reading the roadmap (a fixed number of queries whatever its size) ----------------------------------


@dataclass(frozen=True)
class Plan:
    """Every row the scheduler needs, loaded at once."""

    roadmap: Roadmap
    activities: list[Activity]
    dependencies: list[Dependency]
    assignments: list[Assignment]
    people: list[Person]
    absences: dict[int, list[Absence]]
    milestones: list[Milestone]
    milestone_activities: dict[int, list[int]]

    @property
    def activity_by_id(self) -> dict[int, Activity]:
        return {a.pk: a for a in self.activities}


def load_plan(roadmap: Roadmap) -> Plan:
    absences: dict[int, list[Absence]] = defaultdict(list)
    for absence in Absence.objects.filter(person__roadmap=roadmap).order_by("start"):
        absences[absence.person_id].append(absence)
    links: dict[int, list[int]] = defaultdict(list)
    # Ordered: without it PostgreSQL returns the links in no fixed order, and the problem (and the
    # milestone's activities as the engine sees them) would change from one run to the next.
    through = Milestone.activities.through.objects.filter(milestone__roadmap=roadmap).order_by(
        "milestone_id", "id"
    )
    for milestone_id, activity_id in through.values_list("milestone_id", "activity_id"):
        links[milestone_id].append(activity_id)
    return Plan(
        roadmap=roadmap,
        activities=list(Activity.objects.filter(roadmap=roadmap)),
        dependencies=list(Dependency.objects.filter(successor__roadmap=roadmap)),
        assignments=list(Assignment.objects.filter(activity__roadmap=roadmap)),
        people=list(Person.objects.filter(roadmap=roadmap)),
        absences=dict(absences),
        milestones=list(Milestone.objects.filter(roadmap=roadmap)),
        milestone_activities=dict(links),
    )


def default_start(roadmap: Roadmap, *, today: date) -> date:
    """The roadmap's start, or today once it has begun: the scheduler never plans in the past."""
    return max(roadmap.start, today)


# Models -> engine problem ---------------------------------------------------------------------------


class WorkingDays:
    """Monday–Friday without public holidays, to turn dates into durations the engine counts."""

    def __init__(self, first: date, last: date, *, country: str | None = HOLIDAYS_COUNTRY) -> None:
        years = range(first.year, last.year + 1)
        self.closed = frozenset(holidays.country_holidays(country, years=years)) if country else frozenset()

    def between(self, first: date, last: date) -> int:
        """Working days from ``first`` to ``last``, both included."""
        count, day = 0, first
        while day <= last:
            if day.weekday() < WORKING_DAYS_PER_WEEK and day not in self.closed:
                count += 1
            day += timedelta(days=1)
        return count


@dataclass(frozen=True)
class Built:
    problem: engine.Problem
    start: date
    movable: frozenset[str]
    """Keys of the activities the scheduler may move (the others are fixed)."""
    skipped: tuple[str, ...]
    """Keys of activities left out: no dates and no effort to size them."""
    idle_people: tuple[str, ...]
    """Keys of people without capacity: their assignments do not constrain the plan."""


def _span(plan: Plan, start: date) -> tuple[date, date]:
    dates = [start] + [d for a in plan.activities for d in (a.start, a.end) if d is not None]
    return min(dates), max(dates)


def _dated(activity: Activity) -> bool:
    return activity.start is not None and activity.end is not None


def _started(activity: Activity) -> bool:
    """In progress with dates: a fact, not a choice. Its hours are taken from its people's capacity and
    it is not scheduled, so an overlap it already causes never makes the whole plan impossible."""
    return activity.status == Status.IN_PROGRESS and _dated(activity)


def _pinned(activity: Activity) -> bool:
    return activity.pinned and _dated(activity) and not _started(activity)


def _over_before(activity: Activity, start: date) -> bool:
    """Done, or fixed and already over when the plan starts: it only holds back its successors."""
    if activity.status == Status.DONE:
        return True
    fixed = _started(activity) or _pinned(activity)
    return fixed and activity.end is not None and activity.end < start


class _Builder:
    """One pass over the plan's rows; ``build_problem`` is its public face."""

    def __init__(self, plan: Plan, start: date, country: str | None, *, keep_later: bool) -> None:
        self.plan, self.start, self.keep_later = plan, start, keep_later
        self.days = WorkingDays(*_span(plan, start), country=country)
        self.by_id = plan.activity_by_id
        self.people = {p.pk: p for p in plan.people if p.capacity_hours_per_week > 0}
        self.assignees: dict[int, list[Assignment]] = defaultdict(list)
        for assignment in plan.assignments:
            if assignment.person_id in self.people and assignment.hours_per_week > 0:
                self.assignees[assignment.activity_id].append(assignment)
        self.off_days = {a.pk for a in plan.activities if self._off_days_only(a)}
        self.outside = (
            self.off_days
            | {
                a.pk
                for a in plan.activities
                if a.status in SCHEDULABLE and (_over_before(a, start) or _started(a))
            }
            | {a.pk for a in plan.activities if a.status == Status.DONE}
        )
        self.busy: dict[int, list[engine.Absence]] = defaultdict(list)
        self.earliest: dict[int, date] = {}
        self.included: dict[int, engine.Activity] = {}
        self.movable: set[str] = set()
        self.skipped: list[str] = []

    def run(self) -> None:
        for link in self.plan.dependencies:
            before = self.by_id[link.predecessor_id]
            if link.predecessor_id in self.outside and before.end is not None:
                after = link.earliest_successor_start(before.end)
                self.earliest[link.successor_id] = max(
                    after, self.earliest.get(link.successor_id, self.start)
                )
        for activity in self.plan.activities:
            if activity.status not in SCHEDULABLE or _over_before(activity, self.start):
                continue
            if activity.pk in self.off_days:
                continue  # a weekend or holiday event: it takes no working day, nothing to schedule
            if _started(activity):
                self._take_hours(activity)
            elif _pinned(activity):
                self._pin(activity)
            else:
                self._schedule(activity)

    def _off_days_only(self, activity: Activity) -> bool:
        if activity.start is None or activity.end is None:
            return False
        return self.days.between(activity.start, activity.end) == 0

    def _demands(self, activity: Activity) -> tuple[engine.Demand, ...]:
        return tuple(
            engine.Demand(
                self.people[a.person_id].key, hours_per_day=a.hours_per_week / WORKING_DAYS_PER_WEEK
            )
            for a in self.assignees[activity.pk]
        )

    def _take_hours(self, activity: Activity) -> None:
        assert activity.start is not None and activity.end is not None
        first = max(activity.start, self.start)
        for a in self.assignees[activity.pk]:
            hours = a.hours_per_week / WORKING_DAYS_PER_WEEK
            self.busy[a.person_id].append(engine.Absence(first, activity.end, hours_per_day=hours))

    def _pin(self, activity: Activity) -> None:
        assert activity.start is not None and activity.end is not None
        current = max(activity.start, self.start)  # what remains of it from the plan start
        duration = self.days.between(current, activity.end)
        self.included[activity.pk] = engine.Activity(
            activity.key, duration, self._demands(activity), current_start=current, pinned=True
        )

    def _schedule(self, activity: Activity) -> None:
        duration = _duration(activity, self.days, len(self.assignees[activity.pk]))
        if duration is None:
            self.skipped.append(activity.key)
            return
        self.movable.add(activity.key)
        earliest = self.earliest.get(activity.pk, self.start)
        if self.keep_later and activity.start is not None:
            earliest = max(earliest, activity.start)
        self.included[activity.pk] = engine.Activity(
            activity.key,
            duration,
            self._demands(activity),
            earliest_start=earliest,
            current_start=activity.start,
        )

    def person(self, person: Person) -> engine.Person:
        away = [engine.Absence(a.start, a.end) for a in self.plan.absences.get(person.pk, [])]
        return engine.Person(
            person.key,
            capacity_hours_per_day=person.capacity_hours_per_week / WORKING_DAYS_PER_WEEK,
            absences=tuple(away + self.busy.get(person.pk, [])),
        )


def build_problem(
    plan: Plan, *, start: date, country: str | None = HOLIDAYS_COUNTRY, keep_later: bool = False
) -> Built:
    """The engine's problem for ``plan`` from ``start``; with ``keep_later`` no dated activity may start
    earlier than it does now (it may only be pushed later)."""
    builder = _Builder(plan, start, country, keep_later=keep_later)
    builder.run()
    return Built(
        problem=engine.Problem(
            start=start,
            activities=tuple(_with_dependencies(builder.included, plan, builder.by_id)),
            people=tuple(builder.person(p) for p in builder.people.values()),
            milestones=tuple(_milestones(plan, builder.included, builder.by_id)),
            holidays_country=country,
        ),
        start=start,
        movable=frozenset(builder.movable),
        skipped=tuple(builder.skipped),
        idle_people=tuple(p.key for p in plan.people if p.pk not in builder.people),
    )


def _duration(activity: Activity, days: WorkingDays, assignees: int) -> int | None:
    if activity.start is not None and activity.end is not None:
        return max(1, days.between(activity.start, activity.end))
    if activity.effort_days > 0:
        return max(1, math.ceil(activity.effort_days / max(1, assignees)))
    return None


def _with_dependencies(
    included: Mapping[int, engine.Activity], plan: Plan, by_id: Mapping[int, Activity]
) -> Iterable[engine.Activity]:
    links: dict[int, list[engine.Dependency]] = defaultdict(list)
    for link in plan.dependencies:
        if link.predecessor_id in included and link.successor_id in included:
            links[link.successor_id].append(
                engine.Dependency(by_id[link.predecessor_id].key, lag_days=max(0, link.lag_days))
            )
    for pk, activity in included.items():
        if links[pk]:
            yield replace(activity, dependencies=tuple(links[pk]))
        else:
            yield activity


def _milestones(
    plan: Plan, included: Mapping[int, engine.Activity], by_id: Mapping[int, Activity]
) -> Iterable[engine.Milestone]:
    for milestone in plan.milestones:
        members = [by_id[i].key for i in plan.milestone_activities.get(milestone.pk, []) if i in included]
        if milestone.reached_on is None and members:
            yield engine.Milestone(milestone.key, milestone.date, tuple(members))


# Running the engine ------------------------------------------------------------------------------------


STABLE_SHARE = 0.6
"""Share of the time for the first, stable search (nothing pulled earlier than planned)."""


def solve_with_progress(
    problem: engine.Problem, *, seconds: float, progress: Progress, percents: tuple[int, int] = (10, 90)
) -> engine.Result:
    """Solve in a helper thread while this one reports the time spent as progress."""
    clock = time.monotonic()
    low, high = percents
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="jalon-solve") as pool:
        future = pool.submit(engine.solve, problem, time_limit=seconds, seed=0)
        while True:
            try:
                return future.result(timeout=0.5)
            except TimeoutError:
                share = min(1.0, (time.monotonic() - clock) / seconds)
                progress(low + round((high - low) * share), gettext_noop("Searching for the best schedule…"))


def _better(free: engine.Result, stable: engine.Result) -> bool:
    if free.status not in (engine.Status.OPTIMAL, engine.Status.FEASIBLE):
        return False
    if stable.status not in (engine.Status.OPTIMAL, engine.Status.FEASIBLE):
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
    context.progress(5, gettext_noop("Reading the roadmap…"))
    plan = load_plan(context.roadmap)
    built = build_problem(plan, start=start, keep_later=True)
    context.progress(
        10, gettext_noop("Activities to schedule: {count}."), count=len(built.problem.activities)
    )
    try:
        result = solve_with_progress(
            built.problem, seconds=seconds * STABLE_SHARE, progress=context.progress, percents=(10, 55)
        )
        if not result.on_time and built.movable:
            free = build_problem(plan, start=start)
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
        raise JobFailed(
            gettext_noop("The roadmap cannot be scheduled: {reason}"), reason=str(error)
        ) from error
    context.progress(95, gettext_noop("Comparing with the current plan…"))
    return proposal_json(plan, built, result)


def schedulable_count(roadmap: Roadmap) -> int:
    return Activity.objects.filter(roadmap=roadmap, status__in=SCHEDULABLE).count()


def run_schedule(*, actor: User | None, roadmap: Roadmap, start: date | None = None) -> Job:
    """Start scheduling ``roadmap``: answered at once for a small roadmap, as a background job otherwise."""
    require_actor(actor, "edit", roadmap.workspace)
    start = start or default_start(roadmap, today=timezone.localdate())
    inline = schedulable_count(roadmap) <= INLINE_MAX_ACTIVITIES
    params = {"start": start.isoformat(), "seconds": INLINE_SECONDS if inline else BACKGROUND_SECONDS}
    return jobs.start_job(kind=JOB_KIND, roadmap=roadmap, actor=actor, params=params, inline=inline)


# Engine result -> proposal (JSON, stored in the job) ------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def proposal_json(plan: Plan, built: Built, result: engine.Result) -> dict[str, Any]:
    by_key = {a.key: a for a in plan.activities}
    moves: list[dict[str, Any]] = []
    for scheduled in result.activities:
        activity = by_key[scheduled.id]
        if scheduled.id not in built.movable:
            continue
        if activity.end is not None and (
            activity.start == scheduled.start
            or (scheduled.moved_days == 0 and activity.start is not None and activity.start >= built.start)
        ):
            continue  # the same working days (maybe from a weekend start): its dates stay as they are
        moves.append({
            "key": activity.key, "title": activity.title, "version": activity.version,
            "old_start": _iso(activity.start), "old_end": _iso(activity.end),
            "new_start": _iso(scheduled.start), "new_end": _iso(scheduled.finish),
        })  # fmt: skip
    return {
        "start": built.start.isoformat(),
        "status": result.status.value,
        "seconds": round(result.seconds, 2),
        "scheduled": len(result.activities),
        "makespan_days": result.makespan_days,
        "lateness_days": result.lateness_days,
        "lateness_by_milestone": dict(result.lateness_days_by_milestone),
        "moved_days": result.moved_days,
        "moves": moves,
        "conflicts": [_conflict_json(c) for c in result.conflicts],
        "skipped": list(built.skipped),
        "idle_people": list(built.idle_people),
    }


def _conflict_json(conflict: engine.Conflict) -> dict[str, Any]:
    return {
        "code": conflict.code.value,
        "activities": list(conflict.activity_ids),
        "people": list(conflict.person_ids),
        "deadline_id": conflict.deadline_id,
        "deadline": _iso(conflict.deadline),
        "days_late": conflict.days_late,
        "fixes": [
            {
                "code": fix.code.value,
                "target": fix.target_id,
                "hours_per_day": fix.hours_per_day,
                "new_deadline": _iso(fix.new_deadline),
                "days": fix.days,
            }
            for fix in conflict.fixes
        ],
    }


def has_schedule(result: Mapping[str, Any]) -> bool:
    return result.get("status") in (engine.Status.OPTIMAL.value, engine.Status.FEASIBLE.value)


# Applying a proposal ------------------------------------------------------------------------------------


def apply_job(*, actor: User | None, roadmap: Roadmap, job: Job) -> int:
    """Move every activity as the proposal says, all or nothing; how many moved.

    An activity changed or deleted since the proposal was computed is a ``Conflict``: nothing moves.
    """
    require_actor(actor, "edit", roadmap.workspace)
    result = job.result_data
    if job.kind != JOB_KIND or job.roadmap_id != roadmap.pk or job.status != JobStatus.DONE:
        raise ValidationFailed({"__all__": [_("This proposal is not finished.")]})
    if not has_schedule(result):
        raise ValidationFailed({"__all__": [_("This proposal has no schedule to apply.")]})
    if result.get("applied_at"):
        raise ValidationFailed({"__all__": [_("This proposal was already applied.")]})
    moves: list[dict[str, Any]] = list(result.get("moves") or [])
    with transaction.atomic():
        found = {
            a.key: a for a in Activity.objects.filter(roadmap=roadmap, key__in=[m["key"] for m in moves])
        }
        for move in moves:
            activity = found.get(move["key"])
            if activity is None:
                raise Conflict(current_version=0, changes={"key": (None, move["key"])})
            services.move_activity(
                actor=actor,
                activity=activity,
                expected_version=int(move["version"]),
                start=date.fromisoformat(move["new_start"]),
                end=date.fromisoformat(move["new_end"]),
                confirm=True,  # the whole plan respects every dependency once all moves are saved
            )
        jobs.merge_result(
            job,
            {
                "applied_at": timezone.now().isoformat(),
                "applied_by": actor.pk if actor else None,
                "applied_by_name": (actor.display_name or actor.email) if actor else "",
            },
        )
    return len(moves)
