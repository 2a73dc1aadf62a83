"""Where a change came from, kept with it so that the change log tells a person's edit from an import at
the command line, the demo loader or a background job (all recorded without an account).

The entry points say where they are (``acting``): the command line, the demo loader, the job runner; a
file import says it is one (``importing``). ``record`` and the imports' ``Batch`` read ``current()``;
outside every entry point (a web request) it is ``WEB``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum


class Origin(StrEnum):
    """The values kept in ``Change.origin`` (its labels are in ``history.models``; this module imports no
    Django, as the command line imports it before it needs Django)."""

    WEB = "web"
    IMPORT = "import"
    CLI_IMPORT = "cli-import"
    CLI = "cli"
    DEMO = "demo"
    JOB = "job"
    UNKNOWN = "unknown"  # changes recorded before origins were kept


# Made by a person through the site: with no account left, the account was deleted.
BY_A_PERSON = (Origin.WEB, Origin.IMPORT)

_current: ContextVar[str] = ContextVar("jalon_change_origin", default=Origin.WEB)


def current() -> str:
    return _current.get()


@contextmanager
def acting(origin: Origin) -> Iterator[None]:
    """Changes recorded inside come from ``origin`` (the innermost entry point wins)."""
    token = _current.set(origin)
    try:
        yield
    finally:
        _current.reset(token)


def start(origin: Origin) -> object:
    """Set ``origin`` until ``stop(token)`` (for callbacks that cannot wrap what follows)."""
    return _current.set(origin)


def stop(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


@contextmanager
def importing() -> Iterator[None]:
    """A file import: from the site or from the command line; the demo and jobs stay what they are."""
    upgraded = {Origin.WEB: Origin.IMPORT, Origin.CLI: Origin.CLI_IMPORT}.get(Origin(current()))
    with acting(upgraded or Origin(current())):
        yield
