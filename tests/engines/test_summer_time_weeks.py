"""The weeks of the clock changes (last Sunday of March and of October) are weeks like any other: dates carry
no time, so no day is lost or counted twice in a week's number, working days or capacity."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jalon.engines.calendar import capacity_hours, working_days

# Monday to Sunday around the changes of 2026 (29 March, 25 October) and 2027 (28 March, 31 October).
WEEKS = [date(2026, 3, 23), date(2026, 10, 19), date(2027, 3, 22), date(2027, 10, 25)]


@pytest.mark.parametrize("monday", WEEKS)
def test_the_week_of_a_clock_change_has_five_working_days_and_its_full_capacity(monday: date) -> None:
    sunday = monday + timedelta(days=6)
    assert sunday.weekday() == 6 and (sunday + timedelta(days=7)).month != sunday.month
    assert working_days(monday, sunday) == 5
    assert capacity_hours(35, monday, sunday) == 35
    assert {(monday + timedelta(days=n)).isocalendar().week for n in range(7)} == {monday.isocalendar().week}
