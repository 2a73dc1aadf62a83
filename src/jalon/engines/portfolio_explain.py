"""Why each activity is in or out of a portfolio, as codes and numbers the web layer can translate.

For a funded activity: the rules that would break if it left (required by another funded activity, the
only one covering an objective, a theme's minimum, a must-do). For an unfunded one: the rules that would
break if it came in on top of the selection (the budget or a team's quarter is full, it excludes a funded
activity, it requires an unfunded one, a must-not). Both carry the activity's value per euro beside the
cut-off (the lowest value per euro among activities funded on merit), and, when time allows, the exact
value change that would flip the decision, from a re-solve with the activity forced the other way.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from jalon.engines.portfolio_cpsat import optimise
from jalon.engines.portfolio_model import (
    VALUE_SCALE,
    ConstraintKind,
    ConstraintRef,
    Linear,
    Problem,
)

__all__ = ["Reason", "ReasonCode", "cutoff_value_per_eur", "explain"]


class ReasonCode(StrEnum):
    MUST_DO = "must_do"
    HELD_BY_RULES = "held_by_rules"
    WORTH_ITS_COST = "worth_its_cost"
    MUST_NOT = "must_not"
    BLOCKED_BY_RULES = "blocked_by_rules"
    NO_VALUE = "no_value"


@dataclass(frozen=True)
class Reason:
    """``constraints``: for a funded activity, the rules that keep it in; for an unfunded one, the rules
    that adding it would break. ``value_gap_to_flip``: for an unfunded activity, how much more value it
    would need to enter the best portfolio; for a funded one, how much value it could lose and stay in.
    ``None`` when not computed in time or not proven; ``flip_possible=False`` when no portfolio obeying
    the rules could flip it at all."""

    activity_id: str
    funded: bool
    code: ReasonCode
    constraints: tuple[ConstraintRef, ...]
    value_per_eur: float | None
    value_gap_to_flip: float | None = None
    flip_possible: bool | None = None


def _value_per_eur(value: float, cost_eur: float) -> float | None:
    return value / cost_eur if cost_eur > 0 else None


def _objective(problem: Problem, j: int) -> float:
    activity = problem.activities[j]
    return activity.value if problem.maximise == "value" else activity.scores[problem.maximise]


def cutoff_value_per_eur(problem: Problem, chosen: Sequence[bool], rules: Sequence[Linear]) -> float | None:
    """The lowest value per euro among activities funded on merit (no rule keeps them in)."""
    ratios = [
        _objective(problem, j) / a.cost_eur
        for j, a in enumerate(problem.activities)
        if chosen[j] and a.cost_eur > 0 and not _flip_breaks(rules, chosen, j)
    ]
    return min(ratios) if ratios else None


def _flip_breaks(rules: Sequence[Linear], chosen: Sequence[bool], j: int) -> tuple[ConstraintRef, ...]:
    flipped = list(chosen)
    flipped[j] = not flipped[j]
    return tuple(rule.ref for rule in rules if j in rule.coefficients and not rule.holds(flipped))


def _code(problem: Problem, j: int, funded: bool, breaks: tuple[ConstraintRef, ...]) -> ReasonCode:
    kinds = {ref.kind for ref in breaks}
    if funded:
        if ConstraintKind.MUST_DO in kinds:
            return ReasonCode.MUST_DO
        return ReasonCode.HELD_BY_RULES if breaks else ReasonCode.WORTH_ITS_COST
    if ConstraintKind.MUST_NOT in kinds:
        return ReasonCode.MUST_NOT
    return ReasonCode.BLOCKED_BY_RULES if breaks else ReasonCode.NO_VALUE


def explain(
    problem: Problem,
    *,
    rules: Sequence[Linear],
    values: Sequence[int],
    chosen: Sequence[bool],
    proven: bool,
    deadline: float,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Reason, ...]:
    """One reason per activity, in the problem's order. Re-solves run only for a proven-optimal
    selection, closest calls first, and stop at ``deadline``; ``progress(done, total)`` follows each."""
    best = sum(v for v, c in zip(values, chosen, strict=True) if c)
    gaps: dict[int, tuple[float | None, bool]] = {}
    if proven:
        order = _closest_calls(problem, chosen, rules)
        for done, j in enumerate(order, start=1):
            left = deadline - time.monotonic()
            if left <= 0.005:
                break
            hint = list(chosen)
            hint[j] = not hint[j]
            outcome = optimise(values, rules, seconds=left, seed=seed, forced=(j, not chosen[j]), hint=hint)
            if outcome.value is not None and outcome.proven:
                gaps[j] = ((best - outcome.value) / VALUE_SCALE, True)
            elif outcome.chosen is None and outcome.proven:
                gaps[j] = (None, False)
            if progress is not None:
                progress(done, len(order))
    reasons = []
    for j, activity in enumerate(problem.activities):
        breaks = _flip_breaks(rules, chosen, j)
        gap, possible = gaps.get(j, (None, None))
        reasons.append(
            Reason(
                activity_id=activity.id,
                funded=bool(chosen[j]),
                code=_code(problem, j, bool(chosen[j]), breaks),
                constraints=breaks,
                value_per_eur=_value_per_eur(_objective(problem, j), activity.cost_eur),
                value_gap_to_flip=gap,
                flip_possible=possible,
            )
        )
    return tuple(reasons)


def _closest_calls(problem: Problem, chosen: Sequence[bool], rules: Sequence[Linear]) -> list[int]:
    """Unfunded activities with the best value per euro and funded ones with the worst come first:
    those are the decisions a reader questions."""
    cutoff = cutoff_value_per_eur(problem, chosen, rules) or 0.0

    def distance(j: int) -> float:
        ratio = _value_per_eur(_objective(problem, j), problem.activities[j].cost_eur)
        return math.inf if ratio is None else abs(ratio - cutoff)

    return sorted(range(len(problem.activities)), key=distance)
