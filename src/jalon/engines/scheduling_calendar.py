"""Working days for the scheduler: the organisation's calendar and each person's availability.

Time in the scheduler is counted in the organisation's working days from the plan start (index 0 is the
first working day on or after it): the working days of ``jalon.engines.calendar`` (Monday to Friday without
public holidays), the rule every page counts with. An activity of ``duration_days`` occupies that many
consecutive working days. A person's own calendar (part-time weekdays, absences) lowers their capacity on
some of those days; an activity that needs them cannot overload those days, so it moves around the
absence.

The calendar holds what the scheduler must place (``working_days_needed``): the days up to the latest date
something must start on (the plan's start and end, earliest and current starts), then the total work, the
days of absence that may delay it and the latest finishes (windows). A window or an absence counts only
within ``SPARE_DAYS`` (two years) of the span of that work: a window typed 2200 binds nothing (it lies
beyond the calendar), an absence until 2200 delays the work by two years at most (work that needs someone
away longer does not fit).
Dates from 1900 to 2200 are valid input; without this the calendar of such a problem held three centuries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from jalon.engines.calendar import WEEKDAYS as _WEEKDAYS
from jalon.engines.calendar import public_holidays

__all__ = ["SPARE_DAYS", "WorkingCalendar", "public_holidays", "working_days_needed"]

SPARE_DAYS = 2 * 366
"""How many calendar days past the span of the work alone (and before the plan's first day) a window or an
absence still widens the calendar."""


@dataclass(frozen=True)
class WorkingCalendar:
    """The organisation's working days from ``start``, as a dense index."""

    days: tuple[date, ...]

    @classmethod
    def build(
        cls,
        start: date,
        *,
        count: int,
        country: str | None = "FR",
        extra_holidays: Iterable[date] = (),
        weekdays: frozenset[int] = _WEEKDAYS,
    ) -> WorkingCalendar:
        if not weekdays:
            raise ValueError("a calendar needs at least one working weekday")
        # Enough calendar days for ``count`` working days even with every holiday of the span.
        span = count * 7 // len(weekdays) + 40
        closed = public_holidays(country, start, start + timedelta(days=span)) | set(extra_holidays)
        days: list[date] = []
        day = start
        while len(days) < count:
            if day.weekday() in weekdays and day not in closed:
                days.append(day)
            day += timedelta(days=1)
        return cls(tuple(days))

    def __len__(self) -> int:
        return len(self.days)

    def index_on_or_after(self, day: date) -> int:
        """First working-day index whose date is ``day`` or later (len if beyond the calendar)."""
        return _bisect_left(self.days, day)

    def count_until(self, day: date) -> int:
        """How many working days fall on or before ``day``: the latest finish index for a deadline."""
        return _bisect_left(self.days, day + timedelta(days=1))

    def date_of(self, index: int) -> date:
        return self.days[index]


def working_days_needed(
    first: date,
    placed: date,
    work: int,
    *,
    windows: Iterable[date] = (),
    absences: Iterable[tuple[date, date]] = (),
) -> int:
    """How many working days from ``first`` (the plan's first working day) the calendar holds: to
    ``placed`` (the latest date something must start on), then ``work`` (durations and lags), the days of
    ``absences`` (inclusive ranges) and 5 to spare; ``windows`` (latest finishes) may widen it. A window or
    an absence counts only within ``SPARE_DAYS`` of that span (see the module's note)."""
    alone = (placed - first).days + 1 + work + 5
    low = first - timedelta(days=SPARE_DAYS)
    high = first + timedelta(days=alone * 7 // len(_WEEKDAYS) + SPARE_DAYS)
    latest = max([placed, *(min(day, high) for day in windows)])
    away = sum(
        (min(end, high) - max(start, low)).days + 1 for start, end in absences if start <= high and end >= low
    )
    return (latest - first).days + 1 + work + away + 5


def _bisect_left(days: Sequence[date], day: date) -> int:
    low, high = 0, len(days)
    while low < high:
        middle = (low + high) // 2
        if days[middle] < day:
            low = middle + 1
        else:
            high = middle
    return low
