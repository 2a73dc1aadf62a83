"""A roadmap's copy and a restored version are told apart from a file import (new ``Change.origin``
choices only: no stored change moves), and each kept version says where the replacement came from.

The versions kept before cannot be told apart: those with a person were replaced by an import of theirs (a
restore is one too); those without one are ``unknown`` (the command line, or a deleted account)."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

CHOICES = [
    ("web", "web"),
    ("import", "file import"),
    ("cli-import", "file import (command line)"),
    ("cli", "command line"),
    ("demo", "demo"),
    ("job", "background job"),
    ("unknown", "unknown"),
    ("copy", "copy of a roadmap"),
    ("cli-copy", "copy of a roadmap (command line)"),
    ("restore", "restored version"),
]


def by_a_person(apps: Any, schema_editor: Any) -> None:
    RoadmapVersion = apps.get_model("history", "RoadmapVersion")
    RoadmapVersion.objects.using(schema_editor.connection.alias).filter(actor__isnull=False).update(
        origin="import"
    )


class Migration(migrations.Migration):
    dependencies = [("history", "0004_change_origin")]

    operations = [
        migrations.AlterField(
            model_name="change",
            name="origin",
            field=models.CharField(
                choices=CHOICES, default="web", help_text="where the change came from", max_length=12
            ),
        ),
        migrations.AddField(
            model_name="roadmapversion",
            name="origin",
            field=models.CharField(
                choices=CHOICES, default="unknown", help_text="where the replacement came from", max_length=12
            ),
        ),
        migrations.RunPython(by_a_person, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="roadmapversion",
            name="origin",
            field=models.CharField(
                choices=CHOICES, default="import", help_text="where the replacement came from", max_length=12
            ),
        ),
    ]
