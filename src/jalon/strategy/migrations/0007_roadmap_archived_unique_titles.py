"""Roadmaps can be archived (``archived_at``), and titles are unique: two roadmaps of a workspace, or two
objectives of a roadmap, may no longer read alike (``strategy.models.same_title``, ``jalon.names.free_title``: case, accents and spaces
aside). Rows that already do keep the first title (the oldest row); each later namesake is renamed
``… (2)``, ``… (3)``, so the upgrade never fails on existing data."""

from collections import defaultdict

from django.db import migrations, models

from jalon.names import free_title, normalise


def _rename_namesakes(model, scope: str) -> None:
    by_scope = defaultdict(list)
    for pk, owner, title in model.objects.order_by("pk").values_list("pk", scope, "title"):
        by_scope[owner].append((pk, title))
    for rows in by_scope.values():
        seen: list[str] = []
        for pk, title in rows:
            if normalise(title) and normalise(title) in {normalise(t) for t in seen}:
                renamed = free_title(title, [*seen, *(t for _pk, t in rows)])
                model.objects.filter(pk=pk).update(title=renamed)
                title = renamed
            seen.append(title)


def rename_namesakes(apps, schema_editor):
    _rename_namesakes(apps.get_model("strategy", "Roadmap"), "workspace_id")
    _rename_namesakes(apps.get_model("strategy", "Objective"), "roadmap_id")


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0006_roadmap_currency_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="roadmap",
            name="archived_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="archived on"),
        ),
        migrations.RunPython(rename_namesakes, migrations.RunPython.noop),
    ]
