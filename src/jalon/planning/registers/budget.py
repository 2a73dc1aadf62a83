"""Planned vs committed vs spent, per thematic group and in total, with the maintenance share.

*Planned* is the theme's budget; *committed* is the cost of its activities that are planned, in progress
or done; *spent* is what its activities have actually cost so far (whatever their status). Two queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from jalon.formatting import format_share
from jalon.planning.models import COMMITTED_STATUSES, Activity, Theme
from jalon.strategy.models import Roadmap

ZERO = Decimal(0)


@dataclass(frozen=True)
class ThemeBudget:
    theme: Theme | None  # None: activities outside any thematic group
    planned: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        """What is left: planned less the larger of committed and spent. Negative exactly when the line is
        over budget (its overrun), so the page never shows money left beside « over budget »."""
        return self.planned - max(self.committed, self.spent)

    @property
    def overrun(self) -> Decimal:
        """How much over budget it is (0 within budget)."""
        return max(-self.remaining, ZERO)

    @property
    def over_budget(self) -> bool:
        return self.remaining < 0

    @property
    def committed_share(self) -> float:
        return float(self.committed / self.planned) if self.planned else 0.0


@dataclass(frozen=True)
class TotalBudget(ThemeBudget):
    """The total line: over budget whenever a thematic group is (one group's money does not pay for another's
    overspend), so the total reads the same on the budget page, the executive view and a review; its overrun
    is the groups' overruns added up, and what is left, the groups' remainders."""

    lines: tuple[ThemeBudget, ...] = ()

    @property
    def remaining(self) -> Decimal:
        overrun = sum((line.overrun for line in self.lines), ZERO)
        return -overrun if overrun else sum((line.remaining for line in self.lines), ZERO)


@dataclass(frozen=True)
class BudgetSummary:
    lines: list[ThemeBudget]  # one per theme in order, then the unthemed line when it has any cost

    @property
    def planned(self) -> Decimal:
        return sum((line.planned for line in self.lines), ZERO)

    @property
    def committed(self) -> Decimal:
        return sum((line.committed for line in self.lines), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((line.spent for line in self.lines), ZERO)

    @property
    def total(self) -> TotalBudget:
        return TotalBudget(None, self.planned, self.committed, self.spent, lines=tuple(self.lines))

    @property
    def over_budget(self) -> bool:
        return self.total.over_budget

    @property
    def maintenance(self) -> Decimal:
        return sum((line.planned for line in self.lines if line.theme and line.theme.is_maintenance), ZERO)

    @property
    def maintenance_share(self) -> float:
        """The share of the planned budget reserved for running what exists (0 to 1)."""
        return float(self.maintenance / self.planned) if self.planned else 0.0

    @property
    def has_maintenance(self) -> bool:
        return any(line.theme and line.theme.is_maintenance for line in self.lines)

    @property
    def maintenance_sentence(self) -> str:
        return maintenance_sentence(self.maintenance_share, has_maintenance=self.has_maintenance)


def maintenance_sentence(share: float, *, has_maintenance: bool) -> str:
    """The maintenance budget in one sentence, the same on every page and report: its share of the planned
    budget, or that there is none (not « 0 % », which reads as a maintenance group left empty)."""
    if not has_maintenance:
        return _("No maintenance budget: no thematic group is marked as the maintenance budget.")
    return _("Maintenance budget: {share} of the planned budget.").format(share=format_share(share))


def budget_summary(roadmap: Roadmap) -> BudgetSummary:
    sums = {
        row["theme"]: row
        for row in Activity.objects.filter(roadmap=roadmap)
        .values("theme")
        .annotate(committed=Sum("cost", filter=Q(status__in=COMMITTED_STATUSES)), spent=Sum("spent"))
    }

    def line(theme: Theme | None, planned: Decimal) -> ThemeBudget:
        row = sums.get(theme.pk if theme else None, {})
        return ThemeBudget(theme, planned, row.get("committed") or ZERO, row.get("spent") or ZERO)

    lines = [line(theme, theme.budget) for theme in Theme.objects.filter(roadmap=roadmap)]
    unthemed = line(None, ZERO)
    if unthemed.committed or unthemed.spent:
        lines.append(unthemed)
    return BudgetSummary(lines)
