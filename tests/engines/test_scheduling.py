"""The roadmap scheduler: calendars, capacity, deadlines, pins, stable re-planning and conflicts."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines.scheduling import (
    Absence,
    Activity,
    ConflictCode,
    Demand,
    Dependency,
    FixCode,
    InvalidProblemError,
    Milestone,
    Person,
    Problem,
    Status,
    solve,
)

LIMIT = 5.0
THURSDAY_30_APRIL = date(2026, 4, 30)


def ana(**kwargs: object) -> Person:
    return Person("ana", capacity_hours_per_day=7.0, **kwargs)  # type: ignore[arg-type]


def full_time(person: str = "ana") -> tuple[Demand, ...]:
    return (Demand(person, hours_per_day=7.0),)


def test_activity_skips_weekend_and_french_labour_day() -> None:
    problem = Problem(start=THURSDAY_30_APRIL, activities=(Activity("brief", 2),))
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.OPTIMAL
    # Thursday 30 April, then Friday 1 May (holiday) and the weekend are skipped.
    assert result.activities[0].finish == date(2026, 5, 4)


def test_without_country_holidays_1_may_is_a_working_day() -> None:
    problem = Problem(start=THURSDAY_30_APRIL, activities=(Activity("brief", 2),), holidays_country=None)
    assert solve(problem, time_limit=LIMIT).activities[0].finish == date(2026, 5, 1)


def test_dependency_lag_counts_working_days() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(Activity("a", 5), Activity("b", 1, dependencies=(Dependency("a", lag_days=2),))),
    )
    result = solve(problem, time_limit=LIMIT)
    # a runs Mon 1 - Fri 5 June; two working days of lag (8, 9 June); b starts Wednesday 10.
    assert result.start_of("b") == date(2026, 6, 10)


def test_two_full_time_activities_of_one_person_do_not_overlap() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(Activity("a", 3, demands=full_time()), Activity("b", 3, demands=full_time())),
        people=(ana(),),
    )
    result = solve(problem, time_limit=LIMIT)
    first, second = sorted(result.activities, key=lambda a: a.start)
    assert first.finish < second.start
    assert result.makespan_days == 6


def test_half_time_shares_run_in_parallel() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(
            Activity("a", 3, demands=(Demand("ana", share=0.5),)),
            Activity("b", 3, demands=(Demand("ana", share=0.5),)),
        ),
        people=(ana(),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.start_of("a") == result.start_of("b") == date(2026, 6, 1)


def test_activity_waits_for_the_end_of_an_absence() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(Activity("a", 2, demands=full_time()),),
        people=(ana(absences=(Absence(date(2026, 6, 1), date(2026, 6, 5)),)),),
    )
    assert solve(problem, time_limit=LIMIT).start_of("a") == date(2026, 6, 8)


def test_earliest_start_is_respected() -> None:
    problem = Problem(
        start=date(2026, 6, 1), activities=(Activity("a", 1, earliest_start=date(2026, 6, 13)),)
    )
    assert solve(problem, time_limit=LIMIT).start_of("a") == date(2026, 6, 15)


def test_pinned_activity_keeps_its_start_and_others_move_around_it() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(
            Activity("pinned", 2, demands=full_time(), current_start=date(2026, 6, 2), pinned=True),
            Activity("free", 2, demands=full_time()),
        ),
        people=(ana(),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.start_of("pinned") == date(2026, 6, 2)
    assert result.start_of("free") == date(2026, 6, 4)


def test_replanning_keeps_the_current_plan_when_it_is_as_good() -> None:
    # Either order gives the same makespan; the current plan (b first) must be kept.
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(
            Activity("a", 2, demands=full_time(), current_start=date(2026, 6, 3)),
            Activity("b", 2, demands=full_time(), current_start=date(2026, 6, 1)),
        ),
        people=(ana(),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.start_of("b") == date(2026, 6, 1)
    assert result.moved_days == 0


def test_lateness_comes_before_makespan() -> None:
    # Doing the milestone's activity first meets the deadline; makespan is the same either way.
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(Activity("long", 5, demands=full_time()), Activity("urgent", 2, demands=full_time())),
        people=(ana(),),
        milestones=(Milestone("launch", date(2026, 6, 2), ("urgent",)),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.on_time
    assert result.start_of("urgent") == date(2026, 6, 1)


def test_deadline_too_early_for_its_chain_is_reported_with_a_later_date() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(Activity("a", 5), Activity("b", 5, dependencies=(Dependency("a"),))),
        milestones=(Milestone("launch", date(2026, 6, 5), ("b",)),),
    )
    result = solve(problem, time_limit=LIMIT)
    (conflict,) = result.conflicts
    assert conflict.code is ConflictCode.DEADLINE_UNREACHABLE
    assert conflict.days_late == 5
    assert set(conflict.activity_ids) == {"a", "b"}
    (fix,) = conflict.fixes
    assert fix.code is FixCode.MOVE_DEADLINE
    assert fix.new_deadline == date(2026, 6, 12)


def test_overload_conflict_names_the_person_and_the_extra_hours_that_fix_it() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(Activity("a", 5, demands=full_time()), Activity("b", 5, demands=full_time())),
        people=(ana(),),
        milestones=(Milestone("launch", date(2026, 6, 5), ("a", "b")),),
    )
    result = solve(problem, time_limit=LIMIT)
    (conflict,) = result.conflicts
    assert conflict.code is ConflictCode.DEADLINE_OVERLOAD
    assert conflict.person_ids == ("ana",)
    extra = [f for f in conflict.fixes if f.code is FixCode.EXTRA_CAPACITY]
    assert [(f.target_id, f.hours_per_day) for f in extra] == [("ana", 7.0)]
    moved = [f for f in conflict.fixes if f.code is FixCode.MOVE_DEADLINE]
    assert moved[0].new_deadline == date(2026, 6, 12)


def test_demand_above_capacity_is_infeasible_with_the_missing_hours() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(Activity("a", 1, demands=(Demand("ana", hours_per_day=9.0),)),),
        people=(ana(),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert conflict.code is ConflictCode.DEMAND_EXCEEDS_CAPACITY
    assert conflict.fixes[0].hours_per_day == pytest.approx(2.0)


def test_dependency_cycle_is_infeasible_and_named() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(
            Activity("a", 1, dependencies=(Dependency("b"),)),
            Activity("b", 1, dependencies=(Dependency("a"),)),
        ),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    assert result.conflicts[0].code is ConflictCode.DEPENDENCY_CYCLE
    assert set(result.conflicts[0].activity_ids) == {"a", "b"}


def test_pinned_activities_that_overload_a_person_are_infeasible() -> None:
    pinned = {"current_start": date(2026, 6, 1), "pinned": True}
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(
            Activity("a", 2, demands=full_time(), **pinned),  # type: ignore[arg-type]
            Activity("b", 2, demands=full_time(), **pinned),  # type: ignore[arg-type]
        ),
        people=(ana(),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    assert result.conflicts[0].code is ConflictCode.PINNED_OVERLOAD
    assert result.conflicts[0].person_ids == ("ana",)


def test_unknown_person_is_rejected() -> None:
    problem = Problem(start=date(2026, 6, 1), activities=(Activity("a", 1, demands=full_time("bob")),))
    with pytest.raises(InvalidProblemError, match="bob"):
        solve(problem, time_limit=LIMIT)


def test_same_seed_gives_the_same_plan() -> None:
    problem = Problem(
        start=date(2026, 6, 1),
        activities=tuple(Activity(f"a{i}", 1 + i % 3, demands=full_time()) for i in range(6)),
        people=(ana(),),
    )
    first = solve(problem, time_limit=LIMIT, seed=3)
    second = solve(problem, time_limit=LIMIT, seed=3)
    assert first.activities == second.activities


def test_more_hours_a_day_is_not_offered_to_someone_away_on_every_day_that_matters() -> None:
    """Bruno away for years: the scheduler told the French page « Donner à Bruno Keller 4 heures de plus par
    jour », as if more hours on the days he is away would let him work on them."""
    problem = Problem(
        start=date(2026, 6, 1),
        activities=(Activity("a", 5, demands=full_time()),),
        people=(ana(absences=(Absence(date(2026, 6, 1), date(2026, 6, 30)),)),),
        milestones=(Milestone("launch", date(2026, 6, 12), ("a",)),),
    )
    result = solve(problem, time_limit=LIMIT)
    fixes = [f for conflict in result.conflicts for f in conflict.fixes]
    assert fixes and all(f.code is not FixCode.EXTRA_CAPACITY for f in fixes), fixes
