"""Who works how much each week: the person × week load that the workload view and the assignment
warning both read. Pure computation over already-loaded rows (no query here).

An assignment of ``h`` hours per week loads each ISO week the activity overlaps in proportion to the
working days it covers that week. Working days are those of ``jalon.engines.calendar`` (Monday to Friday
minus the public holidays, French by default), the rule the scheduler and the portfolio count with too:
nobody works on 14 July, so a holiday lowers both the capacity and the load of that week. An absence is
personal: it lowers the person's capacity only (``calendar.capacity_hours``), because the work assigned
to them that week still has to be done by someone, which is exactly the overload worth showing.

Free time (``free_hours``, ``free_hours_by_week``): the one rule for the hours a person has left for a
roadmap once the workspace's other roadmaps took theirs, read by the workload cells, the portfolio's
capacity and the scheduler. Hours booked elsewhere in a week are work that takes the person's time that
week, whatever day they fall on: the week's free hours are its capacity (holidays and absences deducted)
less those hours, never below zero. An overbooked week elsewhere leaves no time that week and gives none
back in other weeks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from jalon.engines import calendar

WORKING_DAYS_PER_WEEK = calendar.DAYS_PER_WEEK
DEFAULT_COUNTRY = calendar.DEFAULT_COUNTRY
OVERLOAD_TOLERANCE_HOURS = 0.01
NO_DAYS: frozenset[date] = frozenset()
FOUR_DAYS, ONE_WEEK = timedelta(days=4), timedelta(days=7)


def is_overloaded(hours: float, capacity_hours: float) -> bool:
    """More hours than the capacity, beyond what rounding the hours may add."""
    return hours > capacity_hours + OVERLOAD_TOLERANCE_HOURS


def load_step(hours: float, capacity_hours: float) -> int:
    """The colour step of a week that is not overloaded, on every heat map: 1 up to half of the capacity,
    2 up to 80 %, 3 up to the full capacity (a week without capacity counts as full)."""
    share = hours / capacity_hours if capacity_hours > 0 else 1.0
    return 1 if share <= 0.5 else 2 if share <= 0.8 else 3


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_between(start: date, end: date) -> list[date]:
    """The Monday of every week that overlaps ``start..end``."""
    weeks, week = [], monday(start)
    while week <= end:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def public_holidays(start: date, end: date, *, country: str | None = DEFAULT_COUNTRY) -> frozenset[date]:
    """The public holidays of ``country`` between two dates (none when ``country`` is None)."""
    return calendar.public_holidays(country, start, end)


def _by_week(closed: Collection[date]) -> dict[date, tuple[date, ...]]:
    """Closed days grouped by the Monday of their week (most weeks have none)."""
    grouped: dict[date, list[date]] = defaultdict(list)
    for day in closed:
        grouped[monday(day)].append(day)
    return {week: tuple(days) for week, days in grouped.items()}


ClosedByWeek = Mapping[date, tuple[date, ...]]


def _working_days(start: date, end: date, closed: ClosedByWeek) -> Iterator[tuple[date, int]]:
    week, friday_offset, step = monday(start), timedelta(days=4), timedelta(days=7)
    while week <= end:
        first, last = max(start, week), min(end, week + friday_offset)
        days = (last - first).days + 1
        off = closed.get(week)
        if off and days > 0:
            days -= sum(1 for day in off if first <= day <= last)
        if days > 0:
            yield week, days
        week += step


def working_days_by_week(start: date, end: date, *, closed: Collection[date] = NO_DAYS) -> dict[date, int]:
    """Monday of each week -> number of Monday–Friday days of ``start..end`` in that week that are not
    ``closed`` (public holidays). Weeks with no such day are left out."""
    return dict(_working_days(start, end, _by_week(closed)))


class Load(NamedTuple):
    """Hours that one activity puts on one person in one week (a tuple: a grid holds thousands)."""

    activity_key: str
    activity_title: str
    hours: float
    roadmap: str = ""  # the title of another roadmap of the workspace the activity is on ("" for this one)


@dataclass(slots=True)
class Cell:
    """One person in one week: capacity, load and the activities causing it."""

    capacity_hours: float
    loads: list[Load] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return sum(load.hours for load in self.loads)

    @property
    def elsewhere_hours(self) -> float:
        """The hours of this week booked on the workspace's other roadmaps."""
        return sum(load.hours for load in self.loads if load.roadmap)

    @property
    def free_hours(self) -> float:
        """The hours left this week for the roadmap on show (``free_hours``)."""
        return free_hours(self.capacity_hours, self.elsewhere_hours)

    @property
    def overloaded(self) -> bool:
        return is_overloaded(self.hours, self.capacity_hours)

    @property
    def excess_hours(self) -> float:
        return max(0.0, self.hours - self.capacity_hours)

    @property
    def ratio(self) -> float:
        if self.capacity_hours <= 0:
            return float("inf") if self.hours > 0 else 0.0
        return self.hours / self.capacity_hours


