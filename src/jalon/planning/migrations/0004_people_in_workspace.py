"""People move from the roadmap to the workspace (step 1 of 3): the new columns and the roadmap team
(``Staffing``), next to the old ``roadmap`` column that step 2 reads."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0003_activity_window"),
        ("workspaces", "0002_invitation"),
        ("strategy", "0003_kpi_benchmark_metric"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(  # step 3 drops it; nullable, it comes back empty when migrating backwards
            model_name="person",
            name="roadmap",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="people", to="strategy.roadmap"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="workspace",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="people",
                to="workspaces.workspace",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user account",
            ),
        ),
        migrations.CreateModel(
            name="Staffing",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="staffing", to="planning.person"
                    ),
                ),
                (
                    "roadmap",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="staffing", to="strategy.roadmap"
                    ),
                ),
            ],
            options={
                "verbose_name": "roadmap team member",
                "verbose_name_plural": "roadmap team",
                "ordering": ("id",),
                "constraints": [
                    models.UniqueConstraint(fields=("roadmap", "person"), name="person_once_per_roadmap")
                ],
            },
        ),
    ]
