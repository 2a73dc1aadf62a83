"""Why a strategy or a tactic is proposed, in French and English.

The engine returns reason codes with ids; these sentences fill them with the knowledge's labels in
the language asked for. They are bilingual data, like the playbook (the tests check both versions
exist and keep the same placeholders), because the web pages and the command line ask for a given
language explicitly rather than through the active locale.
"""

from __future__ import annotations

from collections.abc import Mapping

from jalon.engines.advisor_model import Reason, ReasonCode
from jalon.knowledge.loader import Knowledge

TEMPLATES: dict[ReasonCode, tuple[str, str]] = {
    ReasonCode.MOVES_METRIC: (
        "Agit directement sur l’indicateur «\u00a0{metric}\u00a0» ({direction}).",
        "Moves the KPI “{metric}” directly ({direction}).",
    ),
    ReasonCode.VIA_STRATEGY: (
        "Sa stratégie «\u00a0{strategy}\u00a0» fait évoluer «\u00a0{metric}\u00a0» {direction}.",
        "Its strategy “{strategy}” moves “{metric}” {direction}.",
    ),
    ReasonCode.SERVES_GOAL: (
        "Sert l’objectif «\u00a0{goal}\u00a0», qui fait évoluer «\u00a0{metric}\u00a0».",
        "Serves the goal “{goal}”, which moves “{metric}”.",
    ),
    ReasonCode.RELATED_METRIC: (
        "Améliore «\u00a0{metric}\u00a0», qui va de pair avec l’indicateur visé.",
        "Improves “{metric}”, which moves together with the target KPI.",
    ),
    ReasonCode.OPPOSITE_DIRECTION: (
        "Fait évoluer «\u00a0{metric}\u00a0» dans le sens contraire à celui voulu.",
        "Moves “{metric}” the opposite way to the one wanted.",
    ),
    ReasonCode.SHARED_WORDS: (
        "Répond aux mots de l’objectif\u00a0: {items}.",
        "Matches the objective's words: {items}.",
    ),
    ReasonCode.QUICK_WIN: (
        "Effet en quelques semaines, adapté à un objectif à court terme.",
        "Works within weeks, suited to a short-term objective.",
    ),
    ReasonCode.STRUCTURAL: (
        "Effet durable, adapté à un objectif à long terme.",
        "Lasting effect, suited to a long-term objective.",
    ),
    ReasonCode.CHANNEL_FIT: (
        "Utilise des canaux déjà en place\u00a0: {items}.",
        "Uses channels already in place: {items}.",
    ),
    ReasonCode.NEW_CHANNEL: (
        "Demande un canal que la feuille de route n’utilise pas encore\u00a0: {items}.",
        "Needs a channel the roadmap does not use yet: {items}.",
    ),
    ReasonCode.PERSONA_FIT: (
        "S’adresse aux personae de la feuille de route\u00a0: {items}.",
        "Addresses the roadmap's personas: {items}.",
    ),
    ReasonCode.STAGE_FIT: (
        "Vise des étapes du cycle de vie que la feuille de route travaille\u00a0: {items}.",
        "Addresses lifecycle stages the roadmap works on: {items}.",
    ),
    ReasonCode.LOW_EFFORT: ("Effort et coût faibles.", "Low effort and low cost."),
    ReasonCode.IN_ROADMAP: ("Déjà présent dans la feuille de route.", "Already in the roadmap."),
}


def reason_text(
    reason: Reason, *, lang: str, knowledge: Knowledge, names: Mapping[str, Mapping[str, str]] | None = None
) -> str:
    """The sentence for ``reason`` in ``lang`` ("fr" or "en"). ``names`` gives the roadmap's own words for
    the persona kinds and stages it has (``{"personas": {"vip": "Champions"}, "stages": {…}}``), said
    instead of the playbook's labels."""
    own = names or {}
    french, english = TEMPLATES[reason.code]
    template = french if lang == "fr" else english
    vocab = knowledge.vocabulary
    metric = knowledge.metrics.get(reason.metric_id or "")
    goal = knowledge.goals.get(reason.goal_id or "")
    strategy = knowledge.strategies.get(reason.strategy_id or "")
    direction = vocab.directions.get(reason.direction) if reason.direction else None
    if reason.code is ReasonCode.CHANNEL_FIT or reason.code is ReasonCode.NEW_CHANNEL:
        items = [vocab.channels[i].get(lang) if i in vocab.channels else i for i in reason.items]
    elif reason.code is ReasonCode.PERSONA_FIT:
        mine = own.get("personas", {})
        items = [
            mine.get(i) or (vocab.personas[i].get(lang) if i in vocab.personas else i) for i in reason.items
        ]
    elif reason.code is ReasonCode.STAGE_FIT:
        mine = own.get("stages", {})
        items = [mine.get(i) or (vocab.stages[i].get(lang) if i in vocab.stages else i) for i in reason.items]
    elif lang == "fr":
        items = [f"«\u00a0{item}\u00a0»" for item in reason.items]  # the user's own words, quoted
    else:
        items = [f"“{item}”" for item in reason.items]
    return template.format(
        metric=metric.name.get(lang) if metric else "",
        goal=goal.title.get(lang) if goal else "",
        strategy=strategy.title.get(lang) if strategy else "",
        direction=direction.get(lang) if direction else "",
        items=", ".join(items),
    )
