"""The multidimensional knapsack behind the portfolio optimiser, and the OR-Library reader.

A portfolio without dependencies is a multidimensional knapsack: choose items of value ``v_j`` so that
every resource ``i`` (budget, each team's days in each quarter) stays within ``b_i``. The OR-Library
instances of Chu and Beasley are the literature's yardstick for that problem, so this module reads them
and solves them the way the optimiser would, under a tight time limit on one thread:

1. the LP relaxation (GLOP) gives a bound, the resource prices (duals) and each item's reduced cost;
2. a greedy fill by value per priced weight, polished by a 1-flip/swap local search, gives an incumbent;
3. items whose reduced cost is large are fixed to their LP value (exactly when the reduced cost exceeds
   the gap between the LP bound and the incumbent, heuristically otherwise), and CP-SAT searches the
   small "core" left, starting from the incumbent;
4. if time remains, the core is widened and searched again.

Nothing here reads files: :func:`parse_orlib_mkp` takes the text, the command line reads the file.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import numpy.typing as npt
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from jalon.engines.number_file import FileCode, NumberFileError, last_line, numbers_with_lines
from jalon.engines.status import Status

__all__ = [
    "MkpFormatError",
    "MkpInstance",
    "MkpResult",
    "parse_orlib_mkp",
    "solve_mkp",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class MkpFormatError(NumberFileError):
    """Text that is not an OR-Library multidimensional knapsack file: a code and the line at fault."""


@dataclass(frozen=True)
class MkpInstance:
    """Maximise ``sum(values[j] x_j)`` subject to ``sum(weights[i][j] x_j) <= capacities[i]``."""

    values: tuple[int, ...]
    weights: tuple[tuple[int, ...], ...]
    capacities: tuple[int, ...]
    published_optimum: int | None = None

    def __post_init__(self) -> None:
        if len(self.weights) != len(self.capacities):
            raise ValueError("one row of weights per capacity")
        if any(len(row) != len(self.values) for row in self.weights):
            raise ValueError("one weight per item in every row")
        if any(v < 0 for v in self.values) or any(w < 0 for row in self.weights for w in row):
            raise ValueError("values and weights must be non-negative")


@dataclass(frozen=True)
class MkpResult:
    status: Status
    selection: tuple[int, ...]
    value: int
    bound: int
    seconds: float


def parse_orlib_mkp(text: str) -> tuple[MkpInstance, ...]:
    """Every instance of an OR-Library ``mknap``/``mknapcb`` file, in file order."""
    numbers, lines = numbers_with_lines(text, MkpFormatError)
    cursor = 0

    def take(count: int) -> list[int]:
        nonlocal cursor
        if cursor + count > len(numbers):
            raise MkpFormatError(FileCode.ENDS_EARLY, last_line(text))
        chunk = numbers[cursor : cursor + count]
        cursor += count
        return chunk

    (count,) = take(1)
    instances = []
    for _ in range(count):
        n_items, n_rows, optimum = take(3)
        if n_items <= 0 or n_rows <= 0:
            raise MkpFormatError(FileCode.EMPTY, lines[cursor - 1])
        values = tuple(take(n_items))
        weights = tuple(tuple(take(n_items)) for _ in range(n_rows))
        capacities = tuple(take(n_rows))
        instances.append(MkpInstance(values, weights, capacities, optimum or None))
    if cursor != len(numbers):
        raise MkpFormatError(FileCode.EXTRA, lines[cursor])
    return tuple(instances)


@dataclass(frozen=True)
class _Lp:
    bound: float
    x: FloatArray
    duals: FloatArray
    reduced_costs: FloatArray


def _solve_lp(values: IntArray, weights: IntArray, capacities: IntArray) -> _Lp:
    solver = pywraplp.Solver.CreateSolver("GLOP")
    n_rows, n_items = weights.shape
    x = [solver.NumVar(0.0, 1.0, "") for _ in range(n_items)]
    rows = []
    for i in range(n_rows):
        row = solver.Constraint(-solver.infinity(), float(capacities[i]))
        for k in np.flatnonzero(weights[i]):
            row.SetCoefficient(x[k], float(weights[i, k]))
        rows.append(row)
    objective = solver.Objective()
    for j in range(n_items):
        objective.SetCoefficient(x[j], float(values[j]))
    objective.SetMaximization()
    solver.Solve()
    duals = np.maximum(np.array([row.dual_value() for row in rows]), 0.0)
    x_lp = np.array([var.solution_value() for var in x])
    reduced = values - duals @ weights
    # The LP bound is recomputed from the duals: a valid bound even if GLOP stopped slightly early.
    dual_bound = float(duals @ capacities + np.maximum(reduced, 0.0).sum())
    return _Lp(bound=dual_bound, x=x_lp, duals=duals, reduced_costs=reduced)


def _greedy(order: IntArray, weights: IntArray, capacities: IntArray, start: BoolArray) -> BoolArray:
    chosen = start.copy()
    slack = capacities - weights[:, chosen].sum(axis=1)
    for j in order:
        if not chosen[j] and np.all(weights[:, j] <= slack):
            chosen[j] = True
            slack -= weights[:, j]
    return chosen


def _local_search(
    chosen: BoolArray,
    *,
    values: IntArray,
    weights: IntArray,
    capacities: IntArray,
    order: IntArray,
    deadline: float,
) -> BoolArray:
    """Swap one chosen item for one or two better unchosen ones while it pays, then refill greedily."""
    chosen = _greedy(order, weights, capacities, chosen)
    slack = capacities - weights[:, chosen].sum(axis=1)
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        out_items = np.flatnonzero(~chosen)
        if out_items.size == 0:
            break
        in_items = np.flatnonzero(chosen)
        # For every chosen item i, the unchosen items that fit once i leaves and are worth more.
        for i in in_items[np.argsort(values[in_items])]:
            room = slack + weights[:, i]
            fits = np.all(weights[:, out_items] <= room[:, None], axis=0)
            gains = np.where(fits, values[out_items] - values[i], 0)
            best = int(np.argmax(gains))
            if gains[best] > 0:
                j = out_items[best]
                chosen[i] = False
                chosen[j] = True
                slack = room - weights[:, j]
                chosen = _greedy(order, weights, capacities, chosen)
                slack = capacities - weights[:, chosen].sum(axis=1)
                improved = True
                break
    return chosen


def _as_arrays(instance: MkpInstance) -> tuple[IntArray, IntArray, IntArray]:
    values = np.array(instance.values, dtype=np.int64)
    weights = np.array(instance.weights, dtype=np.int64).reshape(len(instance.capacities), -1)
    capacities = np.array(instance.capacities, dtype=np.int64)
    return values, weights, capacities


def _search_core(
    core: IntArray,
    *,
    fixed_in: BoolArray,
    incumbent: BoolArray,
    values: IntArray,
    weights: IntArray,
    capacities: IntArray,
    seconds: float,
    seed: int,
) -> tuple[BoolArray, bool]:
    """CP-SAT over the core items, the others held as ``fixed_in``; returns the best and whether proven."""
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{j}") for j in core]
    room = capacities - weights[:, fixed_in].sum(axis=1)
    for i in range(weights.shape[0]):
        coefficients = weights[i, core]
        used = np.flatnonzero(coefficients)
        if used.size:
            model.add(
                cp_model.LinearExpr.weighted_sum([x[k] for k in used], coefficients[used].tolist())
                <= int(room[i])
            )
    objective = cp_model.LinearExpr.weighted_sum(x, values[core].tolist())
    model.maximize(objective)
    if np.array_equal(incumbent & ~_mask(core, incumbent), fixed_in):
        # Ask for strictly better than the incumbent: an infeasible answer proves the core optimal.
        model.add(objective >= int(values[incumbent].sum()) - int(values[fixed_in].sum()) + 1)
    for k, j in enumerate(core):
        model.add_hint(x[k], bool(incumbent[j]))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return incumbent, status == cp_model.INFEASIBLE
    found = fixed_in.copy()
    found[core] = [bool(solver.boolean_value(var)) for var in x]
    return found, status == cp_model.OPTIMAL


def _mask(indices: IntArray, like: BoolArray) -> BoolArray:
    mask = np.zeros_like(like)
    mask[indices] = True
    return mask


def _fits(chosen: BoolArray, weights: IntArray, capacities: IntArray) -> bool:
    return bool(np.all(weights[:, chosen].sum(axis=1) <= capacities))


def solve_mkp(instance: MkpInstance, *, time_limit: float | timedelta, seed: int = 0) -> MkpResult:
    """The best selection found within ``time_limit`` on one thread; deterministic for a given seed
    when the time limit is not reached."""
    started = time.monotonic()
    seconds = time_limit.total_seconds() if isinstance(time_limit, timedelta) else float(time_limit)
    if not seconds > 0:
        raise ValueError("time_limit must be positive")
    deadline = started + seconds
    values, weights, capacities = _as_arrays(instance)
    n_items = values.size
    lp = _solve_lp(values, weights, capacities)
    bound = math.floor(lp.bound + 1e-6)
    priced = lp.duals @ weights
    ratio = values / np.maximum(priced, 1e-9)
    order = np.argsort(-ratio, kind="stable")
    incumbent = _greedy(order, weights, capacities, np.zeros(n_items, dtype=bool))
    incumbent = _local_search(
        incumbent, values=values, weights=weights, capacities=capacities, order=order, deadline=deadline
    )
    best_value = int(values[incumbent].sum())
    proven = best_value >= bound
    closeness = np.abs(lp.reduced_costs)
    by_closeness = np.argsort(closeness, kind="stable")

    def improve(free: IntArray, fixed_in: BoolArray, seconds: float) -> bool:
        nonlocal incumbent, best_value
        found, optimal_here = _search_core(
            np.sort(free),
            fixed_in=fixed_in,
            incumbent=incumbent,
            values=values,
            weights=weights,
            capacities=capacities,
            seconds=seconds,
            seed=seed,
        )
        if _fits(found, weights, capacities) and int(values[found].sum()) > best_value:
            incumbent, best_value = found, int(values[found].sum())
        return optimal_here

    # Growing LP cores: everything outside the core stays at its LP value.
    core_size = min(n_items, max(30, n_items // 10))
    while not proven and time.monotonic() < deadline - 0.01:
        core = by_closeness[:core_size]
        exact = core_size >= n_items or bool(
            closeness[by_closeness[core_size:]].min() > lp.bound - best_value
        )
        fixed_in = (lp.x > 0.5) & ~_mask(core, incumbent)
        if improve(core, fixed_in, deadline - time.monotonic()) and exact:
            bound, proven = best_value, True
        if core_size >= n_items:
            break
        core_size = min(n_items, core_size * 2)
    status = Status.OPTIMAL if proven or best_value >= bound else Status.FEASIBLE
    return MkpResult(
        status=status,
        selection=tuple(int(j) for j in np.flatnonzero(incumbent)),
        value=best_value,
        bound=max(bound, best_value),
        seconds=time.monotonic() - started,
    )
