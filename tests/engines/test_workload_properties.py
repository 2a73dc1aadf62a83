"""Properties of the workload computation and its calendar, on generated teams and bookings (bounded
example counts): the load of a booking is all spread over its weeks, capacity is never negative nor above
the weekly figure, and a public holiday or an absence only ever lowers it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon.engines import calendar, workload

bounded = settings(max_examples=60, deadline=None)
FIRST = date(2026, 1, 5)  # a Monday
days = st.integers(0, 400).map(lambda n: FIRST + timedelta(days=n))
spans = st.tuples(days, st.integers(0, 60)).map(lambda pair: (pair[0], pair[0] + timedelta(days=pair[1])))
hours = st.floats(0, 60)
absences = st.lists(spans, max_size=4).map(tuple)
people = st.lists(st.tuples(hours, absences), min_size=1, max_size=4).map(
    lambda rows: [workload.Availability(f"p{n}", h, away) for n, (h, away) in enumerate(rows)]
)


def bookings_for(team: list[workload.Availability]) -> st.SearchStrategy[list[workload.Booking]]:
    keys = st.sampled_from([person.person_key for person in team])
    booking = st.tuples(keys, st.integers(0, 999), spans, st.floats(0, 40)).map(
        lambda row: workload.Booking(row[0], f"a{row[1]}", "A", row[2][0], row[2][1], row[3])
    )
    return st.lists(booking, max_size=8)


@bounded
@given(people, st.data(), st.sampled_from(["FR", None]))
def test_every_booked_hour_lands_in_one_week_of_the_grid(team, data, country) -> None:
    """Total load is conserved: what the grid holds is the hours a week spread over each booking's
    working days (a fifth of a week a day)."""
    bookings = data.draw(bookings_for(team))
    grid = workload.workload(team, bookings, country=country)
    held = sum(cell.hours for row in grid.values() for cell in row.values())
    expected = 0.0
    for b in bookings:
        closed = calendar.public_holidays(country, b.start, b.end)
        expected += b.hours_per_week / 5 * calendar.working_days(b.start, b.end, closed=closed)
    assert held == pytest.approx(expected, abs=1e-6)
    for key, row in grid.items():
        per_booking = {b.activity_key for b in bookings if b.person_key == key}
        assert all(load.activity_key in per_booking for cell in row.values() for load in cell.loads)


@bounded
@given(people, st.integers(0, 60).map(lambda n: FIRST + timedelta(weeks=n)))
def test_capacity_is_never_negative_nor_above_the_weekly_hours(team, week) -> None:
    for person in team:
        capacity = workload.capacity_in_week(person, week)
        assert 0 <= capacity <= person.capacity_hours_per_week + 1e-9
        alone = workload.Availability(person.person_key, person.capacity_hours_per_week)
        assert capacity <= workload.capacity_in_week(alone, week) + 1e-9  # absences only lower it


@bounded
@given(
    hours,
    absences,
    st.sampled_from(sorted(calendar.public_holidays("FR", FIRST, FIRST + timedelta(days=400)))),
)
def test_a_week_with_a_public_holiday_on_a_weekday_has_less_capacity(weekly, away, holiday) -> None:
    week = workload.monday(holiday)
    person = workload.Availability("p", weekly, away)
    with_holidays = workload.capacity_in_week(person, week, country="FR")
    without = workload.capacity_in_week(person, week, country=None)
    assert with_holidays <= without
    if holiday.weekday() < 5 and not any(start <= holiday <= end for start, end in away) and weekly > 0:
        assert with_holidays == pytest.approx(without - weekly / 5)


@bounded
@given(days, st.integers(0, 120), absences)
def test_working_days_add_up_over_a_split_period(first, length, away) -> None:
    last = first + timedelta(days=length)
    middle = first + timedelta(days=length // 2)
    closed = calendar.public_holidays("FR", first, last)
    whole = calendar.working_days(first, last, closed=closed, absences=away)
    parts = calendar.working_days(first, middle, closed=closed, absences=away) + calendar.working_days(
        middle + timedelta(days=1), last, closed=closed, absences=away
    )
    assert whole == parts
    assert 0 <= whole <= calendar.working_days(first, last) <= length + 1
