"""The advisor on a roadmap: advice for an objective (its metric, direction, term and what the roadmap
already has), the benchmark band of a KPI, and turning a proposal into a strategy or tactic of the tree.

The ranking and the bands are the pure engines' (through ``jalon.knowledge.advice``); this module only
reads the roadmap into their input and writes what the user accepts through ``jalon.strategy.services``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction

from jalon.accounts.models import User
from jalon.engines.advisor_model import Objective as AdvisedObjective
from jalon.engines.advisor_model import ObjectiveDirection, Term
from jalon.knowledge.advice import advice_report, benchmark_report
from jalon.knowledge.engine_input import packaged_metric_index
from jalon.knowledge.loader import load_knowledge
from jalon.strategy import services
from jalon.strategy.models import KPI, Objective, Strategy, Tactic

# The roadmap has no sector yet: the band engine then keeps the broad sectors ("all", "ecommerce").
DEFAULT_SECTOR: str | None = None


def advice_for(objective: Objective, *, lang: str, max_strategies: int = 4) -> dict[str, Any]:
    """The ranked strategies and tactics for ``objective``, each with why, in ``lang``."""
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
        existing_titles=tuple(existing),
    )
    return advice_report(
        advised, lang=lang, sector=DEFAULT_SECTOR, max_strategies=max_strategies, tactics_per_strategy=4
    )


def kpi_benchmark(kpi: KPI, *, lang: str) -> dict[str, Any] | None:
    """The benchmark band of the metric the user chose for the KPI, else of the one its name matches (same
    unit), with its sources; else None."""
    if kpi.benchmark_metric and kpi.benchmark_metric in load_knowledge().metrics:
        found = benchmark_report(kpi.benchmark_metric, lang=lang, sector=DEFAULT_SECTOR)
        return found if found is None or _same_unit(kpi.unit, found) else None
    return named_benchmark(kpi.name, kpi.unit, lang=lang)


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


def named_benchmark(name: str, unit: str, *, lang: str) -> dict[str, Any] | None:
    """The benchmark band of the metric ``name`` names, when its unit agrees with ``unit`` (or is unset)."""
    match = packaged_metric_index().match(name) if name.strip() else None
    if match is None:
        return None
    found = benchmark_report(match.metric_id, lang=lang, sector=DEFAULT_SECTOR, device=match.device)
    return found if found is not None and _same_unit(unit, found) else None


def sources_text(found: dict[str, Any]) -> str:
    """ "Baymard Institute 2023, Dynamic Yield 2024": each publisher and year once."""
    return ", ".join(
        dict.fromkeys(f"{p['source']['publisher']} {p['source']['year']}" for p in found["points"])
    )


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
