"""Reading one cell of an orders file: dates and amounts written the French or the English way.

Some choices belong to the whole file, not to a cell: whether ``03/04/2024`` is the 3rd of April (day
first, French) or March 4th (month first, American), and whether ``1,234`` is one thousand two hundred
and thirty-four or one point two three four. :func:`date_order` and :func:`decimal_separator` decide
them from every distinct value of the column; the cell readers then apply them strictly, so a value that
does not fit is a bad line rather than a silent misreading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum

from jalon.documents.tables import MONTHS, normalise, possible_time
from jalon.parsing import foreign_digits

__all__ = ["AMOUNT_MAX", "CellProblem", "date_order", "decimal_separator", "read_amount", "read_date"]

FIRST_YEAR, LAST_YEAR = 1900, 2200
AMOUNT_MAX = 1_000_000_000.0  # one order; anything larger is a typing or unit error


_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})()$")  # (): no time part
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)(.*)$")  # (.*): a time, see possible_time
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)(.*)$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:er|st|nd|rd|th)? ([a-z]+)\.? (\d{4})$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$")
_CURRENCY = re.compile(r"(?i)[\s\u00a0\u202f'’€$£]|eur|usd|gbp")
_WEEKDAY = re.compile(
    r"^(?:(?:lun|mar|mercre|jeu|vendre|same|diman)di|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|(?:lun|mar|mer|jeu|ven|sam|dim)\.|(?:mon|tue|wed|thu|fri|sat|sun)\.?,),? "
)  # a day's name before a long date, tried only when the date alone is not read


class CellProblem(StrEnum):
    BAD_DATE = "bad_date"
    NO_SUCH_DAY = "no_such_day"  # written as a date, but the calendar has no such day (29/02/2027)
    DATE_OUT_OF_RANGE = "date_out_of_range"
    DATE_AFTER_TODAY = "date_after_today"  # an order read on a given day cannot be dated later
    BAD_AMOUNT = "bad_amount"
    NEGATIVE_AMOUNT = "negative_amount"
    AMOUNT_TOO_LARGE = "amount_too_large"


class BadCell(Exception):
    def __init__(self, problem: CellProblem, written: tuple[int, int, int] | None = None) -> None:
        self.problem = problem
        self.written = written  # NO_SUCH_DAY: the year, month and day as written
        super().__init__(problem.value)


# Dates -------------------------------------------------------------------------------------------


def date_order(values: Iterable[object], *, default: str = "dmy") -> str:
    """``"dmy"`` or ``"mdy"`` for the numeric dates among ``values``: a first part above 12 can only be
    a day, a second part above 12 only a day; the majority wins, and ``default`` (day first) when nothing
    tells."""
    day_first = month_first = 0
    for value in values:
        match = _NUMERIC.match(value.strip()) if isinstance(value, str) else None
        if match:
            day_first += int(match[1]) > 12
            month_first += int(match[2]) > 12
    if month_first == day_first:
        return default
    return "mdy" if month_first > day_first else "dmy"


def read_date(value: object, *, order: str = "dmy") -> date:
    """A date from an XLSX date cell, ``20240105``, ``2024-01-05`` (a time of day that exists allowed, see
    :func:`~jalon.documents.tables.possible_time`), ``05/01/2024`` (in
    ``order``), ``5 janv. 2024``, ``1er janvier 2024``, ``January 5, 2024``, each after a day's name or
    not (``lundi 5 janvier 2026``, ``Monday, January 5, 2026``)…; raises :class:`BadCell`."""
    if isinstance(value, datetime):
        return _checked(value.date())
    if isinstance(value, date):
        return _checked(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # 20240105 typed as a number in a spreadsheet
    if not isinstance(value, str) or foreign_digits(value):  # 0 to 9 only, as every reader
        raise BadCell(CellProblem.BAD_DATE)
    text = value.strip()
    try:
        if (match := _COMPACT.match(text) or _ISO.match(text)) and possible_time(match[4]):
            return _day(int(match[1]), int(match[2]), int(match[3]))
        if (match := _NUMERIC.match(text)) and possible_time(match[4]):
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            year += 2000 if len(match[3]) == 2 else 0
            day, month = (first, second) if order == "dmy" else (second, first)
            return _day(year, month, day)
        words = normalise(text)
        for written in (words, _WEEKDAY.sub("", words, count=1)):  # « lundi 5 janvier 2026 »
            if (match := _DAY_MONTH.match(written)) and match[2] in MONTHS:
                return _day(int(match[3]), MONTHS[match[2]], int(match[1]))
            if (match := _MONTH_DAY.match(written)) and match[1] in MONTHS:
                return _day(int(match[3]), MONTHS[match[1]], int(match[2]))
    except ValueError:
        pass
    raise BadCell(CellProblem.BAD_DATE)


def read_order_day(value: object, order: str, latest: date | None) -> date:
    """``read_date``; an order read on ``latest`` (the importer's today) cannot be dated later."""
    day = read_date(value, order=order)
    if latest is not None and day > latest:
        raise BadCell(CellProblem.DATE_AFTER_TODAY)
    return day


def _day(year: int, month: int, day: int) -> date:
    """The day written, ``NO_SUCH_DAY`` when the calendar has none (29 February 2027; a year 0 is no date)."""
    try:
        return _checked(date(year, month, day))
    except ValueError:
        if not 1 <= year <= 9999:
            raise
        raise BadCell(CellProblem.NO_SUCH_DAY, (year, month, day)) from None


def _checked(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise BadCell(CellProblem.DATE_OUT_OF_RANGE)
    return day


# Amounts -----------------------------------------------------------------------------------------


def decimal_separator(values: Iterable[object], *, default: str = ".") -> str:
    """``","`` or ``"."``: what the amounts among ``values`` use for decimals. ``1 234,50`` and
    ``12,5`` vote for the comma, ``1,234.50`` and ``12.5`` for the point; ``1,234`` tells nothing."""
    votes = {",": 0, ".": 0}
    for value in values:
        if not isinstance(value, str) or value.isdigit():
            continue
        text = value if value.replace(".", "").replace(",", "").isdigit() else _CURRENCY.sub("", value)
        comma, point = text.rfind(","), text.rfind(".")
        if comma >= 0 and point >= 0:
            votes["," if comma > point else "."] += 1
            continue
        for mark, other in ((",", "."), (".", ",")):
            where = text.rfind(mark)
            if where < 0:
                continue
            if text.count(mark) > 1:
                votes[other] += 1
            elif len(text) - where - 1 != 3:
                votes[mark] += 1
    if votes[","] == votes["."]:
        return default
    return "," if votes[","] > votes["."] else "."


def read_amount(value: object, *, decimal: str = ".") -> float:
    """A non-negative amount from a number cell or text such as ``1 234,50 €``, ``$1,234.50``,
    ``12,5`` (``decimal`` says which mark is the decimal one); raises :class:`BadCell`."""
    if isinstance(value, bool):
        raise BadCell(CellProblem.BAD_AMOUNT)
    if isinstance(value, int | float):
        return _in_range(float(value))
    if not isinstance(value, str) or foreign_digits(value):  # 0 to 9 only, as every reader
        raise BadCell(CellProblem.BAD_AMOUNT)
    if value.replace(decimal, "", 1).isdigit() and value.isascii():  # the usual 12.50: no pattern needed
        return _in_range(float(value.replace(decimal, ".")))
    text = _CURRENCY.sub("", value)
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("-()+")
    thousands = "." if decimal == "," else ","
    digits = r"\d+" if thousands not in text else rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+"
    if not re.fullmatch(rf"{digits}(?:{re.escape(decimal)}\d+)?", text):
        raise BadCell(CellProblem.BAD_AMOUNT)
    number = float(text.replace(thousands, "").replace(decimal, "."))
    if negative and number > 0:
        raise BadCell(CellProblem.NEGATIVE_AMOUNT)
    return _in_range(number)


def _in_range(number: float) -> float:
    if not math.isfinite(number):
        raise BadCell(CellProblem.BAD_AMOUNT)
    if number < 0:
        raise BadCell(CellProblem.NEGATIVE_AMOUNT)
    if number > AMOUNT_MAX:
        raise BadCell(CellProblem.AMOUNT_TOO_LARGE)
    return number
