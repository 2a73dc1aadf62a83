"""The portfolio problem as data, and its translation into linear constraints over "fund it or not".

Every rule of a portfolio becomes one :class:`Linear` constraint ``lower <= sum(c_j x_j) <= upper`` on
the binary choices ``x_j`` and keeps a :class:`ConstraintRef` that says, in the user's terms, which rule
it is. One representation serves the solver, the feasibility check, the reasons and the conflicts.

Money is counted in cents and effort in hundredths of a day (rounded to nearest), so CP-SAT works on
integers; values are scaled to thousandths.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from jalon.engines.refused import Refused

# The problem's data, which ``portfolio`` re-exports; the constraint helpers below (``Linear``,
# ``linear_constraints``, ``scaled_values``, ``violated``) serve the engine's own modules only.
__all__ = [
    "Activity",
    "AtMost",
    "Capacity",
    "ConstraintKind",
    "ConstraintRef",
    "Effort",
    "Problem",
    "ProblemCode",
    "ProblemError",
    "ThemeBudget",
]

CENTS_PER_EUR = 100
HUNDREDTHS_PER_DAY = 100
VALUE_SCALE = 1000


class ProblemCode(StrEnum):
    """Why a portfolio problem is refused; the shells word it. Parameters: ``activity``, ``group``,
    ``other`` (an id named but not defined), ``score`` (the score to maximise), as each code needs."""

    DUPLICATE_ACTIVITY = "duplicate_activity"  # activity
    NOT_FINITE = "not_finite"  # activity
    NEGATIVE_COST = "negative_cost"  # activity: its cost or an effort
    NO_SCORE = "no_score"  # activity, score
    UNKNOWN_ACTIVITY = "unknown_activity"  # activity, other
    GROUP_UNKNOWN_ACTIVITY = "group_unknown_activity"  # group, other
    GROUP_NEGATIVE_COUNT = "group_negative_count"  # group
    NEGATIVE_BUDGET = "negative_budget"
    NEGATIVE_CAPACITY = "negative_capacity"
    THEME_TWO_BUDGETS = "theme_two_budgets"
    TEAM_TWO_CAPACITIES = "team_two_capacities"
    TIME_LIMIT = "time_limit"  # the time limit is not a positive number of seconds


class ProblemError(Refused[ProblemCode]):
    """A portfolio problem that cannot be solved as stated (unknown ids, negative costs…): a
    :class:`ProblemCode` and its parameters (``str()`` is a plain English line for logs; the shells word
    ``code`` and ``params``)."""


@dataclass(frozen=True)
class TeamDays:
    """Days of a team's (or a person's) time in one quarter."""

    team: str
    quarter: str
    days: float


@dataclass(frozen=True)
class Effort(TeamDays):
    """Days of a team's (or a person's) time that an activity needs in one quarter."""


@dataclass(frozen=True)
class Activity:
    id: str
    value: float
    cost_eur: float
    theme: str | None = None
    effort: tuple[Effort, ...] = ()
    objectives: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()
    must_do: bool = False
    must_not: bool = False
    scores: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ThemeBudget:
    """Spending allowed on a theme; ``maintenance_eur`` is reserved first and counts in both bounds."""

    theme: str
    min_eur: float = 0.0
    max_eur: float | None = None
    maintenance_eur: float = 0.0


@dataclass(frozen=True)
class Capacity(TeamDays):
    """Days of a team's (or a person's) time that it can give to the portfolio in one quarter."""


@dataclass(frozen=True)
class AtMost:
    """At most ``count`` of these activities (``count=1``: alternatives)."""

    name: str
    activity_ids: frozenset[str]
    count: int


@dataclass(frozen=True)
class Problem:
    """``budget_eur=None`` means no overall budget. ``maximise`` is ``"value"`` or a key of the scores.

    The overall budget also pays every theme's maintenance reserve.
    """

    activities: tuple[Activity, ...]
    budget_eur: float | None = None
    theme_budgets: tuple[ThemeBudget, ...] = ()
    capacities: tuple[Capacity, ...] = ()
    at_most: tuple[AtMost, ...] = ()
    objectives_to_cover: frozenset[str] = frozenset()
    maximise: str = "value"


class ConstraintKind(StrEnum):
    BUDGET = "budget"
    THEME_MIN = "theme_min"
    THEME_MAX = "theme_max"
    CAPACITY = "capacity"
    REQUIRES = "requires"
    EXCLUDES = "excludes"
    AT_MOST = "at_most"
    MUST_DO = "must_do"
    MUST_NOT = "must_not"
    COVER_OBJECTIVE = "cover_objective"


@dataclass(frozen=True)
class ConstraintRef:
    """A rule in the user's terms. ``subject`` by kind: budget ``()``; theme ``(theme,)``; capacity
    ``(team, quarter)``; requires/excludes ``(activity, other)``; at most ``(group,)``; must do/not
    ``(activity,)``; cover ``(objective,)``. ``limit`` is the number in the rule (euros, days, count)."""

    kind: ConstraintKind
    subject: tuple[str, ...] = ()
    limit: float | None = None


@dataclass(frozen=True)
class Linear:
    ref: ConstraintRef
    coefficients: Mapping[int, int]
    lower: int | None
    upper: int | None

    def activity(self, chosen: Sequence[bool]) -> int:
        return sum(c for j, c in self.coefficients.items() if chosen[j])

    def holds(self, chosen: Sequence[bool]) -> bool:
        total = self.activity(chosen)
        return (self.lower is None or total >= self.lower) and (self.upper is None or total <= self.upper)


def _cents(eur: float) -> int:
    return round(eur * CENTS_PER_EUR)


def _check(problem: Problem) -> dict[str, int]:
    code, error = ProblemCode, ProblemError
    index: dict[str, int] = {}
    for j, activity in enumerate(problem.activities):
        if activity.id in index:
            raise error(code.DUPLICATE_ACTIVITY, activity=activity.id)
        index[activity.id] = j
        numbers = [activity.value, activity.cost_eur, *(e.days for e in activity.effort)]
        if not all(math.isfinite(x) for x in numbers):
            raise error(code.NOT_FINITE, activity=activity.id)
        if activity.cost_eur < 0 or any(e.days < 0 for e in activity.effort):
            raise error(code.NEGATIVE_COST, activity=activity.id)
        if problem.maximise != "value" and problem.maximise not in activity.scores:
            raise error(code.NO_SCORE, activity=activity.id, score=problem.maximise)
    for activity in problem.activities:
        for other in sorted(activity.requires | activity.excludes):
            if other not in index:
                raise error(code.UNKNOWN_ACTIVITY, activity=activity.id, other=other)
    for group in problem.at_most:
        unknown = sorted(group.activity_ids - index.keys())
        if unknown:
            raise error(code.GROUP_UNKNOWN_ACTIVITY, group=group.name, other=unknown[0])
        if group.count < 0:
            raise error(code.GROUP_NEGATIVE_COUNT, group=group.name)
    if problem.budget_eur is not None and problem.budget_eur < 0:
        raise error(code.NEGATIVE_BUDGET)
    if any(c.days < 0 for c in problem.capacities):
        raise error(code.NEGATIVE_CAPACITY)
    themes = [t.theme for t in problem.theme_budgets]
    if len(set(themes)) != len(themes):
        raise error(code.THEME_TWO_BUDGETS)
    capacities = [(c.team, c.quarter) for c in problem.capacities]
    if len(set(capacities)) != len(capacities):
        raise error(code.TEAM_TWO_CAPACITIES)
    return index


def scaled_values(problem: Problem) -> list[int]:
    if problem.maximise == "value":
        return [round(a.value * VALUE_SCALE) for a in problem.activities]
    return [round(a.scores[problem.maximise] * VALUE_SCALE) for a in problem.activities]


def linear_constraints(problem: Problem) -> list[Linear]:
    """Every rule of ``problem``, in a stable order; raises :class:`ProblemError` on bad input."""
    index = _check(problem)
    activities = problem.activities
    rules: list[Linear] = []
    maintenance = sum(_cents(t.maintenance_eur) for t in problem.theme_budgets)
    if problem.budget_eur is not None:
        rules.append(
            Linear(
                ConstraintRef(ConstraintKind.BUDGET, (), problem.budget_eur),
                {j: _cents(a.cost_eur) for j, a in enumerate(activities) if a.cost_eur},
                None,
                _cents(problem.budget_eur) - maintenance,
            )
        )
    for theme in problem.theme_budgets:
        costs = {
            j: _cents(a.cost_eur) for j, a in enumerate(activities) if a.theme == theme.theme and a.cost_eur
        }
        reserved = _cents(theme.maintenance_eur)
        if theme.min_eur > theme.maintenance_eur:
            ref = ConstraintRef(ConstraintKind.THEME_MIN, (theme.theme,), theme.min_eur)
            rules.append(Linear(ref, costs, _cents(theme.min_eur) - reserved, None))
        if theme.max_eur is not None:
            ref = ConstraintRef(ConstraintKind.THEME_MAX, (theme.theme,), theme.max_eur)
            rules.append(Linear(ref, costs, None, _cents(theme.max_eur) - reserved))
    for capacity in problem.capacities:
        needs = {
            j: round(
                sum(e.days for e in a.effort if (e.team, e.quarter) == (capacity.team, capacity.quarter))
                * 100
            )
            for j, a in enumerate(activities)
        }
        ref = ConstraintRef(ConstraintKind.CAPACITY, (capacity.team, capacity.quarter), capacity.days)
        rules.append(
            Linear(
                ref, {j: d for j, d in needs.items() if d}, None, round(capacity.days * HUNDREDTHS_PER_DAY)
            )
        )
    for j, activity in enumerate(activities):
        for other in sorted(activity.requires):
            ref = ConstraintRef(ConstraintKind.REQUIRES, (activity.id, other))
            rules.append(Linear(ref, _merge((j, 1), (index[other], -1)), None, 0))
        for other in sorted(activity.excludes):
            # Stated once even when both sides name each other.
            if other in index and not (
                other < activity.id and activity.id in activities[index[other]].excludes
            ):
                ref = ConstraintRef(ConstraintKind.EXCLUDES, (activity.id, other))
                rules.append(Linear(ref, _merge((j, 1), (index[other], 1)), None, 1))
    for group in problem.at_most:
        ref = ConstraintRef(ConstraintKind.AT_MOST, (group.name,), group.count)
        rules.append(Linear(ref, {index[a]: 1 for a in sorted(group.activity_ids)}, None, group.count))
    for j, activity in enumerate(activities):
        if activity.must_do:
            rules.append(Linear(ConstraintRef(ConstraintKind.MUST_DO, (activity.id,)), {j: 1}, 1, None))
        if activity.must_not:
            rules.append(Linear(ConstraintRef(ConstraintKind.MUST_NOT, (activity.id,)), {j: 1}, None, 0))
    for objective in sorted(problem.objectives_to_cover):
        serving = {j: 1 for j, a in enumerate(activities) if objective in a.objectives}
        rules.append(Linear(ConstraintRef(ConstraintKind.COVER_OBJECTIVE, (objective,)), serving, 1, None))
    return rules


def _merge(*terms: tuple[int, int]) -> dict[int, int]:
    merged: dict[int, int] = {}
    for j, c in terms:
        merged[j] = merged.get(j, 0) + c
    return {j: c for j, c in merged.items() if c}


def violated(rules: Sequence[Linear], chosen: Sequence[bool]) -> list[ConstraintRef]:
    return [rule.ref for rule in rules if not rule.holds(chosen)]
