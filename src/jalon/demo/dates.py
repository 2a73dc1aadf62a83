"""The demo's dates, moved to the day the demo is loaded, so that the demo looks the same on any day.

cloud-kicks.yaml is written to be loaded on ``AS_WRITTEN`` (2 November 2026): the plan's first three months
are done, its fourth has begun, its last two are planned. Loaded on another day, every date of the demo moves
so that "today" stands at the same place in the plan, with the same statuses, the same late and on-time
things and the same odds. No single amount does it:

- whole months keep a month's last day a month's last day and a fiscal quarter's end a fiscal quarter's end
  (the horizon, the deadlines and their rules, the KPIs' measurements, baseline and target dates), but they
  move the weekdays: an activity written for a Monday would start on a Sunday;
- whole weeks keep the weekdays (activities, milestones, absences, communications, reviews, the framing's
  workshops and plan actions, the synthetic orders) and every duration, lag and spacing, but not the
  month-ends, nor the deadline rules (``fiscal_quarter_end:2`` is read from the horizon's first day);
- whole quarters or years keep both only every three or twelve months: "today" would drift by as much.

So a ``Shift`` has both. ``months`` is the number of calendar months from November 2026 to the month of the
load day: the calendar-bound dates move by that many months (``jalon.strategy.periods.moved``: a month's
last day stays one), the fiscal year's first month with them, so that a deadline rule names the moved
deadline, and "today" is in the plan's fourth month, as on ``AS_WRITTEN``. ``days`` is a whole number of
weeks: the day's own distance from ``AS_WRITTEN``, rounded down to whole weeks, but at most ``MOST_AHEAD``
days more than the months moved. The dated work moves by it, uniformly (durations, lags, windows and spacing
as written), so that "today" stands 0 to 6 days after the written one in a month's first days, and at most
27 days after it on a month's last days: in the plan as written, nothing in those four weeks starts, ends or
falls due (what is done ended before them, what is planned starts after them), so the statuses, the late and
on-time things and the odds are those of ``AS_WRITTEN``. Months and weeks drift apart by a few days over six
months, and the plan's work runs to 2 days from its horizon's ends: a date of the plan that would leave the
moved horizon comes to its first (or last) working day instead (a day off, to a day off), so that a first or
last activity of the plan may be up to 9 days shorter.

The KPIs' measurements move with the calendar: the demo's KPIs are monthly or quarterly, so their history
ends on the last day of the month before the load day, as it does for ``AS_WRITTEN``, and its distance to
the deadlines, which the odds are read from, stays as written. A history that would still be late or ahead
of the day (a weekly one) then moves by whole periods of its own (``move_measurements``). The texts of the
demo name no month, no season and no year, so that they stay true wherever the dates go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from jalon.strategy.periods import moved

# A day on which the file's dates stand as written (tests load the demo on it).
AS_WRITTEN = date(2026, 11, 2)
# The roadmap's horizon as the file writes it (a test checks the file).
HORIZON_AS_WRITTEN = (date(2026, 8, 1), date(2027, 1, 31))
# How many days further than the months the dated work may move; the rest of the way from AS_WRITTEN to the
# load day, "today" moves on inside the plan (from 0 to 27 days after the written one: weeks in which nothing
# starts, ends or falls due). The more, the more a first or last week of the plan is cut.
MOST_AHEAD = 8
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Shift:
    """How far the demo's dates move: calendar-bound ones by ``months``, the dated work by ``days``."""

    months: int
    days: int  # a multiple of 7

    def calendar(self, day: date) -> date:
        """A date tied to the calendar (a month's end, a deadline), moved by whole months."""
        return moved(day, "monthly", self.months)

    @property
    def horizon(self) -> tuple[date, date]:
        start, end = HORIZON_AS_WRITTEN
        return self.calendar(start), self.calendar(end)

    def work(self, day: date) -> date:
        """A dated piece of work, moved by ``days`` (same weekday). One inside the written horizon stays
        inside the moved horizon: if it would leave it, it comes to the horizon's first (or last) working day,
        or day off if it was one."""
        shifted = day + timedelta(days=self.days)
        if not HORIZON_AS_WRITTEN[0] <= day <= HORIZON_AS_WRITTEN[1]:
            return shifted
        first, last = self.horizon
        step = DAY if shifted < first else -DAY
        shifted = min(max(shifted, first), last)
        while is_working_day(shifted) != is_working_day(day):
            shifted += step
        return shifted


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def shift_for(today: date) -> Shift:
    """The shift that makes the demo loaded on ``today`` look as it does loaded on ``AS_WRITTEN``."""
    months = (today.year - AS_WRITTEN.year) * 12 + today.month - AS_WRITTEN.month
    by_months = (moved(AS_WRITTEN, "monthly", months) - AS_WRITTEN).days
    days = min((today - AS_WRITTEN).days, by_months + MOST_AHEAD)
    return Shift(months=months, days=days - days % 7)


