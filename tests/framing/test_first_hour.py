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
