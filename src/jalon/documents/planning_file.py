"""The planning sections of a ``jalon/1`` file: thematic groups, people and their absences, activities
with their dependencies and assignments, milestones, risks, the communication plan and quarterly reviews.

Export reads them in a fixed number of queries; import builds them in memory and writes them at once
(``jalon.documents.roadmap_write``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from jalon.planning.models import (
    Absence,
    Activity,
    Assignment,
)
from jalon.planning.queries import predecessors_in_order
from jalon.strategy.models import Roadmap


def number(value: float | Decimal | None) -> float | int | None:
    """A number as the file writes it: integers without ``.0``."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def compact(mapping: dict[str, Any], *, keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Drop empty optional values so files stay short; ``keep`` keys always stay."""
    return {k: v for k, v in mapping.items() if k in keep or v not in (None, "", [], {})}


def _without(mapping: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """Drop values equal to the file's default so files stay short (import restores the default)."""
    return {k: v for k, v in mapping.items() if k not in defaults or v != defaults[k]}


def _sorted_keys(value: Any) -> Any:
    """A review snapshot with its keys sorted, whatever order the database's JSON kept them in."""
    if isinstance(value, dict):
        return {k: _sorted_keys(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(v) for v in value]
    return value


def _activities_for_file(roadmap: Roadmap) -> Any:
    return roadmap.activities.select_related("theme", "owner", "tactic__strategy").prefetch_related(
        "objectives",
        predecessors_in_order(),
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related("person").order_by("person__position", "person__id"),
        ),
    )


def _activity(activity: Activity) -> dict[str, Any]:
    tactic = activity.tactic
    item = {
        "key": activity.key,
        "title": activity.title,
        "description": activity.description,
        "theme": activity.theme.key if activity.theme else None,
        "objectives": [o.key for o in activity.objectives.all()],
        "tactic": f"{tactic.strategy.key}/{tactic.key}" if tactic else None,
        "audience": activity.audience,
        "channel": activity.channel,
        "owner": activity.owner.key if activity.owner else None,
        "status": activity.status,
        "start": activity.start,
        "end": activity.end,
        "pinned": activity.pinned,
        "not_before": activity.not_before,
        "must_finish_by": activity.must_finish_by,
        "effort_days": number(activity.effort_days),
        "cost": number(activity.cost),
        "spent": number(activity.spent),
        "value": number(activity.value),
        "impact": activity.impact,
        "feasibility": activity.feasibility,
        "confidence": activity.confidence,
        "after": [
            _without({"activity": link.predecessor.key, "lag_days": link.lag_days}, {"lag_days": 0})
            for link in activity.predecessor_links.all()
        ],
        "assignments": [
            {"person": a.person.key, "hours_per_week": number(a.hours_per_week)}
            for a in activity.assignments.all()
        ],
    }
    defaults = {"pinned": False, "effort_days": 0, "cost": 0, "spent": 0, "value": 0}
    return compact(_without(item, defaults), keep=("key", "title", "status"))


def _absence(absence: Absence) -> dict[str, Any]:
    return compact({"start": absence.start, "end": absence.end, "note": absence.note})


def planning_document(roadmap: Roadmap) -> dict[str, Any]:
    """The planning sections of the file; empty sections are left out (older files stay unchanged)."""
    sections = {
        "themes": [
            _without(
                {
                    "key": t.key,
                    "name": t.name,
                    "colour": t.colour,
                    "budget": number(t.budget),
                    "maintenance": t.is_maintenance,
                },
                {"maintenance": False},
            )
            for t in roadmap.themes.all()
        ],
        "people": [
            compact(
                {
                    "key": p.key,
                    "name": p.name,
                    "kind": p.kind,
                    "role": p.role,
                    "capacity_hours_per_week": number(p.capacity_hours_per_week),
                    "absences": [_absence(a) for a in p.absences.all()],
                },
                keep=("key", "name", "kind", "capacity_hours_per_week"),
            )
            for p in roadmap.people.prefetch_related("absences")
        ],
        "activities": [_activity(a) for a in _activities_for_file(roadmap)],
        "milestones": [
            compact(
                {
                    "key": m.key,
                    "title": m.title,
                    "date": m.date,
                    "reached_on": m.reached_on,
                    "objectives": [o.key for o in m.objectives.all()],
                    "activities": [a.key for a in m.activities.all()],
                },
                keep=("key", "title", "date"),
            )
            for m in roadmap.milestones.prefetch_related("objectives", "activities")
        ],
        "risks": [
            compact(
                {
                    "key": r.key,
                    "title": r.title,
                    "description": r.description,
                    "probability": r.probability,
                    "impact": r.impact,
                    "owner": r.owner,
                    "contingency": r.contingency,
                    "status": r.status,
                },
                keep=("key", "title"),
            )
            for r in roadmap.risks.all()
        ],
        "communications": [
            compact(
                {
                    "key": c.key,
                    "audience": c.audience,
                    "message": c.message,
                    "channel": c.channel,
                    "frequency": c.frequency,
                    "owner": c.owner,
                    "next_date": c.next_date,
                },
                keep=("key", "audience", "message", "channel", "frequency"),
            )
            for c in roadmap.communications.all()
        ],
        "reviews": [
            compact(
                {
                    "key": r.key,
                    "title": r.title,
                    "held_on": r.held_on,
                    "decisions": r.decisions,
                    "notes": r.notes,
                    "snapshot": _sorted_keys(r.snapshot),
                },
                keep=("key", "title", "held_on"),
            )
            for r in roadmap.reviews.all()
        ],
    }
    return {name: items for name, items in sections.items() if items}
