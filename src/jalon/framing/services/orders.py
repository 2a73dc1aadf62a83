"""Personas seeded from an orders file kept on disk (``jalon.framing.pending_orders``): the file waiting
for its column mapping, or a large one read by a background job (``jalon.framing.orders_jobs``).

All or nothing: the personas change only once the whole file is read and segmented; a refused file leaves
them as they were and is removed. A file whose columns cannot be told stays, for the mapping.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jalon.accounts.models import User
from jalon.documents.tables import LinesRead
from jalon.formatting import format_number
from jalon.framing import pending_orders
from jalon.framing.models import Persona
from jalon.framing.services.core import MappingNeeded, file_refused, read_orders_upload, seed_personas
from jalon.jobs.registry import Progress
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor

BACKGROUND_FROM_BYTES = 1_000_000
"""From this size an orders file is read by a background job (the 2 MB CDNOW file takes about two
seconds to read and segment, a 50 MB one about a minute); smaller files are read in the request."""


def seeds_in_background(size: int) -> bool:
    """Whether an orders file of ``size`` bytes is read by a background job rather than in the request."""
    return size >= BACKGROUND_FROM_BYTES


def seed_from_kept(
    *,
    actor: User,
    roadmap: Roadmap,
    token: str,
    filename: str,
    mapping: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> list[Persona]:
    """Read ``actor``'s kept orders file ``token`` and seed the personas from it, then remove the file.

    :class:`MappingNeeded` passes through and the file stays for the mapping; any other refusal
    (ValidationFailed, in words) removes it and changes nothing."""
    require_actor(actor, "edit", roadmap)
    path = pending_orders.path_of(roadmap, actor, token)
    if path is None:
        raise file_refused(lambda: [_("Upload the file again.")])
    if progress is not None:
        progress(5, gettext_noop("Reading the orders file…"))
    try:
        orders = read_orders_upload(
            path.read_bytes(), filename=filename, mapping=mapping, on_lines=_reading(progress)
        )
        if progress is not None:
            progress(50, gettext_noop("Segmenting the customers and writing the personas…"))
        seeded = seed_personas(actor=actor, roadmap=roadmap, orders=orders, filename=filename)
    except MappingNeeded:
        raise
    except BaseException:
        pending_orders.discard(roadmap, actor, token)
        raise
    pending_orders.discard(roadmap, actor, token)
    return seeded


def _reading(progress: Progress | None) -> LinesRead | None:
    """The bar from 5 % to 45 % while the file's lines are read (its share of the text), then the dates
    and amounts checked: a 50 MB file showed 5 % for most of a minute, then 50 %."""
    if progress is None:
        return None

    def report(lines: int, share: float) -> None:
        count = format_number(lines)
        if share < 1.0:
            progress(
                5 + int(35 * share), gettext_noop("Reading the orders file: {lines} lines read…"), lines=count
            )
        else:
            progress(40, gettext_noop("Checking the dates and amounts of {lines} lines…"), lines=count)

    return report
