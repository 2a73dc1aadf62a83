"""Fiscal calendars and deadline rules.

A deadline rule is a short, stable string stored beside an objective's deadline so the
roadmap can say where a date came from ("fin de l'exercice" -> 31/01/2027) and recompute
it when the fiscal calendar changes. Grammar (``N`` an integer, ``YYYY`` a year):

    fiscal_year_end                 last day of the fiscal year containing the reference date
    fiscal_quarter_end:N            last day of fiscal quarter N (1-4) of that fiscal year,
                                    or of the next fiscal year if it has already passed
    fiscal_half_end:N               same for fiscal half N (1-2)
    calendar_year_end               31 December of the reference date's year
    calendar_year_end:YYYY          31 December of YYYY
    calendar_quarter_end:YYYY-QN    last day of calendar quarter N of YYYY
    calendar_half_end:YYYY-HN       last day of calendar half N of YYYY
    month_end:YYYY-MM               last day of that month
    in_days:N | in_weeks:N | in_months:N | in_years:N
                                    reference date + duration (months clamp to the month end)

The reference date is "today" for the SMART coach and the horizon start for a roadmap.

Working days (``working_days``, ``capacity_hours``): the one rule every page counts a person's time with
(the workload heat map, the portfolio's capacity per quarter, the scheduler, the schedule comparison), so
that the same week never shows two capacities. A working day is a Monday to Friday that is not a public
holiday (French by default, ``public_holidays``) and, for a person, not in one of their absences; a
person gives ``capacity_hours_per_week / 5`` hours on each of their working days.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays as _holidays

__all__ = [
    "DAYS_PER_WEEK",
    "DEFAULT_COUNTRY",
    "WEEKDAYS",
    "DateRange",
    "FiscalCalendar",
    "InvalidRuleError",
    "add_months",
    "capacity_hours",
    "holiday_names",
    "month_end",
    "public_holidays",
    "resolve_rule",
    "rule_kind",
    "working_days",
]

DEFAULT_COUNTRY = "FR"
WEEKDAYS = frozenset({0, 1, 2, 3, 4})
DAYS_PER_WEEK = len(WEEKDAYS)
"""A person's weekly capacity is spread over these five days: ``capacity_hours_per_week / 5`` a day."""
Absences = Iterable[tuple[date, date]]


class InvalidRuleError(ValueError):
    """A deadline rule that does not follow the grammar of this module."""


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"range ends ({self.end}) before it starts ({self.start})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@lru_cache(maxsize=128)
def public_holidays(country: str | None, first: date, last: date) -> frozenset[date]:
    """The public holidays of ``country`` (ISO code; none when None) from ``first`` to ``last``."""
    if not country or last < first:
        return frozenset()
    table = _holidays.country_holidays(country, years=range(first.year, last.year + 1))
    return frozenset(day for day in table if first <= day <= last)


@lru_cache(maxsize=16)
def holiday_names(country: str, years: tuple[int, ...], language: str) -> dict[date, str]:
    """The public holidays of ``country`` in ``years``, named in ``language`` (a ``holidays`` code such
    as "fr" or "en_US")."""
    names = _holidays.country_holidays(country, years=years, language=language)
    return {day: str(name) for day, name in names.items()}


def working_days(
    first: date,
    last: date,
    *,
    closed: Collection[date] = frozenset(),
    absences: Absences = (),
    weekdays: frozenset[int] = WEEKDAYS,
) -> int:
    """How many days from ``first`` to ``last`` (both included) are worked: a weekday of ``weekdays``,
    not ``closed`` (public holidays) and in none of the ``absences`` (inclusive ranges)."""
    if last < first:
        return 0
    away = [(start, end) for start, end in absences if start <= last and end >= first]
    off = [day for day in closed if first <= day <= last]
    if not away and not off and weekdays == WEEKDAYS:  # most periods: count weekdays arithmetically
        weeks, extra = divmod((last - first).days + 1, 7)
        return 5 * weeks + sum(1 for n in range(extra) if (first.weekday() + n) % 7 < 5)
    count, day, shut = 0, first, set(off)
    while day <= last:
        if day.weekday() in weekdays and day not in shut and not any(s <= day <= e for s, e in away):
            count += 1
        day += timedelta(days=1)
    return count


def capacity_hours(
    hours_per_week: float,
    first: date,
    last: date,
    *,
    closed: Collection[date] = frozenset(),
    absences: Absences = (),
) -> float:
    """The hours a person of ``hours_per_week`` gives from ``first`` to ``last``: their daily share of the
    week on each of their working days there."""
    days = working_days(first, last, closed=closed, absences=absences)
    return hours_per_week * days / DAYS_PER_WEEK


def month_end(year: int, month: int) -> date:
    return date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def add_months_keeping_end(day: date, months: int) -> date:
    """``add_months``, but a month's last day stays a month's last day: 30 April + 1 month = 31 May, 29
    February 2028 + 1 month = 31 March (KPI due dates and forecast steps, one rule for both)."""
    shifted = add_months(day, months)
    if day == month_end(day.year, day.month):
        return month_end(shifted.year, shifted.month)
    return shifted


