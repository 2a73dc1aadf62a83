"""KPI sources: a data file (CSV, text, XLSX or Parquet) and a SQL query run by DuckDB over it.

The file is loaded into an in-memory DuckDB table named ``data`` (CSV, text and XLSX through Jalon's own
readers, so French files, Excel's CSV and space-aligned exports read as they do everywhere else; types
are inferred by DuckDB), then DuckDB's external access is switched off and its configuration locked
before the user's query runs: the query sees that table and nothing else (no other file, no network).
The query returns two columns, a date and a number, one row per measurement.

DuckDB runs in a child process (``source_process``, ``source_child``) with at most
``JALON_SOURCE_MEMORY_MB`` of memory: inside DuckDB, a query whose strings differ per row took 2 GB per
chunk whatever its ``memory_limit`` said. DuckDB's reading of the file and the query each stop after
``JALON_SOURCE_SECONDS`` (or the child is killed): a Parquet file of 34 kB can expand to gigabytes (its
dictionary-encoded column says 260 kB uncompressed, so no size read beforehand tells), and a query joining
the table to itself four times never ends; either is refused in words.

What leaves DuckDB is bounded too: at most ``MAX_ROWS`` + 1 rows, each text cell cut at
``MAX_CELL_CHARS`` by DuckDB itself. ``repeat('x', 10000000)`` is one string inside DuckDB but a copy per
row once in Python: 300 rows of 1 MB took 30 to 60 seconds to be refused and 10,000 of them would have
filled the server's memory. A query is at most ``MAX_QUERY_CHARS`` long (1 MB of conditions took 10
seconds and 1.8 GB to parse).
"""

from __future__ import annotations

import csv
import logging
import math
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_noop

from jalon.bounds import EARLIEST_DATE, LATEST_DATE, NUMBER_LIMIT
from jalon.documents.orders_cells import BadCell
from jalon.documents.tables import (
    OLD_OFFICE_SIGNATURE,
    UnreadableTable,
    decode,
    excerpt,
    is_workbook,
    not_a_table_hint,
    old_excel_hint,
    read_rows,
)
from jalon.documents.workbook_rows import LONG_SHEET_ROWS, MAX_COLUMNS, UnreadableWorkbook, xlsx_rows
from jalon.strategy.kpis.source_errors import describe_query_error
from jalon.strategy.kpis.source_process import ChildOverMemory, ChildTooLong, memory_mb, run_child, seconds
from jalon.strategy.kpis.source_words import Day, Number, Words, without_paths
from jalon.strategy.kpis.table import column_ways, measurement_day, read_value

logger = logging.getLogger(__name__)

SOURCE_SUFFIXES = (".csv", ".txt", ".xlsx", ".parquet")
MAX_ROWS = 10_000
MAX_QUERY_CHARS = 10_000
MAX_CELL_CHARS = 200  # a date or a number written as text is far shorter; a longer text is neither
MAX_SPILL = "1GB"  # what DuckDB may write to disk past its memory, in the query's own temporary folder
MAX_SHEET_ROWS = LONG_SHEET_ROWS  # an XLSX source's first sheet; its unzipped size is bounded too
# How DuckDB reads the CSV ``_as_csv`` writes: its dialect is told, not sniffed (the sniffer took a row
# starting with "#", such as Excel's "#N/A", for a comment and left it out without a word), and the
# columns are typed on every row, not the first 20,480 (a text past them made "could not be read").
CLEAN_CSV = (
    "header = true, delim = ',', quote = '\"', escape = '\"', comment = '', skip = 0, sample_size = -1"
)


class SourceError(Exception):
    """A problem in words: ``str()`` says it in the language active where it was raised (the page's, the
    command's), ``words`` keeps what it is (an English message id and its parameters) for the source's
    later readers, each in their own language."""

    def __init__(self, message: str | Words, /, **params: object) -> None:
        self.words = without_paths(message if isinstance(message, Words) else Words(message, params))
        super().__init__(self.words.text())

    def messages(self) -> list[str]:
        """The problem, in the language active where it was raised."""
        return [str(self)]


def _as_csv(path: Path, target: Path) -> None:
    """CSV, text or XLSX rows (header first) as a clean comma-separated UTF-8 file DuckDB can type."""
    data = path.read_bytes()
    if hint := not_a_table_hint(
        path.name, data, gettext_noop
    ):  # an image or a PDF, as every importer says it
        raise SourceError(hint)
    try:
        if is_workbook(path.name, data):
            rows: list[list[object]] = [
                list(cells) for _line, cells in xlsx_rows(data, limit=MAX_SHEET_ROWS, faster_as_csv=True)
            ]
        else:
            rows = [list(cells) for _line, cells in read_rows(decode(data))]
    except (UnreadableTable, UnreadableWorkbook) as error:
        message, numbers = error.words()
        raise SourceError(message, **{name: Number(value) for name, value in numbers.items()}) from None
    if not rows:
        raise SourceError(gettext_noop("The file is empty."))
    width = min(len(rows[0]), MAX_COLUMNS)  # as a workbook's: 100,000 columns filled DuckDB's memory
    header = [str(name).strip() or f"column{i + 1}" for i, name in enumerate(rows[0][:width])]
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for cells in rows[1:]:
            writer.writerow(
                [("" if c is None else c) for c in list(cells)[:width]] + [""] * (width - len(cells))
            )