def day_of_horizon(start: date) -> date:
    """The day a demo whose horizon starts on ``start`` is taken as loaded on: the day of its month that
    ``AS_WRITTEN`` is of November 2026 (what the framing uses when it is not told the load day)."""
    months = (start.year - HORIZON_AS_WRITTEN[0].year) * 12 + start.month - HORIZON_AS_WRITTEN[0].month
    return moved(AS_WRITTEN, "monthly", months)


# Where the demo file holds dates, by the way they move: section of the file -> its date fields.
_CALENDAR_FIELDS = {"objectives": ("deadline",), "kpis": ("baseline_date", "target_date")}
_WORK_FIELDS = {
    "activities": ("start", "end", "not_before", "must_finish_by"),
    "milestones": ("date", "reached_on"),
    "communications": ("next_date",),
    "reviews": ("held_on",),
}


def _move(item: dict[str, Any], fields: tuple[str, ...], how: Any) -> None:
    for field in fields:
        if item.get(field) is not None:
            item[field] = how(date.fromisoformat(str(item[field]))).isoformat()


def shift_document(document: dict[str, Any], shift: Shift) -> dict[str, Any]:
    """``document`` (the demo file, as loaded: dates are ISO strings) with every date moved by ``shift``."""
    roadmap = document["roadmap"]
    first, last = shift.horizon
    roadmap["horizon"] = {"start": first.isoformat(), "end": last.isoformat()}
    roadmap["fiscal_year_start_month"] = (
        roadmap.get("fiscal_year_start_month", 1) - 1 + shift.months
    ) % 12 + 1
    for section, fields in _CALENDAR_FIELDS.items():
        for item in document.get(section) or []:
            _move(item, fields, shift.calendar)
    for kpi in document.get("kpis") or []:
        for measurement in kpi.get("measurements") or []:
            _move(measurement, ("date",), shift.calendar)
    for section, fields in _WORK_FIELDS.items():
        for item in document.get(section) or []:
            _move(item, fields, shift.work)
    for person in document.get("people") or []:
        for absence in person.get("absences") or []:
            _move(absence, ("start", "end"), shift.work)
    return document


def periods_to_move(last: date, frequency: str, day: date) -> int:
    """The fewest periods by which ``last`` must move so that it is not after ``day`` and the measurement
    after it is not due before ``day`` (negative to move it back; 0 when it already stands so)."""
    periods = 0
    while moved(last, frequency, periods + 1) < day:
        periods += 1
    while moved(last, frequency, periods) > day:
        periods -= 1
    return periods


def move_measurements(document: dict[str, Any], today: date) -> dict[str, Any]:
    """``document`` with each KPI's measurements moved by the fewest whole tracking periods of the KPI
    (weeks, months, quarters, counted as ``KPI.due_after`` counts them) that make its last measurement not
    after ``today`` and its next one due on ``today`` or later: no KPI is late the day the demo is loaded, and
    a history already so (a monthly one after ``shift_document``) stays where the plan put it. Values and
    spacing stay as written, a month's last day stays a month's last day."""
    for kpi in document.get("kpis", []):
        measurements = kpi.get("measurements") or []
        if not measurements:
            continue
        frequency = kpi.get("frequency", "monthly")
        written = [date.fromisoformat(str(m["date"])) for m in measurements]
        periods = periods_to_move(max(written), frequency, today)
        for measurement, when in zip(measurements, written, strict=True):
            measurement["date"] = moved(when, frequency, periods).isoformat()
    return document


def demo_document(document: dict[str, Any], today: date) -> dict[str, Any]:
    """The demo file (as loaded) as it stands for a load on ``today``: every date moved by
    ``shift_for(today)``, then each KPI's history brought to end before ``today``."""
    return move_measurements(shift_document(document, shift_for(today)), today)
