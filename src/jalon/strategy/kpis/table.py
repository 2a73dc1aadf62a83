"""Measurements as two columns (date, value): pasted from a spreadsheet, or read from a CSV or XLSX file.

French and English ways of writing both columns are accepted: ``05/01/2026`` is read as the column shows
(a part above 12 can only be a day), and ``1 234,5`` or ``1,234.5`` by the decimal mark the whole column
uses. What the dates do not tell follows the numbers (a decimal comma: day first), and what neither tells
follows the page (day first and a decimal comma in French, month first and a decimal point in English).
A first row whose first cell is not a date is a header. Every line that cannot be read is listed with its
number and the reason; nothing is kept when one line is bad.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jalon.bounds import NUMBER_LIMIT as MAX_ABS_VALUE
from jalon.documents.orders_cells import (
    FIRST_YEAR,
    LAST_YEAR,
    BadCell,
    CellProblem,
    date_order,
    decimal_separator,
    read_date,
)
from jalon.documents.safe_load import MAX_PROBLEMS
from jalon.documents.tables import (
    MONTHS,
    UnreadableTable,
    boolean_words,
    cell_text,
    decode,
    excerpt,
    is_workbook,
    normalise,
    not_a_table_hint,
    read_rows,
)
from jalon.documents.workbook_rows import UnreadableWorkbook, WorkbookProblem, xlsx_rows
from jalon.formatting import format_number, no_such_day_words
from jalon.parsing import foreign_digits, foreign_digits_hint

MAX_LINES = 20_000
_SPACES = re.compile(r"[\s\u00a0\u202f'’]")
_UNITS = re.compile(r"(?i)[€$£%]|eur|usd|gbp|pts?")
_SPACED_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[ /-]?([0-9]{4}|[0-9]{2})$")  # janv.-26, Jan-26, mars 2026

Cells = Sequence[object]
# Why a value cannot be one of the KPI's measurements (``KPI.outside_possible``), None when it can.
Refusal = Callable[[float], str | None]


@dataclass(frozen=True)
class LineProblem:
    line: int
    message: str


class TableProblems(Exception):
    """Lines that could not be read (or a file that could not be opened: line 0): the first 200, then one
    that counts the others (20,000 bad lines would otherwise make a page of megabytes)."""

    def __init__(self, problems: list[LineProblem]) -> None:
        if len(problems) > MAX_PROBLEMS:
            more = _("And {count} more problems.").format(count=format_number(len(problems) - MAX_PROBLEMS))
            problems = [*problems[:MAX_PROBLEMS], LineProblem(0, more)]
        self.problems = problems
        super().__init__("; ".join(f"{p.line}: {p.message}" for p in problems))


def read_value(cell: object, decimal: str) -> float:
    if isinstance(cell, bool):
        raise ValueError
    if isinstance(cell, int | float):
        number = float(cell)
    elif isinstance(cell, str):
        if foreign_digits(cell):  # 0 to 9 only, as every reader (jalon.parsing)
            raise ValueError
        text = _UNITS.sub("", _SPACES.sub("", cell))
        text = text.replace("\u2212", "-")
        thousands = "." if decimal == "," else ","
        if text.count(decimal) > 1:
            raise ValueError
        pattern = rf"[-+]?(?:\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+|\d+)(?:{re.escape(decimal)}\d*)?"
        if not re.fullmatch(pattern, text) and not re.fullmatch(rf"[-+]?{re.escape(decimal)}\d+", text):
            raise ValueError
        number = float(text.replace(thousands, "").replace(decimal, "."))
    else:
        raise ValueError
    if not math.isfinite(number) or abs(number) > MAX_ABS_VALUE:
        raise ValueError
    return number


def measurement_day(cell: object, *, order: str = "dmy") -> date:
    """The day of a measurement: ``read_date``'s dates, or a month and its year as a monthly column shows
    them (Excel's ``janv.-26`` or ``Jan-26``, ``mars 2026``), read as the month's first day: a pasted
    monthly history was refused line by line. Digits 0 to 9 only, as every reader: ``mars ٢٠٢٦`` and
    ``mars ２０２６`` were read as March 2026."""
    try:
        return read_date(cell, order=order)
    except BadCell:
        words = normalise(cell.strip()) if isinstance(cell, str) and not foreign_digits(cell) else ""
        if (match := _MONTH_YEAR.match(words)) is None or match[1] not in MONTHS:
            raise
        year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
        if not FIRST_YEAR <= year <= LAST_YEAR:  # « janv. 0000 »: date() has no year 0 (it raised ValueError)
            raise BadCell(CellProblem.DATE_OUT_OF_RANGE) from None
        return date(year, MONTHS[match[1]], 1)


def _is_header(cells: Cells) -> bool:
    """Words in both cells (``Date;Valeur``); a row with a date or a number in it is data."""
    if len(cells) < 2:
        return False
    try:
        measurement_day(cells[0])
    except BadCell as error:
        if error.problem is CellProblem.DATE_OUT_OF_RANGE:
            return False
    else:
        return False
    for decimal in (",", "."):
        try:
            read_value(cells[1], decimal)
        except ValueError:
            continue
        return False
    return True


def column_ways(days: Sequence[object], numbers: Sequence[object], *, language: str = "") -> tuple[str, str]:
    """How a column of dates and a column of numbers are read: the dates' order (``"dmy"`` or ``"mdy"``)
    and the numbers' decimal mark, as their values tell, else as ``language`` writes (the page's when
    not given; see the module)."""
    told = decimal_separator(numbers, default=",")
    if told != decimal_separator(numbers, default=".") and any(
        isinstance(number, str) and _SPACED_THOUSANDS.match(number.strip()) for number in numbers
    ):
        told = ","  # 1 234: thousands spaced as in French, whose dates put the day first
    elif told != decimal_separator(numbers, default="."):
        told = "." if (language or get_language() or "fr").startswith("en") else ","  # the page's way
    return date_order(days, default="dmy" if told == "," else "mdy"), told


def measurements_from_rows(
    rows: Sequence[tuple[int, Cells]], refuse: Refusal | None = None
) -> list[tuple[date, float]]:
    """(date, value) per row, or :class:`TableProblems` listing every bad line (a value ``refuse`` gives a
    reason for among them)."""
    if rows and _is_header(rows[0][1]):
        rows = rows[1:]
    if len(rows) > MAX_LINES:
        raise TableProblems([_too_many_lines()])
    # What the columns do not tell is read the way their numbers are written (a decimal comma: French
    # dates, day first), else the way the page writes: 01/05/2026 and 1,234 are the 5th of January and one
    # thousand two hundred and thirty-four on an English page, the 1st of May and 1.234 on a French one.
    order, decimal = column_ways(
        [cells[0] for _line, cells in rows if cells], [cells[1] for _line, cells in rows if len(cells) > 1]
    )
    problems: list[LineProblem] = []
    read: list[tuple[date, float]] = []
    seen: dict[date, int] = {}
    for line, cells in rows:
        filled = [cell for cell in cells if str(cell).strip()]
        if len(filled) != 2 or len(cells) < 2:
            problems.append(LineProblem(line, _("Expected two columns: a date and a value.")))
            continue
        try:
            day = measurement_day(cells[0], order=order)
        except BadCell as error:
            written = excerpt(cell_text(cells[0], booleans=boolean_words(_)).strip())
            if error.problem is CellProblem.DATE_OUT_OF_RANGE:
                message = _("The date is outside the years 1900 to 2200.")
            elif error.problem is CellProblem.NO_SUCH_DAY and error.written:  # 29/02/2027: the day is wrong
                message = no_such_day_words(written, error.written)
            else:
                message = foreign_digits_hint(written, _) or _("“{text}” is not a date.").format(text=written)
            problems.append(LineProblem(line, message))
            continue
        try:
            value = read_value(cells[1], decimal)
        except ValueError:
            written = excerpt(cell_text(cells[1], booleans=boolean_words(_)).strip())
            said = foreign_digits_hint(written, _) or _("“{text}” is not a number.").format(text=written)
            problems.append(LineProblem(line, said))
            continue
        if refuse is not None and (reason := refuse(value)) is not None:
            problems.append(LineProblem(line, reason))
            continue
        if day in seen:
            problems.append(LineProblem(line, _("Same date as line {line}.").format(line=seen[day])))
            continue
        seen[day] = line
        read.append((day, value))
    if problems:
        raise TableProblems(problems)
    if not read:
        raise TableProblems([LineProblem(0, _("No measurement found."))])
    return read


def _pasted_rows(text: str) -> list[tuple[int, Cells]]:
    """Spreadsheets copy cells separated by tabs; a typed list may use semicolons or commas."""
    lines = text.removeprefix("\ufeff").splitlines()
    most = MAX_LINES + 2  # the header's row and one more: too many, without splitting the rest
    for separator in ("\t", ";"):
        if any(separator in line for line in lines):
            split = ((n, line.split(separator)) for n, line in enumerate(lines, 1) if line.strip())
            return list(itertools.islice(split, most))
    try:
        return [(n, cells) for n, cells in read_rows(text, limit=most - 1)]
    except UnreadableTable as error:
        raise TableProblems([LineProblem(0, error.describe(_))]) from None


def read_pasted(text: str, refuse: Refusal | None = None) -> list[tuple[date, float]]:
    return measurements_from_rows(_pasted_rows(text), refuse)


def read_file(name: str, data: bytes, refuse: Refusal | None = None) -> list[tuple[date, float]]:
    """A CSV (any delimiter, UTF-8 or Windows-1252) or an XLSX file (its first sheet)."""
    if hint := not_a_table_hint(name, data, _):
        raise TableProblems([LineProblem(0, hint)])
    if is_workbook(name, data):
        return measurements_from_rows(_xlsx_rows(data), refuse)
    return measurements_from_rows(_pasted_rows(decode(data)), refuse)


def _too_many_lines() -> LineProblem:
    return LineProblem(0, _("More than {count} lines.").format(count=format_number(MAX_LINES)))


def _xlsx_rows(data: bytes) -> list[tuple[int, Cells]]:
    try:
        return xlsx_rows(data, limit=MAX_LINES + 1)  # the header's row and one more: too many
    except UnreadableWorkbook as error:
        if error.problem is WorkbookProblem.TOO_MANY_ROWS:  # as a CSV says it (not "20,001 rows")
            raise TableProblems([_too_many_lines()]) from None
        raise TableProblems([LineProblem(0, error.describe(_))]) from None
