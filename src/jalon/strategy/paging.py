"""Pages of objectives: the SMART table and the strategic dashboard show ``OBJECTIVES_PER_PAGE`` top-level
objectives a page, each with all its sub-objectives (a consultancy's 150 objectives with 300 sub-objectives
made pages of 0.5 to 1 MB that took seconds to draw), the counts said above, the links to the other pages
above and below (``strategy/_objective_pages.html``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from jalon.strategy.models import Objective

OBJECTIVES_PER_PAGE = 25
"""Top-level objectives on one page, each with all its sub-objectives."""


class InTree(Protocol):
    """A row of a page of objectives: an objective and its depth in the tree (0 for a top-level one)."""

    @property
    def objective(self) -> Objective: ...

    @property
    def depth(self) -> int: ...


R = TypeVar("R", bound=InTree)


@dataclass(frozen=True)
class TablePage(Generic[R]):
    """The rows of one page, and where they stand among all the roadmap's."""

    rows: list[R]
    number: int
    pages: int
    first: int  # the first and last top-level objectives shown, counted from 1
    last: int
    top_level: int
    total: int  # every objective, sub-objectives included


def table_page(rows: list[R], number: str | None, *, holding: str = "") -> TablePage[R]:
    """Page ``number`` (1 when it is not one), or the page holding the objective keyed ``holding``."""
    trees: list[list[R]] = []
    for row in rows:
        if row.depth == 0 or not trees:
            trees.append([row])
        else:
            trees[-1].append(row)
    pages = max(1, -(-len(trees) // OBJECTIVES_PER_PAGE))
    held = [i for i, tree in enumerate(trees) if any(row.objective.key == holding for row in tree)]
    asked = int(number) if number and number.isdigit() else 1
    chosen = min(max(held[0] // OBJECTIVES_PER_PAGE + 1 if held else asked, 1), pages)
    start = (chosen - 1) * OBJECTIVES_PER_PAGE
    shown = trees[start : start + OBJECTIVES_PER_PAGE]
    flat = [row for tree in shown for row in tree]
    return TablePage(flat, chosen, pages, start + 1, start + len(shown), len(trees), len(rows))
