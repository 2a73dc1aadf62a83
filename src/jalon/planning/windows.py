"""An activity's window: *not before* and *must finish by*, hard rules for the scheduler and for every
edit (a Christmas campaign after Christmas is worthless). One place says what a valid window is, so the
form, the services, the importers and the timeline's drag give the same reasons."""

from __future__ import annotations

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _

from jalon.bounds import EARLIEST_DATE, LATEST_DATE, OUT_OF_RANGE
from jalon.formatting import format_long_date

__all__ = ["DATE_RANGE", "EARLIEST_DATE", "LATEST_DATE", "OUT_OF_RANGE", "WINDOW_FIELDS", "window_problems"]
DATE_RANGE = [
    MinValueValidator(EARLIEST_DATE, message=OUT_OF_RANGE),
    MaxValueValidator(LATEST_DATE, message=OUT_OF_RANGE),
]
WINDOW_FIELDS = ("start", "end", "not_before", "must_finish_by")


def window_problems(
    *, start: date | None, end: date | None, not_before: date | None, must_finish_by: date | None
) -> dict[str, list[str]]:
    """What is wrong with these dates and this window, by field (empty when nothing)."""
    problems: dict[str, list[str]] = {}
    if not_before is not None and must_finish_by is not None and must_finish_by < not_before:
        problems["must_finish_by"] = [
            _("The window must end on or after the day it opens ({date}).").format(
                date=format_long_date(not_before)
            )
        ]
        return problems
    if not_before is not None and start is not None and start < not_before:
        problems["start"] = [
            _("This activity may not start before {date} (its window).").format(
                date=format_long_date(not_before)
            )
        ]
    if must_finish_by is not None and end is not None and end > must_finish_by:
        problems["end"] = [
            _("This activity must finish by {date} (its window).").format(
                date=format_long_date(must_finish_by)
            )
        ]
    return problems
