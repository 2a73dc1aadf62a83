"""When: put every activity in time without overloading anyone, meeting milestones.

``solve(problem, time_limit=..., seed=...)`` takes activities (durations in working days, finish-to-start
dependencies with lags, windows: earliest starts and latest finishes, deadlines), milestones, people or
teams (capacity per day, weekends, French public holidays by default, absences), each activity's demands
and the plan's end, and returns start dates. Objectives, in lexicographic order:

1. no overload, no broken dependency, nothing outside its window or after the plan's end (hard: never
   traded against anything else);
2. the least lateness against milestones and activity deadlines (working days, summed);
3. the shortest makespan;
4. the fewest moves from the current plan (working days, summed), so re-planning is stable.

Pinned activities keep their current start. When deadlines cannot all be met, the result lists
``conflicts``: which deadline, activities and people, and the minimal change that would fix it (extra
capacity per person, or a later deadline). When an activity cannot fit in its window or before the end,
the problem is infeasible and the conflicts name what does not fit, with fixes that keep every window:
extra capacity, a later end, or leaving out the activities of least value. Conflicts are codes, ids and
numbers; the shells translate.

``solve_rcpsp`` and ``parse_psplib`` are the plain RCPSP entry points used to measure the engine.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from jalon.engines.scheduling_explain import Conflict, ConflictCode, Fix, FixCode, explain
from jalon.engines.scheduling_model import Compiled, compile_problem, optimise
from jalon.engines.scheduling_rcpsp import (
    InvalidInstanceError,
    RcpspInstance,
    RcpspResult,
    Status,
    parse_psplib,
    solve_rcpsp,
)

__all__ = [
    "Absence",
    "Activity",
    "Conflict",
    "ConflictCode",
    "Demand",
    "Dependency",
    "Fix",
    "FixCode",
    "InvalidInstanceError",
    "InvalidProblemError",
    "Milestone",
    "Person",
    "Problem",
    "RcpspInstance",
    "RcpspResult",
    "Result",
    "ScheduledActivity",
    "Status",
    "parse_psplib",
    "solve",
    "solve_rcpsp",
]


class InvalidProblemError(ValueError):
    """A problem that refers to unknown ids or has impossible numbers."""


@dataclass(frozen=True)
class Absence:
    """Days off (inclusive). ``hours_per_day`` None means the whole capacity is away."""

    start: date
    end: date
    hours_per_day: float | None = None


@dataclass(frozen=True)
class Person:
    """A team member, or a team pooled as one resource (its capacity is the team's total)."""

    id: str
    capacity_hours_per_day: float = 7.0
    absences: tuple[Absence, ...] = ()
    working_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    is_team: bool = False


@dataclass(frozen=True)
class Demand:
    """What an activity needs from a person each of its days: hours, or a share of their capacity."""

    person_id: str
    hours_per_day: float | None = None
    share: float | None = None


@dataclass(frozen=True)
class Dependency:
    """Finish-to-start: this activity starts ``lag_days`` working days after the predecessor ends."""

    predecessor_id: str
    lag_days: int = 0


@dataclass(frozen=True)
class Activity:
    """``earliest_start`` and ``latest_finish`` are its window (hard); ``deadline`` is a wish (soft: lateness
    is minimised). ``value`` (the portfolio's) decides what to leave out first when not everything fits."""

    id: str
    duration_days: int
    demands: tuple[Demand, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    earliest_start: date | None = None
    deadline: date | None = None
    current_start: date | None = None
    pinned: bool = False
    latest_finish: date | None = None
    value: float = 0.0


@dataclass(frozen=True)
class Milestone:
    """Every listed activity must finish on or before ``deadline``."""

    id: str
    deadline: date
    activity_ids: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    """``end``: the plan's horizon; no activity that the scheduler places finishes after it (pinned ones
    keep their dates)."""

    start: date
    activities: tuple[Activity, ...]
    people: tuple[Person, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    holidays_country: str | None = "FR"
    extra_holidays: tuple[date, ...] = ()
    end: date | None = None


@dataclass(frozen=True)
class ScheduledActivity:
    id: str
    start: date
    finish: date
    """The last working day of the activity (its start if it lasts zero days)."""
    lateness_days: int
    moved_days: int


@dataclass(frozen=True)
class Result:
    status: Status
    activities: tuple[ScheduledActivity, ...] = ()
    makespan_days: int = 0
    lateness_days: int = 0
    lateness_days_by_milestone: Mapping[str, int] = field(default_factory=dict)
    moved_days: int = 0
    conflicts: tuple[Conflict, ...] = ()
    seconds: float = 0.0

    @property
    def on_time(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE) and self.lateness_days == 0

    def start_of(self, activity_id: str) -> date:
        for scheduled in self.activities:
            if scheduled.id == activity_id:
                return scheduled.start
        raise KeyError(activity_id)


def solve(problem: Problem, *, time_limit: float | timedelta, seed: int = 0) -> Result:
    """Schedule ``problem`` within ``time_limit`` (seconds or a timedelta) on one thread."""
    clock = time.perf_counter()
    seconds = time_limit.total_seconds() if isinstance(time_limit, timedelta) else float(time_limit)
    _validate(problem)
    compiled = compile_problem(problem)
    if compiled.hard_conflicts:
        return Result(
            Status.INFEASIBLE, conflicts=compiled.hard_conflicts, seconds=time.perf_counter() - clock
        )
    outcome = optimise(compiled, deadline=clock + 0.75 * seconds, seed=seed)
    if outcome.starts is None:
        status = Status.INFEASIBLE if outcome.proven_infeasible else Status.TIMED_OUT
        conflicts = (
            explain(compiled, None, deadline=clock + seconds, seed=seed) if outcome.proven_infeasible else ()
        )
        return Result(status, conflicts=conflicts, seconds=time.perf_counter() - clock)
    conflicts = explain(compiled, outcome.starts, deadline=clock + seconds, seed=seed)
    return _result(compiled, outcome.starts, outcome.status, conflicts, clock)


def _result(
    compiled: Compiled, starts: tuple[int, ...], status: Status, conflicts: tuple[Conflict, ...], clock: float
) -> Result:
    calendar = compiled.calendar
    scheduled: list[ScheduledActivity] = []
    for i, activity in enumerate(compiled.activities):
        finish_index = starts[i] + activity.duration_days
        scheduled.append(
            ScheduledActivity(
                id=activity.id,
                start=calendar.date_of(starts[i]),
                finish=calendar.date_of(max(starts[i], finish_index - 1)),
                lateness_days=compiled.activity_lateness(i, starts),
                moved_days=compiled.moved(i, starts),
            )
        )
    by_milestone = {m.id: compiled.milestone_lateness(k, starts) for k, m in enumerate(compiled.milestones)}
    return Result(
        status=status,
        activities=tuple(scheduled),
        makespan_days=compiled.makespan(starts),
        lateness_days=compiled.total_lateness(starts),
        lateness_days_by_milestone=by_milestone,
        moved_days=sum(s.moved_days for s in scheduled),
        conflicts=conflicts,
        seconds=time.perf_counter() - clock,
    )


def _validate(problem: Problem) -> None:
    activity_ids = [a.id for a in problem.activities]
    people_ids = [p.id for p in problem.people]
    for kind, ids in (("activity", activity_ids), ("person", people_ids)):
        if len(set(ids)) != len(ids):
            raise InvalidProblemError(f"duplicate {kind} id")
    known_activities, known_people = set(activity_ids), set(people_ids)
    for person in problem.people:
        if not (math.isfinite(person.capacity_hours_per_day) and person.capacity_hours_per_day > 0):
            raise InvalidProblemError(f"person {person.id}: capacity must be positive")
        if any(a.end < a.start for a in person.absences):
            raise InvalidProblemError(f"person {person.id}: absence ends before it starts")
    if problem.end is not None and problem.end < problem.start:
        raise InvalidProblemError("the end is before the start")
    for activity in problem.activities:
        if activity.duration_days < 0:
            raise InvalidProblemError(f"activity {activity.id}: negative duration")
        if not math.isfinite(activity.value) or activity.value < 0:
            raise InvalidProblemError(f"activity {activity.id}: value must be a finite number, not negative")
        window = (activity.earliest_start, activity.latest_finish)
        if window[0] is not None and window[1] is not None and window[1] < window[0]:
            raise InvalidProblemError(f"activity {activity.id}: latest finish before earliest start")
        if activity.pinned and activity.current_start is None:
            raise InvalidProblemError(f"activity {activity.id}: pinned without a current start")
        for dependency in activity.dependencies:
            if dependency.predecessor_id not in known_activities:
                raise InvalidProblemError(
                    f"activity {activity.id}: unknown predecessor {dependency.predecessor_id}"
                )
            if dependency.lag_days < 0:
                raise InvalidProblemError(f"activity {activity.id}: negative lag")
        for demand in activity.demands:
            if demand.person_id not in known_people:
                raise InvalidProblemError(f"activity {activity.id}: unknown person {demand.person_id}")
            if (demand.hours_per_day is None) == (demand.share is None):
                raise InvalidProblemError(f"activity {activity.id}: give hours_per_day or share, not both")
            if (demand.hours_per_day or 0) < 0 or (demand.share or 0) < 0:
                raise InvalidProblemError(f"activity {activity.id}: negative demand")
    for milestone in problem.milestones:
        for activity_id in milestone.activity_ids:
            if activity_id not in known_activities:
                raise InvalidProblemError(f"milestone {milestone.id}: unknown activity {activity_id}")
