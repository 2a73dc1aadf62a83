"""The advisor on a roadmap: advice for an objective (its metric, direction, term and what the roadmap
already has), the benchmark band of a KPI in the roadmap's sector, and turning a proposal into a strategy or
tactic of the tree.

The ranking and the bands are the pure engines' (through ``jalon.knowledge.advice``); this module only
reads the roadmap into their input and writes what the user accepts through ``jalon.strategy.services``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.engines.advisor_model import Objective as AdvisedObjective
from jalon.engines.advisor_model import ObjectiveDirection, Term
from jalon.knowledge.advice import advice_report, benchmark_report
from jalon.knowledge.engine_input import packaged_metric_index
from jalon.knowledge.loader import load_knowledge
from jalon.strategy import services
from jalon.strategy.models import KPI, Objective, Roadmap, Strategy, Tactic


@dataclass(frozen=True)
class Audience:
    """Whom the roadmap addresses and through which channels, in the playbook's words (channel keys,
    persona kinds, lifecycle stages); ``names`` are the roadmap's own words for its persona kinds and
    stages (``{"personas": {"vip": "Champions"}, "stages": {…}}``). Empty when nothing is known."""

    channels: frozenset[str] = frozenset()
    personas: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


# Dotted paths of functions Roadmap -> Audience, registered by the apps above strategy (the framing).
_AUDIENCE_READERS: list[str] = []


def register_audience(path: str) -> None:
    """Say where a roadmap's audience is read (a dotted path, imported on first use): strategy imports
    nothing from the apps above it, which register here from their ``AppConfig.ready``."""
    if path not in _AUDIENCE_READERS:
        _AUDIENCE_READERS.append(path)


def audience_of(roadmap: Roadmap) -> Audience:
    """Every registered reader's audience of ``roadmap``, put together."""
    readers: list[Callable[[Roadmap], Audience]] = [import_string(p) for p in _AUDIENCE_READERS]
    found = [read(roadmap) for read in readers]
    names: dict[str, dict[str, str]] = {}
    for item in found:
        for kind, words in item.names.items():
            names.setdefault(kind, {}).update(words)
    return Audience(
        channels=frozenset[str]().union(*(a.channels for a in found)),
        personas=frozenset[str]().union(*(a.personas for a in found)),
        stages=frozenset[str]().union(*(a.stages for a in found)),
        names=names,
    )


def _audience_report(audience: Audience, lang: str) -> dict[str, list[str]]:
    """The audience the ranking used, in words: channel labels, the roadmap's persona and stage names."""
    vocab = load_knowledge().vocabulary
    personas = audience.names.get("personas", {})
    stages = audience.names.get("stages", {})
    return {
        "channels": sorted(vocab.channels[c].get(lang) for c in audience.channels if c in vocab.channels),
        "personas": sorted(
            dict.fromkeys(personas.get(k) or vocab.personas[k].get(lang) for k in audience.personas)
        ),
        "stages": sorted(dict.fromkeys(stages.get(k) or vocab.stages[k].get(lang) for k in audience.stages)),
    }


def sector_of(roadmap: Roadmap) -> str | None:
    """The benchmarks' sector the roadmap is compared with; None keeps the broad sectors ("all",
    "ecommerce")."""
    return roadmap.sector or None


def sector_choices(lang: str) -> list[tuple[str, str]]:
    """Every sector some benchmark gives figures for, as (key, label in ``lang``), by label."""
    knowledge = load_knowledge()
    used = {b.sector for b in knowledge.benchmarks.values()} - {"all"}
    labels = knowledge.vocabulary.sectors
    return sorted(((key, labels[key].get(lang)) for key in used), key=lambda item: item[1].casefold())


def advice_for(objective: Objective, *, lang: str, max_strategies: int = 4) -> dict[str, Any]:
    """The ranked strategies and tactics for ``objective``, each with why, in ``lang``; the roadmap's
    channels, persona kinds and stages (its framing) favour the tactics that fit them, and ``audience``
    says which were used."""
    audience = audience_of(objective.roadmap)
    kpis = list(objective.kpis.all())
    kpi_names = [k.name for k in kpis]
    existing = [s.title for s in objective.roadmap.strategies.all()]
    existing += list(
        Tactic.objects.filter(strategy__roadmap=objective.roadmap).values_list("title", flat=True)
    )
    advised = AdvisedObjective(
        text=" ".join(filter(None, (objective.title, objective.specific))),
        metric_text=objective.metric or (kpi_names[0] if kpi_names else ""),
        metric_id=next((k.benchmark_metric for k in kpis if k.benchmark_metric), None),
        direction=cast(ObjectiveDirection, objective.direction) if objective.direction else None,
        term=cast(Term, objective.term) if objective.term else None,
        channels=audience.channels,
        personas=audience.personas,
        stages=audience.stages,
        existing_titles=tuple(existing),
    )
    report = advice_report(
        advised,
        lang=lang,
        sector=sector_of(objective.roadmap),
        max_strategies=max_strategies,
        tactics_per_strategy=4,
        names=audience.names,
    )
    report["audience"] = _audience_report(audience, lang)
    return report


