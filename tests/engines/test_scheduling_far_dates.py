"""Far dates (1900-2200 are valid input): the scheduler's calendar is sized by what it must place (the
problem's horizon and its total work), not by a far absence or window, which it clips to that span."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from jalon.engines.scheduling import Absence, Activity, Demand, Person, Problem, solve
from jalon.engines.scheduling_model import compile_problem

MONDAY = date(2026, 11, 30)
FULL_TIME = (Demand("camille", hours_per_day=7.0),)
FAR = date(2200, 12, 31)


def plan(*, absences: tuple[Absence, ...] = (), latest_finish: date | None = None) -> Problem:
    return Problem(
        start=MONDAY,
        activities=(
            Activity("welcome", 5, FULL_TIME),
            Activity("noel", 10, FULL_TIME, earliest_start=date(2026, 12, 7), latest_finish=latest_finish),
        ),
        people=(Person("camille", absences=(Absence(date(2026, 12, 21), date(2026, 12, 25)), *absences)),),
        end=date(2027, 3, 31),
    )


SMALL = 2000
"""Working days a compiled calendar of these plans stays under: the plan's span (to March 2027) and what
lies within two years of it (it held 63,000 to 110,000 when a far date sized it)."""


def test_an_absence_until_2200_leaves_the_compiled_calendar_small() -> None:
    compiled = compile_problem(plan(absences=(Absence(date(2027, 6, 1), FAR),)))
    assert len(compiled.calendar) == compiled.horizon
    assert len(compiled.calendar) < SMALL
    assert len(compiled.available[0]) == compiled.horizon  # and so the person's days


def test_an_absence_from_1900_to_2200_of_a_part_time_helper_leaves_the_calendar_small() -> None:
    compiled = compile_problem(plan(absences=(Absence(date(1900, 1, 1), FAR, hours_per_day=1.0),)))
    assert len(compiled.calendar) < SMALL


def test_a_window_until_2200_leaves_the_compiled_calendar_small_and_binds_nothing() -> None:
    compiled = compile_problem(plan(latest_finish=FAR))
    assert len(compiled.calendar) < SMALL
    assert compiled.windows[1] == compiled.horizon  # beyond the calendar: no day is out of the window


def test_absences_and_windows_within_two_years_size_the_calendar_as_before() -> None:
    """Normal problems compile as they did: every day of absence and every window within the span counts."""
    near = compile_problem(plan())
    later = compile_problem(
        plan(absences=(Absence(date(2027, 6, 1), date(2027, 6, 30)),), latest_finish=date(2027, 12, 31))
    )
    assert len(later.calendar) - len(near.calendar) == (date(2027, 12, 31) - date(2027, 3, 31)).days + 30


def test_far_absences_and_windows_change_no_date_of_the_plan() -> None:
    near = solve(plan(), time_limit=5.0)
    far = solve(plan(absences=(Absence(date(2027, 6, 1), FAR),), latest_finish=FAR), time_limit=5.0)
    assert [(a.id, a.start, a.finish) for a in far.activities] == [
        (a.id, a.start, a.finish) for a in near.activities
    ]
    assert far.status is near.status


def test_an_absence_within_the_span_still_widens_the_calendar_to_fit_the_work_after_it() -> None:
    away = plan(absences=(Absence(date(2026, 12, 1), date(2027, 3, 31)),))
    compiled = compile_problem(replace(away, end=None))
    assert compiled.calendar.days[-1] > date(2027, 4, 30)  # the 15 days of work fit after the absence
    result = solve(replace(away, end=None), time_limit=5.0)
    assert all(a.start is not None and a.start > date(2027, 3, 31) for a in result.activities)
