"""Who works how much each week: the person × week load that the workload view and the assignment
warning both read. Pure computation over already-loaded rows (no query here).

An assignment of ``h`` hours per week loads each ISO week the activity overlaps in proportion to the
working days it covers that week. Working days are Monday to Friday minus the public holidays (French by
default, like the scheduler): nobody works on 14 July, so a holiday lowers both the capacity and the load
of that week. An absence is personal: it lowers the person's capacity only, because the work assigned to
them that week still has to be done by someone, which is exactly the overload worth showing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from jalon.engines.scheduling_calendar import public_holidays as _public_holidays

WORKING_DAYS_PER_WEEK = 5
OVERLOAD_TOLERANCE_HOURS = 0.01
DEFAULT_COUNTRY = "FR"
NO_DAYS: frozenset[date] = frozenset()


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_between(start: date, end: date) -> list[date]:
    """The Monday of every week that overlaps ``start..end``."""
    weeks, week = [], monday(start)
    while week <= end:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


@lru_cache(maxsize=64)
def public_holidays(start: date, end: date, *, country: str | None = DEFAULT_COUNTRY) -> frozenset[date]:
    """The public holidays of ``country`` between two dates (none when ``country`` is None)."""
    if end < start:
        return NO_DAYS
    return _public_holidays(country, first=start, last=end)


def working_days_by_week(start: date, end: date, *, closed: Collection[date] = NO_DAYS) -> dict[date, int]:
    """Monday of each week -> number of Monday–Friday days of ``start..end`` in that week that are not
    ``closed`` (public holidays). Weeks with no such day are left out."""
    counts: dict[date, int] = {}
    for week in weeks_between(start, end):
        first, last = max(start, week), min(end, week + timedelta(days=4))
        days = (last - first).days + 1
        if days > 0 and closed:
            days -= sum(1 for offset in range(days) if first + timedelta(days=offset) in closed)
        if days > 0:
            counts[week] = days
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
    def excess_hours(self) -> float:
        return max(0.0, self.hours - self.capacity_hours)

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


def capacity_in_week(person: Availability, week: date, *, closed: Collection[date] = NO_DAYS) -> float:
    """The hours ``person`` can give in the week starting on Monday ``week``: their weekly capacity for
    each working day that is neither a public holiday (``closed``) nor in one of their absences."""
    friday = week + timedelta(days=4)
    open_days = [week + timedelta(days=i) for i in range(WORKING_DAYS_PER_WEEK)]
    open_days = [day for day in open_days if day not in closed]
    away = [(start, end) for start, end in person.absences if start <= friday and end >= week]
    present = sum(1 for day in open_days if not any(start <= day <= end for start, end in away))
    return person.capacity_hours_per_week * present / WORKING_DAYS_PER_WEEK


def _weeks_span(bookings: Sequence[Booking]) -> tuple[date, date] | None:
    """From the first Monday to the last Sunday of the weeks the bookings touch."""
    if not bookings:
        return None
    return monday(min(b.start for b in bookings)), monday(max(b.end for b in bookings)) + timedelta(days=6)


def workload(
    people: Iterable[Availability], bookings: Iterable[Booking], *, country: str | None = DEFAULT_COUNTRY
) -> dict[str, dict[date, Cell]]:
    """person key -> Monday -> Cell, for every week in which the person has work."""
    by_key = {person.person_key: person for person in people}
    bookings = [b for b in bookings if b.person_key in by_key]
    span = _weeks_span(bookings)
    closed = public_holidays(*span, country=country) if span else NO_DAYS
    grid: dict[str, dict[date, Cell]] = defaultdict(dict)
    for booking in bookings:
        person = by_key[booking.person_key]
        row = grid[booking.person_key]
        for week, days in working_days_by_week(booking.start, booking.end, closed=closed).items():
            cell = row.get(week)
            if cell is None:
                cell = row[week] = Cell(capacity_in_week(person, week, closed=closed))
            hours = booking.hours_per_week * days / WORKING_DAYS_PER_WEEK
            cell.loads.append(Load(booking.activity_key, booking.activity_title, hours))
    return dict(grid)


def overloaded_weeks(grid: dict[str, dict[date, Cell]], person_key: str) -> list[tuple[date, Cell]]:
    return sorted(
        ((week, cell) for week, cell in grid.get(person_key, {}).items() if cell.overloaded),
        key=lambda item: item[0],
    )


@dataclass(frozen=True)
class Heatmap:
    """Every person × every week of a period, empty weeks included (with their capacity)."""

    weeks: list[date]
    rows: dict[str, list[Cell]]  # person key -> one cell per week, in the order of ``weeks``
    closed: frozenset[date]  # the public holidays of the period

    def overloaded(self) -> list[tuple[str, date, Cell]]:
        return [
            (key, week, cell)
            for key, cells in self.rows.items()
            for week, cell in zip(self.weeks, cells, strict=True)
            if cell.overloaded
        ]


def heatmap(
    people: Sequence[Availability],
    bookings: Iterable[Booking],
    *,
    weeks: Sequence[date],
    country: str | None = DEFAULT_COUNTRY,
) -> Heatmap:
    """The workload of ``people`` for each Monday of ``weeks``: the grid the workload page draws."""
    grid = workload(people, bookings, country=country)
    closed = public_holidays(weeks[0], weeks[-1] + timedelta(days=6), country=country) if weeks else NO_DAYS
    rows: dict[str, list[Cell]] = {}
    for person in people:
        known = grid.get(person.person_key, {})
        rows[person.person_key] = [
            known.get(week) or Cell(capacity_in_week(person, week, closed=closed)) for week in weeks
        ]
    return Heatmap(list(weeks), rows, closed)
