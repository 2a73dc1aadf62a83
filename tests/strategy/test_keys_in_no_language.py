"""A title made only of emoji or signs gives no word to a key: the roadmap, objective or activity gets the
kind's initial and a number (``r-1``, ``o-1``, ``a-1``), in no language, never an English word such as
``roadmap`` in a French person's address; the keys already given stay as they are."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from jalon.planning import services as planning
from jalon.planning.models import Activity
from jalon.strategy import services
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap

pytestmark = pytest.mark.django_db

NEW_ROADMAP = {"type": "strategic", "start": "01/01/2027", "horizon": "12", "fiscal_year_start_month": "1",
               "currency": "EUR"}  # fmt: skip


def test_a_roadmap_titled_with_emoji_gets_an_address_in_no_language(client: Client, team: Team) -> None:
    client.force_login(team.owner)
    response = client.post("/w/acme/roadmaps/new/", {**NEW_ROADMAP, "title": "🚀🚀"})
    assert response.status_code == 302
    assert response["Location"] == "/w/acme/r/r-1/start/"
    response = client.post("/w/acme/roadmaps/new/", {**NEW_ROADMAP, "title": "!!! ???"})
    assert response["Location"] == "/w/acme/r/r-2/start/"
    assert not Roadmap.objects.filter(slug__in=["roadmap", "feuille-de-route"]).exists()


def test_a_key_given_before_stays_as_it_is(team: Team) -> None:
    kept = make_roadmap(team.workspace, team.owner, slug="roadmap", title="🚀")
    made = services.create_roadmap(
        actor=team.owner, workspace=team.workspace, title="🚀🚀", type="strategic",
        start=date(2027, 1, 1), end=date(2027, 12, 31),
    )  # fmt: skip
    kept.refresh_from_db()
    assert (kept.slug, made.slug) == ("roadmap", "r-1")


def test_an_objective_and_an_activity_made_of_signs_get_their_initial_and_a_number(team: Team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner)
    first = services.create_objective(
        actor=team.owner, roadmap=roadmap, title="✅✅", deadline=date(2026, 6, 30)
    )
    second = services.create_objective(
        actor=team.owner, roadmap=roadmap, title="🎯", deadline=date(2026, 6, 30)
    )
    activity = planning.create(Activity, actor=team.owner, roadmap=roadmap, title="🎉 !")
    assert (first.key, second.key, activity.key) == ("o-1", "o-2", "a-1")
