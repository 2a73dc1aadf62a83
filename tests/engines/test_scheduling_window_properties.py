"""Property: for random small problems with windows and an end, the scheduler is right both ways, as a
brute-force checker that tries every combination of start days sees it:

- every schedule it returns keeps every window, the end, every dependency and every person's capacity;
- it says "infeasible" only when no combination of start days fits, and then names what does not fit.

The checker counts working days itself (Monday to Friday, no public holidays in these problems) and never
calls the engine's calendar or model.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jalon.engines.scheduling import (
    Absence,
    Activity,
    ConflictCode,
    Demand,
    Dependency,
    FixCode,
    Person,
    Problem,
    Result,
    Status,
    solve,
)

MONDAY = date(2027, 3, 1)
CAPACITY = 7.0


def working_day(index: int) -> date:
    """The ``index``-th working day from MONDAY (Monday to Friday)."""
    weeks, day = divmod(index, 5)
    return MONDAY + timedelta(weeks=weeks, days=day)


def index_of(day: date) -> int:
    """The index of a working day (the checker's own count, independent of the engine)."""
    offset = (day - MONDAY).days
    assert day.weekday() < 5, f"{day} is not a working day"
    return offset // 7 * 5 + day.weekday()


@st.composite
def windowed_problems(draw: st.DrawFn) -> Problem:
    end_index = draw(st.integers(3, 11))  # the last working day of the plan
    people = tuple(
        Person(
            f"p{k}",
            capacity_hours_per_day=CAPACITY,
            absences=tuple(
                Absence(working_day(d), working_day(d + draw(st.integers(0, 2))))
                for d in draw(st.lists(st.integers(0, end_index), max_size=1))
            ),
        )
        for k in range(draw(st.integers(1, 2)))
    )
    count = draw(st.integers(1, 4))
    activities = []
    for i in range(count):
        predecessors = draw(st.lists(st.integers(0, i - 1), max_size=2, unique=True)) if i else []
        demands = tuple(
            Demand(f"p{k}", hours_per_day=draw(st.sampled_from([3.5, 7.0])))
            for k in draw(st.lists(st.integers(0, len(people) - 1), max_size=2, unique=True))
        )
        first = draw(st.one_of(st.none(), st.integers(0, end_index)))
        last = draw(st.one_of(st.none(), st.integers(first or 0, end_index + 3)))
        activities.append(
            Activity(
                f"a{i}",
                draw(st.integers(1, 4)),
                demands=demands,
                dependencies=tuple(
                    Dependency(f"a{p}", lag_days=draw(st.integers(0, 1))) for p in predecessors
                ),
                earliest_start=None if first is None else working_day(first),
                latest_finish=None if last is None else working_day(last),
                value=float(draw(st.integers(0, 50))),
            )
        )
    return Problem(
        start=MONDAY,
        activities=tuple(activities),
        people=people,
        holidays_country=None,
        end=working_day(end_index),
    )


def _hours_left(problem: Problem, person: Person, day: int) -> float:
    away = any(index_of(a.start) <= day <= index_of(a.end) for a in person.absences)
    return 0.0 if away else person.capacity_hours_per_day


def fits(problem: Problem, starts: dict[str, int]) -> bool:
    """Whether these start indices keep every hard rule: windows, the end, dependencies, capacity."""
    end = index_of(problem.end) + 1 if problem.end else None
    finish = {a.id: starts[a.id] + a.duration_days for a in problem.activities}
    for activity in problem.activities:
        if activity.earliest_start is not None and starts[activity.id] < index_of(activity.earliest_start):
            return False
        if activity.latest_finish is not None and finish[activity.id] > index_of(activity.latest_finish) + 1:
            return False
        if end is not None and finish[activity.id] > end:
            return False
        for dependency in activity.dependencies:
            if starts[activity.id] < finish[dependency.predecessor_id] + dependency.lag_days:
                return False
    for person in problem.people:
        for day in range(max(finish.values(), default=0)):
            load = sum(
                demand.hours_per_day or 0.0
                for activity in problem.activities
                if starts[activity.id] <= day < finish[activity.id]
                for demand in activity.demands
                if demand.person_id == person.id
            )
            if load > _hours_left(problem, person, day) + 1e-9:
                return False
    return True


def some_fit_exists(problem: Problem) -> bool:
    """Try every combination of start days up to the end."""
    assert problem.end is not None
    last = index_of(problem.end)
    ids = [a.id for a in problem.activities]
    ranges = [range(0, last + 2 - a.duration_days) for a in problem.activities]
    return any(
        fits(problem, dict(zip(ids, combination, strict=True))) for combination in itertools.product(*ranges)
    )


def starts_of(result: Result) -> dict[str, int]:
    return {a.id: index_of(a.start) for a in result.activities}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(windowed_problems())
def test_schedules_keep_windows_end_dependencies_and_capacity_and_infeasible_means_nothing_fits(
    problem: Problem,
) -> None:
    result = solve(problem, time_limit=3.0, seed=0)
    event(result.status.value)
    assert result.status is not Status.TIMED_OUT
    if result.status in (Status.OPTIMAL, Status.FEASIBLE):
        assert fits(problem, starts_of(result))
        for scheduled, activity in zip(result.activities, problem.activities, strict=True):
            assert index_of(scheduled.finish) == index_of(scheduled.start) + activity.duration_days - 1
        return
    assert result.status is Status.INFEASIBLE
    assert not some_fit_exists(problem), "the engine gave up on a problem that has a schedule"
    known = {a.id for a in problem.activities}
    assert result.conflicts
    for conflict in result.conflicts:
        assert conflict.activity_ids and set(conflict.activity_ids) <= known
        if conflict.code in (ConflictCode.WINDOW, ConflictCode.HORIZON):
            assert conflict.deadline_id in conflict.activity_ids
            assert conflict.fixes[-1].code is FixCode.LEAVE_OUT  # a window is never moved by a fix
            assert all(fix.code is not FixCode.MOVE_DEADLINE for fix in conflict.fixes)
