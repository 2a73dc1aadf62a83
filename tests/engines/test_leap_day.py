"""29 February and the months' ends: one rule for a KPI's next due date and the forecast's steps (a month's
last day stays one; any other day keeps its number, clamped to a shorter month), a year of an animation plan,
a deadline « in 12 months », the quarter a review on 29 February looks back on."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines.calendar import FiscalCalendar
from jalon.engines.contact_plan import year_end
from jalon.engines.forecast_dates import Step, step_dates
from jalon.engines.smart import coach
from jalon.strategy.periods import moved

LEAP_DAY = date(2028, 2, 29)
JANUARY_END = date(2028, 1, 31)


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        ("monthly", [date(2028, 3, 31), date(2028, 4, 30), date(2029, 2, 28)]),
        ("quarterly", [date(2028, 5, 31), date(2028, 8, 31), date(2029, 2, 28)]),
        ("semiannual", [date(2028, 8, 31), date(2029, 2, 28), date(2032, 2, 29)]),
    ],
)
def test_a_kpi_measured_on_29_february_is_next_due_on_month_ends(
    frequency: str, expected: list[date]
) -> None:
    periods = {"monthly": (1, 2, 12), "quarterly": (1, 2, 4), "semiannual": (1, 2, 8)}[frequency]
    assert [moved(LEAP_DAY, frequency, k) for k in periods] == expected


def test_a_kpi_measured_on_31_january_is_next_due_at_the_end_of_february_then_of_march() -> None:
    assert [moved(JANUARY_END, "monthly", k) for k in (1, 2, 3)] == [
        LEAP_DAY,
        date(2028, 3, 31),
        date(2028, 4, 30),
    ]
    assert moved(date(2028, 1, 30), "monthly", 1) == LEAP_DAY  # clamped, not month-end bound
    assert moved(date(2028, 1, 30), "monthly", 2) == date(2028, 3, 30)


@pytest.mark.parametrize(
    ("last", "step", "expected"),
    [
        (LEAP_DAY, Step.MONTH, [date(2028, 3, 31), date(2028, 4, 30), date(2028, 5, 31)]),
        (date(2028, 4, 30), Step.MONTH, [date(2028, 5, 31), date(2028, 6, 30), date(2028, 7, 31)]),
        (JANUARY_END, Step.MONTH, [LEAP_DAY, date(2028, 3, 31), date(2028, 4, 30)]),
        (LEAP_DAY, Step.QUARTER, [date(2028, 5, 31), date(2028, 8, 31), date(2028, 11, 30)]),
        (LEAP_DAY, Step.YEAR, [date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28)]),
        (date(2028, 3, 15), Step.MONTH, [date(2028, 4, 15), date(2028, 5, 15), date(2028, 6, 15)]),
    ],
)
def test_the_forecast_steps_follow_the_kpi_due_dates(last: date, step: Step, expected: list[date]) -> None:
    assert step_dates(last, step, 3) == expected
    months = {Step.MONTH: "monthly", Step.QUARTER: "quarterly"}.get(step)
    if months:
        assert [moved(last, months, k) for k in (1, 2, 3)] == expected


def test_an_animation_plan_year_from_29_february_ends_on_28_february() -> None:
    assert year_end(LEAP_DAY) == date(2029, 2, 28)
    assert year_end(date(2027, 3, 1)) == LEAP_DAY


@pytest.mark.parametrize(
    "text", ["Increase sales by 10% within 12 months.", "Augmenter les ventes de 10 % d'ici 12 mois."]
)
def test_a_deadline_of_12_months_from_29_february_is_28_february(text: str) -> None:
    assert coach(text, lang="en", today=LEAP_DAY).deadline == date(2029, 2, 28)


def test_a_review_on_29_february_looks_back_on_the_quarter_that_ends_nearest() -> None:
    assert FiscalCalendar(1).reviewed_quarter(LEAP_DAY).end == date(2028, 3, 31)
    assert FiscalCalendar(3).reviewed_quarter(LEAP_DAY).end == LEAP_DAY  # a fiscal year from March
