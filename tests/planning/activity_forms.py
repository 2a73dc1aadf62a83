"""The activity form as the tests fill it in."""

from __future__ import annotations

from typing import Any

from jalon.planning.models import Activity
from tests.planning.backlog import ROADMAP

ACTIVITIES = ROADMAP + "activities/"
BRIEF = ACTIVITIES + "brief/"


def activity(key: str) -> Activity:
    return Activity.objects.get(roadmap__slug="plan", key=key)


def form_data(item: Activity | None = None, **changes: Any) -> dict[str, Any]:
    """What the edit form posts for ``item`` (or an empty new activity), with ``changes``."""
    data: dict[str, Any] = {"title": "", "status": "idea", "effort_days": "0", "cost": "0", "spent": "0",
                            "value": "0", "version": "1"}  # fmt: skip
    if item is not None:
        data.update({
            "title": item.title, "status": item.status, "version": str(item.version),
            "theme": item.theme.pk if item.theme else "", "owner": item.owner.pk if item.owner else "",
            "start": item.start.isoformat() if item.start else "",
            "end": item.end.isoformat() if item.end else "",
            "effort_days": str(item.effort_days).replace(".", ","), "cost": str(item.cost).replace(".", ","),
            "spent": str(item.spent).replace(".", ","), "value": str(item.value).replace(".", ","),
            "impact": item.impact or "", "feasibility": item.feasibility or "",
            "confidence": item.confidence or "",
            "objectives": [o.pk for o in item.objectives.all()],
        })  # fmt: skip
    data.update(changes)
    return data
