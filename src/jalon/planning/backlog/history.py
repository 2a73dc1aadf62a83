"""An activity's history as people read it: its latest changes in the roadmap's change-log words
(``jalon.history.wording``: each field's label, dates, numbers and money the local way, titles rather than
keys), on the activity's page."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from jalon.history import journal
from jalon.history.models import Change
from jalon.history.wording import lag_words
from jalon.planning.models import Activity

__all__ = ["HISTORY_LIMIT", "activity_history", "lag_words"]

HISTORY_LIMIT = 20


def activity_history(activity: Activity) -> list[dict[str, Any]]:
    """The latest changes, each field as (label, before, after) as people read them; the creation last."""
    changes = list(
        Change.objects.filter(content_type=ContentType.objects.get_for_model(Activity), object_id=activity.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:HISTORY_LIMIT]
    )
    entries = []
    created = None
    for entry in journal.entries(activity.roadmap, changes, links=False):
        if entry.event == "created":
            created = entry  # the oldest creation, as changes come newest first
        elif entry.lines:  # saving the same values again leaves an empty record: nothing to show
            fields = [(line.label, line.before.text, line.after.text) for line in entry.lines]
            entries.append({"change": entry.change, "who": entry.who, "fields": fields})
    if created is not None:
        entries.append({"change": created.change, "who": created.who, "fields": []})
    return entries
