"""What a consultant's first hour on the framing found (tests/e2e/test_e2e_framing_journey.py), each proved
here on the page or the service: a new workspace, no demo."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from django.test import Client

from tests.factories import make_roadmap, make_team

pytestmark = pytest.mark.django_db

PAGES = ("", "personas/", "journeys/", "prototypes/", "plan/", "votes/")


@pytest.fixture
def fresh() -> tuple[object, object]:
    team = make_team()
    roadmap = make_roadmap(
        team.workspace, team.owner, slug="cadrage", start=date(2027, 1, 1), end=date(2027, 12, 31)
    )
    return team, roadmap


def url(page: str = "") -> str:
    return "/w/acme/r/cadrage/framing/" + page


@pytest.mark.parametrize("page", PAGES)
def test_every_framing_page_gives_each_field_an_id_of_its_own(client: Client, fresh, page: str) -> None:
    """Two forms on a page (a persona's name, a stage's name) once shared ``id_name``: the stage's label
    named the persona's field and the stage's field had none."""
    team, _roadmap = fresh
    client.force_login(team.owner)
    html = client.get(url(page)).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize(
    ("language", "said"),
    [("fr", "Sur événement\u00a0: first_order (+1\u00a0jour)"), ("en", "On an event: first_order (+1 day)")],
)
def test_an_action_on_an_event_says_its_trigger_and_delay_in_the_pages_language(
    client: Client, fresh, language: str, said: str
) -> None:
    """The plan once wrote « Sur événement: first_order (+1 days) »: an English colon and plural in French."""
    from jalon.framing import services
    from jalon.framing.models import PlanAction

    team, roadmap = fresh
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    services.create(
        PlanAction, actor=team.owner, framing=framing, what="Bienvenue", channel="sms",
        frequency="on_event", trigger="first_order", delay_days=1,
    )  # fmt: skip
    client.force_login(team.owner)
    client.cookies["jalon_language"] = language
    html = client.get(url("plan/")).content.decode()
    assert said in " ".join(re.sub(r"<[^>]+>", " ", html).split(" "))


def test_each_proposal_to_adopt_has_a_label_of_its_own(client: Client, fresh) -> None:
    """The adopt boxes of a closed vote were named by aria-label only: no <label>, so a click on the name
    did nothing and the journey's look found 30 unlabelled fields."""
    from jalon.framing import services

    team, roadmap = fresh
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    vote = services.open_vote(
        actor=team.owner, framing=framing, title="Q", points=3, proposals=["Fidéliser", "Recruter"]
    )
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    client.force_login(team.owner)
    html = client.get(url("votes/")).content.decode()
    boxes = re.findall(
        r"<label[^>]*><input type=\"checkbox\" name=\"option\"[^>]*><span[^>]*>([^<]+)</span>", html
    )
    assert boxes == ["Fidéliser", "Recruter"]


@pytest.mark.parametrize("kind", ["persona", "stage"])
def test_a_persona_or_stage_the_plan_aims_at_is_kept_and_the_page_says_why(
    client: Client, fresh, kind
) -> None:
    """Deleting the persona of the weekly newsletter once aimed the newsletter at every persona, silently."""
    from jalon.framing import services
    from jalon.framing.models import LifecycleStage, Persona, PlanAction

    team, roadmap = fresh
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    persona = services.create(Persona, actor=team.owner, framing=framing, name="Céline « urbaine »")
    stage = LifecycleStage.objects.get(framing=framing, key="loyal")
    aimed = {"persona": persona, "stage": stage}
    services.create(
        PlanAction, actor=team.owner, framing=framing, what="Newsletter", channel="email",
        frequency="weekly", **{kind: aimed[kind]},
    )  # fmt: skip
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "fr"
    page = client.post(url("personas/"), {"op": f"delete-{kind}", "item": aimed[kind].pk}, follow=True)
    text = " ".join(re.sub(r"<[^>]+>", " ", page.content.decode()).split())
    name = {"persona": "Céline « urbaine »", "stage": "Client fidèle"}[kind]
    assert f"« {name} » est la cible d’une action du plan d’animation (Newsletter)" in text
    assert type(aimed[kind])._default_manager.filter(pk=aimed[kind].pk).exists()
    assert PlanAction.objects.get().persona_id == (persona.pk if kind == "persona" else None)


