"""A KPI source's failing query in the reader's words.

DuckDB explains a failure in English, with its own vocabulary ("Binder Error", "INT32"), and sometimes the
place of a file on the server. Each common kind of failure gets a sentence a marketing manager can act
on: which column or table is unknown (and the table's columns), where the syntax breaks, which value
cannot be converted, what to write instead. DuckDB's own text never reaches the page (an English line on
a French page, or a server's path): it goes to the log. The sentence is kept as a message id and its
parameters (``Words``), worded in each reader's language when shown.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from django.utils.translation import gettext_noop

from jalon.documents.tables import listed as listed_names
from jalon.strategy.kpis.source_words import Words

__all__ = ["describe_query_error"]

logger = logging.getLogger(__name__)

_QUOTED = r"\"([^\"]*)\""
_TYPES: dict[str, Callable[[], Words]] = {
    "INT8": lambda: Words(gettext_noop("a whole number")),
    "INT16": lambda: Words(gettext_noop("a whole number")),
    "INT32": lambda: Words(gettext_noop("a whole number")),
    "INT64": lambda: Words(gettext_noop("a whole number")),
    "INT128": lambda: Words(gettext_noop("a whole number")),
    "UINT8": lambda: Words(gettext_noop("a whole number")),
    "UINT16": lambda: Words(gettext_noop("a whole number")),
    "UINT32": lambda: Words(gettext_noop("a whole number")),
    "UINT64": lambda: Words(gettext_noop("a whole number")),
    "DOUBLE": lambda: Words(gettext_noop("a number")),
    "FLOAT": lambda: Words(gettext_noop("a number")),
    "DECIMAL": lambda: Words(gettext_noop("a number")),
    "DATE": lambda: Words(gettext_noop("a date")),
    "TIMESTAMP": lambda: Words(gettext_noop("a date and time")),
    "BOOL": lambda: Words(gettext_noop("true or false")),
    "BOOLEAN": lambda: Words(gettext_noop("true or false")),
}


_NO_FILES = gettext_noop(
    "The query may only read the table data (the attached file): it cannot open other files or "
    "reach the network."
)
_TOO_LARGE = gettext_noop(
    "A calculation gives a number too large for its type: convert the column first, for instance "
    "CAST(amount AS DOUBLE)."
)
_NO_MEMORY = gettext_noop(
    "The query needs more memory than a source may use (512 MB): group or filter the rows sooner."
)
_BY_ZERO = gettext_noop("The query divides by zero: guard the divisor, for instance with NULLIF(divisor, 0).")
_NO_SETTINGS = gettext_noop("The query cannot change DuckDB’s settings: write a SELECT over the table data.")


def _fixed_words(error: Exception) -> str | None:
    """The message id of a kind of DuckDB error whose sentence names nothing of the query (these kinds do
    not derive from one another, nor from those ``describe_query_error`` words from the query), else None."""
    import duckdb

    for kind, message in (
        (duckdb.PermissionException, _NO_FILES),
        (duckdb.OutOfRangeException, _TOO_LARGE),
        (duckdb.OutOfMemoryException, _NO_MEMORY),
    ):
        if isinstance(error, kind):
            return message
    return None


_SAID: tuple[tuple[str, str], ...] = (
    ("Division by zero", _BY_ZERO),
    ("configuration has been locked", _NO_SETTINGS),
)
"""Words of DuckDB's first line that tell a failure of any other kind, and its message id."""


def describe_query_error(error: Exception, columns: Sequence[str]) -> Words:
    """``error`` (a ``duckdb.Error`` from the user's query over the table ``data`` with ``columns``) as a
    message id and its parameters (DuckDB's own text goes to the log)."""
    import duckdb

    text = str(error)
    first = _first_line(text)
    logger.info("a KPI source's query failed in DuckDB: %s", first)  # its own words: for the log only
    listed = listed_names(columns)
    fixed = _fixed_words(error)
    if fixed is not None:
        return Words(fixed)
    if isinstance(error, duckdb.ParserException):
        return _syntax(text, first)
    if isinstance(error, duckdb.CatalogException):
        return _catalog(first, listed)
    if isinstance(error, duckdb.BinderException):
        return _binder(first, listed)
    if isinstance(error, duckdb.ConversionException):
        return _conversion(first)
    for said, message in _SAID:
        if said in first:
            return Words(message)
    parsed = re.search(
        r"Could not parse string " + _QUOTED + r" according to format specifier " + _QUOTED, first
    )
    if parsed:
        return Words(
            gettext_noop(
                "The value “{value}” does not match the date format “{format}” given to strptime: write the "
                "format the file uses (%d/%m/%Y for 31/12/2026, %Y-%m-%d for 2026-12-31)."
            )
        ).format(value=parsed[1], format=parsed[2])
    return Words(
        gettext_noop(
            "DuckDB could not run the query: write one SELECT over the table data, the attached file."
        )
    )


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return re.sub(r"^[A-Za-z ]*Error: ", "", line).strip()


