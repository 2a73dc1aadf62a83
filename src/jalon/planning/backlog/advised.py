"""A proposal of the advisor added in one click: the strategy and tactic in the objective's tree
(``strategy.advising``) and, when asked, a backlog activity for the tactic; and the undo of that click.

The activity is titled after the tactic, linked to it and to the objective, carries the tactic's channels
and description, and costs the **middle of the tactic's typical cost band** (``vocabulary.cost_bands``:
0–5 k€, 5–30 k€, 30–100 k€ for a low, medium, high cost): the playbook only knows the band, and its
middle is the estimate that is wrong by the least in either direction, until the team prices the work.
The bands are in euros: on a roadmap in another currency the cost is left at 0 and the description says
why. This lives in planning, above strategy, because it writes an activity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.formatting import format_quantity
from jalon.knowledge.loader import load_knowledge
from jalon.planning import services as planning
from jalon.planning.models import Activity
from jalon.strategy import advising
from jalon.strategy.models import Objective

BAND_CURRENCY = "EUR"


@dataclass(frozen=True)
class Estimate:
    """The activity's cost taken from a tactic's cost band (``cost`` None: not applicable) and why."""

    cost: Decimal | None
    why: str


def estimate(tactic_id: str, *, currency: str, lang: str) -> Estimate:
    """The middle of the tactic's cost band, and why, in ``lang``. KeyError: unknown tactic."""
    knowledge = load_knowledge()
    vocab = knowledge.vocabulary
    level = knowledge.tactics[tactic_id].cost
    band = vocab.cost_bands[level]
    with translation.override(lang):
        words = {
            "level": vocab.levels[level].get(lang),
            "low": format_quantity(band.low, "€", decimals=0),
            "high": format_quantity(band.high, "€", decimals=0),
            "middle": format_quantity(band.middle, "€", decimals=0),
        }
        if currency != BAND_CURRENCY:
            why = _(
                "Cost not estimated: the advisor's typical band for a {level} cost ({low} – {high}) is in "
                "euros and this roadmap counts in {currency}."
            ).format(currency=currency, **words)
            return Estimate(None, why)
        why = _(
            "Estimated cost {middle}: the middle of the advisor's typical band for a {level} cost "
            "({low} – {high}, first year's tools and agency), to be replaced by the real quote."
        ).format(**words)
    return Estimate(Decimal(str(round(band.middle, 2))), why)


@dataclass(frozen=True)
class Added:
    """What one click created: the tree part (``strategy.advising.Added``) and the activity, when asked."""

    tree: advising.Added
    activity: Activity | None = None
    estimate: Estimate | None = None

    def undo_record(self, roadmap_id: int, objective_key: str) -> dict[str, Any]:
        """What the session keeps so that *Undo* deletes exactly this."""
        return {
            "roadmap": roadmap_id,
            "objective": objective_key,
            "strategy": self.tree.strategy.key,
            "strategy_created": self.tree.strategy_created,
            "tactic": self.tree.tactic.key if self.tree.tactic else "",
            "activity": self.activity.key if self.activity else "",
        }


def add(
    *,
    actor: User,
    objective: Objective,
    strategy_id: str,
    tactic_id: str = "",
    with_activity: bool = False,
    lang: str,
) -> Added:
    """Add the playbook's strategy (and tactic), and a backlog activity for the tactic when
    ``with_activity``, all or nothing. KeyError for an id the playbook does not know."""
    roadmap = objective.roadmap
    with transaction.atomic():
        tree = advising.add_from_playbook(
            actor=actor, objective=objective, strategy_id=strategy_id, tactic_id=tactic_id, lang=lang
        )
        if not with_activity or tree.tactic is None:
            return Added(tree)
        knowledge = load_knowledge()
        entry = knowledge.tactics[tactic_id]
        found = estimate(tactic_id, currency=roadmap.currency, lang=lang)
        channels = ", ".join(knowledge.vocabulary.channels[c].get(lang) for c in entry.channels)
        activity = planning.create(
            Activity,
            actor=actor,
            roadmap=roadmap,
            title=tree.tactic.title[:200],
            description=f"{entry.description.get(lang)}\n\n{found.why}",
            tactic=tree.tactic,
            objectives=[objective],
            channel=channels[:100],
            cost=found.cost if found.cost is not None else Decimal(0),
        )
    return Added(tree, activity, found)


def undo(*, actor: User, added: dict[str, Any], objective: Objective) -> None:
    """Delete what :func:`add` created (as kept in the session): the activity, then the tree part."""
    with transaction.atomic():
        if added.get("activity"):
            activity = Activity.objects.filter(roadmap=objective.roadmap, key=added["activity"]).first()
            if activity is not None:
                planning.delete(activity, actor=actor)
        advising.undo(actor=actor, added=added, objective=objective)
