"""A filter of the address that names nothing here (a status mistyped, a made-up or deleted key, a zoom that
does not exist) is said on the page, in the reader's language, and the page still answers with the filters
it could apply: it is neither refused nor dropped without a word, and it empties no list."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from jalon.ignored_filters import asked_in, left_out, said
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    found = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    services.create(
        Activity, actor=team.owner, roadmap=found, key="emailing", title="Emailing de printemps",
        start=found.start, end=found.start.replace(day=28), status="planned",
    )  # fmt: skip
    return found


def page(team: Team, address: str, language: str = "fr") -> str:
    team.owner.language = language
    team.owner.save(update_fields=["language"])
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(team.owner)
    response = client.get(address, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, address
    return " ".join(html.unescape(response.content.decode()).split())


@pytest.mark.parametrize("address", ["backlog/", "timeline/"])
def test_a_made_up_group_and_a_mistyped_status_are_said_and_filter_nothing_out(team, roadmap, address):
    text = page(team, f"/w/acme/r/plan/{address}?theme=999999&status=xyz")
    assert "Ces filtres de l’adresse ne désignent rien ici et n’ont pas été appliqués" in text
    assert "groupe thématique « 999999 »" in text and "statut « xyz »" in text
    assert "Emailing de printemps" in text  # the list is not emptied by a filter that names nothing


def test_the_timeline_says_a_zoom_and_lanes_it_does_not_know_in_english(team, roadmap):
    text = page(team, "/w/acme/r/plan/timeline/?zoom=decade&lanes=x", language="en")
    said_in_english = (
        "These filters of the address name nothing here and were left out: zoom “decade”, lanes “x”."
    )
    assert said_in_english in text


def test_the_backlog_says_a_sort_it_does_not_know(team, roadmap):
    text = page(team, "/w/acme/r/plan/backlog/?sort=colour&dir=sideways")
    assert "tri « colour », ordre du tri « sideways »" in text


QUERIES_THAT_APPLY = ["", "?theme=&status=", "?status=planned&zoom=month", "?sort=title&dir=desc"]


@pytest.mark.parametrize("query", QUERIES_THAT_APPLY)
def test_filters_that_apply_or_are_empty_say_nothing(team, roadmap, query):
    for address in ("backlog/", "timeline/"):
        assert 'id="ignored-filters"' not in page(team, f"/w/acme/r/plan/{address}{query}")


def test_a_long_value_is_cut_when_said_and_each_value_said_once():
    class Query(dict[str, list[str]]):
        def getlist(self, name: str) -> list[str]:
            return self.get(name, [])

    asked = asked_in(Query(status=["x" * 500, "x" * 500, "done"]), ["status"])
    ignored = left_out(asked, {"status": ["done"]})
    assert ignored == [("status", "x" * 500)]
    assert len(said(ignored)) < 200


def test_the_workload_says_a_team_member_and_a_group_it_does_not_know(team, roadmap):
    text = page(team, "/w/acme/r/plan/workload/?person=nobody&theme=999999")
    assert "membre de l’équipe « nobody », groupe thématique « 999999 »" in text