@dataclass(frozen=True)
class FiscalCalendar:
    """A fiscal year starting on the first day of ``start_month`` (1 = January)."""

    start_month: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.start_month <= 12:
            raise ValueError(f"fiscal year start month must be 1-12, not {self.start_month}")

    def year_containing(self, day: date) -> DateRange:
        start_year = day.year if day.month >= self.start_month else day.year - 1
        start = date(start_year, self.start_month, 1)
        return DateRange(start, add_months(start, 12) - timedelta(days=1))

    def label(self, day: date) -> int:
        """The fiscal year's name: the calendar year in which it ends (FY2027 = Feb 2026-Jan 2027)."""
        return self.year_containing(day).end.year

    def period(self, day: date, *, months: int, index: int) -> DateRange:
        """Period ``index`` (1-based) of ``months`` months in the fiscal year containing ``day``."""
        periods = 12 // months
        if not 1 <= index <= periods:
            raise ValueError(f"period index must be 1-{periods}, not {index}")
        start = add_months(self.year_containing(day).start, months * (index - 1))
        return DateRange(start, add_months(start, months) - timedelta(days=1))

    def quarter(self, day: date, index: int) -> DateRange:
        return self.period(day, months=3, index=index)

    def half(self, day: date, index: int) -> DateRange:
        return self.period(day, months=6, index=index)

    def quarter_of(self, day: date) -> int:
        start = self.year_containing(day).start
        months_in = (day.year - start.year) * 12 + day.month - start.month
        return months_in // 3 + 1

    def reviewed_quarter(self, day: date) -> DateRange:
        """The quarter a quarterly review held on ``day`` looks back on: the one whose last day is nearest.
        A review held in the first half of a quarter reviews the quarter just ended (2 April: Q1), one held
        in its second half the quarter about to end (25 June: Q2); halfway, the one just ended."""
        current = self.quarter(day, self.quarter_of(day))
        just_ended = current.start - timedelta(days=1)
        if (day - just_ended).days <= (current.end - day).days:
            return self.quarter(just_ended, self.quarter_of(just_ended))
        return current

    def next_period_end(self, day: date, *, months: int, index: int) -> date:
        """End of period ``index`` of this fiscal year, or of the next one if already past."""
        this_year = self.period(day, months=months, index=index)
        if this_year.end >= day:
            return this_year.end
        return self.period(add_months(day, 12), months=months, index=index).end


_RULE = re.compile(r"^(?P<kind>[a-z_]+)(?::(?P<arg>[0-9A-Za-z+-]+))?$")
_DURATION_KINDS = {"in_days", "in_weeks", "in_months", "in_years"}
RULE_KINDS = frozenset(
    {
        "fiscal_year_end",
        "fiscal_quarter_end",
        "fiscal_half_end",
        "calendar_year_end",
        "calendar_quarter_end",
        "calendar_half_end",
        "month_end",
        *_DURATION_KINDS,
    }
)


def rule_kind(rule: str) -> tuple[str, str | None]:
    match = _RULE.match(rule.strip())
    if not match or match["kind"] not in RULE_KINDS:
        raise InvalidRuleError(f"unknown deadline rule {rule!r}")
    return match["kind"], match["arg"]


def _int_arg(rule: str, arg: str | None, low: int, high: int) -> int:
    if arg is None or not arg.isdigit() or not low <= int(arg) <= high:
        raise InvalidRuleError(f"deadline rule {rule!r} needs a number from {low} to {high}")
    return int(arg)


def _year_and_index(rule: str, arg: str | None, letter: str, high: int) -> tuple[int, int]:
    match = re.fullmatch(rf"(\d{{4}})-{letter}([1-{high}])", arg or "")
    if not match:
        raise InvalidRuleError(f"deadline rule {rule!r} needs YYYY-{letter}1..{letter}{high}")
    return int(match[1]), int(match[2])


def resolve_rule(rule: str, *, reference: date, fiscal_year_start_month: int = 1) -> date:
    """The date a deadline rule names, seen from ``reference``."""
    kind, arg = rule_kind(rule)
    fiscal = FiscalCalendar(fiscal_year_start_month)
    if kind == "fiscal_year_end":
        if arg is not None:
            raise InvalidRuleError(f"deadline rule {rule!r} takes no argument")
        return fiscal.year_containing(reference).end
    if kind == "fiscal_quarter_end":
        return fiscal.next_period_end(reference, months=3, index=_int_arg(rule, arg, 1, 4))
    if kind == "fiscal_half_end":
        return fiscal.next_period_end(reference, months=6, index=_int_arg(rule, arg, 1, 2))
    if kind == "calendar_year_end":
        year = reference.year if arg is None else _int_arg(rule, arg, 1900, 9999)
        return date(year, 12, 31)
    if kind == "calendar_quarter_end":
        year, quarter = _year_and_index(rule, arg, "Q", 4)
        return month_end(year, quarter * 3)
    if kind == "calendar_half_end":
        year, half = _year_and_index(rule, arg, "H", 2)
        return month_end(year, half * 6)
    if kind == "month_end":
        match = re.fullmatch(r"(\d{4})-(\d{2})", arg or "")
        if not match or not 1 <= int(match[2]) <= 12:
            raise InvalidRuleError(f"deadline rule {rule!r} needs YYYY-MM")
        return month_end(int(match[1]), int(match[2]))
    amount = _int_arg(rule, arg, 0, 100_000)
    try:
        if kind == "in_days":
            return reference + timedelta(days=amount)
        if kind == "in_weeks":
            return reference + timedelta(weeks=amount)
        if kind == "in_months":
            return add_months(reference, amount)
        return add_months(reference, 12 * amount)
    except (OverflowError, ValueError) as error:  # past the year 9999: a rule, not a crash, is wrong
        raise InvalidRuleError(f"deadline rule {rule!r} ends after the year 9999") from error
