"""What every `jalon` command shares: how a refusal is printed, how an input file (or a JSON-lines batch)
is read, the options of a search (time limit, seed), the ``--json`` of a table and how a status is worded."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Protocol, TypeVar

import typer

from jalon.engines.limits import EARLIEST_YEAR, LATEST_YEAR, NUMBER_LIMIT
from jalon.engines.status import Status
from jalon.i18n import cli_language
from jalon.i18n import gettext as _
from jalon.parsing import no_such_day


def fail(message: str) -> typer.Exit:
    """Print ``message`` on one line of standard error; raise the result to exit with code 2."""
    typer.echo(" ".join(message.splitlines()), err=True)
    return typer.Exit(2)


def refused(error: Exception) -> typer.Exit:
    """``fail`` with every message of a ``ValidationFailed`` (a service's refusal) on one line."""
    from jalon.errors import ValidationFailed

    assert isinstance(error, ValidationFailed)
    return fail(" ".join(str(m) for messages in error.errors.values() for m in messages))


def read_bytes(path: Path) -> bytes:
    """The bytes of a file the user gives; a file that cannot be read, or an old ``.xls`` workbook (with
    what to do instead), is a refusal that names it."""
    from jalon.documents.tables import old_excel_hint

    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise fail(_("Cannot read {path}: {error}").format(path=path, error=reason)) from None
    if hint := old_excel_hint(data, _):
        raise fail(_("Cannot read {path}: {error}").format(path=path, error=hint))
    return data


def read_text(path: Path, *, encoding: str = "utf-8") -> str:
    """The text of ``path`` (its line ends read as Python's text files read them); a file that cannot be
    read or decoded is a refusal that names it."""
    data = read_bytes(path)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise fail(_("Cannot read {path}: {error}").format(path=path, error=_("not UTF-8 text"))) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_table_text(path: Path) -> str:
    """The text of a CSV or text table as every importer reads it: UTF-8, UTF-16 with its byte-order mark
    (Excel's "Unicode text"), else Windows-1252 (Excel's CSV in France); an unreadable file, or an image,
    a zip or another binary file, is a refusal that names it."""
    from jalon.documents.tables import decode, looks_binary, not_a_table_message

    data = read_bytes(path)
    if looks_binary(data):  # an image or a zip read as text said "no measurements", or named bad lines
        raise fail(_("Cannot read {path}: {error}").format(path=path, error=not_a_table_message(_)))
    return decode(data)


def in_years(day: date) -> bool:
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR


def day_option(raw: str, option: str) -> date:
    """The day a command's date option (``--today``, ``--as-of``, ``--deadline``) gives, written YYYY-MM-DD
    and between 1900 and 2200; else a refusal naming the option."""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        if no_such_day(raw, iso=True):  # 2027-02-29: written as asked, the day is what is wrong
            raise fail(
                _("{option}: {value} is not a day of the calendar.").format(option=option, value=raw)
            ) from None
        raise fail(
            _("{option} must be a date written YYYY-MM-DD, not {value}.").format(option=option, value=raw)
        ) from None
    if not in_years(day):
        raise fail(_("{option} must be between 1900 and 2200.").format(option=option))
    return day


# The numbers an input file may hold (``jalon.engines.limits``) are written in at most 30 characters (Python
# refuses to read an integer of 4,300 digits).
NUMBER_CHARS = 30


class _Unusable(ValueError):
    """A number of an input file that no command can compute with (the text as written)."""


def _number(text: str) -> float | int:
    if len(text) > NUMBER_CHARS:
        raise _Unusable(text)
    number = float(text) if any(mark in text for mark in ".eE") else int(text)
    if not (math.isfinite(number) and abs(number) <= NUMBER_LIMIT):
        raise _Unusable(text)
    return number


def _constant(text: str) -> float:
    raise _Unusable(text)  # NaN, Infinity, -Infinity: not JSON, though Python reads them


def _unusable(where: str, number: _Unusable) -> typer.Exit:
    written = str(number)
    shown = written if len(written) <= NUMBER_CHARS else written[: NUMBER_CHARS - 1] + "…"
    return fail(
        _(
            "{where}: {number} is not a usable number; write a finite number between "
            "-1,000,000,000,000,000 and 1,000,000,000,000,000."
        ).format(where=where, number=shown)
    )


def loads(text: str) -> Any:
    """JSON ``text`` whose numbers are all usable (else ``_Unusable``)."""
    return json.loads(text, parse_int=_number, parse_float=_number, parse_constant=_constant)


def read_json(path: Path) -> Any:
    """The JSON document in ``path``; unreadable or invalid JSON, or a number too long, infinite or beyond
    10^15, is a refusal that names the line or the number."""
    try:
        return loads(read_text(path))
    except _Unusable as number:
        raise _unusable(str(path), number) from None
    except json.JSONDecodeError as error:
        raise fail(
            _("{path} is not valid JSON (line {line}).").format(path=path, line=error.lineno)
        ) from None
    except RecursionError:  # lists or mappings nested thousands deep: the decoder's stack runs out
        raise fail(_("{path} is nested too deeply to be read as JSON.").format(path=path)) from None


def json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """Each line of a JSON-lines batch file with its number (blank lines skipped); a line that is not JSON
    is a refusal that names it."""
    for number, line in enumerate(read_text(path, encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = loads(line)
        except _Unusable as unusable:
            raise _unusable(_("Batch line {line}").format(line=number), unusable) from None
        except (json.JSONDecodeError, RecursionError):  # RecursionError: nested thousands deep
            raise fail(_("Batch line {line}: not valid JSON.").format(line=number)) from None
        yield number, row


# The options of every search (``portfolio``, ``schedule``): ``seed: Seed = 0``.
TimeLimit = Annotated[float, typer.Option("--time-limit", help=_("Seconds allowed for the search."))]
Seed = Annotated[int, typer.Option("--seed", help=_("Random seed (same seed, same answer)."))]
# The ``--json`` of the commands that otherwise print a table: ``as_json: JsonInsteadOfTable = False``.
JsonInsteadOfTable = Annotated[bool, typer.Option("--json", help=_("Print JSON instead of a table."))]


class Answer(Protocol):
    """An engine's result that says itself in plain JSON."""

    def as_json(self) -> Any: ...


A = TypeVar("A", bound=Answer)


def show(result: A, *, as_json: bool, table: Callable[[A], None]) -> None:
    """A search's answer: its JSON on one line with ``--json`` (``JsonInsteadOfTable``), else ``table``."""
    if as_json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        table(result)


def optional(flag: str, text: str) -> Any:
    """An option that is ``None`` when not given, with ``text`` as its help (which shows no default)."""
    return typer.Option(None, flag, help=text, show_default=False)


def checked_time_limit(seconds: float) -> float:
    """``seconds`` if it is a usable time limit for a search; otherwise a refusal."""
    if not (math.isfinite(seconds) and seconds > 0):
        raise fail(_("The time limit must be a positive number of seconds."))
    return seconds


def status_text(status: Status) -> str:
    """How a search ended, in words (the statuses that ``portfolio`` and ``scheduling`` return)."""
    return {
        Status.OPTIMAL: _("optimal"),
        Status.FEASIBLE: _("feasible (not proven optimal)"),
        Status.INFEASIBLE: _("infeasible"),
        Status.TIMED_OUT: _("no answer found in time"),
    }[status]


def rules_text(texts: Iterator[str] | list[str]) -> str:
    """Rules one after the other in a sentence: ``a; b`` / ``a ; b`` (French's no-break space)."""
    return ("\u00a0; " if cli_language() == "fr" else "; ").join(texts)
