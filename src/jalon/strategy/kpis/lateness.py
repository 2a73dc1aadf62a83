"""When a KPI is late: its last measurement (before any, its baseline date) is older than its frequency.
A KPI measured on or after its deadline is done: no measurement is due any more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jalon.strategy.models import KPI


@dataclass(frozen=True)
class Freshness:
    last: date | None
    due: date | None
    late: bool


def freshness(kpi: KPI, today: date) -> Freshness:
    """Uses the prefetched measurements (ordered by date) when there are some: no query per KPI."""
    measurements = list(kpi.measurements.all())
    last = measurements[-1].date if measurements else kpi.baseline_date
    if last is None:
        return Freshness(None, None, False)
    deadline = kpi.deadline
    if measurements and deadline is not None and last >= deadline:
        return Freshness(last, None, False)  # measured on its deadline: the target is judged, nothing is due
    due = kpi.due_after(last)
    return Freshness(measurements[-1].date if measurements else None, due, today > due)


def is_late(kpi: KPI, today: date) -> bool:
    return freshness(kpi, today).late
