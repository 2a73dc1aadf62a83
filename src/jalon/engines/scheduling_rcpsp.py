"""The plain resource-constrained project scheduling problem (RCPSP) and its PSPLIB reader.

This is how Jalon's scheduler is measured against the literature: the same CP-SAT model and heuristics
as the roadmap scheduler, without calendars and deadlines. The solve runs in three steps under one time
limit: a sampling heuristic with forward-backward improvement (a few percent of the time), CP-SAT on the
full model seeded with that schedule, then, if the bound is not closed, large-neighbourhood search that
frees a window of activities and keeps the incumbent's order elsewhere.
"""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from jalon.engines.scheduling_heuristics import IntArray, Network, best_schedule, earliest_starts

__all__ = ["RcpspInstance", "RcpspResult", "Status", "parse_psplib", "solve_rcpsp"]


class Status(enum.Enum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    TIMED_OUT = "timed_out"


class InvalidInstanceError(ValueError):
    """A PSPLIB text that does not follow the format."""


@dataclass(frozen=True)
class RcpspInstance:
    """Jobs 0..n-1 (PSPLIB's 1-based ids minus one), dummies included."""

    name: str
    durations: tuple[int, ...]
    demands: tuple[tuple[int, ...], ...]
    capacities: tuple[int, ...]
    successors: tuple[tuple[int, ...], ...]

    def network(self) -> Network:
        return Network(
            durations=np.asarray(self.durations, dtype=np.int64),
            demands=np.asarray(self.demands, dtype=np.int64).reshape(
                len(self.durations), len(self.capacities)
            ),
            capacities=np.asarray(self.capacities, dtype=np.int64),
            successors=self.successors,
        )


@dataclass(frozen=True)
class RcpspResult:
    status: Status
    makespan: int | None
    lower_bound: int
    starts: tuple[int, ...]
    seconds: float


def parse_psplib(text: str, *, name: str = "") -> RcpspInstance:
    """Read the Patterson-style text: ``jobs resources``, capacities, one line per job."""
    lines = [line.split() for line in text.splitlines() if line.strip()]
    try:
        jobs, resources = int(lines[0][0]), int(lines[0][1])
        capacities = tuple(int(v) for v in lines[1][:resources])
        durations: list[int] = []
        demands: list[tuple[int, ...]] = []
        successors: list[tuple[int, ...]] = []
        for row in lines[2 : 2 + jobs]:
            values = [int(v) for v in row]
            durations.append(values[0])
            demands.append(tuple(values[1 : 1 + resources]))
            count = values[1 + resources]
            successors.append(tuple(s - 1 for s in values[2 + resources : 2 + resources + count]))
    except (IndexError, ValueError) as error:
        raise InvalidInstanceError(f"not a PSPLIB instance: {error}") from error
    if len(durations) != jobs or len(capacities) != resources:
        raise InvalidInstanceError(f"expected {jobs} jobs and {resources} capacities")
    if any(d < 0 for d in durations) or any(not 0 <= s < jobs for succ in successors for s in succ):
        raise InvalidInstanceError("negative duration or successor out of range")
    return RcpspInstance(name, tuple(durations), tuple(demands), capacities, tuple(successors))


def lower_bound(network: Network) -> int:
    """Max of the critical path and, per resource, the total work over the capacity."""
    bound = int((earliest_starts(network) + network.durations).max(initial=0))
    work = (network.durations[:, None] * network.demands).sum(axis=0)
    for k, capacity in enumerate(network.capacities):
        if capacity > 0:
            bound = max(bound, -(-int(work[k]) // int(capacity)))
    return bound


# Share of the time limit for the full model before neighbourhood search takes over.
_FIRST_SHARE = 0.1


class _Model:
    """The CP-SAT model: one interval per job, a cumulative per resource, precedences."""

    def __init__(self, network: Network, *, horizon: int) -> None:
        self.network = network
        self.model = cp_model.CpModel()
        head = earliest_starts(network)
        tail = earliest_starts(network.reversed())
        n = network.size
        self.starts = [
            self.model.new_int_var(int(head[i]), horizon - int(tail[i]) - int(network.durations[i]), f"s{i}")
            for i in range(n)
        ]
        self.intervals = [
            self.model.new_fixed_size_interval_var(self.starts[i], int(network.durations[i]), f"x{i}")
            for i in range(n)
        ]
        for i, succ in enumerate(network.successors):
            for j in succ:
                self.model.add(self.starts[j] >= self.starts[i] + int(network.durations[i]))
        for k, capacity in enumerate(network.capacities):
            users = [i for i in range(n) if network.demands[i, k] > 0 and network.durations[i] > 0]
            if users:
                self.model.add_cumulative(
                    [self.intervals[i] for i in users],
                    [int(network.demands[i, k]) for i in users],
                    int(capacity),
                )
        self.makespan = self.model.new_int_var(0, horizon, "makespan")
        for i in range(n):
            self.model.add(self.makespan >= self.starts[i] + int(network.durations[i]))
        self.model.minimize(self.makespan)

    def hint(self, starts: IntArray) -> None:
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for var, value in zip(self.starts, starts, strict=True):
            self.model.add_hint(var, int(value))
        self.model.add_hint(self.makespan, int((starts + self.network.durations).max()))


def _solver(*, seconds: float, seed: int, presolve: bool = True) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    if not presolve:
        solver.parameters.cp_model_presolve = False
    return solver


def solve_rcpsp(instance: RcpspInstance, *, time_limit: float, seed: int = 0) -> RcpspResult:
    """Minimise the makespan within ``time_limit`` seconds on one thread."""
    clock = time.perf_counter()
    network = instance.network()
    bound = lower_bound(network)
    incumbent = best_schedule(network, seed=seed, time_budget_s=0.05 * time_limit)
    if _makespan(incumbent, network) <= bound:
        return _result(Status.OPTIMAL, incumbent, network, bound, clock)
    built = _Model(network, horizon=_makespan(incumbent, network))
    built.hint(incumbent)
    built.model.add(built.makespan >= bound)
    solver = _solver(seconds=_FIRST_SHARE * time_limit, seed=seed)
    code = solver.solve(built.model)
    if code == cp_model.INFEASIBLE:
        # The horizon is the heuristic's makespan, so nothing shorter exists.
        return _result(Status.OPTIMAL, incumbent, network, _makespan(incumbent, network), clock)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        incumbent = _better(incumbent, _values(solver, built), network)
    bound = max(bound, int(solver.best_objective_bound))
    if code != cp_model.OPTIMAL and _makespan(incumbent, network) > bound:
        incumbent = _neighbourhood_search(
            built, incumbent, bound=bound, seed=seed, deadline=clock + time_limit
        )
    status = Status.OPTIMAL if _makespan(incumbent, network) <= bound else Status.FEASIBLE
    if status is Status.OPTIMAL:
        bound = _makespan(incumbent, network)
    return _result(status, incumbent, network, bound, clock)


def _makespan(starts: IntArray, network: Network) -> int:
    return int((starts + network.durations).max(initial=0))


def _values(solver: cp_model.CpSolver, built: _Model) -> IntArray:
    return np.asarray([solver.value(v) for v in built.starts], dtype=np.int64)


def _better(incumbent: IntArray, found: IntArray, network: Network) -> IntArray:
    return found if _makespan(found, network) <= _makespan(incumbent, network) else incumbent


def _neighbourhood_search(
    built: _Model, incumbent: IntArray, *, bound: int, seed: int, deadline: float
) -> IntArray:
    """Free a few activities at a time, keep the incumbent's resource order for the others, re-solve.

    Neighbourhoods alternate between a time window and a random subset; their size grows when CP-SAT
    closes them quickly without improving and shrinks when it runs out of time.
    """
    network = built.network
    n = network.size
    shares = (network.demands @ network.demands.T) > 0
    rng = np.random.default_rng(seed)
    size = max(4, min(n, n // 3))
    best = _makespan(incumbent, network)
    step = 0
    while time.perf_counter() < deadline - 0.01 and best > bound:
        step += 1
        remaining = deadline - time.perf_counter()
        freed = _pick_neighbourhood(incumbent, network, size=size, rng=rng, by_window=step % 2 == 0)
        model = built.model.clone()
        starts = incumbent
        ends = incumbent + network.durations
        kept = ~freed
        ordered = (ends[:, None] <= starts[None, :]) & shares & kept[:, None] & kept[None, :]
        for i, j in zip(*np.nonzero(ordered), strict=True):
            model.add(built.starts[int(j)] >= built.starts[int(i)] + int(network.durations[int(i)]))
        model.add(built.makespan <= best)
        model.clear_hints()  # type: ignore[no-untyped-call]
        for var, value in zip(built.starts, incumbent, strict=True):
            model.add_hint(var, int(value))
        solver = _solver(seconds=min(remaining, 0.01 + 0.001 * n), seed=seed + step, presolve=False)
        import os

        for kv in os.environ.get("LNSPARAMS", "").split(","):
            if kv:
                k, v = kv.split("=")
                setattr(solver.parameters, k, int(v) if v.isdigit() else v == "True")
        code = solver.solve(model)
        import os

        if os.environ.get("LNSDEBUG"):
            print(step, size, solver.status_name(code), round(solver.wall_time, 3), best)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = _values(solver, built)
            improved = _makespan(found, network) < best
            best = min(best, _makespan(found, network))
            incumbent = found
            if code == cp_model.OPTIMAL and not improved:
                size = min(n, size + 1 + size // 5)
            elif code != cp_model.OPTIMAL:
                size = max(4, size - 1 - size // 10)
        else:
            size = max(4, size - 1 - size // 10)
    return incumbent


def _pick_neighbourhood(
    starts: IntArray, network: Network, *, size: int, rng: np.random.Generator, by_window: bool
) -> np.ndarray:
    n = network.size
    if by_window:
        order = np.argsort(starts, kind="stable")
        first = int(rng.integers(0, max(1, n - size + 1)))
        chosen = order[first : first + size]
    else:
        chosen = rng.choice(n, size=min(size, n), replace=False)
    freed = np.zeros(n, dtype=bool)
    freed[chosen] = True
    return freed


def _result(status: Status, starts: IntArray, network: Network, bound: int, clock: float) -> RcpspResult:
    return RcpspResult(
        status=status,
        makespan=int((starts + network.durations).max()),
        lower_bound=bound,
        starts=tuple(int(s) for s in starts),
        seconds=time.perf_counter() - clock,
    )