class Booking(NamedTuple):
    """An assignment as the workload sees it."""

    person_key: str
    activity_key: str
    activity_title: str
    start: date
    end: date
    hours_per_week: float
    roadmap: str = ""  # the title of another roadmap of the workspace the activity is on ("" for this one)


@dataclass(frozen=True)
class Availability:
    person_key: str
    capacity_hours_per_week: float
    absences: tuple[tuple[date, date], ...] = ()


def capacity_in_week(
    person: Availability,
    week: date,
    *,
    closed: Collection[date] | None = None,
    country: str | None = DEFAULT_COUNTRY,
) -> float:
    """The hours ``person`` can give in the week starting on Monday ``week`` (``calendar.capacity_hours``):
    their weekly capacity for each working day that is neither a public holiday (``closed``, by default
    those of ``country``) nor in one of their absences."""
    if closed is None:
        closed = public_holidays(week, week + FOUR_DAYS, country=country)
    return _capacity(person, week, _by_week(closed))


def _capacity(
    person: Availability,
    week: date,
    closed: ClosedByWeek,
    *,
    first: date | None = None,
    last: date | None = None,
) -> float:
    """The capacity of the week starting on Monday ``week``, or of its days within ``first..last``."""
    friday = week + FOUR_DAYS
    start = week if first is None or first < week else first
    end = friday if last is None or last > friday else last
    away = [(a, b) for a, b in person.absences if a <= end and b >= start]
    off = closed.get(week, ())
    if not away and not off and start == week and end == friday:  # most weeks: no need to count
        return person.capacity_hours_per_week
    return calendar.capacity_hours(person.capacity_hours_per_week, start, end, closed=off, absences=away)


def within(bookings: Iterable[Booking], first: date, last: date) -> list[Booking]:
    """The part of each booking that falls in ``first..last`` (bookings outside left out)."""
    return [
        booking._replace(start=max(booking.start, first), end=min(booking.end, last))
        for booking in bookings
        if booking.start <= last and booking.end >= first
    ]


def free_hours(capacity_hours: float, elsewhere_hours: float) -> float:
    """The one rule of free time: a week's capacity (holidays and absences deducted) less the hours booked
    on other roadmaps that week, whatever day they fall on; never below zero, so a week overbooked
    elsewhere leaves nothing that week and gives nothing back in other weeks."""
    return max(0.0, capacity_hours - max(0.0, elsewhere_hours))


def free_hours_by_week(
    person: Availability,
    elsewhere: Iterable[Booking],
    *,
    first: date,
    last: date,
    closed: Collection[date] | None = None,
    country: str | None = DEFAULT_COUNTRY,
) -> dict[date, float]:
    """Monday -> the hours ``person`` has left each week of ``first..last`` (``free_hours``): the part of
    the week within those dates, its capacity there (``capacity_in_week``'s rule) less the hours of the
    ``elsewhere`` bookings there (counted as ``workload`` counts them). A week cut by ``first`` or ``last``
    (a quarter starting on a Wednesday) is counted on its days within them."""
    if last < first:
        return {}
    if closed is None:
        closed = public_holidays(first, last, country=country)
    by_week = _by_week(closed)
    mine = within((b for b in elsewhere if b.person_key == person.person_key), first, last)
    booked = workload([person], mine, country=None, closed=closed).get(person.person_key, {})
    free: dict[date, float] = {}
    for week in weeks_between(first, last):
        capacity = _capacity(person, week, by_week, first=first, last=last)
        cell = booked.get(week)
        free[week] = free_hours(capacity, cell.hours if cell is not None else 0.0)
    return free


