"""The person × week load: what counts as work, what lowers capacity, when a week is overloaded."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.engines.workload import (
    Availability,
    Booking,
    capacity_in_week,
    heatmap,
    is_overloaded,
    load_step,
    overloaded_weeks,
    public_holidays,
    weeks_between,
    working_days_by_week,
    workload,
)

pytestmark = pytest.mark.engine

MON_7_SEPT = date(2026, 9, 7)  # a week without public holiday
MON_14_SEPT = date(2026, 9, 14)
MON_9_NOV = date(2026, 11, 9)  # Wednesday 11 November is Armistice Day
ALICE = Availability("alice", 35)


def booking(key: str, start: date, end: date, hours: float, person: str = "alice") -> Booking:
    return Booking(person, key, key.capitalize(), start, end, hours)


def test_two_activities_in_the_same_week_beyond_capacity_overload_it() -> None:
    grid = workload(
        [ALICE],
        [
            booking("brief", MON_7_SEPT, date(2026, 9, 11), 30),
            booking("ads", MON_7_SEPT, date(2026, 9, 18), 10),
        ],
    )
    cell = grid["alice"][MON_7_SEPT]
    assert cell.hours == pytest.approx(40)
    assert cell.overloaded
    assert {load.activity_title for load in cell.loads} == {"Brief", "Ads"}
    assert not grid["alice"][MON_14_SEPT].overloaded  # only "ads" goes on


def test_hours_on_another_roadmap_count_and_are_told_apart() -> None:
    north = Booking("alice", "brief", "Brief", MON_7_SEPT, date(2026, 9, 11), 20, roadmap="North")
    grid = workload([ALICE], [booking("brief", MON_7_SEPT, date(2026, 9, 11), 20), north])
    cell = grid["alice"][MON_7_SEPT]
    assert cell.overloaded  # 20 h here + 20 h on North for 35 h
    assert cell.elsewhere_hours == pytest.approx(20)
    assert sorted(load.roadmap for load in cell.loads) == ["", "North"]


def test_exactly_the_capacity_is_not_an_overload() -> None:
    grid = workload([ALICE], [booking("brief", MON_7_SEPT, date(2026, 9, 11), 35)])
    assert not grid["alice"][MON_7_SEPT].overloaded


def test_hours_within_the_rounding_tolerance_are_no_overload() -> None:
    assert not is_overloaded(35.005, 35)
    assert is_overloaded(35.02, 35)


@pytest.mark.parametrize(("hours", "step"), [(17.5, 1), (17.6, 2), (28, 2), (28.1, 3), (35, 3)])
def test_a_week_within_capacity_is_coloured_up_to_half_up_to_80_percent_then_full(
    hours: float, step: int
) -> None:
    assert load_step(hours, 35) == step


def test_a_week_without_capacity_colours_any_work_as_full() -> None:
    assert load_step(3, 0) == 3


def test_an_activity_covering_part_of_a_week_loads_it_in_proportion() -> None:
    # Thursday and Friday only: two working days out of five.
    grid = workload([ALICE], [booking("brief", date(2026, 9, 10), date(2026, 9, 13), 20)])
    assert grid["alice"][MON_7_SEPT].hours == pytest.approx(8)


def test_an_absence_lowers_the_capacity_but_not_the_work() -> None:
    away = Availability("alice", 35, ((date(2026, 9, 7), date(2026, 9, 9)),))  # Monday to Wednesday
    grid = workload([away], [booking("brief", MON_7_SEPT, date(2026, 9, 11), 20)])
    cell = grid["alice"][MON_7_SEPT]
    assert cell.capacity_hours == pytest.approx(14)
    assert cell.hours == pytest.approx(20)
    assert cell.overloaded
    assert [week for week, _ in overloaded_weeks(grid, "alice")] == [MON_7_SEPT]


def test_an_absence_over_a_weekend_costs_nothing() -> None:
    away = Availability("alice", 35, ((date(2026, 9, 12), date(2026, 9, 13)),))
    assert capacity_in_week(away, MON_7_SEPT) == pytest.approx(35)


def test_a_french_public_holiday_lowers_capacity_and_load_alike() -> None:
    grid = workload([ALICE], [booking("brief", MON_9_NOV, date(2026, 11, 13), 35)])
    cell = grid["alice"][MON_9_NOV]
    assert cell.capacity_hours == pytest.approx(28)
    assert cell.hours == pytest.approx(28)
    assert not cell.overloaded


def test_without_a_country_11_november_is_a_working_day() -> None:
    grid = workload([ALICE], [booking("brief", MON_9_NOV, date(2026, 11, 13), 35)], country=None)
    assert grid["alice"][MON_9_NOV].capacity_hours == pytest.approx(35)


def test_an_absence_on_a_holiday_is_not_deducted_twice() -> None:
    away = Availability("alice", 35, ((date(2026, 11, 11), date(2026, 11, 12)),))
    closed = public_holidays(MON_9_NOV, date(2026, 11, 15))
    assert capacity_in_week(away, MON_9_NOV, closed=closed) == pytest.approx(21)  # Mon, Tue, Fri


def test_work_of_unknown_people_is_ignored() -> None:
    assert workload([ALICE], [booking("brief", MON_7_SEPT, MON_7_SEPT, 10, person="bob")]) == {}


def test_working_days_leave_out_weekends_and_closed_days() -> None:
    counts = working_days_by_week(date(2026, 11, 6), date(2026, 11, 15), closed={date(2026, 11, 11)})
    assert counts == {date(2026, 11, 2): 1, MON_9_NOV: 4}


def test_weeks_between_starts_on_the_monday_of_the_first_day() -> None:
    assert weeks_between(date(2026, 9, 10), date(2026, 9, 21)) == [MON_7_SEPT, MON_14_SEPT, date(2026, 9, 21)]


def test_heatmap_gives_every_week_a_cell_with_its_capacity() -> None:
    bob = Availability("bob", 20, ((MON_14_SEPT, date(2026, 9, 18)),))
    heat = heatmap(
        [ALICE, bob], [booking("brief", MON_7_SEPT, date(2026, 9, 11), 40)], weeks=[MON_7_SEPT, MON_14_SEPT]
    )
    assert [cell.hours for cell in heat.rows["alice"]] == [pytest.approx(40), 0]
    assert [cell.capacity_hours for cell in heat.rows["bob"]] == [20, 0]
    assert [(key, week) for key, week, _ in heat.overloaded()] == [("alice", MON_7_SEPT)]


def test_heatmap_knows_the_public_holidays_of_its_weeks() -> None:
    heat = heatmap([ALICE], [], weeks=[MON_9_NOV])
    assert heat.closed == {date(2026, 11, 11)}
    assert heat.rows["alice"][0].capacity_hours == pytest.approx(28)


def test_a_workload_within_weeks_counts_only_their_weeks_and_the_same_hours_there() -> None:
    """A booking typed from 1900 to 2200 made the grid count some 15,700 weeks; within a window, only the
    weeks touching it are counted, each as the whole span counts it (the window's first and last weeks
    too, though it starts on a Wednesday and ends on a Tuesday)."""
    person = Availability("zoe", 35.0, ((date(2027, 3, 1), date(2027, 3, 5)),))
    typo = Booking("zoe", "typo", "Typo", date(1900, 1, 1), date(2200, 12, 31), 20.0)
    salon = Booking("zoe", "salon", "Salon", date(2027, 5, 3), date(2027, 5, 19), 30.0)
    window = (date(2026, 12, 30), date(2028, 1, 4))
    whole = workload([person], [typo, salon])["zoe"]
    bounded = workload([person], [typo, salon], weeks_within=window)["zoe"]
    assert len(whole) > 15_000
    assert sorted(bounded) == weeks_between(*window)
    for week, cell in bounded.items():
        assert cell == whole[week], week
    assert any(cell.overloaded for cell in bounded.values())  # the fair's weeks, over the typo's hours
