"""Working days for the scheduler: the organisation's calendar and each person's availability.

Time in the scheduler is counted in the organisation's working days from the plan start (index 0 is the
first working day on or after it): the working days of ``jalon.engines.calendar`` (Monday to Friday without
public holidays), the rule every page counts with. An activity of ``duration_days`` occupies that many
consecutive working days. A person's own calendar (part-time weekdays, absences) lowers their capacity on
some of those days; an activity that needs them cannot overload those days, so it moves around the
absence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from jalon.engines.calendar import WEEKDAYS as _WEEKDAYS
from jalon.engines.calendar import public_holidays

__all__ = ["WorkingCalendar", "public_holidays"]


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


def _bisect_left(days: Sequence[date], day: date) -> int:
    low, high = 0, len(days)
    while low < high:
        middle = (low + high) // 2
        if days[middle] < day:
            low = middle + 1
        else:
            high = middle
    return low
