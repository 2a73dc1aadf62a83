"""A closed vote's result is final: no ballot is cast, changed or withdrawn after closing (page and POST),
and nobody leaving or coming back to the workshop or the workspace changes what it counted. Reopening is
an editor's explicit act, kept in the history; it counts the ballots again as they stand."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.framing import services, votes
from jalon.framing.models import Ballot, Stakeholder, Vote
from jalon.history.models import Change
from jalon.reports.collect_framing import collect_framing
from jalon.workspaces import services as workspaces
from tests.factories import Team
from tests.migration_steps import migrate, migrated_to, others_at_latest


def _points(vote: Vote) -> dict[str, int]:
    return {r.option.title: r.points for r in votes.results(vote)}


def _page(client: Client, vote: Vote, language: str = "fr") -> str:
    client.cookies["jalon_language"] = language
    response = client.get(f"/w/acme/r/{vote.framing.roadmap.slug}/framing/votes/")
    return " ".join(response.content.decode().split())


def _ballot_post(client: Client, vote: Vote, points: dict[str, str]) -> int:
    fields = {"op": "ballot", "vote": str(vote.pk)} | {
        f"option-{vote.options.get(title=title).pk}": count for title, count in points.items()
    }
    return client.post(f"/w/acme/r/{vote.framing.roadmap.slug}/framing/votes/", fields).status_code


def test_a_closed_vote_takes_no_ballot_change_nor_withdrawal_by_post(
    client: Client, team: Team, vote: Vote
) -> None:
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    client.force_login(team.users["stakeholder"])
    client.cookies["jalon_language"] = "fr"
    assert _ballot_post(client, vote, {"Fidélité": "0", "Panier": "3"}) == 422  # changed
    assert _ballot_post(client, vote, {"Fidélité": "0", "Panier": "0"}) == 422  # withdrawn
    assert _points(vote) == {"Fidélité": 3, "Panier": 1}
    page = _page(client, vote)
    assert "Ce vote est clos." in page or "ballot-form" not in page
    assert 'name="op" value="ballot"' not in page  # no ballot form on a closed vote


def test_leaving_the_workspace_after_closing_leaves_the_result_as_closed(team: Team, vote: Vote) -> None:
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    workspaces.remove_member(actor=team.owner, workspace=team.workspace, user=team.users["stakeholder"])
    assert _points(vote) == {"Fidélité": 3, "Panier": 1}
    assert (votes.tally(vote).ballots, votes.tally(vote).set_aside) == (2, 0)


def test_leaving_the_workshop_after_closing_leaves_the_result_as_closed(team: Team, vote: Vote) -> None:
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    ines = vote.framing.stakeholders.get(name="Inès")
    services.update(ines, actor=team.owner, expected_version=ines.version, changes={"workshops": []})
    assert _points(vote) == {"Fidélité": 3, "Panier": 1}
    with translation.override("en"):
        block = collect_framing(vote.framing.roadmap)
    assert block is not None and block.votes[0].ballots == 2
    assert [(line.title, line.points) for line in block.votes[0].lines] == [("Fidélité", 3), ("Panier", 1)]


def test_coming_back_after_closing_does_not_add_a_ballot_set_aside_before(team: Team, vote: Vote) -> None:
    workspaces.remove_member(actor=team.owner, workspace=team.workspace, user=team.users["stakeholder"])
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    workspaces.set_membership(
        actor=team.owner, workspace=team.workspace, user=team.users["stakeholder"], role="stakeholder"
    )
    assert _points(vote) == {"Fidélité": 0, "Panier": 1}
    assert (votes.tally(vote).ballots, votes.tally(vote).set_aside) == (1, 1)


def test_the_page_says_a_closed_votes_ballot_set_aside_stays_out(
    client: Client, team: Team, vote: Vote
) -> None:
    workspaces.remove_member(actor=team.owner, workspace=team.workspace, user=team.users["viewer"])
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    client.force_login(team.owner)
    french = _page(client, vote, "fr")
    assert "1 bulletin n’a pas compté à la clôture du vote" in french
    assert "compte de nouveau s’il revient" not in french
    english = _page(client, vote, "en")
    assert "1 ballot did not count when the vote was closed" in english


def test_closing_a_closed_vote_again_keeps_its_result(team: Team, vote: Vote) -> None:
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    workspaces.remove_member(actor=team.owner, workspace=team.workspace, user=team.users["stakeholder"])
    services.set_closed(actor=team.owner, vote=vote, closed=True)  # a second tab's stale "close"
    assert _points(vote) == {"Fidélité": 3, "Panier": 1}


def test_reopening_is_kept_in_the_history_and_counts_the_ballots_as_they_stand(
    team: Team, vote: Vote
) -> None:
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    workspaces.remove_member(actor=team.owner, workspace=team.workspace, user=team.users["stakeholder"])
    services.set_closed(actor=team.users["editor"], vote=vote, closed=False)
    assert _points(vote) == {"Fidélité": 0, "Panier": 1}
    kind = ContentType.objects.get_for_model(Vote)
    changes = Change.objects.filter(content_type=kind, object_id=vote.pk).order_by("version")
    assert [(c.actor, c.fields) for c in changes][-2:] == [
        (team.owner, {"closed": [False, True]}), (team.users["editor"], {"closed": [True, False]})
    ]  # fmt: skip
    services.cast(actor=team.users["viewer"], vote=vote, points={vote.options.get(title="Fidélité").pk: 2})
    assert _points(vote) == {"Fidélité": 2, "Panier": 0}


def test_a_ballot_after_closing_is_refused_in_words(team: Team, vote: Vote) -> None:
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    with translation.override("fr"), pytest.raises(ValidationFailed) as refused:
        services.cast(actor=team.users["viewer"], vote=vote, points={})
    assert refused.value.errors["__all__"] == ["Ce vote est clos."]
    assert Ballot.objects.get(vote=vote, voter=team.users["viewer"]).lines.get().points == 1


@pytest.fixture
def before_upgrade(transactional_db):
    before = ("framing", "0005_ceilings_participants_indicators_thumbnails")
    with migrated_to([*others_at_latest("framing"), before]) as apps:
        yield apps


def test_the_upgrade_freezes_the_votes_already_closed_as_they_count(before_upgrade) -> None:
    """A vote closed before the upgrade keeps the ballots counting on upgrade day; an open one stays live."""
    apps = before_upgrade
    model = apps.get_model
    workspace = model("workspaces", "Workspace").objects.create(slug="w", name="W")
    ana, bob = (model("accounts", "User").objects.create(email=f"{n}@example.com") for n in ("ana", "bob"))
    model("workspaces", "Membership").objects.create(workspace=workspace, user=ana, role="stakeholder")
    roadmap = model("strategy", "Roadmap").objects.create(
        workspace=workspace,
        slug="r",
        title="R",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        type="strategic",
    )
    framing = model("framing", "Framing").objects.create(roadmap=roadmap)
    workshop = model("framing", "Workshop").objects.create(framing=framing, kind="plan")
    for name, member in (("Ana", ana), ("Bob", bob)):  # Bob left the workspace: his ballot is set aside
        model("framing", "Stakeholder").objects.create(
            framing=framing, name=name, member=member
        ).workshops.add(workshop)
    Vote, Ballot = model("framing", "Vote"), model("framing", "Ballot")
    for title, closed in (("closed", True), ("open", False)):
        vote = Vote.objects.create(framing=framing, workshop=workshop, title=title, closed=closed)
        for voter in (ana, bob):
            Ballot.objects.create(vote=vote, voter=voter)
    after = migrate([*others_at_latest("framing"), ("framing", "0006_ballot_counted")])
    ballots = after.get_model("framing", "Ballot").objects
    assert dict(ballots.filter(vote__title="closed").values_list("voter__email", "counted")) == {
        "ana@example.com": True, "bob@example.com": False
    }  # fmt: skip
    assert set(ballots.filter(vote__title="open").values_list("counted", flat=True)) == {None}


def test_a_closed_votes_page_lists_whose_ballots_counted_not_who_may_vote_now(
    client: Client, team: Team, vote: Vote
) -> None:
    """Hugo left before closing (his ballot set aside); after closing Inès leaves the workshop and the
    editor joins it: the closed vote still names Inès, the only one whose ballot counted."""
    workspaces.remove_member(actor=team.owner, workspace=team.workspace, user=team.users["viewer"])
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    ines = vote.framing.stakeholders.get(name="Inès")
    services.update(ines, actor=team.owner, expected_version=ines.version, changes={"workshops": []})
    services.create(
        Stakeholder, actor=team.owner, framing=vote.framing, name="Éloi", member=team.users["editor"],
        workshops=[vote.workshop],
    )  # fmt: skip
    client.force_login(team.owner)
    french = _page(client, vote, "fr")
    assert "Votant dont le bulletin a compté à la clôture du vote : Inès (1 bulletin écarté)." in french
    assert "Éloi" not in french.split("vote-participants", 1)[1].split("</p>", 1)[0]
    english = _page(client, vote, "en")
    assert "Voter whose ballot counted when the vote was closed: Inès (1 ballot set aside)." in english
    assert "Voters: the participants" not in english


def test_a_closed_vote_names_a_voter_unlinked_since_by_their_account(
    client: Client, team: Team, vote: Vote
) -> None:
    services.set_closed(actor=team.owner, vote=vote, closed=True)
    hugo = vote.framing.stakeholders.get(name="Hugo")
    services.update(hugo, actor=team.owner, expected_version=hugo.version, changes={"member": None})
    assert votes.counted_voters(vote) == ["Inès", str(team.users["viewer"])]
    client.force_login(team.owner)
    english = _page(client, vote, "en")
    assert f"Voters whose ballots counted when the vote was closed: Inès, {team.users['viewer']}." in english
