"""The plain resource-constrained project scheduling problem (RCPSP) and its PSPLIB reader.

This is how Jalon's scheduler is measured against the literature. The solve runs in two steps under one
time limit, on one thread: a genetic search over activity lists with forward-backward improvement
(``scheduling_genetic``; from 10 % of the time on 30 activities to half of it from 120), then CP-SAT on
the full model (intervals, one cumulative per resource, precedences, domains tightened by heads and
tails, horizon = the genetic search's makespan) with that schedule as its hint, until it proves the
optimum or the time runs out. Either step stops early on reaching the critical-path/energy lower bound.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from jalon.engines.number_file import FileCode, NumberFileError, last_line, whole
from jalon.engines.scheduling_genetic import evolve
from jalon.engines.scheduling_heuristics import IntArray, Network, earliest_starts
from jalon.engines.status import Status

__all__ = ["RcpspInstance", "RcpspResult", "Status", "parse_psplib", "solve_rcpsp"]


class InvalidInstanceError(NumberFileError):
    """A PSPLIB text that does not follow the format: a code and the line at fault."""


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
    """Read the Patterson-style text: ``jobs resources``, capacities, one line per job (its duration, its
    demands, the count of its successors and their 1-based ids). Lines after the last job are ignored."""
    rows = [(n, line.split()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]

    def numbers(k: int, needed: int) -> list[int]:
        if k >= len(rows):
            raise InvalidInstanceError(FileCode.ENDS_EARLY, last_line(text))
        line, tokens = rows[k]
        if len(tokens) < needed:
            raise InvalidInstanceError(FileCode.SHORT_LINE, line)
        return [whole(token, line, InvalidInstanceError) for token in tokens]

    jobs, resources = numbers(0, 2)[:2]
    if jobs < 1:
        raise InvalidInstanceError(FileCode.EMPTY, rows[0][0])
    capacities = tuple(numbers(1, resources)[:resources])
    durations: list[int] = []
    demands: list[tuple[int, ...]] = []
    successors: list[tuple[int, ...]] = []
    for k in range(2, 2 + jobs):
        values = numbers(k, 2 + resources)
        count = values[1 + resources]
        ids = values[2 + resources : 2 + resources + count]
        if len(ids) < count:
            raise InvalidInstanceError(FileCode.SHORT_LINE, rows[k][0])
        if any(not 1 <= s <= jobs for s in ids):
            raise InvalidInstanceError(
                FileCode.OUT_OF_RANGE, rows[k][0], str(next(s for s in ids if not 1 <= s <= jobs))
            )
        durations.append(values[0])
        demands.append(tuple(values[1 : 1 + resources]))
        successors.append(tuple(s - 1 for s in ids))
    return RcpspInstance(name, tuple(durations), tuple(demands), capacities, tuple(successors))


def lower_bound(network: Network) -> int:
    """Max of the critical path and, per resource, the total work over the capacity."""
    bound = int((earliest_starts(network) + network.durations).max(initial=0))
    work = (network.durations[:, None] * network.demands).sum(axis=0)
    for k, capacity in enumerate(network.capacities):
        if capacity > 0:
            bound = max(bound, -(-int(work[k]) // int(capacity)))
    return bound


def genetic_share(size: int) -> float:
    """Share of the time limit for the genetic search before CP-SAT takes over.

    Small networks are CP-SAT's strength (it often proves the optimum within the second); on larger ones
    the genetic search finds much better schedules than CP-SAT's own search in the same time, and CP-SAT
    then polishes its best. 10 % at 32 activities, rising linearly to half at 122. The measured figures
    are flat around these points (J30 between 10 % and 40 %, J120 between 30 % and 70 %).
    """
    return float(np.clip(0.1 + 0.4 * (size - 32) / 90, 0.1, 0.5))


class _Model:
    """The CP-SAT model: one interval per job, a cumulative per resource, precedences.

    Start domains are tightened by heads and tails (critical-path distances from the source and to the
    sink) under the horizon, which is the incumbent's makespan: CP-SAT only searches schedules at least
    as short as the one it is given.
    """

    def __init__(self, network: Network, *, horizon: int, bound: int) -> None:
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
        self.makespan = self.model.new_int_var(bound, horizon, "makespan")
        for i in range(n):
            self.model.add(self.makespan >= self.starts[i] + int(network.durations[i]))
        self.model.minimize(self.makespan)

    def hint(self, starts: IntArray) -> None:
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for var, value in zip(self.starts, starts, strict=True):
            self.model.add_hint(var, int(value))
        self.model.add_hint(self.makespan, int((starts + self.network.durations).max()))


def solver(*, seconds: float, seed: int, deterministic: bool = False) -> cp_model.CpSolver:
    """CP-SAT on one thread, seeded, without the LP relaxation.

    ``linearization_level = 0`` keeps only the constraint propagation (no linear relaxation of the
    precedences and cumulatives): on PSPLIB J30 the search then visits far more nodes per second and
    finds the optimum of 55 of the 60 hardest instances in one second, against 49 with the default.
    ``deterministic`` counts ``seconds`` in CP-SAT's deterministic time (work done, about a second of an
    unloaded core each) instead of the wall clock, so that a busy machine gets the same answer, later.
    """
    engine = cp_model.CpSolver()
    engine.parameters.num_workers = 1
    engine.parameters.random_seed = seed
    engine.parameters.linearization_level = 0
    if deterministic:
        engine.parameters.max_deterministic_time = max(seconds, 0.01)
    else:
        engine.parameters.max_time_in_seconds = max(seconds, 0.01)
    return engine


def solve_rcpsp(
    instance: RcpspInstance, *, time_limit: float, seed: int = 0, deterministic: bool = False
) -> RcpspResult:
    """Minimise the makespan within ``time_limit`` seconds on one thread.

    Every random choice is drawn from ``seed`` and the genetic search's length from the time limit. By
    default both searches are also cut by the wall clock, so a busy machine may end on another schedule.
    ``deterministic=True`` takes the wall clock out: the genetic search runs all its generations and
    CP-SAT counts ``time_limit`` in deterministic time, so the same seed gives the same schedule on any
    machine, at any load (and may take longer than ``time_limit`` on a busy one).
    """
    clock = time.perf_counter()
    network = instance.network()
    if np.any(network.demands > network.capacities[None, :]):
        return RcpspResult(Status.INFEASIBLE, None, 0, (), time.perf_counter() - clock)
    bound = lower_bound(network)
    incumbent = evolve(
        network,
        seed=seed,
        time_budget_s=genetic_share(network.size) * time_limit,
        lower_bound=bound,
        time_cap_s=float("inf") if deterministic else 0.9 * time_limit,
    )
    if _makespan(incumbent, network) <= bound:
        return _result(Status.OPTIMAL, incumbent, network, bound, clock)
    built = _Model(network, horizon=_makespan(incumbent, network), bound=bound)
    built.hint(incumbent)
    remaining = time_limit * (1 - genetic_share(network.size)) if deterministic else None
    engine = solver(
        seconds=remaining if remaining is not None else time_limit - (time.perf_counter() - clock),
        seed=seed,
        deterministic=deterministic,
    )
    code = engine.solve(built.model)
    if code == cp_model.INFEASIBLE:
        # The horizon is the incumbent's makespan, so nothing shorter exists.
        return _result(Status.OPTIMAL, incumbent, network, _makespan(incumbent, network), clock)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        incumbent = _better(incumbent, _values(engine, built), network)
    bound = max(bound, int(engine.best_objective_bound))
    status = Status.OPTIMAL if _makespan(incumbent, network) <= bound else Status.FEASIBLE
    if status is Status.OPTIMAL:
        bound = _makespan(incumbent, network)
    return _result(status, incumbent, network, bound, clock)


def _makespan(starts: IntArray, network: Network) -> int:
    return int((starts + network.durations).max(initial=0))


def _values(engine: cp_model.CpSolver, built: _Model) -> IntArray:
    return np.asarray([engine.value(v) for v in built.starts], dtype=np.int64)


def _better(incumbent: IntArray, found: IntArray, network: Network) -> IntArray:
    return found if _makespan(found, network) <= _makespan(incumbent, network) else incumbent


def _result(status: Status, starts: IntArray, network: Network, bound: int, clock: float) -> RcpspResult:
    return RcpspResult(
        status=status,
        makespan=int((starts + network.durations).max()),
        lower_bound=bound,
        starts=tuple(int(s) for s in starts),
        seconds=time.perf_counter() - clock,
    )
