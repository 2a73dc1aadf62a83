"""Roadmaps in and out as ``jalon/1`` files. Import is all-or-nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.documents.planning_file import build_planning, compact, number, planning_document
from jalon.documents.roadmap_file import (
    FORMAT,
    FileProblems,
    Format,
    MeasurableItem,
    RoadmapFile,
    dump,
    parse,
)
from jalon.errors import ValidationFailed
from jalon.strategy import queries, services
from jalon.strategy.models import Objective, Roadmap, Tactic
from jalon.workspaces.models import Workspace
from jalon.workspaces.permissions import require_actor


def _objective(objective: Objective) -> dict[str, Any]:
    measurable = compact(
        {
            "metric": objective.metric,
            "unit": objective.unit,
            "baseline": number(objective.baseline),
            "target": number(objective.target),
            "direction": objective.direction or None,
            "done_state": objective.done_state,
        }
    )
    return compact(
        {
            "key": objective.key,
            "title": objective.title,
            "impact": objective.impact,
            "specific": objective.specific,
            "measurable": measurable,
            "deadline": objective.deadline,
            "deadline_rule": objective.deadline_rule,
            "term": objective.term,
            "parent": objective.parent.key if objective.parent else None,
            "owner": objective.owner,
        },
        keep=("key", "title"),
    )


def roadmap_document(roadmap: Roadmap) -> dict[str, Any]:
    """The roadmap as the ``jalon/1`` tree, in a stable order (export -> import -> export is identical)."""
    kpis = [
        compact(
            {
                "key": kpi.key,
                "name": kpi.name,
                "unit": kpi.unit,
                "objective": kpi.objective.key if kpi.objective else None,
                "owner": kpi.owner,
                "frequency": kpi.frequency,
                "direction": kpi.direction,
                "baseline": number(kpi.baseline),
                "baseline_date": kpi.baseline_date,
                "target": number(kpi.target),
                "target_low": number(kpi.target_low),
                "target_high": number(kpi.target_high),
                "target_date": kpi.target_date,
                "benchmark_low": number(kpi.benchmark_low),
                "benchmark_high": number(kpi.benchmark_high),
                "benchmark_source": kpi.benchmark_source,
                "measurements": [
                    compact(
                        {"date": m.date, "value": number(m.value), "source": m.source},
                        keep=("date", "value"),
                    )
                    for m in kpi.measurements.all()
                ],
            },
            keep=("key", "name", "frequency"),
        )
        for kpi in queries.kpis_with_measurements(roadmap)
    ]
    strategies = [
        {
            "key": strategy.key,
            "objective": strategy.objective.key,
            "title": strategy.title,
            "tactics": [
                compact({"key": t.key, "title": t.title, "description": t.description}, keep=("key", "title"))
                for t in strategy.tactics.all()
            ],
        }
        for strategy in queries.strategies_of(roadmap)
    ]
    return {
        "format": FORMAT,
        "roadmap": compact(
            {
                "slug": roadmap.slug,
                "title": roadmap.title,
                "type": roadmap.type,
                "vision": roadmap.vision,
                "horizon": {"start": roadmap.start, "end": roadmap.end},
                "fiscal_year_start_month": roadmap.fiscal_year_start_month,
                "language": roadmap.language,
                "currency": roadmap.currency,
            },
            keep=("slug", "title", "type"),
        ),
        "objectives": [_objective(o) for o in queries.objectives_of(roadmap)],
        "kpis": kpis,
        "strategies": strategies,
        **planning_document(roadmap),
    }


def export_roadmap(*, actor: User | None, roadmap: Roadmap, fmt: Format) -> str:
    require_actor(actor, "view", roadmap.workspace)
    return dump(roadmap_document(roadmap), fmt)


def import_roadmap(
    *, actor: User | None, workspace: Workspace, text: str, fmt: Format, replace: bool = False
) -> Roadmap:
    """Create (or with ``replace``, recreate) a roadmap from a file. A bad file writes nothing."""
    require_actor(actor, "edit", workspace)
    document = parse(text, fmt)
    with transaction.atomic():
        existing = Roadmap.objects.filter(workspace=workspace, slug=document.roadmap.slug).first()
        if existing is not None:
            if not replace:
                raise FileProblems(
                    [
                        (
                            "roadmap.slug",
                            _(
                                "A roadmap {slug} already exists in this workspace; import it with "
                                "replace to overwrite it."
                            ).format(slug=document.roadmap.slug),
                        )
                    ]
                )
            existing.delete()
        try:
            return _build(actor=actor, workspace=workspace, document=document)
        except ValidationFailed as error:
            raise FileProblems([(k, " ".join(v)) for k, v in error.errors.items()]) from error


def _build(*, actor: User | None, workspace: Workspace, document: RoadmapFile) -> Roadmap:
    head = document.roadmap
    roadmap = services.create_roadmap(
        actor=actor,
        workspace=workspace,
        slug=head.slug,
        title=head.title,
        type=head.type,
        vision=head.vision,
        start=head.horizon.start,
        end=head.horizon.end,
        fiscal_year_start_month=head.fiscal_year_start_month,
        language=head.language,
        currency=head.currency,
    )
    objectives: dict[str, Objective] = {}
    for item in document.objectives:
        measurable = item.measurable or MeasurableItem()
        objectives[item.key] = services.create_objective(
            actor=actor,
            roadmap=roadmap,
            key=item.key,
            title=item.title,
            impact=item.impact,
            specific=item.specific,
            metric=measurable.metric,
            unit=measurable.unit,
            baseline=measurable.baseline,
            target=measurable.target,
            direction=measurable.direction or "",
            done_state=measurable.done_state,
            deadline=item.deadline,
            deadline_rule=item.deadline_rule or "",
            term=item.term or "",
            owner=item.owner,
        )
    for item in document.objectives:
        if item.parent:
            child = objectives[item.key]
            child.parent = objectives[item.parent]
            child.save(update_fields=["parent"])
    for kpi_item in document.kpis:
        kpi = services.create_kpi(
            actor=actor,
            roadmap=roadmap,
            key=kpi_item.key,
            name=kpi_item.name,
            unit=kpi_item.unit,
            objective=objectives[kpi_item.objective] if kpi_item.objective else None,
            owner=kpi_item.owner,
            frequency=kpi_item.frequency,
            direction=kpi_item.direction or "",
            baseline=kpi_item.baseline,
            baseline_date=kpi_item.baseline_date,
            target=kpi_item.target,
            target_low=kpi_item.target_low,
            target_high=kpi_item.target_high,
            target_date=kpi_item.target_date,
            benchmark_low=kpi_item.benchmark_low,
            benchmark_high=kpi_item.benchmark_high,
            benchmark_source=kpi_item.benchmark_source,
        )
        for m in kpi_item.measurements:
            services.add_measurement(actor=actor, kpi=kpi, date=m.date, value=m.value, source=m.source)
    tactics: dict[str, Tactic] = {}
    for strategy_item in document.strategies:
        strategy = services.create_strategy(
            actor=actor,
            roadmap=roadmap,
            objective=objectives[strategy_item.objective],
            key=strategy_item.key,
            title=strategy_item.title,
        )
        for tactic in strategy_item.tactics:
            tactics[f"{strategy.key}/{tactic.key}"] = services.create_tactic(
                actor=actor,
                strategy=strategy,
                key=tactic.key,
                title=tactic.title,
                description=tactic.description,
            )
    build_planning(actor=actor, roadmap=roadmap, document=document, objectives=objectives, tactics=tactics)
    return roadmap
