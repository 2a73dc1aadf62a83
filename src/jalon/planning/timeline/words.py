"""What the timeline says in words: header labels, short dates and what a bar reads out (translated)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from jalon.engines.calendar import FiscalCalendar
from jalon.planning.timeline.model import Bar

# Month names in headers, abbreviated the way each language does it (Django's "Jan." reads English in French).
MONTH_ABBREVIATIONS = (
    pgettext_lazy("abbreviated month", "Jan"),
    pgettext_lazy("abbreviated month", "Feb"),
    pgettext_lazy("abbreviated month", "Mar"),
    pgettext_lazy("abbreviated month", "Apr"),
    pgettext_lazy("abbreviated month", "May"),
    pgettext_lazy("abbreviated month", "Jun"),
    pgettext_lazy("abbreviated month", "Jul"),
    pgettext_lazy("abbreviated month", "Aug"),
    pgettext_lazy("abbreviated month", "Sep"),
    pgettext_lazy("abbreviated month", "Oct"),
    pgettext_lazy("abbreviated month", "Nov"),
    pgettext_lazy("abbreviated month", "Dec"),
)


def period_label(unit: str, first: date, *, fiscal_year_start_month: int, long: bool) -> str:
    """A header label: Aug 2026 / Aug (août 2026 / août in French), Q3 2027 / Q3, 2027 when the fiscal
    year is the calendar year, else Q3 FY2027 / FY2027 (T3 exercice 2027 in French): quarters and years are
    fiscal, named after the year they end in."""
    fiscal = FiscalCalendar(fiscal_year_start_month)
    if unit == "month":
        name = str(MONTH_ABBREVIATIONS[first.month - 1])
        return f"{name} {first.year}" if long else name
    year = fiscal.label(first)
    calendar_year = fiscal_year_start_month == 1
    if unit == "quarter":
        quarter = fiscal.quarter_of(first)
        if not long:
            return _("Q{quarter}").format(quarter=quarter)
        if calendar_year:
            return _("Q{quarter} {year}").format(quarter=quarter, year=year)
        return _("Q{quarter} FY{year}").format(quarter=quarter, year=year)
    return str(year) if calendar_year else _("FY{year}").format(year=year)


@lru_cache(maxsize=4096)
def short_date_in(language: str, day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def short_date(day: date, language: str | None = None) -> str:
    """``day`` in the short format of ``language`` (default: the active one), memoised: a chart repeats
    the same dates."""
    return short_date_in(get_language() or "" if language is None else language, day)


@lru_cache(maxsize=16)
def _label_words(language: str) -> tuple[str, str, str, tuple[str, str, str], str, tuple[str, str]]:
    return (
        _("{title}, {start} – {end}, {owner}, {status}"),
        _("{title}, not scheduled, {owner}, {status}"),
        _("no owner"),
        (_("window {first} – {last}"), _("window from {first}"), _("window until {last}")),
        _("late"),
        (_("began before {date}"), _("continues after {date}")),
    )


def window_words(bar: Bar, *, language: str | None = None) -> str:
    """The bar's window in words ("window 23/11/2026 – 18/12/2026"), empty without one."""
    language = get_language() or "" if language is None else language
    both, opens, closes = _label_words(language)[3]
    first = short_date_in(language, bar.not_before) if bar.not_before else ""
    last = short_date_in(language, bar.must_finish_by) if bar.must_finish_by else ""
    if first and last:
        return both.format(first=first, last=last)
    if first:
        return opens.format(first=first)
    return closes.format(last=last) if last else ""


def bar_label(
    bar: Bar, *, language: str | None = None, began: date | None = None, goes_on: date | None = None
) -> str:
    """What a screen reader says for a bar: "title, start – end, owner, status[, window]", then, for a bar
    the chart cuts, that it "began before" the chart's first day ``began`` or "continues after" its last day
    ``goes_on``."""
    language = get_language() or "" if language is None else language
    scheduled, unscheduled, nobody, _window, late, cut = _label_words(language)
    owner = bar.owner or nobody
    if bar.start is None or bar.end is None:
        text = unscheduled.format(title=bar.title, owner=owner, status=bar.status_label)
    else:
        start, end = short_date_in(language, bar.start), short_date_in(language, bar.end)
        text = scheduled.format(title=bar.title, start=start, end=end, owner=owner, status=bar.status_label)
    if bar.late:
        text = f"{text}, {late}"
    window = window_words(bar, language=language) if bar.has_window else ""
    text = f"{text}, {window}" if window else text
    for words, day in zip(cut, (began, goes_on), strict=True):
        if day is not None:
            text = f"{text}, {words.format(date=short_date_in(language, day))}"
    return text
