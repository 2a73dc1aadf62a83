"""When a KPI's next measurement is due: one tracking period after the last, a month's last day staying a
month's last day, any other day keeping its number within the month's length."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.strategy.models import KPI


def due(frequency: str, last: date) -> date:
    return KPI(frequency=frequency).due_after(last)


@pytest.mark.parametrize(
    ("frequency", "last", "expected"),
    [
        ("monthly", date(2026, 11, 30), date(2026, 12, 31)),
        ("monthly", date(2026, 4, 30), date(2026, 5, 31)),
        ("monthly", date(2027, 2, 28), date(2027, 3, 31)),
        ("monthly", date(2028, 2, 29), date(2028, 3, 31)),
        ("monthly", date(2028, 1, 31), date(2028, 2, 29)),
        ("quarterly", date(2026, 9, 30), date(2026, 12, 31)),
        ("quarterly", date(2026, 11, 30), date(2027, 2, 28)),
        ("semiannual", date(2026, 6, 30), date(2026, 12, 31)),
        ("semiannual", date(2027, 8, 31), date(2028, 2, 29)),
    ],
)
def test_a_month_end_measurement_is_due_at_the_end_of_the_next_period(
    frequency: str, last: date, expected: date
) -> None:
    assert due(frequency, last) == expected


@pytest.mark.parametrize(
    ("frequency", "last", "expected"),
    [
        ("monthly", date(2026, 1, 30), date(2026, 2, 28)),
        ("monthly", date(2026, 12, 30), date(2027, 1, 30)),
        ("monthly", date(2026, 3, 15), date(2026, 4, 15)),
        ("quarterly", date(2026, 11, 29), date(2027, 2, 28)),
        ("semiannual", date(2026, 1, 15), date(2026, 7, 15)),
    ],
)
def test_another_day_keeps_its_number_clamped_to_a_shorter_month(
    frequency: str, last: date, expected: date
) -> None:
    assert due(frequency, last) == expected


def test_a_month_end_series_stays_on_month_ends() -> None:
    day, series = date(2027, 1, 31), []
    for _month in range(4):
        day = due("monthly", day)
        series.append(day)
    assert series == [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 31)]


@pytest.mark.parametrize(
    ("frequency", "last", "expected"),
    [
        ("weekly", date(2026, 11, 30), date(2026, 12, 7)),
        ("daily", date(2026, 12, 31), date(2027, 1, 1)),
        ("realtime", date(2026, 2, 28), date(2026, 3, 1)),
    ],
)
def test_days_based_frequencies_move_by_whole_days(frequency: str, last: date, expected: date) -> None:
    assert due(frequency, last) == expected
