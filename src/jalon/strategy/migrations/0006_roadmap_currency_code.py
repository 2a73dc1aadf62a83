"""A roadmap's currency is an ISO 4217 code (strategy.models.validate_currency). The settings form saved what
was typed (« € », « usd »), which a jalon/1 file could not carry back in and which the advisor did not take
for euros; such values become their code. A value that names no currency is left as it is (the settings
form asks for a code the next time the roadmap's settings are saved)."""

from django.db import migrations, models

import jalon.strategy.models

SIGNS = {"€": "EUR", "$": "USD", "£": "GBP"}


def to_codes(apps, schema_editor):
    Roadmap = apps.get_model("strategy", "Roadmap")
    for roadmap in Roadmap.objects.exclude(currency__regex=r"^[A-Z]{3}$").only("pk", "currency"):
        typed = roadmap.currency.strip()
        code = SIGNS.get(typed, typed.upper())
        if code != roadmap.currency and len(code) == 3 and code.isascii() and code.isalpha():
            Roadmap.objects.filter(pk=roadmap.pk).update(currency=code)


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0005_kpi_source_relative_path"),
    ]

    operations = [
        migrations.AlterField(
            model_name="roadmap",
            name="currency",
            field=models.CharField(
                default="EUR",
                max_length=3,
                validators=[jalon.strategy.models.validate_currency],
                verbose_name="currency",
            ),
        ),
        migrations.RunPython(to_codes, migrations.RunPython.noop),
    ]
