"""Two objectives of a roadmap never share a title in the database either (``title_per_roadmap``:
``Lower(Trim(title))`` per roadmap), so that two saves at once cannot both pass the services' check. The
upgrade to 0007 renamed the namesakes by ``normalise``; titles of signs only (« € » twice), which it left,
would stop the constraint: each later one of a roadmap is numbered first (``jalon.names.numbered_namesakes``,
the oldest keeps its title), so the upgrade never fails on existing data."""

import django.db.models.functions.text
from django.db import migrations, models

from jalon.names import number_namesakes


def rename_namesakes(apps, schema_editor):
    number_namesakes(apps.get_model("strategy", "Objective"), field="title", scope="roadmap_id")


class Migration(migrations.Migration):

    dependencies = [
        ('strategy', '0008_kpi_possible_range'),
    ]

    operations = [
        migrations.RunPython(rename_namesakes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='objective',
            constraint=models.UniqueConstraint(models.F('roadmap'), django.db.models.functions.text.Lower(django.db.models.functions.text.Trim('title')), name='objective_title_per_roadmap', violation_error_code='duplicate_title', violation_error_message='Another item of this roadmap already has this title or name.'),
        ),
    ]
