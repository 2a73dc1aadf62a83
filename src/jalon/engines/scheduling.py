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
from datetime import timedelta

from jalon.engines import scheduling_types
from jalon.engines.progress import ProgressCallback, Rising
from jalon.engines.scheduling_explain import explain, static_conflicts
from jalon.engines.scheduling_model import Compiled, compile_problem, optimise
from jalon.engines.scheduling_rcpsp import (
    InvalidInstanceError,
    RcpspInstance,
    RcpspResult,
    parse_psplib,
    solve_rcpsp,
)
from jalon.engines.scheduling_types import *  # noqa: F403 (the data types are this module's API too)
from jalon.engines.scheduling_types import (
    Activity,
    Conflict,
    InvalidProblemError,
    Problem,
    ProblemCode,
    Result,
    ScheduledActivity,
    Status,
)

__all__ = [
    *scheduling_types.__all__,
    "InvalidInstanceError",
    "RcpspInstance",
    "RcpspResult",
    "parse_psplib",
    "solve",
    "solve_rcpsp",
]


COMPILED, SEARCHED = 0.05, 0.75
"""Shares of the work reported once the problem is compiled and once the search is over; the stages of
the search (lateness, makespan, moves) share the range between, the explanations the rest."""


def solve(
    problem: Problem,
    *,
    time_limit: float | timedelta,
    seed: int = 0,
    progress: ProgressCallback | None = None,
) -> Result:
    """Schedule ``problem`` within ``time_limit`` (seconds or a timedelta) on one thread. ``progress``
    receives the share of the work done (0 to 1) after each step: the problem compiled, each stage of the
    search, the explanations; it is called only when the share grows and always ends at 1.0. It changes
    nothing in the answer."""
    report = Rising(progress)
    result = _solve(problem, time_limit=time_limit, seed=seed, report=report)
    report(1.0)
    return result


def _solve(problem: Problem, *, time_limit: float | timedelta, seed: int, report: Rising) -> Result:
    clock = time.perf_counter()
    seconds = time_limit.total_seconds() if isinstance(time_limit, timedelta) else float(time_limit)
    _validate(problem)
    compiled = compile_problem(problem)
    hard_conflicts = static_conflicts(compiled)
    report(COMPILED)
    if hard_conflicts:
        return Result(Status.INFEASIBLE, conflicts=hard_conflicts, seconds=time.perf_counter() - clock)
    outcome = optimise(
        compiled,
        deadline=clock + 0.75 * seconds,
        seed=seed,
        progress=lambda done, total: report(COMPILED + (SEARCHED - COMPILED) * done / total),
    )
    report(SEARCHED)
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
    code, error = ProblemCode, InvalidProblemError
    activity_ids = [a.id for a in problem.activities]
    people_ids = [p.id for p in problem.people]
    if len(set(activity_ids)) != len(activity_ids):
        raise error(code.DUPLICATE_ACTIVITY)
    if len(set(people_ids)) != len(people_ids):
        raise error(code.DUPLICATE_PERSON)
    known_activities, known_people = set(activity_ids), set(people_ids)
    for person in problem.people:
        if not (math.isfinite(person.capacity_hours_per_day) and person.capacity_hours_per_day > 0):
            raise error(code.CAPACITY_NOT_POSITIVE, person=person.id)
        if any(a.end < a.start for a in person.absences):
            raise error(code.ABSENCE_REVERSED, person=person.id)
    if problem.end is not None and problem.end < problem.start:
        raise error(code.END_BEFORE_START)
    for activity in problem.activities:
        _validate_activity(activity, known_activities, known_people)
    for milestone in problem.milestones:
        for activity_id in milestone.activity_ids:
            if activity_id not in known_activities:
                raise error(code.MILESTONE_UNKNOWN_ACTIVITY, milestone=milestone.id, other=activity_id)


def _validate_activity(activity: Activity, known_activities: set[str], known_people: set[str]) -> None:
    code, error, where = ProblemCode, InvalidProblemError, activity.id
    if activity.duration_days < 0:
        raise error(code.NEGATIVE_DURATION, activity=where)
    if not math.isfinite(activity.value) or activity.value < 0:
        raise error(code.BAD_VALUE, activity=where)
    window = (activity.earliest_start, activity.latest_finish)
    if window[0] is not None and window[1] is not None and window[1] < window[0]:
        raise error(code.WINDOW_REVERSED, activity=where)
    if activity.pinned and activity.current_start is None:
        raise error(code.PINNED_WITHOUT_START, activity=where)
    for dependency in activity.dependencies:
        if dependency.predecessor_id not in known_activities:
            raise error(code.UNKNOWN_PREDECESSOR, activity=where, other=dependency.predecessor_id)
        if dependency.lag_days < 0:
            raise error(code.NEGATIVE_LAG, activity=where)
    for demand in activity.demands:
        if demand.person_id not in known_people:
            raise error(code.UNKNOWN_PERSON, activity=where, other=demand.person_id)
        if (demand.hours_per_day is None) == (demand.share is None):
            raise error(code.HOURS_OR_SHARE, activity=where)
        if (demand.hours_per_day or 0) < 0 or (demand.share or 0) < 0:
            raise error(code.NEGATIVE_DEMAND, activity=where)
