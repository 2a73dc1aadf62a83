"""Stakeholders weigh the roadmap's existing objectives: an editor opens a dot vote whose proposals are the
objectives of the SMART table (all by default, or those ticked), from the SMART table or the votes page;
the results (rank, points, voters) show beside each objective and in the deliverable, and a closed vote's
ranking can order the SMART table."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.framing import services, votes
from jalon.framing.models import Stakeholder, Vote, VoteOption
from jalon.reports.collect_framing import collect_framing
from jalon.strategy import services as strategy
from jalon.strategy.models import Objective, Roadmap
from jalon.workspaces.permissions import Forbidden
from tests.factories import Team, make_roadmap

TITLES = ("Fidéliser les clients", "Relancer les paniers", "Lancer l’application")


@dataclass
class Weighed:
    team: Team
    roadmap: Roadmap
    objectives: list[Objective]

    @property
    def votes_page(self) -> str:
        return f"/w/{self.team.workspace.slug}/r/{self.roadmap.slug}/framing/votes/"

    @property
    def smart_page(self) -> str:
        return f"/w/{self.team.workspace.slug}/r/{self.roadmap.slug}/"


@pytest.fixture
def weighed(team: Team) -> Weighed:
    """A roadmap with three objectives; the stakeholder and the viewer are stakeholders of its framing."""
    roadmap = make_roadmap(team.workspace, team.owner)
    objectives = [strategy.create_objective(actor=team.owner, roadmap=roadmap, title=t) for t in TITLES]
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    for name, role in (("Inès", "stakeholder"), ("Hugo", "viewer")):
        services.create(Stakeholder, actor=team.owner, framing=framing, name=name, member=team.users[role])
    return Weighed(team, roadmap, objectives)


def _cast(weighed: Weighed, vote: Vote, role: str, points: dict[str, int]) -> None:
    by_title = {o.title: o.pk for o in vote.options.all()}
    services.cast(
        actor=weighed.team.users[role], vote=vote, points={by_title[t]: n for t, n in points.items()}
    )


def test_a_vote_on_the_objectives_proposes_every_objective_by_default_each_linked(weighed) -> None:
    vote = services.open_objectives_vote(
        actor=weighed.team.users["editor"], roadmap=weighed.roadmap, title="Priorités", points=3
    )
    options = list(vote.options.all())
    assert [(o.title, o.objective_id) for o in options] == [(o.title, o.pk) for o in weighed.objectives]


def test_a_vote_on_ticked_objectives_proposes_only_those(weighed) -> None:
    first, _second, third = weighed.objectives
    vote = services.open_objectives_vote(
        actor=weighed.team.owner, roadmap=weighed.roadmap, title="Q", points=2, objectives=[third, first]
    )
    assert sorted(vote.options.values_list("objective_id", flat=True)) == sorted([first.pk, third.pk])


def test_an_objective_of_another_roadmap_or_a_single_one_is_refused_and_opens_nothing(weighed) -> None:
    other = make_roadmap(weighed.team.workspace, weighed.team.owner, slug="other")
    stranger = strategy.create_objective(actor=weighed.team.owner, roadmap=other, title="Autre")
    with translation.override("fr"), pytest.raises(ValidationFailed) as foreign:
        services.open_objectives_vote(
            actor=weighed.team.owner, roadmap=weighed.roadmap, title="Q", points=2,
            objectives=[weighed.objectives[0], stranger],
        )  # fmt: skip
    with translation.override("en"), pytest.raises(ValidationFailed) as single:
        services.open_objectives_vote(
            actor=weighed.team.owner, roadmap=weighed.roadmap, title="Q", points=2,
            objectives=[weighed.objectives[0]],
        )  # fmt: skip
    assert foreign.value.errors["objectives"] == ["Choisissez des objectifs de cette feuille de route."]
    assert single.value.errors["objectives"] == ["Choose at least two objectives to weigh."]
    assert not Vote.objects.exists()


def test_a_stakeholder_cannot_open_a_vote_on_the_objectives(weighed) -> None:
    with pytest.raises(Forbidden):
        services.open_objectives_vote(
            actor=weighed.team.users["stakeholder"], roadmap=weighed.roadmap, title="Q", points=2
        )
    assert not Vote.objects.exists()


def test_each_objective_shows_its_rank_points_and_voters_in_the_smart_table(client: Client, weighed) -> None:
    vote = services.open_objectives_vote(
        actor=weighed.team.owner, roadmap=weighed.roadmap, title="Q", points=3
    )
    _cast(weighed, vote, "stakeholder", {TITLES[1]: 3})
    _cast(weighed, vote, "viewer", {TITLES[1]: 1, TITLES[2]: 2})
    standing = votes.standings(weighed.roadmap)
    shown = [standing[o.pk] for o in weighed.objectives]
    assert [(s.rank, s.points, s.voters, s.of) for s in shown] == [(3, 0, 0, 3), (1, 4, 2, 3), (2, 2, 1, 3)]
    client.force_login(weighed.team.users["stakeholder"])
    client.cookies["jalon_language"] = "fr"
    page = " ".join(client.get(weighed.smart_page).content.decode().split())
    assert "Vote des parties prenantes :</a> rang 1 sur 3 · 4 points · 2 votants" in page
    assert '<span class="muted">(vote ouvert)</span>' in page
    assert "rang 3 sur 3 · 0 point · 0 votant" in page
    assert "Soumettre ces objectifs au vote" not in page  # a stakeholder opens no vote
    client.cookies["jalon_language"] = "en"
    page = " ".join(client.get(weighed.smart_page).content.decode().split())
    assert "Stakeholder vote:</a> rank 2 of 3 · 2 points · 1 voter" in page


def test_an_editor_opens_the_vote_from_the_smart_table_on_the_ticked_objectives(
    client: Client, weighed
) -> None:
    client.force_login(weighed.team.users["editor"])
    client.cookies["jalon_language"] = "en"
    page = client.get(weighed.smart_page).content.decode()
    assert "Ask the stakeholders to weigh these objectives" in page
    assert f'action="{weighed.votes_page}"' in page and 'value="open_objectives"' in page
    first, second, _third = weighed.objectives
    response = client.post(
        weighed.votes_page,
        {"op": "open_objectives", "title": "What first?", "points": "3", "objectives": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert list(VoteOption.objects.values_list("objective_id", flat=True)) == [first.pk, second.pk]
    nothing = client.post(
        weighed.votes_page, {"op": "open_objectives", "title": "Again", "points": "3", "objectives": []}
    )
    assert nothing.status_code == 422 and "This field is required." in nothing.content.decode()
    assert Vote.objects.count() == 1


def test_the_votes_page_offers_the_objectives_all_ticked(client: Client, weighed) -> None:
    client.force_login(weighed.team.owner)
    client.cookies["jalon_language"] = "fr"
    page = client.get(weighed.votes_page).content.decode()
    assert "Soumettre les objectifs au vote des parties prenantes" in page
    for objective in weighed.objectives:
        assert f'value="{objective.pk}"' in page
    assert page.count('name="objectives"') == 3 and page.count("checked") >= 3


def test_adopting_a_closed_votes_ranking_orders_the_smart_table(client: Client, weighed) -> None:
    vote = services.open_objectives_vote(
        actor=weighed.team.owner, roadmap=weighed.roadmap, title="Q", points=3
    )
    _cast(weighed, vote, "stakeholder", {TITLES[2]: 2, TITLES[1]: 1})
    with pytest.raises(ValidationFailed):
        services.adopt_ranking(actor=weighed.team.owner, vote=vote)  # still open
    services.set_closed(actor=weighed.team.owner, vote=vote, closed=True)
    client.force_login(weighed.team.users["editor"])
    client.cookies["jalon_language"] = "en"
    assert "Order the SMART table by these results" in client.get(weighed.votes_page).content.decode()
    assert client.post(weighed.votes_page, {"op": "adopt_ranking", "vote": vote.pk}).status_code == 302
    ordered = Objective.objects.filter(roadmap=weighed.roadmap).order_by("position", "pk")
    assert [o.title for o in ordered] == [TITLES[2], TITLES[1], TITLES[0]]
    page = client.get(weighed.smart_page).content.decode()
    assert page.index(TITLES[2]) < page.index(TITLES[1]) < page.index(TITLES[0])


def test_the_deliverable_lists_the_objectives_vote_with_the_objectives(weighed) -> None:
    vote = services.open_objectives_vote(
        actor=weighed.team.owner, roadmap=weighed.roadmap, title="Q", points=3
    )
    _cast(weighed, vote, "viewer", {TITLES[0]: 3})
    with translation.override("fr"):
        block = collect_framing(weighed.roadmap)
    assert block is not None
    (result,) = block.votes
    assert result.ballots == 1
    first = result.lines[0]
    assert (first.title, first.points, first.voters, first.objective) == (TITLES[0], 3, 1, TITLES[0])


def test_a_row_redrawn_in_place_keeps_the_objectives_standing(client: Client, weighed) -> None:
    vote = services.open_objectives_vote(
        actor=weighed.team.owner, roadmap=weighed.roadmap, title="Q", points=3
    )
    _cast(weighed, vote, "viewer", {TITLES[0]: 2})
    client.force_login(weighed.team.users["editor"])
    client.cookies["jalon_language"] = "en"
    row = client.get(
        f"{weighed.smart_page}o/{weighed.objectives[0].key}/cells/impact/", HTTP_HX_REQUEST="true"
    )
    assert row.status_code == 200
    assert "Stakeholder vote:</a> rank 1 of 3 · 2 points · 1 voter" in " ".join(row.content.decode().split())


def test_a_renamed_objective_shows_its_current_title_and_its_proposed_wording(
    client: Client, weighed
) -> None:
    vote = services.open_objectives_vote(
        actor=weighed.team.owner, roadmap=weighed.roadmap, title="Q", points=3
    )
    _cast(weighed, vote, "stakeholder", {TITLES[0]: 2})
    renamed = weighed.objectives[0]
    strategy.update_objective(
        actor=weighed.team.owner, objective=renamed, expected_version=renamed.version,
        changes={"title": "Fidéliser les clientes et clients"},
    )  # fmt: skip
    client.force_login(weighed.team.users["stakeholder"])
    client.cookies["jalon_language"] = "fr"
    page = client.get(weighed.votes_page).content.decode()
    shown = "Fidéliser les clientes et clients (proposé\u00a0: Fidéliser les clients)"
    assert page.count(shown) == 2  # the ballot's label and the results
    assert f'<th scope="row">{TITLES[1]}</th>' in page  # an objective left as it was: its title alone
    client.cookies["jalon_language"] = "en"
    page = client.get(weighed.votes_page).content.decode()
    assert "Fidéliser les clientes et clients (proposed: Fidéliser les clients)" in page
    with translation.override("fr"):
        block = collect_framing(weighed.roadmap)
    assert block is not None
    assert block.votes[0].lines[0].title == shown


@pytest.mark.parametrize(("content", "question"), [("en", "Which objectives matter most?"),
                                                    ("fr", "Quels objectifs comptent le plus")])  # fmt: skip
def test_the_question_proposed_is_in_the_roadmaps_language_whatever_the_pages(
    client: Client, weighed: Weighed, content: str, question: str
) -> None:
    """A French reader weighing an English client's objectives gets an English question, which the client's
    stakeholders read and the English deliverable prints."""
    Roadmap.objects.filter(pk=weighed.roadmap.pk).update(language=content)
    client.force_login(weighed.team.owner)
    page = client.get(weighed.smart_page, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="fr"' in page
    field = re.search(r'<input[^>]*id="weigh-title"[^>]*>', page)
    assert field is not None and question in html.unescape(field.group(0)).replace("\u00a0", " ")
