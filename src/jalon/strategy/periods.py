"""Tracking periods of a KPI: how far a date moves in one week, month, quarter or half-year.

A month's last day stays a month's last day (30 November + 1 month = 31 December, 28 February 2027 +
1 month = 31 March); any other day keeps its number, clamped to a shorter month (30 January + 1 month =
28 February). Days-based frequencies move by whole days. No Django here: the demo loader uses it too.
"""

from __future__ import annotations

from datetime import date, timedelta

from jalon.engines.calendar import add_months_keeping_end

# How long a measurement stays current: after this many days (or months) the next one is due.
FREQUENCY_DAYS = {"realtime": 1, "daily": 1, "weekly": 7}
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6}


def moved(day: date, frequency: str, periods: int) -> date:
    """``day`` moved by ``periods`` tracking periods of ``frequency`` (back when negative)."""
    if frequency in FREQUENCY_MONTHS:
        return add_months_keeping_end(day, periods * FREQUENCY_MONTHS[frequency])
    return day + timedelta(days=periods * FREQUENCY_DAYS.get(frequency, 1))
