"""The one rule of free time (``workload.free_hours``): hours booked on other roadmaps in a week take the
person's time that week, whatever day they fall on; a week overbooked elsewhere leaves nothing that week
and gives nothing back in other weeks. Unit examples, then properties on generated people and bookings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon.engines import workload
from jalon.engines.workload import Availability, Booking

ARMISTICE_WEEK = date(2026, 11, 9)  # Wednesday 11 November is a French public holiday
THURSDAY = date(2026, 11, 12)
NEXT_WEEK = ARMISTICE_WEEK + timedelta(weeks=1)


def gala(start: date, end: date, hours: float) -> Booking:
    return Booking("zoe", "gala", "Gala", start, end, hours, "Gala")


def test_work_elsewhere_takes_its_week_even_on_the_day_off() -> None:
    """35 h a week, away on Thursday, holiday on Wednesday: 21 h; 10 h a week elsewhere over the four
    working days (8 h) leave 13 h, the day off included in the Gala's share."""
    zoe = Availability("zoe", 35, ((THURSDAY, THURSDAY),))
    week = ARMISTICE_WEEK + timedelta(days=4)
    free = workload.free_hours_by_week(zoe, [gala(ARMISTICE_WEEK, week, 10)], first=ARMISTICE_WEEK, last=week)
    assert free == {ARMISTICE_WEEK: pytest.approx(13)}


def test_a_week_overbooked_elsewhere_leaves_nothing_and_takes_nothing_from_the_next_week() -> None:
    zoe = Availability("zoe", 35)
    rush = gala(ARMISTICE_WEEK, ARMISTICE_WEEK + timedelta(days=4), 60)
    free = workload.free_hours_by_week(zoe, [rush], first=ARMISTICE_WEEK, last=NEXT_WEEK + timedelta(days=4))
    assert free == {ARMISTICE_WEEK: 0, NEXT_WEEK: 35}


def test_a_week_cut_by_the_period_counts_only_its_days_within() -> None:
    """A quarter starting on Thursday 12 November: Thursday and Friday (14 h), less the Gala's two days."""
    zoe = Availability("zoe", 35)
    friday = ARMISTICE_WEEK + timedelta(days=4)
    free = workload.free_hours_by_week(zoe, [gala(ARMISTICE_WEEK, friday, 10)], first=THURSDAY, last=friday)
    assert free == {ARMISTICE_WEEK: pytest.approx(14 - 4)}


def test_the_days_of_a_week_share_its_free_hours_to_the_hundredth() -> None:
    """13 h over Monday, Tuesday and Friday: 4.34 h on Monday, 4.33 h on the other two, 13 h in all."""
    zoe = Availability("zoe", 35, ((THURSDAY, THURSDAY),))
    friday = ARMISTICE_WEEK + timedelta(days=4)
    closed = workload.public_holidays(ARMISTICE_WEEK, friday)
    booked = [gala(ARMISTICE_WEEK, friday, 10)]
    weeks = workload.free_hours_by_week(zoe, booked, first=ARMISTICE_WEEK, last=friday, closed=closed)
    free = workload.free_hours_by_day(zoe, weeks, first=ARMISTICE_WEEK, last=friday, closed=closed)
    assert free == {
        ARMISTICE_WEEK: 4.34, ARMISTICE_WEEK + timedelta(days=1): 4.33, friday: 4.33,
    }  # fmt: skip
    assert sum(free.values()) == pytest.approx(13)


def test_a_workload_cell_tells_the_same_free_hours() -> None:
    zoe = Availability("zoe", 35, ((THURSDAY, THURSDAY),))
    friday = ARMISTICE_WEEK + timedelta(days=4)
    (cell,) = workload.workload([zoe], [gala(ARMISTICE_WEEK, friday, 10)])["zoe"].values()
    assert (cell.capacity_hours, cell.elsewhere_hours, cell.free_hours) == (21, 8, 13)


# Properties ---------------------------------------------------------------------------------------------

bounded = settings(max_examples=60, deadline=None)
FIRST = date(2026, 1, 5)  # a Monday
days = st.integers(0, 120).map(lambda n: FIRST + timedelta(days=n))
spans = st.tuples(days, st.integers(0, 30)).map(lambda pair: (pair[0], pair[0] + timedelta(days=pair[1])))
people = st.tuples(st.floats(0, 60), st.lists(spans, max_size=3)).map(
    lambda row: Availability("zoe", row[0], tuple(row[1]))
)
bookings = st.lists(
    st.tuples(spans, st.floats(0, 60)).map(lambda row: gala(row[0][0], row[0][1], row[1])), max_size=5
)
periods = st.tuples(days, st.integers(0, 60)).map(lambda pair: (pair[0], pair[0] + timedelta(days=pair[1])))


@bounded
@given(people, bookings, periods)
def test_free_hours_are_never_negative_nor_above_the_capacity(person, booked, period) -> None:
    first, last = period
    free = workload.free_hours_by_week(person, booked, first=first, last=last)
    alone = workload.free_hours_by_week(person, [], first=first, last=last)
    for week, hours in free.items():
        assert 0 <= hours <= alone[week] + 1e-9
        assert alone[week] <= workload.capacity_in_week(person, week) + 1e-9


@bounded
@given(people, bookings, bookings, periods)
def test_more_bookings_elsewhere_never_give_more_free_hours(person, booked, more, period) -> None:
    first, last = period
    free = workload.free_hours_by_week(person, booked, first=first, last=last)
    fewer = workload.free_hours_by_week(person, booked + more, first=first, last=last)
    assert all(fewer[week] <= free[week] + 1e-9 for week in free)


@bounded
@given(people, bookings, periods)
def test_the_days_of_each_week_add_up_to_its_free_hours(person, booked, period) -> None:
    first, last = period
    closed = workload.public_holidays(first, last)
    weeks = workload.free_hours_by_week(person, booked, first=first, last=last, closed=closed)
    by_day = workload.free_hours_by_day(person, weeks, first=first, last=last, closed=closed)
    for week, hours in weeks.items():
        spread = sum(h for day, h in by_day.items() if workload.monday(day) == week)
        assert spread == pytest.approx(hours, abs=0.006), week  # a week without a day present has 0 h
