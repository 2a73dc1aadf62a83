"""Priority-rule heuristics for resource-constrained scheduling (numpy).

A serial schedule-generation scheme (SGS) turns an activity list into a schedule; forward-backward
improvement (justification) shifts every activity right then left again, which often closes holes the
first pass left. Random-biased sampling around the latest-finish-time rule gives a diverse set of lists.
The best schedule found seeds CP-SAT as a hint and bounds its horizon.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]

__all__ = ["Network", "best_schedule", "biased_list", "earliest_starts", "latest_finishes", "serial_sgs"]


@dataclass(frozen=True)
class Network:
    """Activities 0..n-1 with integer durations, demands (n × K) and capacities (K)."""

    durations: IntArray
    demands: IntArray
    capacities: IntArray
    successors: tuple[tuple[int, ...], ...]

    @property
    def size(self) -> int:
        return int(self.durations.shape[0])

    def predecessors(self) -> tuple[tuple[int, ...], ...]:
        preds: list[list[int]] = [[] for _ in range(self.size)]
        for i, succ in enumerate(self.successors):
            for j in succ:
                preds[j].append(i)
        return tuple(tuple(p) for p in preds)

    def reversed(self) -> Network:
        return Network(self.durations, self.demands, self.capacities, self.predecessors())


def topological_order(network: Network) -> list[int]:
    indegree = [0] * network.size
    for succ in network.successors:
        for j in succ:
            indegree[j] += 1
    ready = [i for i in range(network.size) if indegree[i] == 0]
    order: list[int] = []
    while ready:
        i = ready.pop()
        order.append(i)
        for j in network.successors[i]:
            indegree[j] -= 1
            if indegree[j] == 0:
                ready.append(j)
    if len(order) != network.size:
        raise ValueError("the precedence graph has a cycle")
    return order


def earliest_starts(network: Network) -> IntArray:
    """Critical-path earliest starts, ignoring resources."""
    starts = np.zeros(network.size, dtype=np.int64)
    for i in topological_order(network):
        finish = starts[i] + network.durations[i]
        for j in network.successors[i]:
            starts[j] = max(starts[j], finish)
    return starts


def serial_sgs(network: Network, activity_list: Sequence[int], *, horizon: int) -> IntArray:
    """Start times from scheduling each activity, in list order, at its earliest feasible time.

    The list must be precedence-feasible (every predecessor before its successors).
    """
    n = network.size
    usage = np.zeros((horizon + 1, network.capacities.shape[0]), dtype=np.int64)
    free = network.capacities[None, :]
    starts = np.zeros(n, dtype=np.int64)
    finish = np.zeros(n, dtype=np.int64)
    preds = network.predecessors()
    for i in activity_list:
        earliest = max((int(finish[p]) for p in preds[i]), default=0)
        duration = int(network.durations[i])
        demand = network.demands[i]
        if duration == 0 or not demand.any():
            t = earliest
        else:
            blocked = np.any(usage[earliest:] + demand > free, axis=1)
            t = earliest + _first_free_window(blocked, duration)
            usage[t : t + duration] += demand
        starts[i] = t
        finish[i] = t + duration
    return starts


def _first_free_window(blocked: NDArray[np.bool_], length: int) -> int:
    """First offset where ``length`` consecutive slots are not blocked."""
    if not blocked[:length].any():
        return 0
    run = np.concatenate(([0], np.cumsum(blocked, dtype=np.int64)))
    windows = run[length:] - run[:-length]
    candidates = np.flatnonzero(windows == 0)
    if candidates.size == 0:
        return int(blocked.shape[0])
    return int(candidates[0])


def _justify(network: Network, reverse: Network, starts: IntArray, *, horizon: int) -> IntArray:
    """One forward-backward pass: right-justify by decreasing finish, then left-justify by start."""
    finish = starts + network.durations
    makespan = int(finish.max())
    back_list = sorted(range(network.size), key=lambda i: (-int(finish[i]), -int(starts[i])))
    back_starts = serial_sgs(reverse, back_list, horizon=horizon)
    back_finish = back_starts + network.durations
    right_starts = int(back_finish.max()) - back_finish
    forward_list = sorted(range(network.size), key=lambda i: (int(right_starts[i]), i))
    improved = serial_sgs(network, forward_list, horizon=horizon)
    if int((improved + network.durations).max()) <= makespan:
        return improved
    return starts


def latest_finishes(network: Network, *, horizon: int) -> IntArray:
    latest = np.full(network.size, horizon, dtype=np.int64)
    for i in reversed(topological_order(network)):
        for j in network.successors[i]:
            latest[i] = min(latest[i], latest[j] - network.durations[j])
    return latest


def biased_list(
    priorities: IntArray, network: Network, preds: Sequence[Sequence[int]], rng: np.random.Generator | None
) -> list[int]:
    """A precedence-feasible list choosing, among eligible activities, the smallest priority."""
    remaining = [len(p) for p in preds]
    eligible = [i for i in range(network.size) if remaining[i] == 0]
    order: list[int] = []
    while eligible:
        values = np.asarray([priorities[i] for i in eligible], dtype=np.float64)
        if rng is None:
            pick = int(np.argmin(values))
        else:
            # Regret-biased choice: the more an activity's priority beats the worst, the likelier.
            regret = values.max() - values + 1.0
            pick = int(rng.choice(len(eligible), p=regret / regret.sum()))
        i = eligible.pop(pick)
        order.append(i)
        for j in network.successors[i]:
            remaining[j] -= 1
            if remaining[j] == 0:
                eligible.append(j)
    return order


def best_schedule(
    network: Network, *, seed: int, time_budget_s: float, max_samples: int = 1_000_000
) -> IntArray:
    """The shortest schedule found by LFT-biased sampling with forward-backward improvement."""
    deadline = time.perf_counter() + time_budget_s
    horizon = int(network.durations.sum()) + 1
    reverse = network.reversed()
    preds = network.predecessors()
    latest = latest_finishes(network, horizon=horizon)
    rng = np.random.default_rng(seed)
    best = _justify(
        network,
        reverse,
        serial_sgs(network, biased_list(latest, network, preds, None), horizon=horizon),
        horizon=horizon,
    )
    best_makespan = int((best + network.durations).max())
    lower = int((earliest_starts(network) + network.durations).max())
    samples = 1
    while samples < max_samples and best_makespan > lower and time.perf_counter() < deadline:
        starts = serial_sgs(network, biased_list(latest, network, preds, rng), horizon=horizon)
        for _ in range(2):
            starts = _justify(network, reverse, starts, horizon=horizon)
        makespan = int((starts + network.durations).max())
        if makespan < best_makespan:
            best, best_makespan = starts, makespan
        samples += 1
    return best
