"""Windows (not before / must finish by) and the plan's end: hard, never broken by a plan or by a fix."""

from __future__ import annotations

from datetime import date

from jalon.engines.scheduling import (
    Activity,
    ConflictCode,
    Demand,
    Dependency,
    FixCode,
    Person,
    Problem,
    Status,
    solve,
)
from jalon.engines.scheduling_model import compile_problem, start_range

LIMIT = 5.0
MONDAY = date(2026, 11, 30)
FULL_TIME = (Demand("camille", hours_per_day=7.0),)
CAMILLE = (Person("camille", capacity_hours_per_day=7.0),)


def test_windowed_activity_waits_its_turn_inside_its_window() -> None:
    # The welcome series takes Camille's first week; the Christmas campaign must still end by 18 December.
    problem = Problem(
        start=MONDAY,
        activities=(
            Activity("welcome", 5, FULL_TIME, current_start=MONDAY, pinned=True),
            Activity(
                "noel", 5, FULL_TIME, earliest_start=date(2026, 12, 1), latest_finish=date(2026, 12, 18)
            ),
        ),
        people=CAMILLE,
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.OPTIMAL
    noel = next(a for a in result.activities if a.id == "noel")
    assert date(2026, 12, 1) <= noel.start and noel.finish <= date(2026, 12, 18)
    assert noel.start == date(2026, 12, 7)


def test_deadline_lateness_never_pushes_an_activity_out_of_its_window() -> None:
    # Meeting the soft deadline of "launch" would need "noel" moved after its window: the window wins.
    problem = Problem(
        start=MONDAY,
        activities=(
            Activity("noel", 5, FULL_TIME, latest_finish=date(2026, 12, 4)),
            Activity("launch", 5, FULL_TIME, deadline=date(2026, 12, 4)),
        ),
        people=CAMILLE,
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.OPTIMAL
    assert result.activities[0].finish == date(2026, 12, 4)
    assert result.lateness_days == 5


def test_window_shorter_than_the_activity_is_infeasible_and_names_it() -> None:
    problem = Problem(
        start=MONDAY,
        activities=(
            Activity("black-friday", 2),
            Activity("noel", 5, earliest_start=date(2026, 12, 14), latest_finish=date(2026, 12, 16)),
        ),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert conflict.code is ConflictCode.WINDOW
    assert conflict.activity_ids == ("noel",)
    assert conflict.deadline == date(2026, 12, 16)
    assert conflict.days_late == 2
    assert [fix.code for fix in conflict.fixes] == [FixCode.LEAVE_OUT]


def test_nothing_finishes_after_the_end() -> None:
    problem = Problem(
        start=MONDAY,
        end=date(2026, 12, 11),
        activities=(Activity("a", 5, FULL_TIME), Activity("b", 5, FULL_TIME)),
        people=CAMILLE,
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.OPTIMAL
    assert max(a.finish for a in result.activities) == date(2026, 12, 11)


def test_too_much_work_before_the_end_leaves_out_the_least_valuable_activity_as_a_last_resort() -> None:
    problem = Problem(
        start=MONDAY,
        end=date(2026, 12, 11),
        activities=(
            Activity("loyalty", 5, FULL_TIME, value=80_000),
            Activity("sms-pilot", 5, FULL_TIME, value=15_000),
            Activity("noel", 5, FULL_TIME, latest_finish=date(2026, 12, 11), value=25_000),
        ),
        people=CAMILLE,
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert conflict.code is ConflictCode.HORIZON
    assert conflict.activity_ids == ("sms-pilot",)
    assert conflict.person_ids == ("camille",)
    assert conflict.deadline == date(2026, 12, 11)
    codes = [fix.code for fix in conflict.fixes]
    assert codes == [FixCode.EXTRA_CAPACITY, FixCode.EXTEND_HORIZON, FixCode.LEAVE_OUT]
    assert conflict.fixes[0].target_id == "camille"
    assert conflict.fixes[1].new_deadline == date(2026, 12, 18)  # one more week lets everything fit
    assert (conflict.fixes[2].target_id, conflict.fixes[2].value) == ("sms-pilot", 15_000)


def test_two_campaigns_in_one_window_name_the_one_worth_less() -> None:
    problem = Problem(
        start=MONDAY,
        activities=(
            Activity("noel-email", 5, FULL_TIME, latest_finish=date(2026, 12, 4), value=25_000),
            Activity("noel-social", 5, FULL_TIME, latest_finish=date(2026, 12, 4), value=9_000),
        ),
        people=CAMILLE,
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert (conflict.code, conflict.activity_ids) == (ConflictCode.WINDOW, ("noel-social",))
    assert [(f.code, f.target_id) for f in conflict.fixes] == [
        (FixCode.EXTRA_CAPACITY, "camille"),
        (FixCode.LEAVE_OUT, "noel-social"),
    ]


def test_leaving_out_an_activity_leaves_out_what_depends_on_it() -> None:
    problem = Problem(
        start=MONDAY,
        end=date(2026, 12, 4),
        activities=(
            Activity("keep", 4, FULL_TIME, value=50_000),
            Activity("brief", 2, FULL_TIME, value=1_000),
            Activity("copy", 2, value=1_000, dependencies=(Dependency("brief"),)),
        ),
        people=CAMILLE,
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert conflict.activity_ids == ("brief", "copy")
    assert conflict.fixes[-1].code is FixCode.LEAVE_OUT
    assert (conflict.fixes[-1].target_id, conflict.fixes[-1].value) == ("brief", 2_000)


def test_pinned_overload_suggests_capacity_then_freeing_the_activity_without_a_window() -> None:
    pinned = {"current_start": MONDAY, "pinned": True}
    problem = Problem(
        start=MONDAY,
        activities=(
            Activity("noel", 2, FULL_TIME, latest_finish=date(2026, 12, 18), **pinned),  # type: ignore[arg-type]
            Activity("newsletter", 2, FULL_TIME, **pinned),  # type: ignore[arg-type]
        ),
        people=CAMILLE,
    )
    result = solve(problem, time_limit=LIMIT)
    (conflict,) = result.conflicts
    assert conflict.code is ConflictCode.PINNED_OVERLOAD
    assert [(f.code, f.target_id) for f in conflict.fixes] == [
        (FixCode.EXTRA_CAPACITY, "camille"),
        (FixCode.UNPIN, "newsletter"),
        (FixCode.UNPIN, "noel"),
    ]


def test_pinned_activity_outside_its_window_is_freed_to_move_into_it() -> None:
    problem = Problem(
        start=MONDAY,
        activities=(
            Activity(
                "noel", 5, current_start=date(2026, 12, 21), pinned=True, latest_finish=date(2026, 12, 18)
            ),
        ),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert conflict.code is ConflictCode.WINDOW
    assert [f.code for f in conflict.fixes] == [FixCode.UNPIN, FixCode.LEAVE_OUT]


def test_pinned_activities_keep_their_dates_past_the_end() -> None:
    problem = Problem(
        start=MONDAY,
        end=date(2026, 12, 4),
        activities=(Activity("fair", 5, current_start=date(2026, 12, 7), pinned=True), Activity("a", 2)),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.OPTIMAL
    assert result.start_of("fair") == date(2026, 12, 7)
    assert result.activities[1].finish <= date(2026, 12, 4)


def test_an_activity_may_start_from_its_window_until_the_last_day_that_lets_it_finish_inside() -> None:
    compiled = compile_problem(
        Problem(
            start=MONDAY,
            activities=(
                Activity("noel", 5, earliest_start=date(2026, 12, 1), latest_finish=date(2026, 12, 18)),
                Activity("too-short", 5, earliest_start=date(2026, 12, 14), latest_finish=date(2026, 12, 16)),
            ),
        )
    )
    low, high, fits = start_range(compiled, 0)
    assert fits
    assert (compiled.calendar.date_of(low), compiled.calendar.date_of(high)) == (
        date(2026, 12, 1),
        date(2026, 12, 14),
    )
    low, high, fits = start_range(compiled, 1)
    assert not fits
    assert low == high
