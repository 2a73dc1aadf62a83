"""The rows of an XLSX workbook's first sheet, read in bounded time and memory, for every importer.

An XLSX file is a zip of XML: a 1 MB upload can unzip to gigabytes (a zip bomb in its shared strings),
and a sheet can claim the whole grid (``A1:XFD1048576``) with two cells in it, which a reader that pads
every row to the claimed width turns into billions of empty cells. So the members' unzipped sizes are
checked before anything is parsed, the sheet's claimed dimensions are ignored (rows are as wide as their
cells, at most ``MAX_COLUMNS`` are kept), and reading stops past the caller's row limit or past
``MAX_BLANK_ROWS`` rows written with nothing in them. openpyxl's read-only loader would also read every
sheet through once to find its size when the sheet does not state it (10 seconds for a sheet of a million
rows, before the row limit can stop anything, and for every sheet, not only the first): loading skips
that scan, whose result is not used.
No Django here, so the command line can use it.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jalon.documents.tables import gettext_noop

__all__ = [
    "LONG_SHEET_ROWS",
    "MAX_COLUMNS",
    "MAX_UNZIPPED_BYTES",
    "UnreadableWorkbook",
    "WorkbookProblem",
    "xlsx_rows",
]

MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_COLUMNS = 256
MAX_BLANK_ROWS = 10_000  # rows written with nothing in them: parsing them is as slow as real ones
LONG_SHEET_ROWS = 200_000
"""The longest first sheet an orders file or a KPI source may have: openpyxl parses 20,000 to 50,000 rows
a second (a sheet of 1,048,576 orders took 85 s in the page's request, bench/hostile_uploads.py), while
the same orders as CSV read in a few seconds; past it, the reader is told to save the sheet as CSV."""

Row = tuple[int, Sequence[object]]


class WorkbookProblem(StrEnum):
    UNREADABLE = "unreadable"
    TOO_LARGE_UNZIPPED = "too_large_unzipped"
    TOO_MANY_ROWS = "too_many_rows"
    BLANK_ROWS = "blank_rows"


class UnreadableWorkbook(ValueError):
    """Not an XLSX workbook (a bad zip, a missing part, bad XML), one too large once unzipped, or a first
    sheet longer than the caller's limit."""

    def __init__(self, problem: WorkbookProblem, limit: int = 0, *, faster_as_csv: bool = False) -> None:
        self.problem, self.limit, self.faster_as_csv = problem, limit, faster_as_csv
        super().__init__(problem.value)

    def describe(self, _: Callable[[str], str]) -> str:
        """In the reader's words: pass the translation function (``gettext``); Django must be set up."""
        from jalon.formatting import format_number  # the one Django-bound line, for the reader's digits

        message, numbers = self.words()
        return _(message).format(**{name: format_number(value) for name, value in numbers.items()})

    def words(self) -> tuple[str, dict[str, int]]:
        """The English message id (in the catalogue) and its numbers, to be worded where it is shown."""
        if self.problem is WorkbookProblem.TOO_LARGE_UNZIPPED:
            size = MAX_UNZIPPED_BYTES // (1024 * 1024)
            return gettext_noop("The workbook is larger than {size} MB once unzipped."), {"size": size}
        if self.problem is WorkbookProblem.TOO_MANY_ROWS and self.faster_as_csv:
            message = gettext_noop(
                "The first sheet has more than {count} rows: save it as CSV, which Jalon reads much faster, "
                "and upload that file."
            )
            return message, {"count": self.limit}
        if self.problem is WorkbookProblem.TOO_MANY_ROWS:
            return gettext_noop("The first sheet has more than {count} rows."), {"count": self.limit}
        if self.problem is WorkbookProblem.BLANK_ROWS:
            message = gettext_noop(
                "The first sheet has more than {count} empty rows: delete them, then upload it again."
            )
            return message, {"count": self.limit}
        return gettext_noop("The file is not a readable XLSX workbook."), {}


def _check_unzipped_size(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnreadableWorkbook(WorkbookProblem.UNREADABLE) from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise UnreadableWorkbook(WorkbookProblem.TOO_LARGE_UNZIPPED)


_LOADING = threading.Lock()


@contextmanager
def _sheets_not_measured() -> Iterator[None]:
    """Within: openpyxl's read-only sheets skip the scan that measures them (``_get_size``); the class
    is restored after, under a lock so two loads never restore it in each other's middle."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    with _LOADING:
        measure = ReadOnlyWorksheet._get_size
        ReadOnlyWorksheet._get_size = lambda _self: None
        try:
            yield
        finally:
            ReadOnlyWorksheet._get_size = measure


def xlsx_rows(data: bytes, *, limit: int, faster_as_csv: bool = False) -> list[Row]:
    """The first sheet's non-blank rows, each with its row number, blank cells as ``""``, at most
    ``MAX_COLUMNS`` cells each. More than ``limit`` of them is :attr:`WorkbookProblem.TOO_MANY_ROWS`, and
    more than ``MAX_BLANK_ROWS`` rows written in the file with nothing in them (formatting only) is
    :attr:`WorkbookProblem.BLANK_ROWS`, both found without reading the rest. ``faster_as_csv``: the same
    data as CSV would be taken (its limit is higher), so the refusal says to save the sheet as CSV."""
    from openpyxl import load_workbook

    _check_unzipped_size(data)
    try:
        with _sheets_not_measured():
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError):  # SyntaxError: bad XML
        raise UnreadableWorkbook(WorkbookProblem.UNREADABLE) from None
    try:
        sheet = workbook.worksheets[0]
        if _written_row_count(sheet, more_than=limit + MAX_BLANK_ROWS):
            raise UnreadableWorkbook(WorkbookProblem.TOO_MANY_ROWS, limit, faster_as_csv=faster_as_csv)
        return _filled_rows(sheet, limit, faster_as_csv=faster_as_csv)
    except UnreadableWorkbook:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError, IndexError):
        raise UnreadableWorkbook(WorkbookProblem.UNREADABLE) from None
    finally:
        workbook.close()


EXCEL_ROWS = 1_048_576  # a sheet's last row
_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")  # <row …>, <row/>, <x:row …>; not <rowBreaks>
_CHUNK_BYTES = 1024 * 1024


def _written_row_count(sheet: Any, *, more_than: int) -> bool:
    """Whether the sheet's XML holds more than ``more_than`` row elements, counted in its bytes streamed
    from the zip (at most ``MAX_UNZIPPED_BYTES``), 20 to 50 times faster than openpyxl parses them.

    Parsing reads each row element as a filled row (counted against the caller's limit) or a blank one
    (against ``MAX_BLANK_ROWS``), so more than the two together is a sheet parsing would refuse too, and
    it is refused before a row is parsed. The ``<dimension>`` tag is not read (a file can state it
    falsely). A text holding ``<row`` is written ``&lt;row`` in XML, so only a row element is counted,
    except one written inside a comment or a CDATA section, which no spreadsheet writes in a sheet (a
    file doing so on purpose is only refused sooner). A count that falls short of the rows parsing
    meets (rows an entity would write) leaves the refusal to parsing, as before."""
    found, carried, read = 0, b"", 0
    with sheet._get_source() as source:
        while read <= MAX_UNZIPPED_BYTES and (chunk := source.read(_CHUNK_BYTES)):
            read += len(chunk)
            text = carried + chunk
            cut = text.rfind(b"<")  # a tag cut by the chunk's end is counted with the next chunk
            cut = cut if cut >= 0 and len(text) - cut < 64 else len(text)
            found += len(_ROW_START.findall(text, 0, cut))
            carried = text[cut:]
            if found > more_than:
                return True
    return found + len(_ROW_START.findall(carried)) > more_than


def _cells_as_written() -> type:
    """openpyxl's sheet parser, except that a date cell (``t="d"``) or a number cell whose value is no date
    or number (``2026-02-30``, ``NaN``) is read as the text it holds, as a CSV file would hold it, so the
    importer names its row and column; openpyxl raised on it, and the whole file was unreadable. Any
    other broken cell (a shared string that does not exist, a bad reference) still is. A number shown as a
    percentage (``12,5 %``, stored 0.125) is read as the number shown, 12.5, as a CSV file or a paste of
    the same cell holds it: read as 0.125, a conversion rate of 12.5 % was kept a hundred times too small
    and a confidence of 80 % was refused."""
    from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser

    class CellsAsWritten(WorkSheetParser):  # type: ignore[misc]
        col_counter: int  # the column of the last cell read (openpyxl's)
        percent_styles: frozenset[int] = frozenset()

        def parse_cell(self, element: Any) -> dict[str, Any]:
            counter = self.col_counter
            try:
                cell: dict[str, Any] = super().parse_cell(element)
            except (ValueError, OverflowError):
                if element.get("t", "n") not in ("n", "d") or not element.findtext(VALUE_TAG):
                    raise
                self.col_counter = counter  # a cell without a reference counts once
                element.set("t", "str")
                cell = super().parse_cell(element)
            value = cell["value"]
            if cell["style_id"] in self.percent_styles and cell["data_type"] == "n" and is_number(value):
                cell["value"] = as_shown_percent(value)
            return cell

    return CellsAsWritten


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def as_shown_percent(value: float) -> float:
    """0.125 -> 12.5: the number a percentage cell shows, without the float's noise (0.131 -> 13.1)."""
    shown = Decimal(repr(value)) * 100
    return float(shown) if shown.is_finite() else value


def _shows_percent(code: str) -> bool:
    """Whether a number format shows its number as a percentage: a ``%`` outside quoted text and escapes."""
    return "%" in re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)


def percent_styles(book: Any) -> frozenset[int]:
    """The workbook's cell styles whose number format is a percentage (``0%``, ``0.0 %``)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    customs = list(book._number_formats)
    found = set()
    for index, style in enumerate(book._cell_styles):
        number = style.numFmtId
        custom = number - BUILTIN_FORMATS_MAX_SIZE
        code = BUILTIN_FORMATS.get(number) if custom < 0 else customs[custom] if custom < len(customs) else ""
        if code and _shows_percent(code):
            found.add(index)
    return frozenset(found)


def _written_rows(sheet: Any) -> Iterator[tuple[int, list[object]]]:
    """The rows the sheet's XML writes, each with its number and its values up to its last cell (at most
    ``MAX_COLUMNS``), parsed as openpyxl's read-only sheet parses them. A row numbered below 1, past the
    sheet's last row, or not after the row before is :attr:`WorkbookProblem.UNREADABLE`: openpyxl's own
    reading left such a row out without a word, and made up every missing row up to the number written
    (a row numbered 99,999,999,999 kept a request busy for hours). The sheet's claimed dimensions are
    not used: rows are as wide as their cells."""
    book = sheet.parent
    last = 0
    with sheet._get_source() as source:
        parser = _cells_as_written()(
            source,
            sheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        parser.percent_styles = percent_styles(book)
        for number, cells in parser.parse():
            if not last < number <= EXCEL_ROWS:
                raise UnreadableWorkbook(WorkbookProblem.UNREADABLE)
            last = number
            kept = [cell for cell in cells if cell["column"] <= MAX_COLUMNS]
            values: list[object] = [None] * max((cell["column"] for cell in kept), default=0)
            for cell in kept:
                values[cell["column"] - 1] = cell["value"]
            yield number, values


def _filled_rows(sheet: Any, limit: int, *, faster_as_csv: bool) -> list[Row]:
    rows: list[Row] = []
    blank = 0
    for number, values in _written_rows(sheet):
        cells = ["" if value is None else value for value in values]
        if any(str(cell).strip() for cell in cells):
            rows.append((number, cells))
            if len(rows) > limit:
                raise UnreadableWorkbook(WorkbookProblem.TOO_MANY_ROWS, limit, faster_as_csv=faster_as_csv)
        else:
            blank += 1
            if blank > MAX_BLANK_ROWS:
                raise UnreadableWorkbook(WorkbookProblem.BLANK_ROWS, MAX_BLANK_ROWS)
    return rows
