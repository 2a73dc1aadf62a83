"""The workload heatmap as the page shows it: the team and its assignments loaded in a fixed number of
queries (people, their absences, every assignment with its activity's dates as plain values), then the
grid built as escaped HTML strings, its header and the list of overloads with their causes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jalon.engines import calendar, workload
from jalon.formatting import format_number
from jalon.markup import escape
from jalon.planning import queries
from jalon.planning.models import Assignment, Person, Theme
from jalon.planning.people.elsewhere import (
    BOOKING_FIELDS,
    booking,
    by_roadmap,
    loading,
    other_roadmaps_bookings,
)
from jalon.planning.timeline.reach import Reach, reach_of
from jalon.strategy.models import Roadmap

MAX_WEEKS = 157  # three years: beyond that the grid is no longer readable on a screen
HOLIDAY_LANGUAGES = {"fr": "fr", "en": "en_US"}


# Loading the team and its work ----------------------------------------------------------------------


@dataclass
class Team:
    """The people of a roadmap and everything assigned to them, loaded once."""

    people: list[Person]
    bookings: list[workload.Booking]
    themes_of: dict[str, set[int | None]] = field(default_factory=dict)  # person key -> theme ids
    elsewhere: list[workload.Booking] = field(default_factory=list)  # on the workspace's other roadmaps
    far: dict[str, tuple[str, date]] = field(default_factory=dict)  # activity key -> title, start (``reach``)
    running_past: set[str] = field(default_factory=set)  # keys of activities cut at the reach (``loaded``)
    reach: Reach | None = None  # the weeks counted (``load_team``)

    @property
    def far_activities(self) -> list[tuple[str, str, date]]:
        """The assigned activities wholly beyond the reach, that load no week: key, title and start."""
        return sorted(((key, title, start) for key, (title, start) in self.far.items()), key=lambda a: a[2])

    @property
    def all_bookings(self) -> list[workload.Booking]:
        """This roadmap's bookings and the other roadmaps': what a person's week really holds."""
        return self.bookings + self.elsewhere

    def grid(self) -> dict[str, dict[date, workload.Cell]]:
        """Each person's weeks within the reach, this roadmap's work and the other roadmaps': the figures
        of the Team tab and the person's page, and of the weeks the workload page draws."""
        return workload.workload(self.availability(), self.all_bookings, weeks_within=self.reach)

    def availability(self) -> list[workload.Availability]:
        return [
            workload.Availability(
                p.key, p.capacity_hours_per_week, tuple((a.start, a.end) for a in p.absences.all())
            )
            for p in self.people
        ]


def load_team(roadmap: Roadmap, person: Person | None = None) -> Team:
    """People and their absences (two queries; ``person`` alone when given, absences prefetched),
    assignments with their activity's dates (one), and their assignments on the workspace's other roadmaps
    within the reach (one, ``elsewhere``): what the workload page, the Team tab and the person's page count.

    Dropped activities load nobody; activities without dates cannot be placed on a week; an activity
    running past the reach loads the weeks of its part within it, and one wholly beyond it loads no week
    (``elsewhere.loaded``, the one rule): it is set aside in ``far``, to be named.
    """
    people = [person] if person is not None else list(queries.people_of(roadmap))
    keys = {p.pk: p.key for p in people}
    rows = loading(Assignment.objects.filter(activity__roadmap=roadmap, person_id__in=list(keys)))
    team = Team(people, [], reach=reach_of(roadmap))
    assert team.reach is not None
    for person_id, hours, key, title, start, end, theme_id in rows.values_list(
        *BOOKING_FIELDS, "activity__theme_id"
    ).order_by():
        person_key = keys.get(person_id)
        if person_key is None or start is None or end is None:
            continue
        found = booking(person_key, key, title, start, end, hours, team.reach)
        if found is None:
            team.far.setdefault(key, (title, start))
            continue
        if (found.start, found.end) != (start, end):
            team.running_past.add(key)
        team.bookings.append(found)
        team.themes_of.setdefault(person_key, set()).add(theme_id)
    team.elsewhere = other_roadmaps_bookings(roadmap, people, first=team.reach[0], last=team.reach[1])
    return team


def _weeks(roadmap: Roadmap, bookings: list[workload.Booking]) -> list[date]:
    """The horizon's weeks, widened to the weeks of ``bookings`` (at most ``MAX_WEEKS``)."""
    first = min([roadmap.start, *(b.start for b in bookings)])
    last = max([roadmap.end, *(b.end for b in bookings)])
    return workload.weeks_between(first, last)[:MAX_WEEKS]


