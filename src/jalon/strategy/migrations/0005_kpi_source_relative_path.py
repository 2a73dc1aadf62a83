"""KPI sources name their file relative to the uploads folder, so a restored backup or a moved JALON_HOME
still finds it: an absolute path under any ``.../uploads/`` folder keeps the part after ``uploads/``.
Relative names are left alone; going back changes nothing (a relative name is what the code reads)."""

from django.db import migrations

UPLOADS = "/uploads/"


def relative(stored: str) -> str:
    """``stored`` relative to the uploads folder it was written under, or unchanged."""
    if not stored.startswith("/") or UPLOADS not in stored:
        return stored
    return stored.rpartition(UPLOADS)[2]


def make_relative(apps, schema_editor):
    KPISource = apps.get_model("strategy", "KPISource")
    for pk, stored in KPISource.objects.filter(stored_path__startswith="/").values_list("pk", "stored_path"):
        if (name := relative(stored)) != stored:
            KPISource.objects.filter(pk=pk).update(stored_path=name)


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0004_roadmap_sector"),
    ]

    operations = [
        migrations.RunPython(make_relative, migrations.RunPython.noop, elidable=True),
    ]
