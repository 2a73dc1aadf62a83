"""Dot votes: every member votes (stakeholders included) within their points, one ballot each that
changes until the vote is closed; editors close it and turn the winners into roadmap objectives."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.framing import services, votes
from jalon.framing.models import Ballot, BallotLine, Vote
from jalon.strategy.models import Objective
from jalon.workspaces.permissions import Forbidden, NotFound

PAGE = "/w/cloud-kicks/r/cloud-kicks/framing/votes/"


@pytest.fixture
def vote(members, demo) -> Vote:
    framing = services.open_framing(actor=members["owner"], roadmap=demo.roadmap)
    return votes.open_vote(
        actor=members["owner"], framing=framing, title="Priorités 2027", points=3,
        proposals=["Programme de fidélité", "Relance panier", "Application mobile"],
    )  # fmt: skip


def option(vote: Vote, title: str) -> int:
    return int(vote.options.get(title=title).pk)


def test_a_stakeholder_votes_and_changes_the_ballot_while_open(members, vote) -> None:
    stakeholder = members["stakeholder"]
    votes.cast(actor=stakeholder, vote=vote, points={option(vote, "Relance panier"): 3})
    votes.cast(actor=stakeholder, vote=vote, points={option(vote, "Programme de fidélité"): 2})
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert list(BallotLine.objects.values_list("option__title", "points")) == [("Programme de fidélité", 2)]


def test_a_ballot_over_the_points_changes_nothing(members, vote) -> None:
    with translation.override("en"), pytest.raises(ValidationFailed) as raised:
        votes.cast(
            actor=members["viewer"],
            vote=vote,
            points={option(vote, "Relance panier"): 2, option(vote, "Application mobile"): 2},
        )
    assert "3 points" in str(raised.value)
    assert not Ballot.objects.exists()


def test_outsiders_cannot_vote_and_a_closed_vote_takes_no_ballot(members, vote) -> None:
    with pytest.raises(NotFound):
        votes.cast(actor=members["outsider"], vote=vote, points={})
    with pytest.raises(Forbidden):
        votes.set_closed(actor=members["stakeholder"], vote=vote, closed=True)
    votes.set_closed(actor=members["editor"], vote=vote, closed=True)
    with pytest.raises(ValidationFailed):
        votes.cast(actor=members["viewer"], vote=vote, points={option(vote, "Relance panier"): 1})


def test_results_are_ranked_and_winners_become_objectives_once(members, vote) -> None:
    votes.cast(
        actor=members["viewer"],
        vote=vote,
        points={option(vote, "Relance panier"): 2, option(vote, "Application mobile"): 1},
    )
    votes.cast(actor=members["stakeholder"], vote=vote, points={option(vote, "Relance panier"): 3})
    ranked = votes.results(vote)
    assert [(r.option.title, r.points, r.voters) for r in ranked] == [
        ("Relance panier", 5, 2), ("Application mobile", 1, 1), ("Programme de fidélité", 0, 0)
    ]  # fmt: skip
    with pytest.raises(ValidationFailed):
        votes.adopt(actor=members["editor"], vote=vote, option_ids=[ranked[0].option.pk])
    votes.set_closed(actor=members["editor"], vote=vote, closed=True)
    made = votes.adopt(actor=members["editor"], vote=vote, option_ids=[ranked[0].option.pk])
    again = votes.adopt(actor=members["editor"], vote=vote, option_ids=[ranked[0].option.pk])
    assert [o.title for o in made] == ["Relance panier"] and again == []
    assert Objective.objects.filter(roadmap=vote.framing.roadmap, title="Relance panier").count() == 1


def test_a_stakeholder_votes_on_the_page_but_sees_no_editor_control(client: Client, members, vote) -> None:
    client.force_login(members["stakeholder"])
    client.cookies["jalon_language"] = "fr"
    page = client.get(PAGE).content.decode()
    assert "Clore le vote" not in page and "Ouvrir un vote" not in page and "Enregistrer mon bulletin" in page
    response = client.post(
        PAGE, {"op": "ballot", "vote": vote.pk, f"option-{option(vote, 'Relance panier')}": "2"}
    )
    assert response.status_code == 302
    assert client.post(PAGE, {"op": "close", "vote": vote.pk}).status_code == 403
    page = client.get(PAGE).content.decode()
    assert "1 bulletin" in page and 'value="2"' in page


def test_an_editor_opens_closes_and_adopts_on_the_page_in_english(client: Client, members, demo) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "en"
    client.post(PAGE, {"op": "open", "title": "Objectives", "points": "2", "proposals": "Loyalty\nReviews"})
    vote = Vote.objects.get()
    client.post(PAGE, {"op": "ballot", "vote": vote.pk, f"option-{option(vote, 'Reviews')}": "2"})
    client.post(PAGE, {"op": "close", "vote": vote.pk})
    page = client.get(PAGE).content.decode()
    assert "Adopt as roadmap objectives" in page and "Results, most points first" in page
    client.post(PAGE, {"op": "adopt", "vote": vote.pk, "option": [option(vote, "Reviews")]})
    assert Objective.objects.filter(title="Reviews").exists()


def test_a_vote_needs_two_proposals(client: Client, members) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "en"
    response = client.post(PAGE, {"op": "open", "title": "Q", "points": "2", "proposals": "Only one"})
    assert response.status_code == 400 and "at least two different proposals" in response.content.decode()
    assert not Vote.objects.exists()
