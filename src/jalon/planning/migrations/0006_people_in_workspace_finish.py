"""People move from the roadmap to the workspace (step 3 of 3): the old ``roadmap`` column goes, keys are
unique per workspace, and ``Person.roadmaps`` reads the roadmap team."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0005_people_in_workspace_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="person", name="person_key_per_roadmap"),
        migrations.RemoveField(model_name="person", name="roadmap"),
        migrations.AlterField(
            model_name="person",
            name="workspace",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="people", to="workspaces.workspace"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="roadmaps",
            field=models.ManyToManyField(
                blank=True,
                related_name="people",
                through="planning.Staffing",
                to="strategy.roadmap",
                verbose_name="roadmaps",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(fields=("workspace", "key"), name="person_key_per_workspace"),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                condition=models.Q(user__isnull=False),
                fields=("workspace", "user"),
                name="one_person_per_user_and_workspace",
            ),
        ),
    ]
