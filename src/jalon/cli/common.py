"""What every `jalon` command shares: how a refusal is printed, how an input file is read, how a search's
time limit is checked and how its status is worded."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import typer

from jalon.engines.status import Status
from jalon.i18n import gettext as _


def fail(message: str) -> typer.Exit:
    """Print ``message`` on one line of standard error; raise the result to exit with code 2."""
    typer.echo(" ".join(message.splitlines()), err=True)
    return typer.Exit(2)


def read_text(path: Path, *, encoding: str = "utf-8") -> str:
    """The text of ``path``; a file that cannot be read or decoded is a refusal that names it."""
    try:
        return path.read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        raise fail(_("Cannot read {path}: {error}").format(path=path, error=reason)) from None


def read_json(path: Path) -> Any:
    """The JSON document in ``path``; unreadable or invalid JSON is a refusal that names the line."""
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise fail(
            _("{path} is not valid JSON (line {line}).").format(path=path, line=error.lineno)
        ) from None


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
