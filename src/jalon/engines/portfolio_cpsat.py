"""CP-SAT models of a portfolio: the optimisation, the "what if this one were forced" variants and the
assumption-based model that finds which rules conflict."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from jalon.engines.portfolio_model import Linear

__all__ = ["Outcome", "minimal_conflict", "optimise"]


@dataclass(frozen=True)
class Outcome:
    """``chosen`` is None when no selection was found; ``proven`` says the search finished."""

    chosen: tuple[bool, ...] | None
    value: int | None
    bound: int | None
    proven: bool


def _add(model: cp_model.CpModel, rule: Linear, x: Sequence[cp_model.IntVar]) -> list[cp_model.Constraint]:
    expr = cp_model.LinearExpr.weighted_sum(
        [x[j] for j in rule.coefficients], list(rule.coefficients.values())
    )
    added = []
    if rule.lower is not None:
        added.append(model.add(expr >= rule.lower))
    if rule.upper is not None:
        added.append(model.add(expr <= rule.upper))
    return added


def _solver(seconds: float, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # One worker: deterministic for a seed, and the machine is shared with the web server.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(seconds, 0.001)
    return solver


def optimise(
    values: Sequence[int],
    rules: Sequence[Linear],
    *,
    seconds: float,
    seed: int,
    forced: tuple[int, bool] | None = None,
    hint: Sequence[bool] | None = None,
) -> Outcome:
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{j}") for j in range(len(values))]
    for rule in rules:
        _add(model, rule, x)
    if forced is not None:
        model.add(x[forced[0]] == int(forced[1]))
    model.maximize(cp_model.LinearExpr.weighted_sum(x, list(values)))
    if hint is not None:
        for var, hinted in zip(x, hint, strict=True):
            model.add_hint(var, hinted)
    solver = _solver(seconds, seed)
    status = solver.solve(model)
    if status == cp_model.MODEL_INVALID:
        raise RuntimeError(model.validate())
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = tuple(bool(solver.boolean_value(var)) for var in x)
        return Outcome(
            chosen,
            round(solver.objective_value),
            round(solver.best_objective_bound),
            status == cp_model.OPTIMAL,
        )
    return Outcome(None, None, None, status == cp_model.INFEASIBLE)


def minimal_conflict(
    n_items: int, rules: Sequence[Linear], *, seconds: float, seed: int
) -> tuple[list[int], bool]:
    """Indices of rules that cannot hold together, and whether the set is proven minimal.

    CP-SAT gives a sufficient set of assumptions; each one is then dropped in turn and kept out when
    the rest stays infeasible, so every rule left is needed for the conflict.
    """
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{j}") for j in range(n_items)]
    switches = []
    for k, rule in enumerate(rules):
        switch = model.new_bool_var(f"rule{k}")
        for constraint in _add(model, rule, x):
            constraint.only_enforce_if(switch)
        switches.append(switch)
    by_index = {switch.index: k for k, switch in enumerate(switches)}

    def infeasible(active: Sequence[int], budget: float) -> tuple[bool | None, list[int]]:
        model.clear_assumptions()
        model.add_assumptions([switches[k] for k in active])
        solver = _solver(budget, seed)
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()]
            return True, sorted(core) if core else list(active)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False, []
        return None, []

    deadline = time.monotonic() + seconds
    answer, core = infeasible(range(len(rules)), seconds)
    if not answer:
        return [], False
    position = 0
    while position < len(core):
        left = deadline - time.monotonic()
        if left <= 0:
            return core, False
        trial = core[:position] + core[position + 1 :]
        answer, smaller = infeasible(trial, left)
        if answer is None:
            return core, False
        if answer:
            kept = set(smaller)
            core = [k for k in trial if k in kept] or trial
        else:
            position += 1
    return core, True