def _settings(folder: str) -> dict[str, str | bool | int | float | list[str]]:
    """DuckDB's settings for one source: one thread, 512 MB of memory and, past it, at most
    ``MAX_SPILL`` written under ``folder`` (removed afterwards). DuckDB spilled into the server's working
    directory (``.tmp``, 690 MB for a Parquet file of 48 kB) up to 90 % of the free disk."""
    spill = str(Path(folder) / "spill")
    return {
        "threads": 1,
        "memory_limit": "512MB",
        "temp_directory": spill,
        "max_temp_directory_size": MAX_SPILL,
    }


def _head(path: Path) -> bytes:
    """The first bytes of ``path``, enough to tell an old Excel workbook; none when it cannot be opened
    (the reader that follows says why)."""
    try:
        with path.open("rb") as file:
            return file.read(len(OLD_OFFICE_SIGNATURE))
    except OSError:
        return b""


def checked_query(query: str) -> str:
    """``query`` without its final ";", or :class:`SourceError` in words when it is empty, longer than
    ``MAX_QUERY_CHARS`` or more than one statement (checked before it is kept, as before it runs)."""
    if len(query) > MAX_QUERY_CHARS:
        raise SourceError(
            gettext_noop(
                "The query is longer than {count} characters: filter the table with a condition (WHERE) "
                "and group its rows (GROUP BY) rather than listing values one by one."
            ),
            count=Number(MAX_QUERY_CHARS),
        )
    text = query.strip().rstrip(";").strip()
    if not text:
        raise SourceError(gettext_noop("Write a query."))
    if ";" in text:
        raise SourceError(gettext_noop("Write one query only (no “;” between statements)."))
    return text


class RunsLong(Exception):
    """The file and the query did not finish within the ``budget`` they were given (a page's inline run):
    no fault of theirs; the caller runs them again in a background job, with ``JALON_SOURCE_SECONDS``."""


def _too_long(what: str, budget: float | None) -> Exception:
    if budget is not None:
        return RunsLong()
    if what == "file":
        message = gettext_noop(
            "Reading the file took more than {seconds} seconds and was stopped: is it a small file that "
            "expands to gigabytes?"
        )
    else:
        message = gettext_noop(
            "The query ran more than {seconds} seconds and was stopped: filter the table first (WHERE), or "
            "join it to itself less."
        )
    return SourceError(message, seconds=Number(seconds()))


def run_query(
    path: Path,
    query: str,
    *,
    loaded: Callable[[], None] | None = None,
    reading: str = "",
    budget: float | None = None,
) -> list[tuple[date, float]]:
    """The (date, value) rows the query returns over the file, or :class:`SourceError` in words.
    ``loaded`` is called once the file is read, before the query runs (a background job's progress);
    ``reading`` is the language whose way reads dates and numbers returned as text that tell none (the
    page's when not given). DuckDB runs in a child process capped in memory and time (``source_process``).
    With a ``budget`` (seconds, reading and query together) DuckDB is stopped when it is spent and
    :class:`RunsLong` raised, for the caller to run them in the background."""
    statement = checked_query(query)
    if hint := old_excel_hint(
        _head(path), gettext_noop
    ):  # an .xls renamed .csv: DuckDB would only say "unreadable"
        raise SourceError(hint)
    with tempfile.TemporaryDirectory(prefix="jalon-source-") as folder:
        parquet = path.suffix.lower() == ".parquet"
        data = path if parquet else Path(folder) / "data.csv"
        if not parquet:
            _as_csv(path, data)
        try:
            answer = run_child(child_request(data, folder, statement), loaded, budget=budget)
        except ChildTooLong as stopped:
            raise _too_long(stopped.what, budget) from None
        except ChildOverMemory:
            raise _over_memory() from None
    if answer[0] == "error":
        raise _refusal(answer[1:], parquet, budget)
    _names, columns, result = answer[1:]
    if columns != 2:
        raise SourceError(gettext_noop("The query must return two columns: a date and a value."))
    if len(result) > MAX_ROWS:
        raise SourceError(gettext_noop("The query returns more than {count} rows."), count=Number(MAX_ROWS))
    # a column of dates or numbers with one text among them (an Excel error, a typo) is a column of texts,
    # and so is one of French numbers (1 234,5): they are read as every importer reads them, and a refusal
    # names the row at fault, not the first
    ways = column_ways([row[0] for row in result], [row[1] for row in result], language=reading)
    return _one_per_day([_measurement(row, number, ways) for number, row in enumerate(result, 1)])


def child_request(data: Path, folder: str, statement: str) -> dict[str, Any]:
    """What ``source_child`` needs to run ``statement`` over ``data`` (a Parquet file, or the clean CSV
    written by ``_as_csv``) with ``folder`` for DuckDB's spill; the caps are added by ``run_child``."""
    return {
        "path": str(data),
        "parquet": data.suffix.lower() == ".parquet",
        "csv": CLEAN_CSV,
        "settings": _settings(folder),
        "statement": statement,
        "rows": MAX_ROWS + 1,
        "cut": MAX_CELL_CHARS,
    }