# The heatmap as the page shows it ------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    monday: date
    title: str  # "week of 07/09/2026", and its public holidays
    holiday: bool


@dataclass
class Row:
    person: Person
    cells: str = ""
    overloaded: int = 0
    excess_hours: float = 0.0


@dataclass(frozen=True)
class Overload:
    person: Person
    week: date
    hours: str
    capacity: str
    causes: list[str]


class Numbers:
    """``format_number`` with a memory: a grid repeats the same few values thousands of times."""

    def __init__(self) -> None:
        self.known: dict[float, str] = {}

    def __call__(self, value: float) -> str:
        text = self.known.get(value)
        if text is None:
            text = self.known[value] = format_number(round(value, 1), decimals=1)
        return text


def _ranked(cell: workload.Cell) -> list[workload.Load]:
    """The activities loading the cell, the heaviest first (one load per activity: a person is assigned
    to an activity once)."""
    loads = cell.loads
    return loads if len(loads) == 1 else sorted(loads, key=lambda load: -load.hours)


def causes(cell: workload.Cell, fmt: Numbers) -> list[str]:
    """ "Brief: 30 h" for each activity of this roadmap loading the cell, the heaviest first, then
    "North (other roadmap): 12 h" for each other roadmap of the workspace loading it."""
    pattern, other = _("{activity}: {hours} h"), _("{roadmap} (other roadmap): {hours} h")
    return [
        pattern.format(activity=load.activity_title, hours=fmt(load.hours))
        for load in _ranked(cell)
        if not load.roadmap
    ] + [other.format(roadmap=title, hours=fmt(hours)) for title, hours in by_roadmap(cell.loads)]


class Grid:
    """Turns heatmap cells into table cells, and remembers the overloaded ones.

    The cells are built as strings here rather than in a template loop: thirty people over a year are
    1,560 cells, and a template loop over them would cost more than the rest of the page together.
    Every text that goes in is escaped (``html.escape``); nothing else is.
    """

    EMPTY = '<td class="wl wl-0"></td>'

    def __init__(self, weeks: list[Week]) -> None:
        self.weeks = weeks
        self.titles = [escape(week.title) for week in weeks]
        self.fmt = Numbers()
        self.away = escape(_("away"))
        self.overloaded_text = escape(_("overloaded"))
        self.cause = escape(_("{activity}: {hours} h"))
        self.summary = escape(_("{person}, {week}: {hours} h for {capacity} h available"))
        self.other_roadmap = escape(_("{roadmap} (other roadmap): {hours} h"))
        self.elsewhere = escape(_("including {hours} h on other roadmaps ({roadmaps})"))
        self.activity_titles: dict[str, str] = {}  # key -> escaped title
        self.overloads: list[tuple[int, int, workload.Cell]] = []  # person index, week index, cell

    def row(
        self, index: int, person_name: str, cells: list[workload.Cell], *, works: bool = True
    ) -> tuple[str, int, float]:
        """The cells of the ``index``-th person shown: their HTML, overloaded weeks and excess hours. A week
        without hours available is *away* only for someone who ``works`` (a weekly capacity above 0): a
        person kept at 0 h, an owner who gives no hours, is not absent every week."""
        overloaded, excess = 0, 0.0
        name = escape(person_name)
        parts: list[str] = []
        for week, cell in enumerate(cells):
            hours, capacity = cell.hours, cell.capacity_hours
            if hours <= 0:
                parts.append(self.EMPTY if capacity > 0 or not works else self._away(name, week))
            elif workload.is_overloaded(hours, capacity):
                overloaded += 1
                excess += hours - capacity
                self.overloads.append((index, week, cell))
                parts.append(self._overloaded(name, week, cell, hours, capacity))
            elif (
                cell.elsewhere_hours > 0
            ):  # the other roadmaps' share is told here, not on this roadmap's pages
                parts.append(self._shared(name, week, cell, hours, capacity))
            else:  # what loads a cell within capacity is on the person's page: no title to build here
                amount = f"{self.fmt(hours)}/{self.fmt(capacity)}"
                parts.append(f'<td class="wl wl-{workload.load_step(hours, capacity)}">{amount}</td>')
        return mark_safe("".join(parts)), overloaded, excess  # built from escaped texts only

    def _reasons(self, cell: workload.Cell) -> list[str]:
        reasons = []
        for key, title, hours, roadmap in _ranked(cell):
            if roadmap:
                continue
            shown = self.activity_titles.get(key)
            if shown is None:
                shown = self.activity_titles[key] = escape(title)
            reasons.append(self.cause.format(activity=shown, hours=self.fmt(hours)))
        return reasons + [
            self.other_roadmap.format(roadmap=escape(title), hours=self.fmt(hours))
            for title, hours in by_roadmap(cell.loads)
        ]

    def _elsewhere(self, cell: workload.Cell) -> str:
        """ "including 12 h on other roadmaps (North: 12 h)", or nothing when the week has none."""
        if cell.elsewhere_hours <= 0:
            return ""
        roadmaps = ", ".join(
            self.cause.format(activity=escape(title), hours=self.fmt(hours))
            for title, hours in by_roadmap(cell.loads)
        )
        return self.elsewhere.format(hours=self.fmt(cell.elsewhere_hours), roadmaps=roadmaps)

    def _shared(self, name: str, index: int, cell: workload.Cell, hours: float, capacity: float) -> str:
        """A cell within capacity that holds work of other roadmaps: its title and its accessible text
        say how much and which roadmaps."""
        load, available = self.fmt(hours), self.fmt(capacity)
        summary = self.summary.format(person=name, week=self.titles[index], hours=load, capacity=available)
        elsewhere, step = self._elsewhere(cell), workload.load_step(hours, capacity)
        return (
            f'<td class="wl wl-{step} wl-elsewhere" title="{summary} — {elsewhere}">'
            f'{load}/{available}<span class="visually-hidden"> ({elsewhere})</span></td>'
        )

    def _away(self, name: str, index: int) -> str:
        return f'<td class="wl wl-away" title="{name} · {self.titles[index]}">{self.away}</td>'

    def _overloaded(self, name: str, index: int, cell: workload.Cell, hours: float, capacity: float) -> str:
        load, available = self.fmt(hours), self.fmt(capacity)
        reasons = self._reasons(cell)
        summary = self.summary.format(person=name, week=self.titles[index], hours=load, capacity=available)
        items = "".join(f"<li>{reason}</li>" for reason in reasons)
        elsewhere = self._elsewhere(cell)
        css, hidden = ("wl wl-over wl-elsewhere", f" ({elsewhere})") if elsewhere else ("wl wl-over", "")
        return (
            f'<td class="{css}" data-overloaded="true" data-week="{self.weeks[index].monday}">'
            f'<details><summary title="{summary} — {", ".join(reasons)}">'
            f'<span aria-hidden="true">▲ </span>{load}/{available}'
            f'<span class="visually-hidden"> {self.overloaded_text}{hidden}</span></summary>'
            f'<ul class="wl-causes">{items}</ul></details></td>'
        )


