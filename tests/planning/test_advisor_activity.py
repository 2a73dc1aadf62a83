"""*Ajouter avec une activité* on a proposed tactic: the tactic goes into the tree and a backlog activity
titled after it, linked to it and to the objective, costing the middle of its typical cost band (said in
the activity and the message), all in one click and undone in one click."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from jalon.knowledge.loader import load_knowledge
from jalon.planning import services as planning_services
from jalon.planning.backlog import advised
from jalon.planning.models import Activity
from jalon.strategy.models import Objective, Roadmap, Strategy, Tactic

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
CART = ROADMAP + "o/abandon-panier/"
ADD = CART + "advisor/add/"
UNDO = CART + "advisor/undo/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def owner_client(client: Client, members) -> Client:
    client.force_login(members["owner"])
    return client


def proposal(client: Client, cost: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    """A strategy and a tactic the panel proposes and the roadmap does not have (of cost level ``cost``)."""
    advice = client.get(CART).context["advice"]
    for strategy in advice["strategies"]:
        for tactic in strategy["tactics"]:
            if not tactic["in_roadmap"] and (not cost or tactic["cost_band"] == cost):
                return strategy, tactic
    raise AssertionError(f"no proposal of cost {cost!r}")


def test_the_panel_offers_add_with_an_activity_and_shows_the_cost_band(owner_client: Client) -> None:
    page = text(owner_client.get(CART))
    assert 'name="with_activity" value="1"' in page
    assert "Ajouter avec une activité" in page
    assert "coût : faible (0 € – 5 000 €)" in page.replace("\u202f", " ").replace("\xa0", " ")


def test_add_with_an_activity_puts_the_tactic_in_the_tree_and_a_linked_activity_at_the_bands_middle(
    owner_client: Client,
) -> None:
    strategy, tactic = proposal(owner_client, cost="medium")
    before = Activity.objects.count()
    response = owner_client.post(
        ADD, {"strategy": strategy["id"], "tactic": tactic["id"], "with_activity": "1"}, follow=True
    )
    made = Tactic.objects.get(title=tactic["title"], strategy__objective__key="abandon-panier")
    activity = Activity.objects.get(tactic=made)
    assert Activity.objects.count() == before + 1
    assert activity.title == tactic["title"]
    assert activity.cost == Decimal("17500.00"), "the middle of 5–30 k€"
    assert list(activity.objectives.values_list("key", flat=True)) == ["abandon-panier"]
    assert activity.status == "idea"
    assert "milieu de la fourchette type" in activity.description
    page = text(response).replace("\u202f", " ").replace("\xa0", " ")
    assert "avec une activité au backlog" in page and "17 500 €" in page
    assert 'id="advisor-undo"' in page


def test_undo_removes_the_activity_the_tactic_and_the_strategy_the_click_created(
    owner_client: Client,
) -> None:
    strategy, tactic = proposal(owner_client)
    counts = (Strategy.objects.count(), Tactic.objects.count(), Activity.objects.count())
    owner_client.post(ADD, {"strategy": strategy["id"], "tactic": tactic["id"], "with_activity": "1"})
    assert Activity.objects.filter(title=tactic["title"]).exists()
    owner_client.post(UNDO)
    assert (Strategy.objects.count(), Tactic.objects.count(), Activity.objects.count()) == counts


def test_plain_add_creates_no_activity(owner_client: Client) -> None:
    strategy, tactic = proposal(owner_client)
    before = Activity.objects.count()
    owner_client.post(ADD, {"strategy": strategy["id"], "tactic": tactic["id"]})
    assert Tactic.objects.filter(title=tactic["title"]).exists()
    assert Activity.objects.count() == before


def test_on_a_roadmap_in_another_currency_the_cost_stays_zero_and_the_activity_says_why(
    owner_client: Client,
) -> None:
    Roadmap.objects.filter(slug="cloud-kicks").update(currency="USD")
    strategy, tactic = proposal(owner_client)
    owner_client.post(ADD, {"strategy": strategy["id"], "tactic": tactic["id"], "with_activity": "1"})
    activity = Activity.objects.get(title=tactic["title"])
    assert activity.cost == 0
    assert "USD" in activity.description and "euros" in activity.description


def test_a_viewer_cannot_add_with_an_activity(client: Client, members) -> None:
    client.force_login(members["viewer"])
    strategy, tactic = proposal(client)
    before = (Tactic.objects.count(), Activity.objects.count())
    response = client.post(ADD, {"strategy": strategy["id"], "tactic": tactic["id"], "with_activity": "1"})
    assert response.status_code == 403
    assert (Tactic.objects.count(), Activity.objects.count()) == before


def test_when_the_activity_cannot_be_written_the_tactic_is_not_kept_either(
    members,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    objective = Objective.objects.get(roadmap__slug="cloud-kicks", key="abandon-panier")
    knowledge = load_knowledge()
    tactic_id = next(iter(knowledge.tactics))
    strategy_id = knowledge.tactics[tactic_id].strategies[0]

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(planning_services, "create", refuse)
    before = (Strategy.objects.count(), Tactic.objects.count())
    with pytest.raises(RuntimeError):
        advised.add(
            actor=members["owner"], objective=objective, strategy_id=strategy_id, tactic_id=tactic_id,
            with_activity=True, lang="fr",
        )  # fmt: skip
    assert (Strategy.objects.count(), Tactic.objects.count()) == before


def test_every_cost_level_has_a_band_and_the_estimate_is_its_middle() -> None:
    vocab = load_knowledge().vocabulary
    assert set(vocab.cost_bands) == {"low", "medium", "high"}
    for tactic_id, tactic in list(load_knowledge().tactics.items())[:5]:
        found = advised.estimate(tactic_id, currency="EUR", lang="en")
        band = vocab.cost_bands[tactic.cost]
        assert found.cost == Decimal(str(band.middle))
        assert "middle" in found.why


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fr", "(0 € – 5 000 €, en euros, sans conversion : cette feuille de route compte en USD)"),
        ("en", "(€0 – €5,000, in euros, not converted: this roadmap counts in USD)"),
    ],
)
def test_on_a_roadmap_in_another_currency_the_panels_cost_bands_say_they_are_in_euros(
    owner_client: Client, members, language: str, said: str
) -> None:
    members["owner"].language = language
    members["owner"].save()
    Roadmap.objects.filter(slug="cloud-kicks").update(currency="USD")
    page = text(owner_client.get(CART)).replace("\u202f", " ").replace("\xa0", " ")
    assert said in page


def test_on_a_roadmap_in_euros_the_panels_cost_bands_need_no_currency_note(owner_client: Client) -> None:
    assert "sans conversion" not in text(owner_client.get(CART))
