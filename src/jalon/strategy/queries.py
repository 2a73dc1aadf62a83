"""Reads scoped to what a user may see, with a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, Prefetch, QuerySet

from jalon.accounts.models import User
from jalon.strategy.models import KPI, Measurement, Objective, Roadmap, Strategy, Tactic
from jalon.workspaces.permissions import NotFound, remember_role


def roadmaps_visible_to(user: User) -> QuerySet[Roadmap]:
    return Roadmap.objects.filter(workspace__memberships__user=user).select_related("workspace")


def roadmap_for(user: User, workspace_slug: str, roadmap_slug: str) -> Roadmap:
    """The roadmap (NotFound unless ``user`` is a member of its workspace). The membership that found it
    says the user's role there too, which the page's permission checks then read without a query."""
    visible = roadmaps_visible_to(user).filter(workspace__slug=workspace_slug, slug=roadmap_slug)
    roadmap = visible.annotate(member_role=F("workspace__memberships__role")).first()
    if roadmap is None:
        raise NotFound
    remember_role(user, roadmap.workspace, roadmap.member_role)
    return roadmap


def objectives_of(roadmap: Roadmap) -> QuerySet[Objective]:
    return roadmap.objectives.select_related("parent").prefetch_related("children")


def objective_for(roadmap: Roadmap, key: str) -> Objective:
    objective = roadmap.objectives.select_related("roadmap__workspace", "parent").filter(key=key).first()
    if objective is None:
        raise NotFound
    return objective


def kpis_with_measurements(roadmap: Roadmap) -> QuerySet[KPI]:
    """With each KPI's objective, measurements and stored forecast (``kpis.forecast_rows``)."""
    return roadmap.kpis.select_related("objective", "stored_forecast").prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("date"))
    )


def kpis_by_objective(roadmap: Roadmap) -> dict[int, list[KPI]]:
    """The roadmap's KPIs with their measurements by their objective's id (those without one left out)."""
    kpis: dict[int, list[KPI]] = {}
    for kpi in kpis_with_measurements(roadmap):
        if kpi.objective_id is not None:
            kpis.setdefault(kpi.objective_id, []).append(kpi)
    return kpis


def in_tree_order(objectives: Iterable[Objective]) -> list[tuple[Objective, int]]:
    """The objectives in tree order with their depth: each top-level objective (depth 0) followed by its
    sub-objectives, each followed by theirs."""
    children: dict[int | None, list[Objective]] = {}
    for objective in objectives:
        children.setdefault(objective.parent_id, []).append(objective)
    ordered: list[tuple[Objective, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for objective in children.get(parent, []):
            ordered.append((objective, depth))
            walk(objective.pk, depth + 1)

    walk(None, 0)
    return ordered


def kpi_for(roadmap: Roadmap, key: str) -> KPI:
    kpi = roadmap.kpis.select_related("roadmap__workspace").filter(key=key).first()
    if kpi is None:
        raise NotFound
    return kpi


def strategies_of(roadmap: Roadmap) -> QuerySet[Strategy]:
    return roadmap.strategies.select_related("objective").prefetch_related(
        Prefetch("tactics", queryset=Tactic.objects.order_by("position", "id"))
    )


def strategy_for(roadmap: Roadmap, key: str) -> Strategy:
    strategy = roadmap.strategies.select_related("roadmap__workspace", "objective").filter(key=key).first()
    if strategy is None:
        raise NotFound
    return strategy


def tactic_for(strategy: Strategy, key: str) -> Tactic:
    tactic = strategy.tactics.filter(key=key).first()
    if tactic is None:
        raise NotFound
    return tactic
