"""Dot votes: the participants of the vote's workshop vote (stakeholder members included) within their
points, one ballot each that changes until the vote is closed; others are refused; editors close the
vote and turn the winners into roadmap objectives."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.framing import services, votes
from jalon.framing.models import Ballot, BallotLine, Stakeholder, Vote, Workshop
from jalon.strategy.models import Objective
from jalon.workspaces.permissions import Forbidden, NotFound

PAGE = "/w/cloud-kicks/r/cloud-kicks/framing/votes/"


@pytest.fixture
def vote(members, demo) -> Vote:
    """A vote at the animation-plan workshop, which the stakeholder and the viewer attend."""
    owner = members["owner"]
    framing = services.open_framing(actor=owner, roadmap=demo.roadmap)
    workshop = services.create(Workshop, actor=owner, framing=framing, kind="plan")
    other = services.create(Workshop, actor=owner, framing=framing, kind="personas")
    for name, member, attends in (
        ("Inès Moreau", members["stakeholder"], [workshop]),
        ("Hugo Lefèvre", members["viewer"], [workshop, other]),
        ("Camille Roux", members["editor"], [other]),
    ):
        services.create(
            Stakeholder, actor=owner, framing=framing, name=name, member=member, workshops=attends
        )
    return services.open_vote(
        actor=owner, framing=framing, title="Priorités 2027", points=3, workshop=workshop,
        proposals=["Programme de fidélité", "Relance panier", "Application mobile"],
    )  # fmt: skip


def option(vote: Vote, title: str) -> int:
    return int(vote.options.get(title=title).pk)


def test_a_stakeholder_votes_and_changes_the_ballot_while_open(members, vote) -> None:
    stakeholder = members["stakeholder"]
    services.cast(actor=stakeholder, vote=vote, points={option(vote, "Relance panier"): 3})
    services.cast(actor=stakeholder, vote=vote, points={option(vote, "Programme de fidélité"): 2})
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert list(BallotLine.objects.values_list("option__title", "points")) == [("Programme de fidélité", 2)]


def test_a_ballot_over_the_points_changes_nothing(members, vote) -> None:
    with translation.override("en"), pytest.raises(ValidationFailed) as raised:
        services.cast(
            actor=members["viewer"],
            vote=vote,
            points={option(vote, "Relance panier"): 2, option(vote, "Application mobile"): 2},
        )
    assert "3 points" in str(raised.value)
    assert not Ballot.objects.exists()


def test_outsiders_cannot_vote_and_a_closed_vote_takes_no_ballot(members, vote) -> None:
    with pytest.raises(NotFound):
        services.cast(actor=members["outsider"], vote=vote, points={})
    with pytest.raises(Forbidden):
        services.set_closed(actor=members["stakeholder"], vote=vote, closed=True)
    services.set_closed(actor=members["editor"], vote=vote, closed=True)
    with pytest.raises(ValidationFailed):
        services.cast(actor=members["viewer"], vote=vote, points={option(vote, "Relance panier"): 1})


def test_results_are_ranked_and_winners_become_objectives_once(members, vote) -> None:
    services.cast(
        actor=members["viewer"],
        vote=vote,
        points={option(vote, "Relance panier"): 2, option(vote, "Application mobile"): 1},
    )
    services.cast(actor=members["stakeholder"], vote=vote, points={option(vote, "Relance panier"): 3})
    ranked = votes.results(vote)
    assert [(r.option.title, r.points, r.voters) for r in ranked] == [
        ("Relance panier", 5, 2), ("Application mobile", 1, 1), ("Programme de fidélité", 0, 0)
    ]  # fmt: skip
    with pytest.raises(ValidationFailed):
        services.adopt(actor=members["editor"], vote=vote, option_ids=[ranked[0].option.pk])
    services.set_closed(actor=members["editor"], vote=vote, closed=True)
    with translation.override("fr"), pytest.raises(ValidationFailed) as nothing_ticked:
        services.adopt(actor=members["editor"], vote=vote, option_ids=[])
    assert nothing_ticked.value.errors["__all__"] == [
        "Cochez les propositions dont faire des objectifs, puis adoptez-les."
    ]
    made = services.adopt(actor=members["editor"], vote=vote, option_ids=[ranked[0].option.pk])
    again = services.adopt(actor=members["editor"], vote=vote, option_ids=[ranked[0].option.pk])
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


@pytest.mark.parametrize("typed", ["-1", "1,5", "deux"])
def test_a_ballot_of_negative_or_broken_points_says_what_a_point_count_is(
    client: Client, members, vote, typed: str
) -> None:
    """« -1 » was refused with « Donnez des nombres entiers de points. », and -1 is a whole number: the
    message now says 0 or more; nothing is cast."""
    client.force_login(members["stakeholder"])
    client.cookies["jalon_language"] = "fr"
    refused = client.post(
        PAGE, {"op": "ballot", "vote": vote.pk, f"option-{option(vote, 'Relance panier')}": typed}
    )
    assert refused.status_code == 422
    said = refused.content.decode().replace("\u00a0", " ").replace("&nbsp;", " ")
    assert "Donnez à chaque proposition un nombre entier de points, 0 ou plus." in said
    assert not Ballot.objects.exists()


def test_an_editor_opens_closes_and_adopts_on_the_page_in_english(client: Client, members, demo) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "en"
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    services.create(
        Stakeholder, actor=members["editor"], framing=framing, name="Camille", member=members["editor"]
    )
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
    assert response.status_code == 422 and "at least two different proposals" in response.content.decode()
    assert not Vote.objects.exists()


def test_only_the_workshops_participants_vote_and_others_are_told_in_french(members, vote) -> None:
    with translation.override("fr"), pytest.raises(ValidationFailed) as raised:
        services.cast(actor=members["editor"], vote=vote, points={option(vote, "Relance panier"): 1})
    assert "Seuls les participants de l’atelier votent" in str(raised.value)
    with pytest.raises(ValidationFailed):
        services.cast(actor=members["owner"], vote=vote, points={option(vote, "Relance panier"): 1})
    assert not Ballot.objects.exists()
    assert sorted(s.name for s in votes.participants(vote)) == ["Hugo Lefèvre", "Inès Moreau"]


def test_a_vote_without_a_workshop_is_for_every_stakeholder_member(members, vote) -> None:
    other = services.open_vote(
        actor=members["editor"], framing=vote.framing, title="Canaux", points=2, proposals=["SMS", "Push"]
    )
    services.cast(actor=members["editor"], vote=other, points={option(other, "SMS"): 2})
    with pytest.raises(ValidationFailed):
        services.cast(actor=members["owner"], vote=other, points={option(other, "SMS"): 1})


def test_a_stakeholder_can_only_be_linked_to_a_member_of_the_workspace(members, vote) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.create(
            Stakeholder, actor=members["editor"], framing=vote.framing, name="X", member=members["outsider"]
        )
    assert "member" in raised.value.errors
    assert not Stakeholder.objects.filter(name="X").exists()


def test_a_non_participant_sees_the_results_but_no_ballot_and_a_posted_ballot_is_refused(
    client: Client, members, vote
) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "fr"
    page = client.get(PAGE).content.decode()
    assert "Enregistrer mon bulletin" not in page and "Seuls les participants de l’atelier votent" in page
    assert "Hugo Lefèvre, Inès Moreau" in page or "Inès Moreau, Hugo Lefèvre" in page
    response = client.post(
        PAGE, {"op": "ballot", "vote": vote.pk, f"option-{option(vote, 'Relance panier')}": "1"}
    )
    assert response.status_code == 422 and "Seuls les participants" in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("typed", ["relance  panier", "RELANCE PANIER", "Relance panièr"], ids=str)
def test_two_proposals_that_read_alike_are_refused_naming_the_other(members, demo, typed) -> None:
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    with translation.override("fr"), pytest.raises(ValidationFailed) as raised:
        services.open_vote(
            actor=members["editor"], framing=framing, title="Q", points=2,
            proposals=["Relance panier", "Fidélité", typed],
        )  # fmt: skip
    assert raised.value.errors["proposals"] == [
        f"«\u00a0{typed}\u00a0» se lit comme «\u00a0Relance panier\u00a0», déjà proposée\u00a0: "
        "donnez chaque proposition une seule fois."
    ]
    assert not Vote.objects.exists()


def test_a_proposal_typed_twice_is_refused_as_already_proposed_not_as_reading_like_itself(
    members, demo
) -> None:
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    with translation.override("fr"), pytest.raises(ValidationFailed) as raised:
        services.open_vote(
            actor=members["editor"], framing=framing, title="Q", points=2,
            proposals=["Relance panier", "Fidélité", "Relance panier"],
        )  # fmt: skip
    assert raised.value.errors["proposals"] == [
        "«\u00a0Relance panier\u00a0» est déjà proposée\u00a0: donnez chaque proposition une seule fois."
    ]
    with translation.override("en"):
        said = votes.alike_proposal("Loyalty", "Loyalty")
    assert said == "“Loyalty” is already proposed: give each proposal once."
    assert not Vote.objects.exists()


def test_the_votes_page_names_the_proposal_a_typed_one_reads_like(client: Client, members) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "en"
    response = client.post(
        PAGE, {"op": "open", "title": "Q", "points": "2", "proposals": "Loyalty\nReviews\nloyalty "}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "“loyalty” reads like “Loyalty”, already proposed: give each proposal once." in page
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("points", "french", "english"),
    [
        (0, "Votre bulletin (0 point donné sur 3)", "Your ballot (0 of 3 points given)"),
        (1, "Votre bulletin (1 point donné sur 3)", "Your ballot (1 of 3 points given)"),
        (2, "Votre bulletin (2 points donnés sur 3)", "Your ballot (2 of 3 points given)"),
    ],
)
def test_the_ballots_legend_agrees_with_the_points_given(
    client: Client, members, vote, points: int, french: str, english: str
) -> None:
    """« Votre bulletin (1 points donnés sur 3) » on a stakeholder's page: the legend had no singular."""
    stakeholder = members["stakeholder"]
    if points:
        services.cast(actor=stakeholder, vote=vote, points={option(vote, "Relance panier"): points})
    client.force_login(stakeholder)
    for language, legend in (("fr", french), ("en", english)):
        stakeholder.language = language
        stakeholder.save(update_fields=["language"])
        page = " ".join(client.get(PAGE).content.decode().replace("\u00a0", " ").split())
        assert legend in page, language
