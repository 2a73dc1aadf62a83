"""Who works how much each week: the person × week load that the workload view and the assignment
warning both read. Pure computation over already-loaded rows (no query here).

An assignment of ``h`` hours per week loads each ISO week the activity overlaps in proportion to the
working days (Monday–Friday) it covers that week; a person's capacity shrinks the same way for the
days of an absence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

WORKING_DAYS_PER_WEEK = 5
OVERLOAD_TOLERANCE_HOURS = 0.01


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def working_days_by_week(start: date, end: date) -> dict[date, int]:
    """Monday of each week -> number of Monday–Friday days of ``start..end`` in that week."""
    counts: dict[date, int] = {}
    week = monday(start)
    while week <= end:
        first, last = max(start, week), min(end, week + timedelta(days=4))
        if first <= last:
            counts[week] = (last - first).days + 1
        week += timedelta(days=7)
    return counts


@dataclass(frozen=True)
class Load:
    """Hours that one activity puts on one person in one week."""

    activity_key: str
    activity_title: str
    hours: float


@dataclass
class Cell:
    """One person in one week: capacity, load and the activities causing it."""

    capacity_hours: float
    loads: list[Load] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return sum(load.hours for load in self.loads)

    @property
    def overloaded(self) -> bool:
        return self.hours > self.capacity_hours + OVERLOAD_TOLERANCE_HOURS

    @property
    def ratio(self) -> float:
        if self.capacity_hours <= 0:
            return float("inf") if self.hours > 0 else 0.0
        return self.hours / self.capacity_hours


@dataclass(frozen=True)
class Booking:
    """An assignment as the workload sees it."""

    person_key: str
    activity_key: str
    activity_title: str
    start: date
    end: date
    hours_per_week: float


@dataclass(frozen=True)
class Availability:
    person_key: str
    capacity_hours_per_week: float
    absences: tuple[tuple[date, date], ...] = ()


def capacity_in_week(person: Availability, week: date) -> float:
    absent_days = sum(
        days
        for start, end in person.absences
        for wk, days in working_days_by_week(start, end).items()
        if wk == week
    )
    present = max(0, WORKING_DAYS_PER_WEEK - absent_days)
    return person.capacity_hours_per_week * present / WORKING_DAYS_PER_WEEK


def workload(people: Iterable[Availability], bookings: Iterable[Booking]) -> dict[str, dict[date, Cell]]:
    """person key -> Monday -> Cell, for every week in which the person has work."""
    by_key = {person.person_key: person for person in people}
    grid: dict[str, dict[date, Cell]] = defaultdict(dict)
    for booking in bookings:
        person = by_key.get(booking.person_key)
        if person is None:
            continue
        for week, days in working_days_by_week(booking.start, booking.end).items():
            cell = grid[booking.person_key].get(week)
            if cell is None:
                cell = grid[booking.person_key][week] = Cell(capacity_in_week(person, week))
            hours = booking.hours_per_week * days / WORKING_DAYS_PER_WEEK
            cell.loads.append(Load(booking.activity_key, booking.activity_title, hours))
    return dict(grid)


def overloaded_weeks(grid: dict[str, dict[date, Cell]], person_key: str) -> list[tuple[date, Cell]]:
    return sorted(
        ((week, cell) for week, cell in grid.get(person_key, {}).items() if cell.overloaded),
        key=lambda item: item[0],
    )
