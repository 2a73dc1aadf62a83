"""The activity network and priority-rule building blocks for resource-constrained scheduling (numpy).

``Network`` holds durations, demands, capacities and successors; ``earliest_starts`` and
``latest_finishes`` are the critical-path heads and deadlines; ``serial_sgs`` turns one precedence-feasible
activity list into a schedule (each activity, in list order, at its earliest resource-feasible start);
``biased_list`` draws a list around a priority rule. The solver's own search decodes whole populations
at once (``scheduling_genetic``); the one-list decoder here is the reference it is tested against and the
bench's sampling baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from jalon.engines import graph

IntArray = NDArray[np.int64]

__all__ = ["Network", "biased_list", "earliest_starts", "latest_finishes", "serial_sgs", "topological_order"]


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
    order = graph.topological_order(network.successors)
    if order is None:
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
