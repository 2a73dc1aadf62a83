"""Two roadmaps of a workspace never share a title in the database either (``roadmap_title_per_workspace``:
``Lower(Trim(title))`` per workspace, archived roadmaps included, as ``Roadmap.validate_unique`` counts
them), so that two saves at once cannot both pass the check. The upgrade to 0007 renamed the namesakes by
``normalise``; what it left would stop the constraint: titles of signs only (« € » twice), and blank or
spaces-only titles (older data: every blank reads as every other). A blank title takes its roadmap's
identifier (its slug, unique in the workspace), then each later namesake of a workspace is numbered
``… (2)``, ``… (3)`` (``jalon.names.number_namesakes``, the oldest keeps its title), so the upgrade never
fails on existing data."""

import django.db.models.functions.text
from django.db import migrations, models

from jalon.names import number_namesakes


def rename_namesakes(apps, schema_editor):
    Roadmap = apps.get_model("strategy", "Roadmap")
    number_namesakes(Roadmap, field="title", scope="workspace_id", blank_from="slug")


class Migration(migrations.Migration):

    dependencies = [
        ('strategy', '0009_title_unique_per_roadmap'),
    ]

    operations = [
        migrations.RunPython(rename_namesakes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='roadmap',
            constraint=models.UniqueConstraint(models.F('workspace'), django.db.models.functions.text.Lower(django.db.models.functions.text.Trim('title')), name='roadmap_title_per_workspace', violation_error_code='duplicate_title', violation_error_message='Another roadmap of this workspace already has this title.'),
        ),
    ]
