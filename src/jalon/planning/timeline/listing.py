"""The activity list under the operational timeline: one row per activity with its thematic group, owner,
status, dates and a compact bar on the week grid, written in Python (a thousand rows through the template
engine take several times longer) and memoised row by row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jalon.markup import escape
from jalon.planning.models import Status, is_late
from jalon.planning.timeline.marks import CLIP_MARK, ink_on
from jalon.planning.timeline.model import Frame, PlanRow
from jalon.planning.timeline.reach import Reach, in_sight
from jalon.planning.timeline.words import short_date_in

MIN_TRACK_PX = 208
"""The week column's narrowest width (13rem, timeline.css) in pixels."""
ROW_CACHE_SIZE = 8192
"""Rows kept written (about 0.5 kB each): several lists of a thousand activities."""


@dataclass(frozen=True)
class WeekGrid:
    """The ISO weeks of the visible range, behind the compact bar of each activity row."""

    first: date  # a Monday
    weeks: int

    @classmethod
    def of(cls, frame: Frame) -> WeekGrid:
        first = frame.start - timedelta(days=frame.start.weekday())
        return cls(first, ((frame.end - first).days // 7) + 1)

    def percent(self, day: date) -> float:
        return self._at((day - self.first).days)

    def span(self, start: date, end: date) -> tuple[float, float]:
        """Left edge and width (in %, at least 0.4) of the days from ``start`` to ``end`` included."""
        days = (start - self.first).days
        left = self._at(days)
        return left, max(self._at(days + (end - start).days + 1) - left, 0.4)

    def cut(self, start: date, end: date) -> str:
        """The ends of the days from ``start`` to ``end`` that the grid cuts ("start", "end", both or ""),
        as the chart's ``data-clipped`` says them; "" on a bar too short for two arrow heads even on the
        narrowest week column (``MIN_TRACK_PX``), as the chart leaves them out."""
        sides = [side for side, cut in (("start", start < self.first), ("end", end >= self.after)) if cut]
        if not sides or self.span(start, end)[1] * MIN_TRACK_PX / 100 < 2 * CLIP_MARK:
            return ""
        return " ".join(sides)

    @property
    def after(self) -> date:
        """The first day past the grid."""
        return self.first + timedelta(weeks=self.weeks)

    def _at(self, days: int) -> float:
        """Where the day ``days`` after the first Monday starts, in % of the grid (clamped to it)."""
        return min(max(days, 0), self.weeks * 7) / (self.weeks * 7) * 100

    def labels(self) -> list[tuple[str, str]]:
        """(label, left %) for every week, or every few weeks so that at most 8 labels show."""
        step, week = -(-self.weeks // 8), _("W{week}")
        return [
            (week.format(week=day.isocalendar().week), f"{self.percent(day):.2f}")
            for day in (self.first + timedelta(weeks=n) for n in range(0, self.weeks, step))
        ]


@dataclass(frozen=True)
class _Words:
    statuses: dict[str, str]
    waiting: str
    change: str
    late: str
    far: str


@lru_cache(maxsize=16)
def _words(language: str) -> _Words:
    """The list's words in ``language`` (the active one when called), escaped."""
    waiting = escape(_("not scheduled"))  # outside the f-strings, where makemessages finds them
    beyond = escape(_("Beyond the timeline"))
    return _Words(
        {str(value): escape(str(label)) for value, label in Status.choices},
        f'<span class="muted">{waiting}</span>',
        escape(_("Change dates")),
        f' <span class="badge late">{escape(_("late"))}</span>',
        f'<a class="wk-far" href="#timeline-far">{beyond}</a>',
    )


@lru_cache(maxsize=ROW_CACHE_SIZE)
def _row(
    row: PlanRow, grid: WeekGrid, link: tuple[str, str] | None, language: str, late: bool, far: bool
) -> str:
    """One row. Memoised: the arguments are everything it shows (the activity's title, group, owner, status
    and dates, the week grid, the link, the reader's language), so a list shown again after a few changes
    writes only the rows that changed. An activity ``far`` from the horizon (out of the timelines' reach)
    gets no bar, which the grid would clamp to its whole width, but a link to the note that names it."""
    words, key = _words(language), escape(row.key)
    status = words.statuses.get(row.status, "") + (words.late if late else "")
    colour = escape(row.colour)
    theme = "—"
    if row.theme_name:
        theme = f'<span class="swatch" style="background:{colour}"></span>{escape(row.theme_name)}'
    bar, start, end = "", row.start, row.end
    if start and end and not far:
        left, width = grid.span(start, end)
        cut = grid.cut(start, end)  # an arrow head inside each end the grid cuts, in the chart's ink
        more = f';color:{ink_on(row.colour)}" data-clipped="{cut}' if cut else ""
        place = f"left:{left:.2f}%;width:{width:.2f}%;background:{colour}{more}"
        bar = f'<span class="wk-bar" style="{place}"></span>'
    cell = (
        words.far
        if far
        else f'<span class="wk-track" style="--weeks:{grid.weeks}" aria-hidden="true">{bar}</span>'
    )
    action = ""
    if link is not None:
        href = f"{link[0]}{key}{link[1]}"
        action = f'<td class="tl-action"><a href="{href}" aria-describedby="t-{key}">{words.change}</a></td>'
    return (
        f'<tr id="act-{key}" data-key="{key}"><th scope="row" id="t-{key}">{escape(row.title)}</th>'
        f'<td class="free-text">{theme}</td>'
        f'<td class="free-text">{escape(row.owner_name) or "—"}</td><td>{status}</td>'
        f'<td class="tl-start">{short_date_in(language, start) if start else words.waiting}</td>'
        f'<td class="tl-end">{short_date_in(language, end) if end else "—"}</td>'
        f'<td class="wk-cell">{cell}</td>{action}</tr>'
    )  # fmt: skip


def list_rows(
    rows: Sequence[PlanRow], grid: WeekGrid, *, reach: Reach, move_url: str, query: str, today: date
) -> SafeString:
    """The rows of the activity list, as one string. ``move_url`` (with ``__key__``) adds a "Change dates"
    link; empty for readers. The week bar is a picture of the dates already written in the row, so it is
    hidden from screen readers; an activity out of ``reach`` (``reach_of``) has none."""
    link = None
    if move_url:
        before, after = (escape(part) for part in move_url.split("__key__", 1))
        link = (before, f"{after}?{escape(query)}")
    language = get_language() or ""
    written = [
        _row(
            row,
            grid,
            link,
            language,
            is_late(row.status, row.end, today),
            not in_sight(row.start, row.end, reach),
        )
        for row in rows
    ]
    return mark_safe("".join(written))  # every value is escaped
