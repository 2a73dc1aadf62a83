"""The site's day: Jalon's users are in France, its servers may run in UTC.

``SITE_TIME_ZONE`` is Django's ``TIME_ZONE``; ``site_today()`` is the day there, as ``timezone.localdate()``
gives it to the web pages, for the code that runs without Django (the command line's ``jalon smart``). At
00:30 in Paris a server in UTC is still on the day before (22:30 or 23:30 UTC): both give the Paris day.
The engines never read a clock: the day is passed in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

SITE_TIME_ZONE = "Europe/Paris"


def site_today() -> date:
    """Today in ``SITE_TIME_ZONE``, whatever the machine's own time zone."""
    return datetime.now(ZoneInfo(SITE_TIME_ZONE)).date()


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` in ``SITE_TIME_ZONE``, in UTC (a calendar file's DTSTAMP: made on
    that Paris day, never later than the moment it was made, as midnight UTC was until 01:00 or 02:00)."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(SITE_TIME_ZONE)).astimezone(UTC)
