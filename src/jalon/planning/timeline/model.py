"""The visual roadmap's data: lanes, bars, milestones, the chart, the visible frame and the layout
(immutable, so a chart can be compared and memoised; the thousand-fold ones are named tuples, which Python
builds, hashes and compares several times faster than frozen dataclasses), and their constants.
``jalon.planning.timeline.svg`` draws them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

from jalon.engines.calendar import FiscalCalendar, add_months

ZOOMS = ("month", "quarter", "year")
LANE_KINDS = ("theme", "objective", "owner")
PX_PER_DAY = {"month": 8.0, "quarter": 4.0, "year": 1.5}  # a month: 240, 120 or 45 pixels
NO_LANE = ""  # the lane of activities without a theme, objective or owner
NO_THEME_COLOUR = "#6b7280"
INK, PAPER, MISSED, TODAY = "#111827", "#ffffff", "#b91c1c", "#c2410c"
WINDOW_FILL, WINDOW_STROKE = "#fef3c7", "#b45309"  # an activity's window: amber, behind its bar

# Fill opacity, stroke dash and hatch per status: the status is also written in every bar's label.
STATUS_LOOK: dict[str, tuple[float, str, bool]] = {
    "idea": (0.25, "4 3", False),
    "planned": (0.6, "", True),
    "in_progress": (1.0, "", False),
    "done": (0.85, "", False),
    "dropped": (0.15, "2 3", False),
}


class Lane(NamedTuple):
    key: str
    label: str
    colour: str = ""  # a swatch beside the label (themes)


class Bar(NamedTuple):
    """An activity. Without both dates it is listed as not scheduled instead of drawn."""

    key: str
    title: str
    start: date | None
    end: date | None
    colour: str
    status: str
    status_label: str
    owner: str
    lanes: tuple[str, ...]  # lane keys; drawn in each, the first is the primary
    version: int = 1
    not_before: date | None = None  # its window, drawn behind it
    must_finish_by: date | None = None
    late: bool = False  # past its planned end and not done (``is_late``): marked in red

    @property
    def has_window(self) -> bool:
        return self.not_before is not None or self.must_finish_by is not None

    @property
    def scheduled(self) -> bool:
        return self.start is not None and self.end is not None


class MilestoneMark(NamedTuple):
    key: str
    title: str
    date: date
    missed: bool = False
    waiting: tuple[str, ...] = ()  # the ideas it depends on (``Milestone.waiting_ideas``), by title


@dataclass(frozen=True)
class Chart:
    title: str
    lanes: tuple[Lane, ...]
    bars: tuple[Bar, ...]
    milestones: tuple[MilestoneMark, ...] = ()
    # (predecessor key, successor key) or (predecessor key, successor key, lag in days)
    dependencies: tuple[tuple[str, str] | tuple[str, str, int], ...] = ()

    @cached_property
    def unscheduled(self) -> tuple[Bar, ...]:
        return tuple(bar for bar in self.bars if bar.start is None or bar.end is None)


@dataclass(frozen=True)
class Frame:
    """The visible dates (inclusive), the zoom, the fiscal calendar and today; ``day_width`` sets the pixels
    per day instead of the zoom's (a printed page fits its width to the paper)."""

    start: date
    end: date
    zoom: str = "quarter"
    fiscal_year_start_month: int = 1
    today: date | None = None
    day_width: float = 0.0

    @property
    def px_per_day(self) -> float:
        return self.day_width or PX_PER_DAY[self.zoom]


class Layout(NamedTuple):
    label_width: int = 180
    header_row: int = 20
    milestone_row: int = 26
    row: int = 26
    bar: int = 18
    lane_padding: int = 4
    font: int = 12
    side_width: int = 220  # the "not scheduled" column; 0 leaves it out
    footer: int = 20


NORMAL = Layout()
COMPACT = Layout(label_width=140, milestone_row=22, row=18, bar=12, font=10, side_width=0)


class PlanRow(NamedTuple):
    """An activity as the timeline and its list need it."""

    key: str
    title: str
    status: str
    start: date | None
    end: date | None
    version: int
    theme_key: str = NO_LANE
    theme_name: str = ""
    colour: str = NO_THEME_COLOUR
    owner_key: str = NO_LANE
    owner_name: str = ""
    objectives: tuple[str, ...] = ()  # keys, in the roadmap's objective order
    not_before: date | None = None
    must_finish_by: date | None = None

    def lanes(self, kind: str) -> tuple[str, ...]:
        if kind == "owner":
            return (self.owner_key,)
        if kind == "objective":
            return self.objectives or (NO_LANE,)
        return (self.theme_key,)


def periods(unit: str, frame: Frame) -> list[tuple[date, date]]:
    """(first day, day after the last) of every week, month, fiscal quarter or year touching the frame."""
    fiscal = FiscalCalendar(frame.fiscal_year_start_month)
    if unit == "week":
        first, months = frame.start - timedelta(days=frame.start.weekday()), 0
    elif unit == "month":
        first, months = frame.start.replace(day=1), 1
    elif unit == "quarter":
        first, months = fiscal.quarter(frame.start, fiscal.quarter_of(frame.start)).start, 3
    else:
        first, months = fiscal.year_containing(frame.start).start, 12
    found = []
    while first <= frame.end:
        after = first + timedelta(days=7) if unit == "week" else add_months(first, months)
        found.append((first, after))
        first = after
    return found


# Header rows (major, minor) with whether their labels are long, and the faint extra grid, per zoom.
SCALES: dict[str, tuple[tuple[str, bool], tuple[str, bool], str | None]] = {
    "month": (("quarter", True), ("month", True), "week"),
    "quarter": (("quarter", True), ("month", False), None),
    "year": (("year", True), ("quarter", False), "month"),
}
