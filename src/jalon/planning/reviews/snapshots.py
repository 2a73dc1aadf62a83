"""Quarterly reviews: freeze a snapshot of the roadmap, and say what changed between two snapshots.

A snapshot is plain JSON so that it survives any later change of the models: objectives (target, deadline,
latest KPI value, odds of the day), KPIs (latest value, odds of the day), activities (status, dates, cost),
the budget per thematic group and milestones (with the missed flag), each as of the day the review was held.
``diff`` compares two snapshots item by item (matched on their keys) and is pure: it reads dictionaries and
returns dataclasses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from jalon.planning.registers.budget import budget_summary
from jalon.strategy import queries as strategy_queries
from jalon.strategy.kpis import forecasting
from jalon.strategy.kpis.targets import tracked
from jalon.strategy.models import KPI, KPIDirection, Measurement, Objective, Roadmap

SNAPSHOT_FORMAT = 1
Snapshot = dict[str, Any]

# What the diff compares in each part of a snapshot, in the order it reports the changes.
SECTIONS: dict[str, tuple[str, ...]] = {
    "objectives": ("title", "target", "target_low", "target_high", "deadline", "value", "odds"),
    "kpis": ("name", "target", "target_low", "target_high", "value", "odds"),
    "activities": ("title", "theme", "status", "start", "end", "cost", "spent"),
    "budget": ("planned", "committed", "spent", "over_budget"),
    "milestones": ("title", "date", "reached_on", "missed"),
}
TOTAL_KEY = "*total*"  # the budget's total line, beside one line per thematic group
UNTHEMED_KEY = "*unthemed*"  # activities outside any thematic group


# Snapshot -----------------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _money(amount: Any) -> float:
    return round(float(amount), 2)


def _latest(kpi: KPI, as_of: date) -> Measurement | None:
    """The KPI's last measurement on or before ``as_of`` (measurements are prefetched by date)."""
    known = [m for m in kpi.measurements.all() if m.date <= as_of]
    return known[-1] if known else None


def _odds(probability: float | None) -> float | None:
    return round(probability, 3) if probability is not None else None


def _kpis(roadmap: Roadmap, as_of: date) -> tuple[list[dict[str, Any]], dict[int, list[KPI]], dict[int, Any]]:
    """KPI rows (with the odds of the day), each objective's KPIs and each objective's odds."""
    rows: list[dict[str, Any]] = []
    forecasts: dict[int, Any] = {}
    by_objective: dict[int, list[KPI]] = {}
    for kpi in strategy_queries.kpis_with_measurements(roadmap):
        latest = _latest(kpi, as_of)
        result = forecasting.kpi_forecast(kpi, as_of=as_of)
        forecasts[kpi.pk] = result
        row = {
            "key": kpi.key, "name": kpi.name, "unit": kpi.unit, "target": kpi.target,
            "value": latest.value if latest else None, "measured_on": _iso(latest.date if latest else None),
            "odds": _odds(result.probability if result else None),
        }  # fmt: skip
        if kpi.direction == KPIDirection.BAND:  # no single target: the band it must stay in
            row |= {"target_low": kpi.target_low, "target_high": kpi.target_high}
        by_objective.setdefault(kpi.objective_id or 0, []).append(kpi)
        rows.append(row)
    odds = {
        key: forecasting.objective_odds(kpis, as_of=as_of, forecasts=forecasts)
        for key, kpis in by_objective.items()
    }
    return rows, by_objective, odds


def _objective(objective: Objective, kpis: list[KPI], odds: Any, as_of: date) -> dict[str, Any]:
    """An objective as the executive view reads it that day: the latest value of the KPI it is tracked by,
    against that KPI's target (or band) in that KPI's unit; its own target and unit while none is."""
    row: dict[str, Any] = {
        "key": objective.key, "title": objective.title, "unit": objective.unit,
        "baseline": objective.baseline, "target": objective.target, "deadline": _iso(objective.deadline),
        "kpi": None, "value": None, "measured_on": None,
        "odds": _odds(odds.probability if odds else None),
    }  # fmt: skip
    found = tracked(objective, kpis, as_of=as_of)
    if found is not None:
        kpi, aim, measurements = found
        latest = measurements[-1]
        row |= {"kpi": kpi.key, "unit": kpi.unit, "value": latest.value, "measured_on": _iso(latest.date)}
        if isinstance(aim, tuple):  # a band KPI: the band is the objective's target
            row |= {"target": None, "target_low": aim[0], "target_high": aim[1]}
        else:
            row["target"] = aim
    return row


