"""A filter of the address that names nothing here (a status mistyped, a made-up or deleted key, a zoom that
does not exist) is said on the page, in the reader's language, and the page still answers with the filters
it could apply: it is neither refused nor dropped without a word, and it empties no list."""

from __future__ import annotations

import pytest

from jalon.ignored_filters import asked_in, left_out, said
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.planning.portfolio.problem import Rules, load_plan
from jalon.planning.portfolio.services import save_scenario
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap
from tests.ignored_pages import notice, page


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    found = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    services.create(
        Activity, actor=team.owner, roadmap=found, key="emailing", title="Emailing de printemps",
        start=found.start, end=found.start.replace(day=28), status="planned",
    )  # fmt: skip
    return found


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


@pytest.mark.parametrize(("language", "noun"), [("fr", "scénario"), ("en", "scenario")])
def test_the_comparison_says_a_scenario_it_does_not_know_and_compares_the_others(
    team, roadmap, language, noun
):
    save_scenario(actor=team.owner, plan=load_plan(roadmap), rules=Rules(budget_eur=1000.0), name="Lean")
    text = page(team, "/w/acme/r/plan/portfolio/compare/?s=lean&s=gone", language)
    assert notice(language, noun, "gone") in text
    assert ">Lean</a></th>" in text  # the scenario it knows is still compared
    assert 'id="ignored-filters"' not in page(team, "/w/acme/r/plan/portfolio/compare/?s=lean")


@pytest.mark.parametrize(("language", "noun"), [("fr", "échelle"), ("en", "zoom")])
def test_the_executive_view_says_a_zoom_it_does_not_know(team, roadmap, language, noun):
    text = page(team, "/w/acme/r/plan/executive/?zoom=decade", language)
    assert notice(language, noun, "decade") in text
    # the operational view's month zoom is not one of the executive view's: said, and the chart by quarter
    text = page(team, "/w/acme/r/plan/executive/?zoom=month", language)
    assert notice(language, noun, "month") in text
    assert 'data-zoom="quarter"' in text
    assert 'id="ignored-filters"' not in page(team, "/w/acme/r/plan/executive/?zoom=year")


@pytest.mark.parametrize(("language", "noun"), [("fr", "scénario"), ("en", "scenario")])
def test_the_portfolio_says_a_scenario_to_run_again_that_it_does_not_know(team, roadmap, language, noun):
    save_scenario(actor=team.owner, plan=load_plan(roadmap), rules=Rules(budget_eur=1000.0), name="Lean")
    text = page(team, "/w/acme/r/plan/portfolio/?scenario=gone", language)
    assert notice(language, noun, "gone") in text  # a deleted scenario's link opens the page, not a 404
    assert 'id="ignored-filters"' not in page(team, "/w/acme/r/plan/portfolio/?scenario=lean")
