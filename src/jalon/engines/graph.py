"""The one dependency-cycle check: whether one item already follows another through a dependency graph.

Adding "B after A" closes a cycle exactly when A already follows B. The planning services (a dependency
added on a page), the roadmap file reader and the CSV import all ask this question of the same function.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
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
