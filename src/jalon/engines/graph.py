"""The one dependency-cycle check: whether one item already follows another through a dependency graph.

Adding "B after A" closes a cycle exactly when A already follows B. The planning services (a dependency
added on a page), the roadmap file reader and the CSV import all ask this question of the same function.
``topological_order`` puts a whole graph in order, for the schedulers' serial passes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def reaches(successors: Mapping[Node, Iterable[Node]], start: Node, goal: Node) -> bool:
    """Whether ``goal`` follows ``start`` through ``successors`` (each node's direct successors)."""
    seen, todo = {start}, [start]
    while todo:
        for following in successors.get(todo.pop(), ()):
            if following == goal:
                return True
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return False


def topological_order(successors: Sequence[Iterable[int]]) -> list[int] | None:
    """Nodes ``0..n-1`` (``successors[i]``: node ``i``'s direct successors) in an order where each comes after
    all its predecessors; None when they form a cycle."""
    indegree = [0] * len(successors)
    for following in successors:
        for j in following:
            indegree[j] += 1
    ready = [i for i, count in enumerate(indegree) if count == 0]
    order: list[int] = []
    while ready:
        i = ready.pop()
        order.append(i)
        for j in successors[i]:
            indegree[j] -= 1
            if indegree[j] == 0:
                ready.append(j)
    return order if len(order) == len(successors) else None
