"""Properties: every schedule keeps every dependency, calendar and capacity; conflicts are real."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalon.engines.scheduling import (
    Absence,
    Activity,
    ConflictCode,
    Demand,
    Dependency,
    Milestone,
    Person,
    Problem,
    Result,
    Status,
    solve,
)
from jalon.engines.scheduling_calendar import WorkingCalendar

START = date(2026, 4, 27)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    people = tuple(
        Person(
            f"p{k}",
            capacity_hours_per_day=draw(st.sampled_from([3.5, 7.0])),
            absences=tuple(
                Absence(START + timedelta(days=d), START + timedelta(days=d + draw(st.integers(0, 4))))
                for d in draw(st.lists(st.integers(0, 30), max_size=1))
            ),
        )
        for k in range(draw(st.integers(1, 3)))
    )
    count = draw(st.integers(1, 8))
    activities = []
    for i in range(count):
        predecessors = draw(st.lists(st.integers(0, max(0, i - 1)), max_size=2, unique=True)) if i else []
        demands = tuple(
            Demand(f"p{k}", hours_per_day=draw(st.sampled_from([1.0, 2.0, 3.5])))
            for k in draw(st.lists(st.integers(0, len(people) - 1), max_size=2, unique=True))
        )
        activities.append(
            Activity(
                f"a{i}",
                draw(st.integers(0, 5)),
                demands=demands,
                dependencies=tuple(
                    Dependency(f"a{p}", lag_days=draw(st.integers(0, 2))) for p in predecessors
                ),
                earliest_start=START + timedelta(days=draw(st.integers(0, 10)))
                if draw(st.booleans())
                else None,
            )
        )
    milestones: tuple[Milestone, ...] = ()
    if draw(st.booleans()):
        milestones = (Milestone("m", START + timedelta(days=draw(st.integers(0, 20))), (f"a{count - 1}",)),)
    return Problem(start=START, activities=tuple(activities), people=people, milestones=milestones)


def working_days(problem: Problem, result: Result, activity: Activity) -> list[date]:
    calendar = WorkingCalendar.build(problem.start, count=400)
    first = calendar.index_on_or_after(result.start_of(activity.id))
    return [calendar.date_of(t) for t in range(first, first + activity.duration_days)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_schedule_respects_dependencies_calendars_and_capacity(problem: Problem) -> None:
    result = solve(problem, time_limit=2.0, seed=0)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    calendar = WorkingCalendar.build(problem.start, count=400)
    by_id = {a.id: a for a in problem.activities}
    finish_index = {
        a.id: calendar.index_on_or_after(result.start_of(a.id)) + a.duration_days for a in problem.activities
    }
    for activity in problem.activities:
        start = result.start_of(activity.id)
        assert start in calendar.days  # a working day: no weekend, no French holiday
        if activity.earliest_start is not None:
            assert start >= activity.earliest_start
        for dependency in activity.dependencies:
            needed = finish_index[dependency.predecessor_id] + dependency.lag_days
            assert calendar.index_on_or_after(start) >= needed
    people = {p.id: p for p in problem.people}
    load: dict[tuple[str, date], float] = {}
    for activity in problem.activities:
        for day in working_days(problem, result, activity):
            for demand in activity.demands:
                key = (demand.person_id, day)
                load[key] = load.get(key, 0.0) + (demand.hours_per_day or 0.0)
    for (person_id, day), hours in load.items():
        person = people[person_id]
        away = any(a.start <= day <= a.end for a in person.absences)
        assert hours <= (0.0 if away else person.capacity_hours_per_day) + 1e-9
    del by_id


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_late_milestone_is_explained_by_a_conflict_naming_real_activities(problem: Problem) -> None:
    result = solve(problem, time_limit=2.0, seed=0)
    late = {m for m, days in result.lateness_days_by_milestone.items() if days > 0}
    explained = {c.deadline_id for c in result.conflicts}
    assert late <= explained
    known = {a.id for a in problem.activities}
    for conflict in result.conflicts:
        assert conflict.code in (ConflictCode.DEADLINE_OVERLOAD, ConflictCode.DEADLINE_UNREACHABLE)
        assert conflict.activity_ids and set(conflict.activity_ids) <= known
        assert conflict.days_late == result.lateness_days_by_milestone[conflict.deadline_id or ""]
        assert conflict.fixes
