"""Every write on a roadmap's framing, one module per subject: ``core`` (the kick-off, workshops,
stakeholders, personas seeded from orders, lifecycle stages, the animation plan), ``orders`` (personas
seeded from a kept orders file), ``votes``, ``prototypes`` and ``indicators`` (the qualitative indicators
of objectives). Import them from here: ``from jalon.framing import services``.

Each function checks permission, runs in one transaction, validates, and records history.
"""

from __future__ import annotations

from jalon.framing.services.core import (
    FIELDS,
    FRAMING_FIELDS,
    KEYED,
    MAX_UPLOAD_BYTES,
    MappingNeeded,
    action_to_activity,
    create,
    delete,
    framing_for,
    open_framing,
    persona_range_warning,
    read_orders_upload,
    seed_personas,
    update,
    update_framing,
)
from jalon.framing.services.indicators import (
    add_indicator,
    delete_indicator,
    delete_rating,
    rate,
    update_indicator,
)
from jalon.framing.services.orders import seed_from_kept, seeds_in_background
from jalon.framing.services.prototypes import add_prototype, delete_prototype
from jalon.framing.services.votes import (
    MAX_OPTIONS,
    adopt,
    adopt_ranking,
    cast,
    open_objectives_vote,
    open_vote,
    set_closed,
)
from jalon.framing.stage_words import stage_definition

__all__ = [
    "FIELDS",
    "FRAMING_FIELDS",
    "KEYED",
    "MAX_OPTIONS",
    "MAX_UPLOAD_BYTES",
    "MappingNeeded",
    "action_to_activity",
    "add_indicator",
    "add_prototype",
    "adopt",
    "adopt_ranking",
    "cast",
    "create",
    "delete",
    "delete_indicator",
    "delete_prototype",
    "delete_rating",
    "framing_for",
    "open_framing",
    "open_objectives_vote",
    "open_vote",
    "persona_range_warning",
    "rate",
    "read_orders_upload",
    "seed_from_kept",
    "seed_personas",
    "seeds_in_background",
    "set_closed",
    "stage_definition",
    "update",
    "update_framing",
    "update_indicator",
]
