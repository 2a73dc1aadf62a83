"""Each change keeps where it came from (the site, a file import, the command line, the demo, a background
job), so that the change log no longer calls every change without an account a deleted account's.

The changes recorded before cannot be told apart: those with a person keep being shown by their name (made
on the site), those without one are ``unknown``."""

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
]


def by_a_person(apps: Any, schema_editor: Any) -> None:
    Change = apps.get_model("history", "Change")
    Change.objects.using(schema_editor.connection.alias).filter(actor__isnull=False).update(origin="web")


class Migration(migrations.Migration):
    dependencies = [("history", "0003_change_roadmap_label")]

    operations = [
        migrations.AddField(
            model_name="change",
            name="origin",
            field=models.CharField(
                choices=CHOICES, default="unknown", help_text="where the change came from", max_length=12
            ),
        ),
        migrations.RunPython(by_a_person, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="change",
            name="origin",
            field=models.CharField(
                choices=CHOICES, default="web", help_text="where the change came from", max_length=12
            ),
        ),
    ]
