"""The framing in the advisor's ranking: the animation plan's channels, the personas' kinds (from their RFM
segment) and the stages the plan targets favour the tactics that fit them, and the "why" says so."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from jalon.demo.framing import load_demo_framing
from jalon.framing.audience import audience
from jalon.framing.models import Framing
from jalon.knowledge.loader import load_knowledge
from jalon.strategy import advising, services
from jalon.strategy.models import Objective
from tests.factories import make_roadmap

CART = "/w/cloud-kicks/r/cloud-kicks/o/abandon-panier/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def framed(demo):
    """The demo with its French framing (personas from the synthetic orders, the animation plan)."""
    load_demo_framing(demo.roadmap)
    return demo


def scores(objective: Objective) -> dict[str, float]:
    advice = advising.advice_for(objective, lang="fr", max_strategies=20)
    return {t["id"]: t["score"] for s in advice["strategies"] for t in s["tactics"]}


def test_the_demo_framing_gives_its_channels_persona_kinds_and_targeted_stages(framed) -> None:
    found = audience(framed.roadmap)
    assert found.channels == {"email", "sms", "direct-mail", "store"}
    assert found.stages == {"at-risk", "loyal"}, "the stages the plan's actions target"
    assert found.personas and found.personas <= set(load_knowledge().vocabulary.personas)
    names = set(Framing.objects.get(roadmap=framed.roadmap).personas.values_list("name", flat=True))
    for said in found.names["personas"].values():
        assert set(said.split(", ")) <= names


def test_the_registered_reader_is_what_the_advisor_reads(framed) -> None:
    assert advising.audience_of(framed.roadmap) == audience(framed.roadmap)


def test_tactics_on_the_framings_channels_rise_and_the_others_fall(framed) -> None:
    objective = Objective.objects.get(roadmap=framed.roadmap, key="abandon-panier")
    with_framing = scores(objective)
    Framing.objects.filter(roadmap=framed.roadmap).delete()
    without = scores(objective)
    tactics = load_knowledge().tactics
    used = {"email", "sms", "direct-mail", "store"}
    common = set(with_framing) & set(without)
    on_used = [t for t in common if set(tactics[t].channels) <= used]
    elsewhere = [t for t in common if not set(tactics[t].channels) & used]
    assert on_used and elsewhere
    assert all(with_framing[t] > without[t] for t in on_used)
    assert all(with_framing[t] < without[t] for t in elsewhere)


def test_the_panel_says_which_channels_and_personas_ranked_it_and_why(client: Client, members) -> None:
    load_demo_framing(Objective.objects.get(key="abandon-panier").roadmap)
    client.force_login(members["owner"])
    response = client.get(CART)
    page = text(response)
    line = page.split('id="advisor-audience"')[1].split("</p>")[0]
    assert "Classé aussi selon le cadrage" in line and "E-mail" in line and "SMS" in line
    assert "Client à risque" in line, "the framing's own stage names"
    whys = [w for s in response.context["advice"]["strategies"] for t in s["tactics"] for w in t["why"]]
    assert any(w.startswith("Utilise des canaux déjà en place\u00a0: ") and "E-mail" in w for w in whys)
    assert any(w.startswith("Demande un canal que la feuille de route n’utilise pas encore") for w in whys)


def test_the_why_names_the_roadmaps_own_personas(framed) -> None:
    objective = Objective.objects.get(roadmap=framed.roadmap, key="abandon-panier")
    names = set(Framing.objects.get(roadmap=framed.roadmap).personas.values_list("name", flat=True))
    advice = advising.advice_for(objective, lang="fr", max_strategies=20)
    said = [
        w.split("\u00a0: ", 1)[1].rstrip(".")
        for s in advice["strategies"]
        for t in s["tactics"]
        for w in t["why"]
        if w.startswith("S’adresse aux personae de la feuille de route")
    ]
    assert said, "some proposed tactic addresses a persona kind the demo has"
    assert all(set(item.split(", ")) <= names for item in said)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_a_framing_nothing_is_said_about_it(team, lang: str, client: Client) -> None:
    roadmap = make_roadmap(team.workspace, team.owner)
    objective = services.create_objective(
        actor=team.owner, roadmap=roadmap, title="Réduire l'abandon de panier"
    )
    advice = advising.advice_for(objective, lang=lang)
    assert advice["audience"] == {"channels": [], "personas": [], "stages": []}
    whys = [w for s in advice["strategies"] for t in s["tactics"] for w in t["why"]]
    framing_words = (
        "Utilise des canaux",
        "Demande un canal",
        "Uses channels",
        "Needs a channel",
        "S’adresse",
        "Addresses",
    )
    assert not any(w.startswith(framing_words) for w in whys)
    client.force_login(team.owner)
    assert 'id="advisor-audience"' not in text(client.get(f"/w/acme/r/plan/o/{objective.key}/"))
