"""Which activities to fund: the best portfolio under budgets, capacity and dependencies, with reasons.

``solve(problem, time_limit=..., seed=...)`` maximises the total value (or a chosen score) subject to
the overall budget, each theme's budget range (its maintenance reserved first), each team's capacity
per quarter, requires / excludes / at-most-k rules, must-do and must-not, and, when asked, at least one
funded activity per objective. CP-SAT searches on one worker, so a seed gives the same answer.

The result says, for every activity, why it is in or out (see :mod:`jalon.engines.portfolio_explain`),
and for an infeasible problem the smallest set of rules that cannot hold together.

The data types live in :mod:`jalon.engines.portfolio_model`; they are re-exported here.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from jalon.engines.portfolio_cpsat import minimal_conflict, optimise
from jalon.engines.portfolio_explain import Reason, ReasonCode, cutoff_value_per_eur, explain
from jalon.engines.portfolio_model import (
    VALUE_SCALE,
    Activity,
    AtMost,
    Capacity,
    ConstraintKind,
    ConstraintRef,
    Effort,
    Problem,
    ProblemError,
    ThemeBudget,
    linear_constraints,
    scaled_values,
    violated,
)
from jalon.engines.portfolio_status import Status

__all__ = [
    "Activity",
    "AtMost",
    "Capacity",
    "ConstraintKind",
    "ConstraintRef",
    "Effort",
    "Problem",
    "ProblemError",
    "Reason",
    "ReasonCode",
    "Result",
    "Status",
    "ThemeBudget",
    "check_selection",
    "solve",
]

# Share of the time limit kept for the reasons' re-solves once the best portfolio is proven.
_EXPLAIN_SHARE = 0.5


@dataclass(frozen=True)
class Result:
    """``objective_value`` and ``bound`` are in the unit maximised (value or the chosen score);
    both are None when no selection was found. ``conflict`` is filled only when infeasible, and
    ``conflict_is_minimal`` says whether every rule in it was shown to be needed."""

    status: Status
    selected: tuple[str, ...]
    objective_value: float | None
    bound: float | None
    total_cost_eur: float
    cost_by_theme_eur: Mapping[str, float] = field(default_factory=dict)
    cutoff_value_per_eur: float | None = None
    reasons: tuple[Reason, ...] = ()
    conflict: tuple[ConstraintRef, ...] = ()
    conflict_is_minimal: bool = False
    solve_seconds: float = 0.0
    seconds: float = 0.0


def _seconds(time_limit: float | timedelta) -> float:
    seconds = time_limit.total_seconds() if isinstance(time_limit, timedelta) else float(time_limit)
    if not seconds > 0:
        raise ProblemError("time_limit must be positive")
    return seconds


def check_selection(problem: Problem, selected: frozenset[str] | set[str]) -> list[ConstraintRef]:
    """The rules a selection breaks (empty when it obeys them all)."""
    rules = linear_constraints(problem)
    return violated(rules, [a.id in selected for a in problem.activities])


def solve(
    problem: Problem, *, time_limit: float | timedelta, seed: int = 0, explain_reasons: bool = True
) -> Result:
    started = time.monotonic()
    deadline = started + _seconds(time_limit)
    rules = linear_constraints(problem)
    values = scaled_values(problem)
    outcome = optimise(values, rules, seconds=deadline - time.monotonic(), seed=seed)
    solve_seconds = time.monotonic() - started
    if outcome.chosen is None:
        if not outcome.proven:
            return Result(
                Status.TIMED_OUT,
                (),
                None,
                None,
                0.0,
                solve_seconds=solve_seconds,
                seconds=time.monotonic() - started,
            )
        core, minimal = minimal_conflict(
            len(values), rules, seconds=max(deadline - time.monotonic(), 0.5), seed=seed
        )
        return Result(
            Status.INFEASIBLE,
            (),
            None,
            None,
            0.0,
            conflict=tuple(rules[k].ref for k in core),
            conflict_is_minimal=minimal,
            solve_seconds=solve_seconds,
            seconds=time.monotonic() - started,
        )
    chosen = outcome.chosen
    reasons: tuple[Reason, ...] = ()
    if explain_reasons:
        explain_deadline = time.monotonic() + (deadline - time.monotonic()) * _EXPLAIN_SHARE
        reasons = explain(
            problem,
            rules=rules,
            values=values,
            chosen=chosen,
            proven=outcome.proven,
            deadline=explain_deadline,
            seed=seed,
        )
    costs: dict[str, float] = {}
    for activity, funded in zip(problem.activities, chosen, strict=True):
        if funded and activity.theme is not None:
            costs[activity.theme] = costs.get(activity.theme, 0.0) + activity.cost_eur
    assert outcome.value is not None and outcome.bound is not None
    return Result(
        status=Status.OPTIMAL if outcome.proven else Status.FEASIBLE,
        selected=tuple(a.id for a, funded in zip(problem.activities, chosen, strict=True) if funded),
        objective_value=sum(
            a.value if problem.maximise == "value" else a.scores[problem.maximise]
            for a, funded in zip(problem.activities, chosen, strict=True)
            if funded
        ),
        bound=max(outcome.bound, outcome.value) / VALUE_SCALE,
        total_cost_eur=sum(
            a.cost_eur for a, funded in zip(problem.activities, chosen, strict=True) if funded
        ),
        cost_by_theme_eur=costs,
        cutoff_value_per_eur=cutoff_value_per_eur(problem, chosen, rules),
        reasons=reasons,
        solve_seconds=solve_seconds,
        seconds=time.monotonic() - started,
    )
