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

from jalon.scoped import holding


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
    COPY = "copy"  # a copy of a roadmap, made on the site
    CLI_COPY = "cli-copy"
    RESTORE = "restore"  # a kept version put back (only on the site)


# Made by a person through the site: with no account left, the account was deleted.
BY_A_PERSON = (Origin.WEB, Origin.IMPORT, Origin.COPY, Origin.RESTORE)

# What a copy and a restore record on the new roadmap, beside its creation (``wording`` words them, the
# journal names the copied roadmap and the restored version in who made the roadmap's changes).
COPY_OF, RESTORED = "copy_of", "restored"

# What a site's and a command's change become inside an import, a copy, a restore; the demo and jobs stay
# what they are.
_IMPORTS = {
    "import": {Origin.WEB: Origin.IMPORT, Origin.CLI: Origin.CLI_IMPORT},
    "copy": {Origin.WEB: Origin.COPY, Origin.CLI: Origin.CLI_COPY},
    "restore": {Origin.WEB: Origin.RESTORE},
}

_current: ContextVar[str] = ContextVar("jalon_change_origin", default=Origin.WEB)


def current() -> str:
    return _current.get()


@contextmanager
def acting(origin: Origin) -> Iterator[None]:
    """Changes recorded inside come from ``origin`` (the innermost entry point wins); a decorator too."""
    with holding(_current, origin):
        yield


def start(origin: Origin) -> object:
    """Set ``origin`` until ``stop(token)`` (for callbacks that cannot wrap what follows)."""
    return _current.set(origin)


def stop(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


@contextmanager
def importing(kind: str = "import") -> Iterator[None]:
    """A file import (``kind``: or a roadmap's copy, a kept version's restore, both imports of a file),
    from the site or from the command line; inside a copy or a restore, the import stays one."""
    now = Origin(current())
    with acting(_IMPORTS[kind].get(now, now)):
        yield
