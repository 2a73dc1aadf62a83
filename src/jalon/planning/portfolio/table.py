"""The portfolio page's table of activities to choose from, fast at 1,000 activities.

The page's first view needs neither the people, the assignments nor the objectives that a run reads:
``outline`` loads only what the rules form and the table show, as plain values (two queries). The rows
are written in Python and memoised on everything they show (like the backlog's, ``backlog_table``), so a
page viewed again writes only the rows that changed; ``jalon.bulk`` then puts the block into the page
without the template engine copying it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from jalon.engines.memo import Memo
from jalon.planning import queries
from jalon.planning.backlog.table import Cells
from jalon.planning.models import Dependency, Theme
from jalon.planning.portfolio.problem import CANDIDATE_STATUSES, funded_regardless
from jalon.strategy.models import Roadmap


class Candidate(NamedTuple):
    """One activity to choose from, as the table shows it."""

    key: str
    title: str
    status: str
    pinned: bool
    cost: Decimal
    value: float
    theme: str | None


@dataclass(frozen=True)
class Outline:
    """What the portfolio page's first view shows of a plan: the thematic groups, the candidates and
    those always funded. Enough for an unbound ``PortfolioForm``; a run needs the full ``Plan``."""

    roadmap: Roadmap
    themes: list[Theme]
    candidates: list[Candidate]
    locked: dict[str, tuple[str, str]]

    @property
    def default_budget_eur(self) -> float:
        return float(sum((theme.budget for theme in self.themes), Decimal(0)))


def outline(roadmap: Roadmap) -> Outline:
    """The outline of ``roadmap``'s plan in three queries, whatever its size."""
    values = (
        roadmap.activities.filter(status__in=CANDIDATE_STATUSES)
        .exclude(theme__is_maintenance=True)
        .values_list("id", "key", "title", "status", "pinned", "cost", "value", "theme__name")
    )
    keys: dict[int, str] = {}
    candidates = []
    for activity_id, *shown in values:
        candidate = Candidate(*shown)
        keys[activity_id] = candidate.key
        candidates.append(candidate)
    predecessors: dict[str, list[str]] = {}
    links = Dependency.objects.filter(successor__roadmap=roadmap).values_list(
        "successor_id", "predecessor_id"
    )
    for successor, predecessor in links:
        if successor in keys and predecessor in keys:
            predecessors.setdefault(keys[successor], []).append(keys[predecessor])
    return Outline(
        roadmap, list(queries.themes_of(roadmap)), candidates, funded_regardless(candidates, predecessors)
    )


def candidate_of(activity: Any) -> Candidate:
    """A candidate of a full ``Plan`` (an Activity), as the table shows it."""
    theme = activity.theme.name if activity.theme is not None else None
    return Candidate(activity.key, activity.title, activity.status, activity.pinned, activity.cost,
                     activity.value, theme)  # fmt: skip


ROW_CACHE_SIZE = 8192


@lru_cache(maxsize=64)
def _writer(currency: str, language: str) -> Rows:
    """One writer per currency and language, kept between requests so that its rows serve the next view."""
    return Rows(Cells.for_amounts(currency))


def rows_html(
    roadmap: Roadmap,
    candidates: list[Candidate],
    locked: dict[str, tuple[str, str]],
    *,
    must_do: set[str],
    must_not: set[str],
    at_fault: Collection[tuple[str, str]] = (),
) -> SafeString:
    """The table's rows: each candidate with its status, group, cost and value, and either why it is
    always funded or its must-do and ruled-out boxes (ticked as the form has them; those ``at_fault``,
    (field, key), marked invalid and naming the columns' error, ``CHOICE_ERROR``)."""
    writer = _writer(roadmap.currency, get_language() or "")
    return mark_safe(
        "".join(
            writer.html(
                c,
                locked.get(c.key, ("", "")),
                c.key in must_do,
                c.key in must_not,
                ("must_do", c.key) in at_fault,
                ("must_not", c.key) in at_fault,
            )
            for c in candidates
        )
    )


CHOICE_ERROR = "portfolio-choice-error"  # the id of the must-do and ruled-out columns' error


class Rows:
    def __init__(self, cells: Cells) -> None:
        self.cells = cells
        self.written: Memo[tuple[Any, ...], str] = Memo(ROW_CACHE_SIZE)
        self.in_progress = escape(gettext("In progress: always funded"))
        self.pinned = escape(gettext("Pinned: always funded"))

    def html(
        self,
        row: Candidate,
        lock: tuple[str, str],
        must_do: bool,
        must_not: bool,
        must_do_wrong: bool = False,
        must_not_wrong: bool = False,
    ) -> str:
        memo = (row, lock, must_do, must_not, must_do_wrong, must_not_wrong)
        text = self.written.get(memo)
        if text is None:
            text = self.written.remember(memo, self._write(*memo))
        return text

    def _why(self, lock: tuple[str, str]) -> str:
        reason, other = lock
        if reason == "in_progress":
            return self.in_progress
        if reason == "needed":
            return escape(gettext("Needed by “%(other)s”, in progress: always funded") % {"other": other})
        return self.pinned

    def _write(
        self,
        row: Candidate,
        lock: tuple[str, str],
        must_do: bool,
        must_not: bool,
        must_do_wrong: bool,
        must_not_wrong: bool,
    ) -> str:
        key, title = escape(row.key), escape(row.title)
        status = self.cells.statuses.get(row.status, "")  # as its label says it (docs/documents.md)
        cells = (
            f'<tr id="candidate-{key}"><th scope="row">{title}</th>'
            f'<td><span class="status status-{escape(row.status)}">{status}</span></td>'
            f'<td class="free-text">{escape(row.theme) if row.theme else "—"}</td>'
            f'<td class="numbers">{self.cells.amount(row.cost)}</td>'
            f'<td class="numbers">{self.cells.amount(row.value)}</td>'
        )
        if lock[0]:
            return cells + f'<td colspan="2" class="muted">{self._why(lock)}</td></tr>'
        boxes = []
        for name, box_id, checked, wrong, label in (
            ("must_do", "must-do", must_do, must_do_wrong, gettext("Must-do: %(title)s")),
            ("must_not", "must-not", must_not, must_not_wrong, gettext("Rule out: %(title)s")),
        ):
            invalid = f' aria-invalid="true" aria-describedby="{CHOICE_ERROR}"' if wrong else ""
            boxes.append(
                f'<td><input type="checkbox" name="{name}" value="{key}" id="{box_id}-{key}"'
                f"{' checked' if checked else ''}{invalid}>"
                f'<label class="visually-hidden" for="{box_id}-{key}">'
                f"{escape(label % {'title': row.title})}</label></td>"
            )
        return cells + "".join(boxes) + "</tr>"
