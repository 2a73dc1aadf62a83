"""A plan's CSV with rows added later, for the tests of a KPI's source."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

PLAN_QUERY = "select day::date, value from data order by 1"


def today() -> date:
    return timezone.localdate()


def plan_csv(past: int, later: int) -> SimpleUploadedFile:
    """A weekly plan: ``past`` weeks up to today (today the last), then ``later`` weeks to come."""
    days = [today() - timedelta(weeks=n) for n in range(past - 1, -1, -1)]
    days += [today() + timedelta(weeks=n) for n in range(1, later + 1)]
    lines = "".join(f"{day.isoformat()};{10 + n}\n" for n, day in enumerate(days))
    return SimpleUploadedFile("plan.csv", f"day;value\n{lines}".encode())


def short_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def short_date_en(day: date) -> str:
    from django.utils.formats import date_format

    with translation.override("en"):
        return date_format(day, "SHORT_DATE_FORMAT")
