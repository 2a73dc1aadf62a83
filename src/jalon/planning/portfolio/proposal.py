"""What the optimiser proposes for a roadmap: the funded activities, each activity's status after it, and
the comparison of the current plan with the proposed one (how ``problem`` builds the question is there)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from jalon.engines import portfolio as engine
from jalon.planning.models import COMMITTED_STATUSES, Activity, Status, Theme
from jalon.planning.portfolio.problem import (
    SEED,
    TIME_LIMIT_SECONDS,
    Built,
    Plan,
    Rules,
    build_problem,
    score_of,
)
from jalon.strategy.models import Objective


@dataclass(frozen=True)
class Side:
    keys: frozenset[str]
    value: float
    cost: float
    cost_by_theme: Mapping[int | None, float]
    value_by_objective: Mapping[int, float]

    @property
    def count(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class ThemeLine:
    theme: Theme | None
    limit: float | None
    current: float
    proposed: float

    @property
    def current_over(self) -> bool:
        return self.limit is not None and self.current > self.limit + 0.005

    @property
    def proposed_over(self) -> bool:
        return self.limit is not None and self.proposed > self.limit + 0.005


@dataclass(frozen=True)
class ObjectiveLine:
    objective: Objective
    current: float
    proposed: float


@dataclass(frozen=True)
class Comparison:
    current: Side
    proposed: Side
    themes: list[ThemeLine]
    objectives: list[ObjectiveLine]
    entering: list[Activity]
    leaving: list[Activity]

    @property
    def value_change(self) -> float:
        return self.proposed.value - self.current.value

    @property
    def cost_change(self) -> float:
        return self.proposed.cost - self.current.cost

    @property
    def count_change(self) -> int:
        return self.proposed.count - self.current.count


def _side(plan: Plan, keys: frozenset[str]) -> Side:
    cost_by_theme: dict[int | None, float] = defaultdict(float)
    value_by_objective: dict[int, float] = defaultdict(float)
    value = cost = 0.0
    for activity in plan.activities:
        if activity.key in keys:
            value += activity.value
            cost += float(activity.cost)
            cost_by_theme[activity.theme_id] += float(activity.cost)
            for objective in activity.objectives.all():
                value_by_objective[objective.pk] += activity.value
    return Side(keys, value, cost, dict(cost_by_theme), dict(value_by_objective))


def current_keys(plan: Plan) -> frozenset[str]:
    return frozenset(a.key for a in plan.activities if a.status in COMMITTED_STATUSES)


def proposed_keys(plan: Plan, candidates: Iterable[str], funded: Iterable[str]) -> frozenset[str]:
    """The plan once a selection is applied now: ideas and planned activities among ``candidates`` are in
    when funded; every other activity keeps its status (done and in-progress ones are never touched)."""
    chosen, funded_keys = set(candidates), set(funded)
    return frozenset(
        a.key
        for a in plan.activities
        if (status_after(a, a.key in funded_keys) if a.key in chosen else a.status) in COMMITTED_STATUSES
    )


def compare(plan: Plan, rules: Rules, proposed: frozenset[str]) -> Comparison:
    current = _side(plan, current_keys(plan))
    after = _side(plan, proposed)
    themes = [
        ThemeLine(theme, rules.limits(theme).max_eur, current.cost_by_theme.get(theme.pk, 0.0),
                  after.cost_by_theme.get(theme.pk, 0.0))
        for theme in plan.themes
    ]  # fmt: skip
    if current.cost_by_theme.get(None) or after.cost_by_theme.get(None):
        themes.append(
            ThemeLine(None, None, current.cost_by_theme.get(None, 0.0), after.cost_by_theme.get(None, 0.0))
        )
    return Comparison(
        current, after, themes,
        [ObjectiveLine(o, current.value_by_objective.get(o.pk, 0.0), after.value_by_objective.get(o.pk, 0.0))
         for o in plan.objectives],
        [a for a in plan.activities if a.key in after.keys - current.keys],
        [a for a in plan.activities if a.key in current.keys - after.keys],
    )  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One candidate in the proposal, with the status it would take and why."""

    activity: Activity
    funded: bool
    score: float
    after: str
    reason: engine.Reason | None

    @property
    def after_label(self) -> str:
        return str(Status(self.after).label)


@dataclass(frozen=True)
class Proposal:
    built: Built
    result: engine.Result
    rows: list[Row]
    comparison: Comparison | None  # None when no portfolio was found

    @property
    def funded(self) -> list[str]:
        return list(self.result.selected)

    @property
    def found(self) -> bool:
        return self.result.status in (engine.Status.OPTIMAL, engine.Status.FEASIBLE)


def status_after(activity: Activity, funded: bool) -> str:
    if funded and activity.status == Status.IDEA:
        return Status.PLANNED
    if not funded and activity.status == Status.PLANNED:
        return Status.IDEA
    return activity.status


def propose(
    plan: Plan, rules: Rules, *, time_limit: float = TIME_LIMIT_SECONDS, explain: bool = True
) -> Proposal:
    built = build_problem(plan, rules)
    result = engine.solve(built.problem, time_limit=time_limit, seed=SEED, explain_reasons=explain)
    return proposal_from(built, result)


def proposal_from(
    built: Built, result: engine.Result, *, candidates: Iterable[str] | None = None
) -> Proposal:
    """The rows and the comparison of ``result``, an answer to ``built``'s problem (now, or stored by a
    background run). ``candidates``: the activities the run chose from, when not the plan's candidates
    of now; only those get a row, and only those change status in the proposed plan."""
    plan, rules = built.plan, built.rules
    considered = {a.key for a in plan.candidates} if candidates is None else set(candidates)
    funded = set(result.selected)
    reasons = {reason.activity_id: reason for reason in result.reasons}
    rows = [
        Row(a, a.key in funded, score_of(a, rules.maximise)[0], status_after(a, a.key in funded),
            reasons.get(a.key))
        for a in plan.candidates
        if a.key in considered
    ]  # fmt: skip
    found = result.status in (engine.Status.OPTIMAL, engine.Status.FEASIBLE)
    comparison = None
    if found:
        comparison = compare(plan, rules, proposed_keys(plan, considered, funded))
    return Proposal(built, result, rows, comparison)
