"""A stakeholder × the routes of a vote on objectives: they read the votes and the SMART table and cast
their ballot, nothing else (403, nothing changed); another client's workspace does not exist for them (404
on every route, a vote id of it posted to their own page is refused), and their home lists only their own
workspace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from jalon.framing import services
from jalon.framing.models import Ballot, Stakeholder, Vote
from jalon.strategy import services as strategy
from jalon.strategy.models import Objective
from jalon.workspaces.models import Workspace
from tests.factories import Team, make_roadmap


@dataclass
class Clients:
    team: Team
    mine: Vote
    theirs: Vote

    def votes_page(self, vote: Vote) -> str:
        roadmap = vote.framing.roadmap
        return f"/w/{roadmap.workspace.slug}/r/{roadmap.slug}/framing/votes/"

    def smart_page(self, vote: Vote) -> str:
        roadmap = vote.framing.roadmap
        return f"/w/{roadmap.workspace.slug}/r/{roadmap.slug}/"


def _weighed(workspace: Workspace, owner: Any, member: Any, titles: tuple[str, str]) -> Vote:
    roadmap = make_roadmap(workspace, owner)
    for title in titles:
        strategy.create_objective(actor=owner, roadmap=roadmap, title=title)
    framing = services.open_framing(actor=owner, roadmap=roadmap)
    services.create(Stakeholder, actor=owner, framing=framing, name="Inès", member=member)
    return services.open_objectives_vote(actor=owner, roadmap=roadmap, title="Priorités", points=3)


@pytest.fixture
def clients(team: Team) -> Clients:
    """Two clients of a consultant-like setup: the team's workspace, where the stakeholder votes, and the
    outsider's, with a vote of its own."""
    stakeholder, outsider = team.users["stakeholder"], team.users["outsider"]
    mine = _weighed(team.workspace, team.owner, stakeholder, ("Fidéliser", "Recruter"))
    other = Workspace.objects.get(slug="acme-other")
    theirs = _weighed(other, outsider, outsider, ("Objectif secret Élan", "Autre secret"))
    return Clients(team, mine, theirs)


def _option(vote: Vote) -> str:
    return f"option-{vote.options.first().pk}"  # type: ignore[union-attr]


def test_a_stakeholder_votes_and_every_other_vote_write_is_403_changing_nothing(
    client: Client, clients: Clients
) -> None:
    client.force_login(clients.team.users["stakeholder"])
    client.cookies["jalon_language"] = "en"
    page = clients.votes_page(clients.mine)
    assert client.get(page).status_code == 200
    smart = client.get(clients.smart_page(clients.mine)).content.decode()
    assert "Stakeholder vote:" in smart and 'value="open_objectives"' not in smart
    roadmap = clients.mine.framing.roadmap
    objectives = list(Objective.objects.filter(roadmap=roadmap).values_list("pk", flat=True))
    writes = [
        {"op": "open", "title": "Q", "points": "2", "proposals": "A\nB"},
        {"op": "open_objectives", "title": "Q", "points": "2", "objectives": objectives},
        {"op": "close", "vote": clients.mine.pk},
        {"op": "adopt", "vote": clients.mine.pk, "option": [clients.mine.options.first().pk]},  # type: ignore[union-attr]
        {"op": "adopt_ranking", "vote": clients.mine.pk},
    ]
    assert [client.post(page, data).status_code for data in writes] == [403] * len(writes)
    assert Vote.objects.count() == 2 and not Vote.objects.filter(closed=True).exists()
    ballot = {"op": "ballot", "vote": clients.mine.pk, _option(clients.mine): "3"}
    assert client.post(page, ballot).status_code == 302
    assert Ballot.objects.filter(vote=clients.mine).count() == 1


def test_the_other_clients_routes_answer_404_to_the_stakeholder(client: Client, clients: Clients) -> None:
    client.force_login(clients.team.users["stakeholder"])
    theirs = clients.theirs
    seen = {
        "smart": client.get(clients.smart_page(theirs)).status_code,
        "votes": client.get(clients.votes_page(theirs)).status_code,
        "ballot": client.post(
            clients.votes_page(theirs), {"op": "ballot", "vote": theirs.pk, _option(theirs): "1"}
        ).status_code,
        "workspace": client.get(f"/w/{theirs.framing.roadmap.workspace.slug}/").status_code,
        "members": client.get(f"/w/{theirs.framing.roadmap.workspace.slug}/members/").status_code,
    }
    assert seen == dict.fromkeys(seen, 404)
    assert not Ballot.objects.exists()


def test_a_vote_of_the_other_client_posted_to_ones_own_page_is_refused_in_words(
    client: Client, clients: Clients
) -> None:
    client.force_login(clients.team.users["stakeholder"])
    client.cookies["jalon_language"] = "en"
    theirs = clients.theirs
    response = client.post(
        clients.votes_page(clients.mine), {"op": "ballot", "vote": theirs.pk, _option(theirs): "1"}
    )
    page = response.content.decode()
    assert response.status_code == 422
    alert = '<div class="error" role="alert" id="vote-page-errors" data-refused>'
    assert alert + "<p>This vote no longer exists.</p>" in page
    assert "Objectif secret Élan" not in page
    assert not Ballot.objects.exists()


def test_the_stakeholders_home_lists_only_their_workspace(client: Client, clients: Clients) -> None:
    client.force_login(clients.team.users["stakeholder"])
    home = client.get("/").content.decode()
    assert "/w/acme/" in home and "/w/acme-other/" not in home and "Acme other" not in home