def _over_memory() -> SourceError:
    return SourceError(
        gettext_noop(
            "The query needed more memory than a source may use ({megabytes} MB) and was stopped: filter the "
            "table (WHERE) and group its rows (GROUP BY) sooner, and leave out the columns it does not need."
        ),
        megabytes=Number(memory_mb()),
    )


def _refusal(error: tuple[Any, ...], parquet: bool, budget: float | None) -> Exception:
    """The child's ``("error", …)`` message in words (or :class:`RunsLong` past an inline ``budget``)."""
    import duckdb

    what = error[0]
    if what in ("file_too_long", "query_too_long"):
        return _too_long(what.removesuffix("_too_long"), budget)
    if what == "memory":
        return _over_memory()
    if what == "file_too_large":  # a file of a few MB can expand past both, once read
        return SourceError(
            gettext_noop(
                "Once read, the file needs more than a source may use (512 MB of memory, then 1 GB of "
                "disk): keep only the columns and the rows the query needs."
            )
        )
    if what == "query":  # in the reader's words, never DuckDB's English alone
        kind, text, names = error[1:]
        if kind == "OutOfMemoryException" and "bad allocation" in text:  # the system's cap, not DuckDB's
            return _over_memory()
        exception = getattr(duckdb, kind, None)
        if not (isinstance(exception, type) and issubclass(exception, duckdb.Error)):
            exception = duckdb.Error
        return SourceError(describe_query_error(exception(text), names))
    # DuckDB's words are English and name the file's place on the server: for the log only
    logger.info("a KPI source's file could not be read by DuckDB: %s", error[1] if len(error) > 1 else "")
    return SourceError(
        gettext_noop("The file is not a readable Parquet file.")
        if parquet
        else gettext_noop("The file could not be read.")
    )


def _one_per_day(rows: list[tuple[date, float]]) -> list[tuple[date, float]]:
    """``rows``, or :class:`SourceError` naming the first two rows of one day: a day has one measurement,
    and a query that forgot to group (one row per order) would have kept one order's amount of each day."""
    seen: dict[date, int] = {}
    for number, (day, _value) in enumerate(rows, 1):
        if day in seen:
            raise SourceError(
                gettext_noop(
                    "Rows {first} and {row} are both dated {day}: a day has one measurement. Group the rows "
                    "by day (GROUP BY) with a sum, an average or a count."
                ),
                first=seen[day],
                row=number,
                day=Day(day),
            )
        seen[day] = number
    return rows


def _day(value: object, order: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return measurement_day(value, order=order) if isinstance(value, str) else None
    except BadCell:
        return None


def _value(value: object, decimal: str) -> object:
    if not isinstance(value, str):
        return value
    try:
        return read_value(value, decimal)
    except ValueError:
        return value  # not a number: said below


def _measurement(row: tuple[object, ...], number: int, ways: tuple[str, str]) -> tuple[date, float]:
    order, decimal = ways
    day, value = _day(row[0], order), _value(row[1], decimal)
    if row[0] is None or (isinstance(row[0], str) and not row[0].strip()):
        raise SourceError(
            gettext_noop("Row {row}: the first column is empty; leave such rows out (WHERE … IS NOT NULL)."),
            row=number,
        )
    if day is None or not EARLIEST_DATE <= day <= LATEST_DATE:
        raise SourceError(
            gettext_noop("Row {row}: the first column is not a date between 1900 and 2200."), row=number
        )
    if value is None:
        raise SourceError(
            gettext_noop("Row {row}: the second column is empty; leave such rows out (WHERE … IS NOT NULL)."),
            row=number,
        )
    if isinstance(value, str):  # Excel's #DIV/0!, a word: said as written
        raise SourceError(
            gettext_noop("Row {row}: the second column, “{value}”, is not a number."),
            row=number,
            value=excerpt(value),
        )
    if isinstance(value, bool) or (not isinstance(value, int | float) and not hasattr(value, "__float__")):
        raise SourceError(gettext_noop("Row {row}: the second column is not a number."), row=number)
    number_value = float(value)
    if math.isinf(number_value):
        raise SourceError(
            gettext_noop(
                "Row {row}: the second column is infinite, from a division by zero or a number too large in "
                "the file: guard the divisor, for instance with NULLIF(divisor, 0), or correct the number."
            ),
            row=number,
        )
    if not math.isfinite(number_value):
        raise SourceError(gettext_noop("Row {row}: the second column is not a number."), row=number)
    if abs(number_value) > NUMBER_LIMIT:  # 1e308, a DECIMAL(38) of 38 digits: a number, but no measurement
        raise SourceError(
            gettext_noop(
                "Row {row}: the second column, {value}, is larger than a measurement may be (at most "
                "{limit} either way)."
            ),
            row=number,
            value=f"{number_value:.6g}",
            limit=Number(NUMBER_LIMIT),
        )
    return day, number_value
