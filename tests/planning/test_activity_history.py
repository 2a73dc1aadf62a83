"""An activity's history and dependencies as people read them: an unchanged amount is no change, amounts are
written the reader's way, objectives and predecessors by their titles, and a negative lag says the activity
may start before its predecessor ends."""

from __future__ import annotations

from decimal import Decimal

from jalon.history.models import Change
from jalon.history.services import apply_changes
from jalon.planning import services
from jalon.planning.models import Activity
from tests.planning import backlog as backlog
from tests.planning.activity_forms import ACTIVITIES, BRIEF, form_data
from tests.planning.backlog import text

members, owner_client, plan = backlog.members, backlog.owner_client, backlog.plan


def history_of(page: str) -> str:
    return page.split('id="history-title"')[1]


def test_saving_an_amount_again_as_typed_records_no_change(plan, members):
    brief = plan["brief"]  # cost 1000.00 as stored
    apply_changes(
        brief, actor=members["owner"], expected_version=brief.version,
        changes={"cost": Decimal("1000"), "spent": Decimal("0"), "title": "Brief v2"},
    )  # fmt: skip
    latest = Change.objects.filter(object_id=brief.pk).order_by("-version").first()
    assert latest is not None and set(latest.fields) == {"title"}


def test_editing_an_activity_without_touching_its_amounts_shows_only_what_changed(owner_client, plan):
    brief = Activity.objects.get(pk=plan["brief"].pk)
    owner_client.post(BRIEF + "edit/", form_data(brief, title="Brief v2", cost="1000"))
    history = history_of(text(owner_client.get(BRIEF)))
    assert "Titre : Brief agence → Brief v2" in history
    assert "Coût" not in history and "1000.00" not in history


def test_a_changed_amount_is_written_the_readers_way(owner_client, plan):
    brief = Activity.objects.get(pk=plan["brief"].pk)
    owner_client.post(BRIEF + "edit/", form_data(brief, cost="12 500,50"))
    assert "Coût : 1 000 € → 12 500,50 €" in history_of(text(owner_client.get(BRIEF)))


def test_objectives_and_predecessors_are_named_by_their_titles_in_the_history(owner_client, plan, members):
    owner = members["owner"]
    services.add_dependency(actor=owner, predecessor=plan["launch"], successor=plan["survey"], lag_days=-3)
    survey = Activity.objects.get(pk=plan["survey"].pk)
    services.update(
        survey, actor=owner, expected_version=survey.version, changes={"objectives": [plan["conversion"]]}
    )
    history = history_of(text(owner_client.get(ACTIVITIES + "survey/")))
    assert "Objectifs : — → Augmenter les taux de conversion" in history
    assert "Vient après : — → Lancement (3 jours avant la fin)" in history
    assert "taux-conversion" not in history and "launch+" not in history


def test_a_negative_lag_says_the_follower_may_start_before_the_end(owner_client, plan, members):
    services.add_dependency(
        actor=members["owner"], predecessor=plan["launch"], successor=plan["survey"], lag_days=-3
    )
    followed = text(owner_client.get(ACTIVITIES + "launch/")).split('id="dependencies-title"')[1]
    assert "Enquête clients</a> (3 jours avant la fin)" in followed
    assert "-3 jour" not in followed


def test_a_status_reads_by_its_label_in_the_history(owner_client, plan, members):
    """The activity page writes its history as the roadmap's change log does: a status by its label (it
    showed the stored value, "done")."""
    brief = Activity.objects.get(pk=plan["brief"].pk)
    services.update(brief, actor=members["owner"], expected_version=brief.version, changes={"status": "done"})
    history = history_of(text(owner_client.get(BRIEF)))
    assert "Statut :" in history and "→ terminée" in history
    assert "→ done" not in history
