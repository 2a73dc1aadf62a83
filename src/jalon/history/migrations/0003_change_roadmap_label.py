"""Each change names its roadmap (and what its object was called), so that a roadmap's journal finds the
changes of objects since deleted and deleting the roadmap deletes its changes.

The changes of objects that still exist are given their roadmap here; those of objects deleted before this
migration cannot be placed in a roadmap any more and stay without one (no journal shows them)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import migrations, models

import django.db.models.deletion

# (app, model, the path from the object to its roadmap's id)
ROADMAP_PATHS = (
    ("strategy", "roadmap", "id"),
    ("strategy", "objective", "roadmap_id"),
    ("strategy", "kpi", "roadmap_id"),
    ("strategy", "strategy", "roadmap_id"),
    ("strategy", "tactic", "strategy__roadmap_id"),
    ("strategy", "kpisource", "kpi__roadmap_id"),
    ("planning", "theme", "roadmap_id"),
    ("planning", "activity", "roadmap_id"),
    ("planning", "milestone", "roadmap_id"),
    ("planning", "risk", "roadmap_id"),
    ("planning", "communicationitem", "roadmap_id"),
    ("planning", "review", "roadmap_id"),
    ("framing", "framing", "roadmap_id"),
    ("framing", "qualitativeindicator", "objective__roadmap_id"),
    *(
        ("framing", name, "framing__roadmap_id")
        for name in (
            "workshop", "stakeholder", "persona", "journeystep", "lifecyclestage", "planaction", "vote",
            "prototype",
        )
    ),
)  # fmt: skip


def place_changes(apps: Any, schema_editor: Any) -> None:
    Change = apps.get_model("history", "Change")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model_name, path in ROADMAP_PATHS:
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if content_type is None:  # a new database: no change was ever recorded
            continue
        by_roadmap: dict[int, list[int]] = defaultdict(list)
        for pk, roadmap_id in apps.get_model(app_label, model_name).objects.values_list("pk", path):
            by_roadmap[roadmap_id].append(pk)
        for roadmap_id, pks in by_roadmap.items():
            for start in range(0, len(pks), 500):
                Change.objects.filter(content_type=content_type, object_id__in=pks[start : start + 500]).update(
                    roadmap_id=roadmap_id
                )


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0002_roadmap_version"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("strategy", "0007_roadmap_archived_unique_titles"),
        ("planning", "0007_keys_in_shape"),
        ("framing", "0005_ceilings_participants_indicators_thumbnails"),
    ]

    operations = [
        migrations.AddField(
            model_name="change",
            name="roadmap",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="changes",
                to="strategy.roadmap",
            ),
        ),
        migrations.AddField(
            model_name="change",
            name="label",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddIndex(
            model_name="change",
            index=models.Index(fields=["roadmap", "at"], name="change_roadmap_at"),
        ),
        migrations.RunPython(place_changes, migrations.RunPython.noop),
    ]
