"""Whose ballot counts: a ballot counts while its voter may vote — a participant of the vote's workshop,
linked to a member of the workspace. Someone taken out of the workshop, unlinked, or removed from the
workspace no longer weighs on the results; the ballot is kept and counts again when they come back, and
the page says so. Every role votes: a role change alone changes nothing."""

from __future__ import annotations

from django.test import Client
from django.utils import translation

from jalon.framing import services, votes
from jalon.framing.models import Ballot, Vote
from jalon.reports.collect_framing import collect_framing
from jalon.workspaces import services as workspaces
from tests.factories import Team


def _points(vote: Vote) -> dict[str, int]:
    return {r.option.title: r.points for r in votes.results(vote)}


def test_a_voter_removed_from_the_workspace_no_longer_counts_and_counts_again_on_return(
    team: Team, vote: Vote
) -> None:
    workspaces.remove_member(actor=team.owner, workspace=team.workspace, user=team.users["stakeholder"])
    assert _points(vote) == {"Fidélité": 0, "Panier": 1}
    assert (votes.tally(vote).ballots, votes.tally(vote).set_aside) == (1, 1)
    assert Ballot.objects.filter(vote=vote).count() == 2  # kept
    workspaces.set_membership(
        actor=team.owner, workspace=team.workspace, user=team.users["stakeholder"], role="stakeholder"
    )
    assert _points(vote) == {"Fidélité": 3, "Panier": 1}


def test_a_voter_taken_out_of_the_workshop_no_longer_counts(team: Team, vote: Vote) -> None:
    ines = vote.framing.stakeholders.get(name="Inès")
    services.update(ines, actor=team.owner, expected_version=ines.version, changes={"workshops": []})
    assert _points(vote) == {"Fidélité": 0, "Panier": 1}
    assert not votes.may_vote(team.users["stakeholder"], vote)


def test_a_role_change_keeps_the_ballot_counting(team: Team, vote: Vote) -> None:
    workspaces.set_membership(
        actor=team.owner, workspace=team.workspace, user=team.users["stakeholder"], role="viewer"
    )
    assert _points(vote) == {"Fidélité": 3, "Panier": 1}


def test_the_page_and_the_deliverable_count_only_the_ballots_that_count(
    client: Client, team: Team, vote: Vote
) -> None:
    workspaces.remove_member(actor=team.owner, workspace=team.workspace, user=team.users["viewer"])
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "fr"
    page = " ".join(
        client.get(f"/w/acme/r/{vote.framing.roadmap.slug}/framing/votes/").content.decode().split()
    )
    assert "1 bulletin ·" in page
    assert (
        "1 bulletin ne compte pas : son votant n’est plus participant de l’atelier ni membre de l’espace de "
        "travail. Il est conservé et compte de nouveau s’il revient."
    ) in page
    assert "(Inès)" in page and "Hugo" not in page
    with translation.override("fr"):
        block = collect_framing(vote.framing.roadmap)
    assert block is not None and block.votes[0].ballots == 1
    assert [(line.title, line.points) for line in block.votes[0].lines] == [("Fidélité", 3), ("Panier", 0)]