def _header(weeks: list[date], closed: frozenset[date]) -> tuple[list[Week], SafeString]:
    """The weeks, and the two header rows of the grid: months (each week under its Thursday's), then ISO
    week numbers."""
    language = HOLIDAY_LANGUAGES.get((get_language() or "fr")[:2], "fr")
    years = tuple(sorted({day.year for day in closed}))
    names = calendar.holiday_names(workload.DEFAULT_COUNTRY, years, language) if closed else {}
    label, holiday, week_of = _("W{number}"), _("public holiday: {name} ({date})"), _("week of {date}")
    columns: list[Week] = []
    months: list[list[Any]] = []  # [label, span]
    cells: list[str] = []
    for monday in weeks:
        title = week_of.format(date=date_format(monday, "SHORT_DATE_FORMAT"))
        off = [day for day in sorted(closed) if monday <= day <= monday + timedelta(days=4)]
        if off:
            title += " — " + ", ".join(
                holiday.format(name=names.get(day, ""), date=date_format(day, "SHORT_DATE_FORMAT"))
                for day in off
            )
        columns.append(Week(monday, title, bool(off)))
        text = escape(label.format(number=monday.isocalendar().week))
        marker = '<span aria-hidden="true">*</span>' if off else ""
        css = "wl-week wl-holiday" if off else "wl-week"
        cells.append(
            f'<th scope="col" class="{css}" data-week="{monday.isoformat()}">'
            f'<abbr title="{escape(title)}">{text}</abbr>{marker}</th>'
        )
        # A week goes under the month of its Thursday, as ISO 8601 gives a week to the year of its Thursday:
        # week 1 of 2026 (Monday 29 December 2025) stands under January 2026, not under December.
        month = date_format(monday + timedelta(days=3), "YEAR_MONTH_FORMAT")
        if months and months[-1][0] == month:
            months[-1][1] += 1
        else:
            months.append([month, 1])
    month_cells = "".join(f'<th scope="colgroup" colspan="{n}">{escape(m)}</th>' for m, n in months)
    corner = '<td class="wl-person"></td>'
    person = f'<th scope="col" class="wl-person">{escape(_("Team member"))}</th>'
    html = f'<tr class="wl-months">{corner}{month_cells}</tr><tr>{person}{"".join(cells)}</tr>'
    return columns, mark_safe(html)  # built from escaped texts only