HUNDREDTHS = 100
"""Free hours spread over days are counted in hundredths of an hour, the scheduler's unit."""


def free_hours_by_day(
    person: Availability,
    free_by_week: Mapping[date, float],
    *,
    first: date,
    last: date,
    closed: Collection[date],
) -> dict[date, float]:
    """Each working day of ``first..last`` on which ``person`` is present -> their free hours that day:
    each week's free hours (``free_by_week``, from ``free_hours_by_week`` over the same dates and holidays)
    spread evenly over the week's days they work, to the hundredth of an hour, the first days of the week
    taking the hundredths left over. The days of a week add up to the week's free hours, so a day-based
    scheduler gives the figure of the workload page."""
    shut = set(closed)
    by_day: dict[date, float] = {}
    for week, hours in free_by_week.items():
        days = [
            day
            for day in (week + timedelta(days=n) for n in range(WORKING_DAYS_PER_WEEK))
            if first <= day <= last
            and day not in shut
            and not any(start <= day <= end for start, end in person.absences)
        ]
        if not days:
            continue
        share, extra = divmod(round(hours * HUNDREDTHS), len(days))
        for n, day in enumerate(days):
            by_day[day] = (share + (1 if n < extra else 0)) / HUNDREDTHS
    return by_day


def _weeks_span(bookings: Sequence[Booking]) -> tuple[date, date] | None:
    """From the first Monday to the last Sunday of the weeks the bookings touch."""
    if not bookings:
        return None
    return monday(min(b.start for b in bookings)), monday(max(b.end for b in bookings)) + timedelta(days=6)


def workload(
    people: Iterable[Availability],
    bookings: Iterable[Booking],
    *,
    country: str | None = DEFAULT_COUNTRY,
    closed: Collection[date] | None = None,
    weeks_within: tuple[date, date] | None = None,
) -> dict[str, dict[date, Cell]]:
    """person key -> Monday -> Cell, for every week in which the person has work (public holidays:
    ``closed`` when given, else those of ``country``); with ``weeks_within`` (first, last), only for the
    weeks that touch those dates, each counted as without them: a booking typed from 1900 to 2200 (the
    forms allow it) then costs the weeks of the window (a roadmap's reach), not some 15,700."""
    by_key = {person.person_key: person for person in people}
    bookings = [b for b in bookings if b.person_key in by_key]
    if weeks_within is not None:  # whole weeks: a week's cell is the same, cut or not
        bookings = within(bookings, monday(weeks_within[0]), monday(weeks_within[1]) + timedelta(days=6))
    span = _weeks_span(bookings)
    if closed is None:
        closed = public_holidays(*span, country=country) if span else NO_DAYS
    off_by_week = _by_week(closed)
    grid: dict[str, dict[date, Cell]] = defaultdict(dict)
    for booking in bookings:  # the hot loop of the workload page: kept flat on purpose
        person, row = by_key[booking.person_key], grid[booking.person_key]
        start, end, per_day = booking.start, booking.end, booking.hours_per_week / WORKING_DAYS_PER_WEEK
        week = monday(start)
        while week <= end:
            friday = week + FOUR_DAYS
            days = ((end if end < friday else friday) - (start if start > week else week)).days + 1
            off = off_by_week.get(week)
            if off and days > 0:
                days -= sum(1 for day in off if start <= day <= end and day <= friday)
            if days > 0:
                cell = row.get(week)
                if cell is None:
                    cell = row[week] = Cell(_capacity(person, week, off_by_week))
                cell.loads.append(
                    Load(booking.activity_key, booking.activity_title, per_day * days, booking.roadmap)
                )
            week += ONE_WEEK
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
    window = (weeks[0], weeks[-1] + timedelta(days=6)) if weeks else None
    grid = workload(people, bookings, country=country, weeks_within=window)
    closed = public_holidays(weeks[0], weeks[-1] + timedelta(days=6), country=country) if weeks else NO_DAYS
    by_week = _by_week(closed)
    rows: dict[str, list[Cell]] = {}
    for person in people:
        known = grid.get(person.person_key, {})
        rows[person.person_key] = [
            known.get(week) or Cell(_capacity(person, week, by_week)) for week in weeks
        ]
    return Heatmap(list(weeks), rows, closed)
