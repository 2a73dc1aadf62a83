"""Which activities to fund: the best portfolio under budgets, capacity and dependencies, with reasons.

``solve(problem, time_limit=..., seed=...)`` maximises the total value (or a chosen score) subject to
the overall budget, each theme's budget range (its maintenance reserved first), each team's capacity
per quarter, requires / excludes / at-most-k rules, must-do and must-not, and, when asked, at least one
funded activity per objective. CP-SAT searches on one worker, so a seed gives the same answer.

The result says, for every activity, why it is in or out (see :mod:`jalon.engines.portfolio_explain`),
and for an infeasible problem the smallest set of rules that cannot hold together. ``Result.as_json()``
and ``Result.from_json()`` turn it into plain JSON and back (the CLI's ``--json`` output, a background
job's stored answer). ``solve(..., progress=callback)`` reports the share of the work done, 0 to 1.

The data types live in :mod:`jalon.engines.portfolio_model`; they are re-exported here.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from jalon.engines import portfolio_model
from jalon.engines.portfolio_cpsat import minimal_conflict, optimise
from jalon.engines.portfolio_explain import Reason, ReasonCode, cutoff_value_per_eur, explain
from jalon.engines.portfolio_model import *  # noqa: F403 (the data types are this module's API too)
from jalon.engines.portfolio_model import (
    VALUE_SCALE,
    ConstraintKind,
    ConstraintRef,
    Problem,
    ProblemCode,
    ProblemError,
    linear_constraints,
    scaled_values,
    violated,
)
from jalon.engines.progress import ProgressCallback, Rising
from jalon.engines.status import Status

__all__ = [
    *portfolio_model.__all__,
    "Reason",
    "ReasonCode",
    "Result",
    "Status",
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

    def as_json(self) -> dict[str, Any]:
        """Plain JSON (``seconds`` to the millisecond; ``solve_seconds`` is left out)."""
        return {
            "status": self.status.value,
            "objective_value": self.objective_value,
            "bound": self.bound,
            "selected": list(self.selected),
            "total_cost_eur": self.total_cost_eur,
            "cost_by_theme_eur": dict(self.cost_by_theme_eur),
            "cutoff_value_per_eur": self.cutoff_value_per_eur,
            "reasons": [_reason_json(reason) for reason in self.reasons],
            "conflict": [_ref_json(ref) for ref in self.conflict],
            "conflict_is_minimal": self.conflict_is_minimal,
            "seconds": round(self.seconds, 3),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Result:
        """The result ``as_json`` wrote (an unknown status or rule kind raises ``ValueError``)."""
        return cls(
            status=Status(data["status"]),
            selected=tuple(str(key) for key in data.get("selected") or ()),
            objective_value=data.get("objective_value"),
            bound=data.get("bound"),
            total_cost_eur=float(data.get("total_cost_eur") or 0.0),
            cost_by_theme_eur={str(k): float(v) for k, v in (data.get("cost_by_theme_eur") or {}).items()},
            cutoff_value_per_eur=data.get("cutoff_value_per_eur"),
            reasons=tuple(_reason_from(reason) for reason in data.get("reasons") or ()),
            conflict=tuple(_ref_from(ref) for ref in data.get("conflict") or ()),
            conflict_is_minimal=bool(data.get("conflict_is_minimal")),
            seconds=float(data.get("seconds") or 0.0),
        )


def _ref_json(ref: ConstraintRef) -> dict[str, Any]:
    return {"kind": ref.kind.value, "subject": list(ref.subject), "limit": ref.limit}


def _ref_from(data: Mapping[str, Any]) -> ConstraintRef:
    return ConstraintRef(ConstraintKind(data["kind"]), tuple(str(s) for s in data.get("subject") or ()),
                         data.get("limit"))  # fmt: skip


def _reason_json(reason: Reason) -> dict[str, Any]:
    return {
        "activity_id": reason.activity_id,
        "funded": reason.funded,
        "code": reason.code.value,
        "constraints": [_ref_json(ref) for ref in reason.constraints],
        "value_per_eur": reason.value_per_eur,
        "value_gap_to_flip": reason.value_gap_to_flip,
        "flip_possible": reason.flip_possible,
    }


def _reason_from(data: Mapping[str, Any]) -> Reason:
    return Reason(
        activity_id=str(data["activity_id"]),
        funded=bool(data["funded"]),
        code=ReasonCode(data["code"]),
        constraints=tuple(_ref_from(ref) for ref in data.get("constraints") or ()),
        value_per_eur=data.get("value_per_eur"),
        value_gap_to_flip=data.get("value_gap_to_flip"),
        flip_possible=data.get("flip_possible"),
    )


def _seconds(time_limit: float | timedelta) -> float:
    seconds = time_limit.total_seconds() if isinstance(time_limit, timedelta) else float(time_limit)
    if not seconds > 0:
        raise ProblemError(ProblemCode.TIME_LIMIT)
    return seconds


def check_selection(problem: Problem, selected: frozenset[str] | set[str]) -> list[ConstraintRef]:
    """The rules a selection breaks (empty when it obeys them all)."""
    rules = linear_constraints(problem)
    return violated(rules, [a.id in selected for a in problem.activities])


def solve(
    problem: Problem,
    *,
    time_limit: float | timedelta,
    seed: int = 0,
    explain_reasons: bool = True,
    progress: ProgressCallback | None = None,
) -> Result:
    """The best portfolio. ``progress`` receives the share of the work done: 0.5 once the selection is
    settled (found, proven, or shown impossible), then up to 1.0 as the reasons' re-solves proceed; it is
    called only when the share grows, and always ends at 1.0. It changes nothing in the answer."""
    report = Rising(progress)
    result = _solve(problem, time_limit=time_limit, seed=seed, explain_reasons=explain_reasons, report=report)
    report(1.0)
    return result


def _solve(
    problem: Problem, *, time_limit: float | timedelta, seed: int, explain_reasons: bool, report: Rising
) -> Result:
    started = time.monotonic()
    deadline = started + _seconds(time_limit)
    rules = linear_constraints(problem)
    values = scaled_values(problem)
    outcome = optimise(values, rules, seconds=deadline - time.monotonic(), seed=seed)
    solve_seconds = time.monotonic() - started
    report(0.5)
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
            progress=lambda done, total: report(0.5 + 0.5 * done / total),
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