def kpi_benchmark(kpi: KPI, *, lang: str, roadmap: Roadmap | None = None) -> dict[str, Any] | None:
    """The benchmark band of the metric the user chose for the KPI, else of the one its name matches (same
    unit), in the sector of ``roadmap`` (default: the KPI's) when a source gives it, with its sources; else
    None."""
    sector = sector_of(roadmap if roadmap is not None else kpi.roadmap)
    if kpi.benchmark_metric and kpi.benchmark_metric in load_knowledge().metrics:
        found = benchmark_report(kpi.benchmark_metric, lang=lang, sector=sector)
        return found if found is None or _same_unit(kpi.unit, found) else None
    return named_benchmark(kpi.name, kpi.unit, lang=lang, sector=sector)


def matched_metric(kpi: KPI) -> str:
    """The metric id the KPI is compared with: the user's choice, else the match of its name ("" for none)."""
    if kpi.benchmark_metric:
        return kpi.benchmark_metric
    match = packaged_metric_index().match(kpi.name)
    return match.metric_id if match else ""


def metric_choices(lang: str) -> list[tuple[str, str]]:
    """Every packaged metric that has a benchmark, as (id, name in ``lang``), by name."""
    knowledge = load_knowledge()
    with_figures = {b.metric for b in knowledge.benchmarks.values()}
    return sorted(
        ((m.id, m.name.get(lang)) for m in knowledge.metrics.values() if m.id in with_figures),
        key=lambda item: item[1].casefold(),
    )


def _same_unit(unit: str, found: dict[str, Any]) -> bool:
    return not (unit.strip() and found["unit"] and unit.strip() != found["unit"])


def named_benchmark(name: str, unit: str, *, lang: str, sector: str | None = None) -> dict[str, Any] | None:
    """The benchmark band of the metric ``name`` names, when its unit agrees with ``unit`` (or is unset)."""
    match = packaged_metric_index().match(name) if name.strip() else None
    if match is None:
        return None
    found = benchmark_report(match.metric_id, lang=lang, sector=sector, device=match.device)
    return found if found is not None and _same_unit(unit, found) else None


def sources_text(found: dict[str, Any]) -> str:
    """ "Baymard Institute 2023, Dynamic Yield 2024": each publisher and year once."""
    return ", ".join(
        dict.fromkeys(f"{p['source']['publisher']} {p['source']['year']}" for p in found["points"])
    )


def sector_text(found: dict[str, Any]) -> str:
    """Which sector's figures the band holds, in the active language: "" when no sector was asked."""
    label = found.get("sector_label")
    if not label:
        return ""
    if found["fallbacks"]["sector"]:
        return _("no figure for the sector “{sector}”: all sectors shown").format(sector=label)
    return _("sector: {sector}").format(sector=label)


def yardstick_text(found: dict[str, Any]) -> str:
    """The sources and the sector of a band, for the SMART coach: "Baymard Institute 2023 (sector: …)"."""
    sources, sector = sources_text(found), sector_text(found)
    return f"{sources} ({sector})" if sector else sources


@dataclass(frozen=True)
class Added:
    """What one click on *Add* created: the strategy when it is new, the tactic when one was asked for."""

    strategy: Strategy
    strategy_created: bool
    tactic: Tactic | None = None


def add_from_playbook(
    *, actor: User, objective: Objective, strategy_id: str, tactic_id: str = "", lang: str
) -> Added:
    """Add the playbook's strategy (and tactic) to the objective's tree; an existing strategy of the same
    title is reused. Raises KeyError for an id the playbook does not know."""
    knowledge = load_knowledge()
    entry = knowledge.strategies[strategy_id]
    tactic_entry = knowledge.tactics[tactic_id] if tactic_id else None
    title = entry.title.get(lang)
    roadmap = objective.roadmap
    with transaction.atomic():
        strategy = objective.strategies.filter(title=title).first()
        created = strategy is None
        if strategy is None:
            strategy = services.create_strategy(
                actor=actor, roadmap=roadmap, objective=objective, title=title
            )
        tactic = None
        if tactic_entry is not None:
            tactic = services.create_tactic(
                actor=actor,
                strategy=strategy,
                title=tactic_entry.title.get(lang),
                description=tactic_entry.description.get(lang),
            )
    return Added(strategy, created, tactic)


def undo(*, actor: User, added: dict[str, Any], objective: Objective) -> None:
    """Delete what :func:`add_from_playbook` created (as kept in the session), through the services."""
    strategy = objective.strategies.filter(key=added.get("strategy", "")).first()
    if strategy is None:
        return
    with transaction.atomic():
        if added.get("tactic"):
            tactic = strategy.tactics.filter(key=added["tactic"]).first()
            if tactic is not None:
                services.delete_tactic(actor=actor, tactic=tactic)
        if added.get("strategy_created"):
            services.delete_strategy(actor=actor, strategy=strategy)
