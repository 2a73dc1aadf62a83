"""The framing's use cases: permissions, personas seeded from orders (all or nothing), stages counted,
the animation plan into the backlog."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.framing import services
from jalon.framing.models import Framing, LifecycleStage, Persona, PlanAction, Workshop
from jalon.planning.models import Activity
from jalon.workspaces.permissions import Forbidden, NotFound


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_reading_a_framing_never_creates_it(demo) -> None:
    framing = services.framing_for(demo.roadmap)
    assert framing.pk is None and not Framing.objects.filter(roadmap=demo.roadmap).exists()


def test_the_first_write_creates_the_framing_with_the_six_default_stages(members, demo) -> None:
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    keys = list(framing.stages.values_list("key", flat=True))
    assert keys == ["prospect", "new", "loyal", "active", "at_risk", "inactive"]


@pytest.mark.parametrize(
    "role,error", [("viewer", Forbidden), ("stakeholder", Forbidden), ("outsider", NotFound)]
)
def test_only_editors_and_owners_write_a_framing(members, demo, role, error) -> None:
    with pytest.raises(error):
        services.open_framing(actor=members[role], roadmap=demo.roadmap)
    framing = services.open_framing(actor=members["owner"], roadmap=demo.roadmap)
    with pytest.raises(error):
        services.create(Workshop, actor=members[role], framing=framing, kind="personas")
    assert framing.workshops.count() == 0


def test_seeding_proposes_one_persona_per_segment_with_its_figures(members, demo, orders_bytes) -> None:
    orders = services.read_orders_upload(orders_bytes, filename="orders.csv")
    personas = services.seed_personas(
        actor=members["editor"], roadmap=demo.roadmap, orders=orders, filename="orders.csv"
    )
    assert 4 <= len(personas) <= 6
    assert sum(p.customers or 0 for p in personas) == 400
    assert abs(sum(p.revenue_share or 0 for p in personas) - 1) < 1e-6
    assert all(p.average_basket and p.orders_per_customer and p.recency_days for p in personas)
    framing = Framing.objects.get(roadmap=demo.roadmap)
    assert framing.orders_customers == 400 and framing.orders_file == "orders.csv"
    stages = {s.key: s.customers for s in framing.stages.all()}
    assert stages["prospect"] == 0 and stages["active"] is not None and stages["active"] > 0


def test_a_new_file_refreshes_the_figures_and_keeps_the_workshop_text(members, demo, orders_bytes) -> None:
    editor = members["editor"]
    orders = services.read_orders_upload(orders_bytes, filename="orders.csv")
    first = services.seed_personas(actor=editor, roadmap=demo.roadmap, orders=orders, filename="orders.csv")
    persona = first[0]
    services.update(
        persona, actor=editor, expected_version=persona.version, changes={"quote": "J'achète en ligne."}
    )
    half = services.read_orders_upload(b"\n".join(orders_bytes.splitlines()[:600]), filename="half.csv")
    services.seed_personas(actor=editor, roadmap=demo.roadmap, orders=half, filename="half.csv")
    again = Persona.objects.get(pk=persona.pk)
    assert again.quote == "J'achète en ligne."
    assert Persona.objects.filter(framing=again.framing).exclude(rfm_segment="").count() >= len(first)
    assert sum(p.customers or 0 for p in Persona.objects.filter(framing=again.framing)) < 400


def test_a_file_with_a_bad_line_changes_nothing(members, demo, orders_bytes) -> None:
    broken = orders_bytes + b"c-bad;31/02/2026;12,00\n"
    with pytest.raises(ValidationFailed) as raised:
        services.read_orders_upload(broken, filename="orders.csv")
    assert "nothing was changed" in " ".join(raised.value.errors["file"])
    assert not Persona.objects.exists()


def test_a_file_with_unknown_headers_asks_for_the_columns(odd_headers_bytes) -> None:
    with pytest.raises(services.MappingNeeded):
        services.read_orders_upload(odd_headers_bytes, filename="odd.csv")
    orders = services.read_orders_upload(
        odd_headers_bytes, filename="odd.csv", mapping={"customer": "who", "date": "when", "amount": "paid"}
    )
    assert len(orders.customer_ids) == 200


def test_the_persona_count_warns_outside_four_to_six(members, demo) -> None:
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    made = [
        services.create(Persona, actor=members["editor"], framing=framing, name=f"P{n}") for n in range(3)
    ]
    assert "4 to 6" in services.persona_range_warning(made)
    made.append(services.create(Persona, actor=members["editor"], framing=framing, name="P4"))
    assert services.persona_range_warning(made) == ""


def test_an_on_event_action_needs_its_trigger(members, demo) -> None:
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    with pytest.raises(ValidationFailed) as raised:
        services.create(
            PlanAction,
            actor=members["editor"],
            framing=framing,
            what="Welcome",
            channel="email",
            frequency="on_event",
        )
    assert "trigger" in raised.value.errors


def test_an_action_cannot_target_a_stage_of_another_framing(members, demo) -> None:
    from jalon.strategy import services as strategy

    framing = services.open_framing(actor=members["owner"], roadmap=demo.roadmap)
    other_roadmap = strategy.create_roadmap(
        actor=members["owner"],
        workspace=demo.workspace,
        title="Autre",
        type="campaign",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )
    other = services.open_framing(actor=members["owner"], roadmap=other_roadmap)
    foreign = LifecycleStage.objects.filter(framing=other).first()
    with pytest.raises(ValidationFailed):
        services.create(
            PlanAction,
            actor=members["owner"],
            framing=framing,
            what="Newsletter",
            channel="email",
            frequency="monthly",
            stage=foreign,
        )


def test_an_action_becomes_a_backlog_activity_once_with_its_cost_and_dates(members, demo) -> None:
    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=demo.roadmap)
    action = services.create(
        PlanAction, actor=editor, framing=framing, what="Soldes d'hiver", channel="sms", frequency="weekly",
        start=date(2026, 1, 7), end=date(2026, 2, 3), cost=1200.0,
    )  # fmt: skip
    activity = services.action_to_activity(actor=editor, action=action)
    assert (activity.start, activity.end, activity.cost) == (date(2026, 1, 7), date(2026, 2, 3), 1200.0)
    assert PlanAction.objects.get(pk=action.pk).activity == activity
    assert Activity.objects.get(pk=activity.pk).roadmap == demo.roadmap
    with pytest.raises(ValidationFailed):
        services.action_to_activity(actor=editor, action=PlanAction.objects.get(pk=action.pk))
    with pytest.raises(Forbidden):
        services.action_to_activity(actor=members["stakeholder"], action=action)
