"""Deadline rules and fiscal calendars, checked over every fiscal start month and every day of two years."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jalon.engines.calendar import (
    DateRange,
    FiscalCalendar,
    InvalidRuleError,
    add_months,
    month_end,
    resolve_rule,
)

pytestmark = pytest.mark.engine

MONTHS = range(1, 13)
TWO_YEARS = [date(2026, 1, 1) + timedelta(days=n) for n in range((date(2028, 1, 1) - date(2026, 1, 1)).days)]
ONE_DAY = timedelta(days=1)

references = st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31))
start_months = st.integers(min_value=1, max_value=12)


def is_month_end(day: date) -> bool:
    return day.day == monthrange(day.year, day.month)[1]


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def fiscal_year_start(reference: date, start_month: int) -> date:
    """Independent of the engine: the most recent 1st of ``start_month`` on or before ``reference``."""
    year = reference.year if reference.month >= start_month else reference.year - 1
    return date(year, start_month, 1)


# fiscal_year_end ----------------------------------------------------------------------------------


def assert_is_fiscal_year_end(end: date, reference: date, start_month: int) -> None:
    start = fiscal_year_start(reference, start_month)
    assert start <= reference <= end
    assert is_month_end(end)
    assert end + ONE_DAY == date(start.year + 1, start_month, 1)
    assert months_between(start, end) == 11


def test_fiscal_year_end_contains_every_day_of_two_years_for_every_start_month() -> None:
    for start_month in MONTHS:
        for reference in TWO_YEARS:
            end = resolve_rule("fiscal_year_end", reference=reference, fiscal_year_start_month=start_month)
            assert_is_fiscal_year_end(end, reference, start_month)


@given(reference=references, start_month=start_months)
def test_fiscal_year_end_is_the_last_day_of_a_twelve_month_year_containing_the_reference(
    reference: date, start_month: int
) -> None:
    end = resolve_rule("fiscal_year_end", reference=reference, fiscal_year_start_month=start_month)
    assert_is_fiscal_year_end(end, reference, start_month)


def test_cloud_kicks_fiscal_year_starting_in_february_ends_on_31_january_2027() -> None:
    assert resolve_rule("fiscal_year_end", reference=date(2026, 2, 1), fiscal_year_start_month=2) == date(
        2027, 1, 31
    )


def test_a_january_fiscal_year_is_the_calendar_year() -> None:
    for reference in TWO_YEARS:
        end = resolve_rule("fiscal_year_end", reference=reference, fiscal_year_start_month=1)
        assert end == date(reference.year, 12, 31)


def test_fiscal_year_label_is_the_calendar_year_in_which_it_ends() -> None:
    assert FiscalCalendar(2).label(date(2026, 2, 1)) == 2027
    assert FiscalCalendar(2).label(date(2026, 1, 31)) == 2026


# fiscal_quarter_end:N and fiscal_half_end:N -------------------------------------------------------


def assert_is_period_end(end: date, reference: date, start_month: int, *, months: int, index: int) -> None:
    assert end >= reference
    assert is_month_end(end)
    # the period ends ``months * index`` months after the fiscal year starts, modulo a year
    assert (end.month - start_month + 1) % 12 == (months * index) % 12
    # it is the first such end on or after the reference: a year earlier was already past
    assert month_end(end.year - 1, end.month) < reference
    fiscal = FiscalCalendar(start_month)
    assert fiscal.period(end, months=months, index=index).end == end
    if months == 3:
        assert fiscal.quarter_of(end) == index


def test_fiscal_quarter_end_is_on_or_after_every_day_of_two_years_and_ends_quarter_n() -> None:
    for start_month in MONTHS:
        for index in (1, 2, 3, 4):
            rule = f"fiscal_quarter_end:{index}"
            for reference in TWO_YEARS:
                end = resolve_rule(rule, reference=reference, fiscal_year_start_month=start_month)
                assert_is_period_end(end, reference, start_month, months=3, index=index)


def test_fiscal_half_end_is_on_or_after_every_day_of_two_years_and_ends_half_n() -> None:
    for start_month in MONTHS:
        for index in (1, 2):
            rule = f"fiscal_half_end:{index}"
            for reference in TWO_YEARS:
                end = resolve_rule(rule, reference=reference, fiscal_year_start_month=start_month)
                assert_is_period_end(end, reference, start_month, months=6, index=index)


@given(reference=references, start_month=start_months, index=st.integers(min_value=1, max_value=4))
def test_fiscal_quarter_end_property(reference: date, start_month: int, index: int) -> None:
    end = resolve_rule(
        f"fiscal_quarter_end:{index}", reference=reference, fiscal_year_start_month=start_month
    )
    assert_is_period_end(end, reference, start_month, months=3, index=index)


def test_fourth_fiscal_quarter_ends_with_the_fiscal_year() -> None:
    for start_month in MONTHS:
        for reference in TWO_YEARS[::7]:
            assert resolve_rule(
                "fiscal_quarter_end:4", reference=reference, fiscal_year_start_month=start_month
            ) == resolve_rule("fiscal_year_end", reference=reference, fiscal_year_start_month=start_month)


def test_cloud_kicks_second_fiscal_quarter_ends_on_31_july_2026() -> None:
    assert resolve_rule(
        "fiscal_quarter_end:2", reference=date(2026, 2, 1), fiscal_year_start_month=2
    ) == date(2026, 7, 31)


def test_a_passed_fiscal_quarter_moves_to_the_next_fiscal_year() -> None:
    assert resolve_rule(
        "fiscal_quarter_end:1", reference=date(2026, 5, 1), fiscal_year_start_month=2
    ) == date(2027, 4, 30)


def test_the_four_fiscal_quarters_tile_the_fiscal_year() -> None:
    for start_month in MONTHS:
        fiscal = FiscalCalendar(start_month)
        year = fiscal.year_containing(date(2026, 6, 15))
        quarters = [fiscal.quarter(date(2026, 6, 15), n) for n in (1, 2, 3, 4)]
        assert quarters[0].start == year.start
        assert quarters[-1].end == year.end
        for before, after in pairwise(quarters):
            assert before.end + ONE_DAY == after.start
        assert sum(q.days for q in quarters) == year.days


# calendar rules -----------------------------------------------------------------------------------


def test_calendar_year_end_is_31_december_of_the_reference_year() -> None:
    for start_month in MONTHS:
        for reference in TWO_YEARS[::13]:
            assert resolve_rule(
                "calendar_year_end", reference=reference, fiscal_year_start_month=start_month
            ) == date(reference.year, 12, 31)


def test_calendar_year_end_with_a_year_names_that_year() -> None:
    assert resolve_rule("calendar_year_end:2030", reference=date(2026, 3, 3)) == date(2030, 12, 31)


def test_calendar_quarter_end_is_the_last_day_of_the_quarter() -> None:
    expected = {1: date(2027, 3, 31), 2: date(2027, 6, 30), 3: date(2027, 9, 30), 4: date(2027, 12, 31)}
    for quarter, day in expected.items():
        for start_month in MONTHS:
            rule = f"calendar_quarter_end:2027-Q{quarter}"
            assert resolve_rule(rule, reference=date(2026, 1, 1), fiscal_year_start_month=start_month) == day


def test_calendar_half_end_is_30_june_or_31_december() -> None:
    assert resolve_rule("calendar_half_end:2027-H1", reference=date(2026, 1, 1)) == date(2027, 6, 30)
    assert resolve_rule("calendar_half_end:2027-H2", reference=date(2026, 1, 1)) == date(2027, 12, 31)


def test_month_end_knows_leap_years() -> None:
    assert resolve_rule("month_end:2028-02", reference=date(2026, 1, 1)) == date(2028, 2, 29)
    assert resolve_rule("month_end:2027-02", reference=date(2026, 1, 1)) == date(2027, 2, 28)


@given(year=st.integers(min_value=1900, max_value=9999), month=st.integers(min_value=1, max_value=12))
def test_month_end_rule_is_the_last_day_of_that_month(year: int, month: int) -> None:
    end = resolve_rule(f"month_end:{year:04d}-{month:02d}", reference=date(2026, 1, 1))
    assert (end.year, end.month) == (year, month)
    assert is_month_end(end)


# durations ----------------------------------------------------------------------------------------


def test_in_months_clamps_to_the_end_of_a_shorter_month() -> None:
    assert resolve_rule("in_months:6", reference=date(2026, 8, 31)) == date(2027, 2, 28)
    assert resolve_rule("in_months:1", reference=date(2028, 1, 31)) == date(2028, 2, 29)
    assert resolve_rule("in_months:3", reference=date(2026, 1, 31)) == date(2026, 4, 30)


def test_in_years_from_29_february_clamps_to_28_february() -> None:
    assert resolve_rule("in_years:1", reference=date(2028, 2, 29)) == date(2029, 2, 28)
    assert resolve_rule("in_years:4", reference=date(2028, 2, 29)) == date(2032, 2, 29)


@given(reference=references, months=st.integers(min_value=0, max_value=600))
def test_in_months_moves_by_whole_months_and_keeps_the_day_unless_the_month_is_shorter(
    reference: date, months: int
) -> None:
    moved = resolve_rule(f"in_months:{months}", reference=reference)
    assert months_between(reference, moved) == months
    assert moved.day == min(reference.day, month_end(moved.year, moved.month).day)


def test_in_months_over_every_day_of_two_years() -> None:
    for reference in TWO_YEARS:
        for months in (1, 6, 12, 13):
            moved = resolve_rule(f"in_months:{months}", reference=reference)
            assert months_between(reference, moved) == months
            assert moved.day == min(reference.day, month_end(moved.year, moved.month).day)


@given(reference=references, days=st.integers(min_value=0, max_value=5000))
def test_in_days_and_in_weeks_add_exact_durations(reference: date, days: int) -> None:
    assert resolve_rule(f"in_days:{days}", reference=reference) == reference + timedelta(days=days)
    weeks = days // 7
    assert resolve_rule(f"in_weeks:{weeks}", reference=reference) == reference + timedelta(weeks=weeks)


def test_add_months_backwards_clamps_too() -> None:
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 15), -13) == date(2024, 12, 15)


# invalid rules ------------------------------------------------------------------------------------

INVALID_RULES = [
    "",
    "   ",
    "tomorrow",
    "FISCAL_YEAR_END",
    "fiscal_year_end:2",
    "fiscal_quarter_end",
    "fiscal_quarter_end:0",
    "fiscal_quarter_end:5",
    "fiscal_quarter_end:Q2",
    "fiscal_half_end:3",
    "fiscal_half_end:0",
    "calendar_year_end:99",
    "calendar_year_end:twenty",
    "calendar_quarter_end:2027",
    "calendar_quarter_end:2027-Q5",
    "calendar_quarter_end:27-Q1",
    "calendar_half_end:2027-H3",
    "calendar_half_end:2027-Q1",
    "month_end:2027-13",
    "month_end:2027-00",
    "month_end:2027-1",
    "month_end",
    "in_days",
    "in_days:-1",
    "in_days:1.5",
    "in_weeks:x",
    "in_months:+3",
    "in_years:100001",
    "fiscal_year_end:",
    "fiscal year end",
]


@pytest.mark.parametrize("rule", INVALID_RULES)
def test_invalid_rule_raises_invalid_rule_error(rule: str) -> None:
    with pytest.raises(InvalidRuleError):
        resolve_rule(rule, reference=date(2026, 2, 1), fiscal_year_start_month=2)


def test_invalid_rule_error_is_a_value_error() -> None:
    assert issubclass(InvalidRuleError, ValueError)


@given(rule=st.text(max_size=30), reference=references, start_month=start_months)
def test_any_text_either_resolves_to_a_date_or_raises_invalid_rule_error(
    rule: str, reference: date, start_month: int
) -> None:
    try:
        result = resolve_rule(rule, reference=reference, fiscal_year_start_month=start_month)
    except InvalidRuleError:
        return
    assert isinstance(result, date)


@pytest.mark.parametrize("start_month", [0, 13, -1])
def test_fiscal_calendar_refuses_a_start_month_outside_1_to_12(start_month: int) -> None:
    with pytest.raises(ValueError):
        FiscalCalendar(start_month)


def test_date_range_refuses_an_end_before_its_start() -> None:
    with pytest.raises(ValueError):
        DateRange(date(2026, 2, 1), date(2026, 1, 31))


@pytest.mark.parametrize("rule", ["in_years:8000", "in_months:100000", "in_days:100000"])
def test_a_duration_past_the_year_9999_raises_invalid_rule_error(rule: str) -> None:
    with pytest.raises(InvalidRuleError):
        resolve_rule(rule, reference=date(9990, 1, 1))