MAX_LISTED_OVERLOADS = 60  # beyond that, the list under the grid says how many more and how to filter


@dataclass
class WorkloadView:
    weeks: list[Week]
    header: SafeString
    rows: list[Row]
    overloads: list[Overload]
    overloaded_cells: int

    @property
    def first_week(self) -> date | None:
        return self.weeks[0].monday if self.weeks else None

    @property
    def last_week(self) -> date | None:
        return self.weeks[-1].monday if self.weeks else None

    @property
    def unlisted_overloads(self) -> int:
        return self.overloaded_cells - len(self.overloads)

    @property
    def most_overloaded(self) -> Row | None:
        rows = [row for row in self.rows if row.overloaded]
        return max(rows, key=lambda r: (r.overloaded, r.excess_hours), default=None)


GRID_CACHE_SIZE = 32
"""Heatmaps kept drawn: every team member's weeks, for a few roadmaps, filters and languages."""


@dataclass(frozen=True)
class _Drawn:
    """A heatmap drawn for the people shown (by their index in that list)."""

    weeks: list[Week]
    header: SafeString
    rows: list[tuple[str, int, float]]  # per person: cells, overloaded weeks, excess hours
    overloads: list[tuple[int, int, str, str, list[str]]]  # person, week, hours, capacity, causes
    overloaded_cells: int


@lru_cache(maxsize=GRID_CACHE_SIZE)
def _draw(
    weeks: tuple[date, ...],
    names: tuple[str, ...],
    availability: tuple[workload.Availability, ...],
    bookings: tuple[workload.Booking, ...],
    language: str,
) -> _Drawn:
    """The heatmap of these people (names and availability in the same order) and bookings, in
    ``language`` (the active one). Memoised: the arguments are everything it shows, so the same team seen
    again is not computed and written again. Callers must not change what it returns."""
    heat = workload.heatmap(availability, bookings, weeks=weeks)
    columns, header = _header(list(weeks), heat.closed)
    grid = Grid(columns)
    rows = [
        grid.row(i, name, heat.rows[a.person_key], works=a.capacity_hours_per_week > 0)
        for i, (name, a) in enumerate(zip(names, availability, strict=True))
    ]
    listed = sorted(grid.overloads, key=lambda item: (item[1], item[0]))
    overloads = [
        (p, w, grid.fmt(cell.hours), grid.fmt(cell.capacity_hours), causes(cell, grid.fmt))
        for p, w, cell in listed[:MAX_LISTED_OVERLOADS]
    ]
    return _Drawn(columns, header, rows, overloads, len(grid.overloads))


def workload_view(
    roadmap: Roadmap, team: Team, *, person: str = "", theme: Theme | None = None
) -> WorkloadView:
    """The rows the workload page shows, filtered by person key and thematic group."""
    # the weeks with work, but not those of an activity running past the reach: social media kept up for
    # years would stretch a six-month plan over the whole reach (its weeks within the horizon are drawn,
    # and all its weeks within the reach count on the Team tab and the person's page), as on the timeline
    weeks = _weeks(roadmap, [b for b in team.bookings if b.activity_key not in team.running_past])
    shown = [
        p for p in team.people
        if (not person or p.key == person) and (theme is None or theme.pk in team.themes_of.get(p.key, ()))
    ]  # fmt: skip
    keys = {p.key for p in shown}
    availability = {a.person_key: a for a in team.availability() if a.person_key in keys}
    drawn = _draw(
        tuple(weeks),
        tuple(p.name for p in shown),
        tuple(availability[p.key] for p in shown),
        tuple(b for b in team.all_bookings if b.person_key in keys),
        get_language() or "",
    )
    rows = [Row(shown[i], cells, over, excess) for i, (cells, over, excess) in enumerate(drawn.rows)]
    overloads = [
        Overload(shown[p], weeks[w], hours, capacity, why) for p, w, hours, capacity, why in drawn.overloads
    ]
    return WorkloadView(drawn.weeks, drawn.header, rows, overloads, drawn.overloaded_cells)
