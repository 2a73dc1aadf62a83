"""The executive view's objective lines: the status follows the forecast's odds when there are some, and
the elapsed-time rule (``objective_health``) only without them; late KPIs are flagged.

``with_odds`` wraps each line the view already computed, so the executive page changes by one call and
one template include.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy

from jalon.strategy.kpis import forecasting
from jalon.strategy.kpis.lateness import is_late
from jalon.strategy.kpis.presenting import percent
from jalon.strategy.models import KPI

STATUS_LABELS = {
    "on_track": gettext_lazy("on track"),
    "at_risk": gettext_lazy("at risk"),
    "off_track": gettext_lazy("off track"),
    "not_measured": gettext_lazy("not measured"),
}


@dataclass(frozen=True)
class ObjectiveLine:
    """An executive-view line: everything of ``health`` (by the elapsed-time rule), the odds, lateness."""

    health: Any
    odds: forecasting.ObjectiveOdds | None
    late_kpis: tuple[KPI, ...]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.health, name)

    @property
    def status(self) -> str:
        return self.odds.status if self.odds else str(self.health.status)

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def odds_text(self) -> str:
        return percent(self.odds.probability) if self.odds else "—"

    @property
    def by_odds(self) -> bool:
        return self.odds is not None


def with_odds(lines: list[Any], kpis_by_objective: dict[int, list[KPI]], today: date) -> list[ObjectiveLine]:
    """Each line (with an ``objective``) with its objective's odds and late KPIs."""
    result = []
    for line in lines:
        kpis = kpis_by_objective.get(line.objective.pk, [])
        late = tuple(kpi for kpi in kpis if is_late(kpi, today))
        result.append(ObjectiveLine(line, forecasting.objective_odds(kpis), late))
    return result