def _syntax(text: str, first: str) -> Words:
    line = re.search(r"^LINE (\d+):", text, flags=re.MULTILINE)
    near = re.search(r"at or near " + _QUOTED, first)
    if "unterminated" in first or "unterminated" in text:
        return Words(gettext_noop("A text between quotes is not closed: end it with a quote (')."))
    if near and line:
        return Words(
            gettext_noop(
                "The query’s syntax breaks near “{word}” on line {line}: check the commas, the parentheses "
                "and the spelling of the SQL words (SELECT, FROM, GROUP BY…) just before it."
            )
        ).format(word=near[1], line=line[1])
    if "end of input" in first:
        return Words(
            gettext_noop(
                "The query stops too early: something is missing at its end (a column, a parenthesis…)."
            )
        )
    return Words(
        gettext_noop(
            "The query’s syntax is not valid SQL: check the commas, the parentheses and the spelling of the "
            "SQL words (SELECT, FROM, GROUP BY…)."
        )
    )


def _catalog(first: str, listed: str) -> Words:
    table = re.search(r"Table with name (\S+) does not exist", first)
    if table:
        return Words(
            gettext_noop(
                "There is no table “{table}”: the attached file is the table named data (write FROM data). "
                "Its columns: {columns}."
            )
        ).format(table=table[1], columns=listed)
    function = re.search(r"Function with name (\S+) does not exist", first)
    if function:
        message = Words(gettext_noop("DuckDB has no function “{function}”: check its spelling."))
        return message.format(function=function[1])
    message = Words(
        gettext_noop("The query names something the table data does not have. Its columns: {columns}.")
    )
    return message.format(columns=listed)


def _binder(first: str, listed: str) -> Words:
    missing = re.search(r"Referenced column " + _QUOTED + " not found", first)
    if missing:
        return Words(gettext_noop("The table has no column “{column}”. Its columns: {columns}.")).format(
            column=missing[1], columns=listed
        )
    grouped = re.search(r"column " + _QUOTED + " must appear in the GROUP BY clause", first)
    if grouped:
        return Words(
            gettext_noop(
                "The column “{column}” must be grouped or summed: add it to GROUP BY, or put it in a sum or "
                "a count such as SUM({column})."
            )
        ).format(column=grouped[1])
    ambiguous = re.search(r"Ambiguous reference to column name " + _QUOTED, first)
    if ambiguous:
        return Words(
            gettext_noop(
                "The column “{column}” is in more than one table of the query: write the table’s name or "
                "alias before it."
            )
        ).format(column=ambiguous[1])
    if re.search(r"\b(detach|attach|use)\b", first, flags=re.IGNORECASE) and "database" in first.lower():
        return Words(
            gettext_noop(
                "The query may only read the table data: ATTACH, DETACH and USE are not allowed; write a "
                "SELECT over data."
            )
        )
    if "No function matches" in first:
        return Words(
            gettext_noop(
                "A calculation mixes types (text where a number or a date is expected): convert the column, "
                "for instance CAST(amount AS DOUBLE) or CAST(day AS DATE)."
            )
        )
    message = Words(gettext_noop("The query does not fit the table data. Its columns: {columns}."))
    return message.format(columns=listed)


def _conversion(first: str) -> Words:
    value = re.search(r"Could not convert string '(.*)' to (\w+)", first)
    column = re.search(r"from source column (\S+)", first)
    if "date field format" in first:
        found = re.search(r"format: " + _QUOTED, first)
        written = found[1] if found else ""
        if column:
            return Words(
                gettext_noop(
                    "The column “{column}” holds “{value}”, which is not a date written YYYY-MM-DD: read its "
                    "dates with strptime({column}, '%d/%m/%Y') when they are written 31/12/2026."
                )
            ).format(column=column[1], value=written)
        return Words(
            gettext_noop(
                "“{value}” is not a date written YYYY-MM-DD: read such dates with strptime(…, '%d/%m/%Y') "
                "when they are written 31/12/2026."
            )
        ).format(value=written)
    if value:
        known = _TYPES.get(value[2].upper())
        kind = known() if known else value[2]
        if column:
            return Words(
                gettext_noop(
                    "The column “{column}” holds “{value}”, which is not {kind}: check its values, or use "
                    "TRY_CAST(…) to leave such values empty."
                )
            ).format(column=column[1], value=value[1], kind=kind)
        return Words(
            gettext_noop(
                "“{value}” is not {kind}: check the values, or use TRY_CAST(…) to leave such values empty."
            )
        ).format(value=value[1], kind=kind)
    return Words(gettext_noop("A value of the file cannot be converted to the type the query asks for."))