def test_a_roadmap_made_from_an_english_page_has_its_stages_in_english(client: Client) -> None:
    """A roadmap made from an English page was marked as written in French, so its framing's default stages
    were « Nouveau client, Client fidèle… » beside English definitions on an English page."""
    from jalon.framing import services
    from jalon.framing.models import LifecycleStage
    from jalon.strategy.models import Roadmap

    team = make_team()
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "en"
    form = {"title": "Spring", "type": "campaign", "start": "2027-01-01", "horizon": "12", "currency": "EUR",
            "fiscal_year_start_month": "1"}  # fmt: skip
    assert client.post("/w/acme/roadmaps/new/", form).status_code == 302
    roadmap = Roadmap.objects.get()
    assert roadmap.language == "en"
    services.open_framing(actor=team.owner, roadmap=roadmap)
    loyal = LifecycleStage.objects.get(key="loyal")
    assert (loyal.name, loyal.definition) == (
        "Loyal customer",
        "at least 3 orders, last order within 180 days",
    )


def test_a_french_roadmaps_stages_are_french_whoever_opens_its_framing(fresh) -> None:
    from django.utils import translation

    from jalon.framing import services
    from jalon.framing.models import LifecycleStage

    team, roadmap = fresh
    with translation.override("en"):
        services.open_framing(actor=team.owner, roadmap=roadmap)
    loyal = LifecycleStage.objects.get(key="loyal")
    assert (loyal.name, loyal.definition) == (
        "Client fidèle",
        "au moins 3 commandes, dernière commande il y a 180\u00a0jours au plus",
    )


def test_a_plan_year_starting_in_2200_is_refused_and_the_plan_page_still_opens(client: Client, fresh) -> None:
    """A first day of the plan year on 31 December 2200 was saved, then the plan page answered 500 (the plan
    year would end in 2201); a roadmap starting in 2200 had the same page fail."""
    from jalon.framing import services
    from jalon.framing.models import Framing, PlanAction

    team, roadmap = fresh
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    services.create(
        PlanAction, actor=team.owner, framing=framing, what="N", channel="email", frequency="weekly"
    )
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "en"
    answer = client.post(url("plan/"), {"op": "ceiling", "ceiling_per_week": "3", "plan_start": "2200-12-31"})
    assert answer.status_code == 422
    assert "The plan year starts between 1900 and 31 December 2199" in answer.content.decode()
    assert Framing.objects.get().plan_start == date(2027, 1, 1)
    roadmap.start, roadmap.end = date(2200, 3, 1), date(2200, 12, 31)
    roadmap.save()
    Framing.objects.update(plan_start=None)
    assert client.get(url("plan/")).status_code == 200


def test_a_persona_named_after_its_segment_says_the_name_once(client: Client, fresh) -> None:
    """Each persona seeded from orders showed its name twice (« Champions » over « Champions »), as the
    deliverable does not."""
    from jalon.framing import services
    from jalon.framing.models import Persona

    team, roadmap = fresh
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    services.create(Persona, actor=team.owner, framing=framing, name="Champions", segment="Champions")
    services.create(Persona, actor=team.owner, framing=framing, name="Céline", segment="Urbaine pressée")
    client.force_login(team.owner)
    html = client.get(url("personas/")).content.decode()
    assert html.count('<p class="muted">Champions</p>') == 0
    assert html.count('<p class="muted">Urbaine pressée</p>') == 1


def test_a_workshop_a_vote_is_held_at_is_kept_and_the_page_says_why(client: Client, fresh) -> None:
    """Deleting the workshop of a vote once let every stakeholder of the framing vote on it, silently."""
    from jalon.framing import services
    from jalon.framing.models import Workshop

    team, roadmap = fresh
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    workshop = services.create(Workshop, actor=team.owner, framing=framing, kind="plan")
    services.open_vote(
        actor=team.owner, framing=framing, title="Priorités 2027", points=3, workshop=workshop,
        proposals=["A", "B"],
    )  # fmt: skip
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "en"
    page = client.post(url(), {"op": "delete-workshop", "item": workshop.pk}, follow=True)
    text = " ".join(re.sub(r"<[^>]+>", " ", page.content.decode()).split())
    assert "A vote is held at this workshop (Priorités 2027); its participants are the voters" in text
    assert Workshop.objects.filter(pk=workshop.pk).exists()


def test_a_proposal_over_200_characters_is_refused_in_words_not_cut(client: Client, fresh) -> None:
    """A 250-character proposal was cut to 200 characters without a word."""
    from jalon.framing.models import Vote

    team, _roadmap = fresh
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "en"
    form = {"op": "open", "title": "Q", "proposals": "Fidéliser " + "x" * 240 + "\nRecruter", "points": "3"}
    answer = client.post(url("votes/"), form)
    assert answer.status_code == 422
    assert "A proposal has at most 200 characters; proposal 1 has 250." in answer.content.decode()
    assert not Vote.objects.exists()
