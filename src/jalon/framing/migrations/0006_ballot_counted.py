"""A closed vote's result is final: each ballot keeps whether it counted when its vote was closed. The votes
already closed are frozen as they count today (their voters' participation as it stands now)."""

from typing import Any

from django.db import migrations, models


def freeze_closed_votes(apps: Any, schema_editor: Any) -> None:
    Vote = apps.get_model("framing", "Vote")
    Ballot = apps.get_model("framing", "Ballot")
    Stakeholder = apps.get_model("framing", "Stakeholder")
    for vote in Vote.objects.filter(closed=True).only("pk", "framing_id", "workshop_id"):
        voters = Stakeholder.objects.filter(
            framing_id=vote.framing_id,
            member__isnull=False,
            member__memberships__workspace__roadmaps__framing=vote.framing_id,
        )
        if vote.workshop_id:
            voters = voters.filter(workshops=vote.workshop_id)
        ballots = Ballot.objects.filter(vote_id=vote.pk)
        counting = ballots.filter(voter__in=voters.values("member")).values("pk")
        ballots.filter(pk__in=counting).update(counted=True)
        ballots.exclude(pk__in=counting).update(counted=False)


class Migration(migrations.Migration):
    dependencies = [
        ("framing", "0005_ceilings_participants_indicators_thumbnails"),
    ]

    operations = [
        migrations.AddField(
            model_name="ballot",
            name="counted",
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.RunPython(freeze_closed_votes, migrations.RunPython.noop),
    ]
