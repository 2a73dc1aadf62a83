"""The strategic dashboard: goal -> strategies -> tactics -> activities on one screen, for the quarterly
review. Each goal (objective) comes with its KPIs' latest value, trend, odds and lateness; each strategy,
tactic and activity with its progress (the share of its activities done) and its budget spent.

Built in a fixed number of queries whatever the roadmap's size (objectives, KPIs with measurements,
strategies with their tactics and the tactics' activities).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from jalon.planning.models import is_late
from jalon.strategy import queries
from jalon.strategy.kpis import forecasting
from jalon.strategy.kpis.presenting import KPIView, percent
from jalon.strategy.models import Objective, Roadmap, Tactic

DONE, DROPPED = "done", "dropped"


@dataclass(frozen=True)
class Progress:
    """Activities done among those not dropped, and the money spent against their cost."""

    done: int = 0
    counted: int = 0
    cost: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            self.done + other.done,
            self.counted + other.counted,
            self.cost + other.cost,
            self.spent + other.spent,
        )

    @property
    def share(self) -> float | None:
        return self.done / self.counted if self.counted else None

    @property
    def share_text(self) -> str:
        return percent(self.share)

    @property
    def over_budget(self) -> bool:
        return self.spent > self.cost


def _of_activities(activities: Sequence[Any]) -> Progress:
    total = Progress()
    for activity in activities:
        if activity.status == DROPPED:
            continue
        total = total + Progress(
            int(activity.status == DONE), 1, Decimal(activity.cost or 0), Decimal(activity.spent or 0)
        )
    return total


@dataclass
class TacticLine:
    tactic: Tactic
    activities: list[Any]
    progress: Progress
    late: frozenset[int] = frozenset()  # the activities (ids) late on the dashboard's day: ``is_late``


@dataclass
class StrategyLine:
    title: str
    key: str
    tactics: list[TacticLine]
    progress: Progress


@dataclass
class GoalLine:
    objective: Objective
    depth: int
    kpis: list[KPIView]
    odds: forecasting.ObjectiveOdds | None
    strategies: list[StrategyLine] = field(default_factory=list)

    @property
    def progress(self) -> Progress:
        total = Progress()
        for strategy in self.strategies:
            total = total + strategy.progress
        return total

    @property
    def odds_text(self) -> str:
        return percent(self.odds.probability) if self.odds else "—"

    @property
    def late(self) -> int:
        return sum(view.late for view in self.kpis)


def dashboard(roadmap: Roadmap, today: date) -> list[GoalLine]:
    """Every objective in tree order (sub-objectives after their parent) with its chain."""
    kpis = queries.kpis_by_objective(roadmap)
    tactics = Prefetch(
        "tactics", queryset=Tactic.objects.order_by("position", "id").prefetch_related("activities")
    )
    strategies: dict[int, list[StrategyLine]] = {}
    for strategy in roadmap.strategies.prefetch_related(tactics):
        lines = [
            TacticLine(
                t,
                list(t.activities.all()),
                _of_activities(list(t.activities.all())),
                frozenset(a.pk for a in t.activities.all() if is_late(a.status, a.end, today)),
            )
            for t in strategy.tactics.all()
        ]
        total = Progress()
        for line in lines:
            total = total + line.progress
        strategies.setdefault(strategy.objective_id, []).append(
            StrategyLine(strategy.title, strategy.key, lines, total)
        )
    goals: list[GoalLine] = []
    for objective, depth in queries.in_tree_order(roadmap.objectives.all()):
        own = kpis.get(objective.pk, [])
        views = [KPIView(kpi, today) for kpi in own]
        known = {view.kpi.pk: view.forecast for view in views}
        odds = forecasting.objective_odds(own, forecasts=known)
        goals.append(GoalLine(objective, depth, views, odds, strategies.get(objective.pk, [])))
    return goals