def _budget(roadmap: Roadmap) -> dict[str, Any]:
    summary = budget_summary(roadmap)
    themes = [
        {
            "key": line.theme.key if line.theme else UNTHEMED_KEY,
            "name": line.theme.name if line.theme else "",
            "maintenance": bool(line.theme and line.theme.is_maintenance),
            "planned": _money(line.planned),
            "committed": _money(line.committed),
            "spent": _money(line.spent),
            "over_budget": line.over_budget,
        }
        for line in summary.lines
    ]
    return {
        "themes": themes,
        "planned": _money(summary.planned),
        "committed": _money(summary.committed),
        "spent": _money(summary.spent),
        "over_budget": summary.over_budget,
        "maintenance_share": round(summary.maintenance_share, 4),
    }


def take_snapshot(roadmap: Roadmap, *, as_of: date) -> Snapshot:
    """The roadmap as it stands, values as of ``as_of``, in a fixed number of queries (seven)."""
    kpis, by_objective, odds = _kpis(roadmap, as_of)
    objectives = [
        _objective(objective, by_objective.get(objective.pk, []), odds.get(objective.pk), as_of)
        for objective in roadmap.objectives.all()
    ]
    activities = [
        {
            "key": a.key,
            "title": a.title,
            "theme": a.theme.name if a.theme else "",
            "status": a.status,
            "start": _iso(a.start),
            "end": _iso(a.end),
            "cost": _money(a.cost),
            "spent": _money(a.spent),
        }
        for a in roadmap.activities.select_related("theme")
    ]
    milestones = [
        {
            "key": m.key,
            "title": m.title,
            "date": _iso(m.date),
            "reached_on": _iso(m.reached_on),
            "missed": m.is_missed(as_of),
        }
        for m in roadmap.milestones.all()
    ]
    return {
        "format": SNAPSHOT_FORMAT,
        "as_of": as_of.isoformat(),
        "currency": roadmap.currency,
        "objectives": objectives,
        "kpis": kpis,
        "activities": activities,
        "budget": _budget(roadmap),
        "milestones": milestones,
    }


# Diff ---------------------------------------------------------------------------------------------

Kind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ItemChange:
    """One objective, KPI, activity, budget line or milestone that appeared, disappeared or changed."""

    section: str
    key: str
    label: str
    kind: Kind
    fields: tuple[FieldChange, ...] = ()
    item: Mapping[str, Any] | None = None  # the item as it is now (as it was, when removed)
    previous: Mapping[str, Any] | None = None  # the item as it was, when changed (its unit may differ)


def _items(snapshot: Mapping[str, Any], section: str) -> dict[str, Mapping[str, Any]]:
    if section == "budget":
        budget = snapshot.get("budget") or {}
        lines = {line["key"]: line for line in budget.get("themes", [])}
        if budget:
            lines[TOTAL_KEY] = {
                "key": TOTAL_KEY,
                "name": "",
                **{f: budget.get(f) for f in SECTIONS["budget"]},
            }
        return lines
    return {item["key"]: item for item in snapshot.get(section, [])}


def _label(item: Mapping[str, Any]) -> str:
    return str(item.get("title") or item.get("name") or "")


def diff(previous: Mapping[str, Any], current: Mapping[str, Any]) -> list[ItemChange]:
    """What changed from ``previous`` to ``current``: per section, items added, removed, then changed
    (each with its fields' before and after), in the order the current snapshot lists them."""
    changes: list[ItemChange] = []
    for section, fields in SECTIONS.items():
        before, after = _items(previous, section), _items(current, section)
        for key, item in after.items():
            if key not in before:
                changes.append(ItemChange(section, key, _label(item), "added", item=item))
        for key, item in before.items():
            if key not in after:
                changes.append(ItemChange(section, key, _label(item), "removed", item=item))
        for key, item in after.items():
            old = before.get(key)
            if old is None:
                continue
            moved = tuple(
                FieldChange(name, old.get(name), item.get(name))
                for name in fields
                if old.get(name) != item.get(name)
            )
            if moved:
                changes.append(
                    ItemChange(section, key, _label(item), "changed", moved, item=item, previous=old)
                )
    return changes


def by_section(changes: Sequence[ItemChange]) -> dict[str, list[ItemChange]]:
    grouped: dict[str, list[ItemChange]] = {section: [] for section in SECTIONS}
    for change in changes:
        grouped[change.section].append(change)
    return {section: items for section, items in grouped.items() if items}
