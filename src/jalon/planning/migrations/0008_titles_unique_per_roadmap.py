"""Two thematic groups of a roadmap never share a name, nor two reviews a title, in the database either
(``strategy.models.title_per_roadmap``: ``Lower(Trim(...))`` per roadmap), so that two saves at once cannot
both pass the services' check. No upgrade renamed their namesakes before (files and concurrent saves could
bring some): each later namesake of a roadmap is numbered ``… (2)``, ``… (3)`` first
(``jalon.names.number_namesakes``, the oldest keeps its own), so the upgrade never fails on existing data."""

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

from jalon.names import number_namesakes


def rename_namesakes(apps, schema_editor):
    number_namesakes(apps.get_model("planning", "Theme"), field="name", scope="roadmap_id")
    number_namesakes(apps.get_model("planning", "Review"), field="title", scope="roadmap_id")


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0007_keys_in_shape'),
        ('strategy', '0009_title_unique_per_roadmap'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(rename_namesakes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.UniqueConstraint(models.F('roadmap'), django.db.models.functions.text.Lower(django.db.models.functions.text.Trim('title')), name='review_title_per_roadmap', violation_error_code='duplicate_title', violation_error_message='Another item of this roadmap already has this title or name.'),
        ),
        migrations.AddConstraint(
            model_name='theme',
            constraint=models.UniqueConstraint(models.F('roadmap'), django.db.models.functions.text.Lower(django.db.models.functions.text.Trim('name')), name='theme_name_per_roadmap', violation_error_code='duplicate_name', violation_error_message='Another item of this roadmap already has this title or name.'),
        ),
    ]
