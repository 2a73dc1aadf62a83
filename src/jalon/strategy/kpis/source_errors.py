"""A KPI source's failing query in the reader's words.

DuckDB explains a failure in English, with its own vocabulary ("Binder Error", "INT32"), and sometimes the
place of a file on the server. Each common kind of failure gets a sentence a marketing manager can act
on: which column or table is unknown (and the table's columns), where the syntax breaks, which value
cannot be converted, what to write instead. DuckDB's first line is kept as a secondary technical detail
when it adds something, never when it names a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jalon.documents.tables import listed as listed_names

__all__ = ["QueryProblem", "describe_query_error"]

_QUOTED = r"\"([^\"]*)\""
_TYPES: dict[str, Callable[[], str]] = {
    "INT8": lambda: _("a whole number"),
    "INT16": lambda: _("a whole number"),
    "INT32": lambda: _("a whole number"),
    "INT64": lambda: _("a whole number"),
    "INT128": lambda: _("a whole number"),
    "UINT8": lambda: _("a whole number"),
    "UINT16": lambda: _("a whole number"),
    "UINT32": lambda: _("a whole number"),
    "UINT64": lambda: _("a whole number"),
    "DOUBLE": lambda: _("a number"),
    "FLOAT": lambda: _("a number"),
    "DECIMAL": lambda: _("a number"),
    "DATE": lambda: _("a date"),
    "TIMESTAMP": lambda: _("a date and time"),
    "BOOL": lambda: _("true or false"),
    "BOOLEAN": lambda: _("true or false"),
}


@dataclass(frozen=True)
class QueryProblem:
    message: str  # what went wrong and what to do, in the reader's language
    detail: str = ""  # DuckDB's own first line, when it helps (never a file's place)


def describe_query_error(error: Exception, columns: Sequence[str]) -> QueryProblem:
    """``error`` (a ``duckdb.Error`` from the user's query over the table ``data`` with ``columns``) as a
    sentence in the active language, and DuckDB's first line as a detail when it adds something."""
    import duckdb

    text = str(error)
    first = _first_line(text)
    listed = listed_names(columns)
    if isinstance(error, duckdb.PermissionException):
        return QueryProblem(
            _(
                "The query may only read the table data (the attached file): it cannot open other files or "
                "reach the network."
            )
        )
    if isinstance(error, duckdb.ParserException):
        return QueryProblem(_syntax(text, first), first)
    if isinstance(error, duckdb.CatalogException):
        return _catalog(first, listed)
    if isinstance(error, duckdb.BinderException):
        return _binder(first, listed)
    if isinstance(error, duckdb.ConversionException):
        return QueryProblem(_conversion(first), first)
    if isinstance(error, duckdb.OutOfRangeException):
        return QueryProblem(
            _(
                "A calculation gives a number too large for its type: convert the column first, for "
                "instance CAST(amount AS DOUBLE)."
            ),
            first,
        )
    if isinstance(error, duckdb.OutOfMemoryException):
        return QueryProblem(
            _("The query needs more memory than a source may use (512 MB): group or filter the rows sooner.")
        )
    if "Division by zero" in first:
        return QueryProblem(
            _("The query divides by zero: guard the divisor, for instance with NULLIF(divisor, 0).")
        )
    if "configuration has been locked" in first:
        return QueryProblem(
            _("The query cannot change DuckDB’s settings: write a SELECT over the table data.")
        )
    parsed = re.search(
        r"Could not parse string " + _QUOTED + r" according to format specifier " + _QUOTED, first
    )
    if parsed:
        return QueryProblem(
            _(
                "The value “{value}” does not match the date format “{format}” given to strptime: write the "
                "format the file uses (%d/%m/%Y for 31/12/2026, %Y-%m-%d for 2026-12-31)."
            ).format(value=parsed[1], format=parsed[2])
        )
    return QueryProblem(_("The query failed: DuckDB could not run it (see the technical detail)."), first)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return re.sub(r"^[A-Za-z ]*Error: ", "", line).strip()


def _syntax(text: str, first: str) -> str:
    line = re.search(r"^LINE (\d+):", text, flags=re.MULTILINE)
    near = re.search(r"at or near " + _QUOTED, first)
    if "unterminated" in first or "unterminated" in text:
        return _("A text between quotes is not closed: end it with a quote (').")
    if near and line:
        return _(
            "The query’s syntax breaks near “{word}” on line {line}: check the commas, the parentheses and "
            "the spelling of the SQL words (SELECT, FROM, GROUP BY…) just before it."
        ).format(word=near[1], line=line[1])
    if "end of input" in first:
        return _("The query stops too early: something is missing at its end (a column, a parenthesis…).")
    return _(
        "The query’s syntax is not valid SQL: check the commas, the parentheses and the spelling of the SQL "
        "words (SELECT, FROM, GROUP BY…)."
    )


def _catalog(first: str, listed: str) -> QueryProblem:
    table = re.search(r"Table with name (\S+) does not exist", first)
    if table:
        return QueryProblem(
            _(
                "There is no table “{table}”: the attached file is the table named data (write FROM data). "
                "Its columns: {columns}."
            ).format(table=table[1], columns=listed)
        )
    function = re.search(r"Function with name (\S+) does not exist", first)
    if function:
        return QueryProblem(
            _("DuckDB has no function “{function}”: check its spelling.").format(function=function[1]), first
        )
    message = _("The query names something the table data does not have. Its columns: {columns}.")
    return QueryProblem(message.format(columns=listed), first)


def _binder(first: str, listed: str) -> QueryProblem:
    missing = re.search(r"Referenced column " + _QUOTED + " not found", first)
    if missing:
        return QueryProblem(
            _("The table has no column “{column}”. Its columns: {columns}.").format(
                column=missing[1], columns=listed
            )
        )
    grouped = re.search(r"column " + _QUOTED + " must appear in the GROUP BY clause", first)
    if grouped:
        return QueryProblem(
            _(
                "The column “{column}” must be grouped or summed: add it to GROUP BY, or put it in a sum or "
                "a count such as SUM({column})."
            ).format(column=grouped[1])
        )
    ambiguous = re.search(r"Ambiguous reference to column name " + _QUOTED, first)
    if ambiguous:
        return QueryProblem(
            _(
                "The column “{column}” is in more than one table of the query: write the table’s name or "
                "alias before it."
            ).format(column=ambiguous[1])
        )
    if "No function matches" in first:
        return QueryProblem(
            _(
                "A calculation mixes types (text where a number or a date is expected): convert the column, "
                "for instance CAST(amount AS DOUBLE) or CAST(day AS DATE)."
            ),
            first,
        )
    message = _("The query does not fit the table data. Its columns: {columns}.")
    return QueryProblem(message.format(columns=listed), first)


def _conversion(first: str) -> str:
    value = re.search(r"Could not convert string '(.*)' to (\w+)", first)
    column = re.search(r"from source column (\S+)", first)
    if "date field format" in first:
        found = re.search(r"format: " + _QUOTED, first)
        written = found[1] if found else ""
        if column:
            return _(
                "The column “{column}” holds “{value}”, which is not a date written YYYY-MM-DD: read its "
                "dates with strptime({column}, '%d/%m/%Y') when they are written 31/12/2026."
            ).format(column=column[1], value=written)
        return _(
            "“{value}” is not a date written YYYY-MM-DD: read such dates with strptime(…, '%d/%m/%Y') when "
            "they are written 31/12/2026."
        ).format(value=written)
    if value:
        known = _TYPES.get(value[2].upper())
        kind = known() if known else value[2]
        if column:
            return _(
                "The column “{column}” holds “{value}”, which is not {kind}: check its values, or use "
                "TRY_CAST(…) to leave such values empty."
            ).format(column=column[1], value=value[1], kind=kind)
        return _(
            "“{value}” is not {kind}: check the values, or use TRY_CAST(…) to leave such values empty."
        ).format(value=value[1], kind=kind)
    return _("A value of the file cannot be converted to the type the query asks for.")
