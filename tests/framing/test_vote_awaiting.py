"""« A vote is waiting for you »: the workspace page and the roadmap's page tell a member who may cast an open
vote and has not; the line goes once they have voted or the vote is closed, and nobody else sees it."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from jalon.accounts.models import User
from jalon.framing import services
from jalon.framing.models import Stakeholder, Vote, Workshop
from jalon.strategy.models import Roadmap
from jalon.workspaces.awaiting import awaiting
from jalon.workspaces.models import Membership, Workspace

WORKSPACE = "/w/cloud-kicks/"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
QUESTION = "Priorités 2027"


def open_vote(roadmap: Roadmap, owner: User, voters: list[User], title: str = QUESTION) -> Vote:
    """A vote at a workshop of ``roadmap``'s framing that ``voters`` attend."""
    framing = services.open_framing(actor=owner, roadmap=roadmap)
    workshop = services.create(Workshop, actor=owner, framing=framing, kind="plan")
    for number, voter in enumerate(voters):
        services.create(
            Stakeholder,
            actor=owner,
            framing=framing,
            name=f"Voter {number}",
            member=voter,
            workshops=[workshop],
        )
    return services.open_vote(
        actor=owner, framing=framing, title=title, points=3, workshop=workshop,
        proposals=["Programme de fidélité", "Relance panier"],
    )  # fmt: skip


@pytest.fixture
def vote(members, demo) -> Vote:
    return open_vote(demo.roadmap, members["owner"], [members["stakeholder"]])


def page(client: Client, user: User, url: str, language: str = "en") -> str:
    client.force_login(user)
    client.cookies["jalon_language"] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).replace("\u00a0", " ").split())


def test_the_stakeholder_invited_to_vote_is_told_on_the_workspace_and_roadmap_pages(
    client: Client, members, vote
) -> None:
    for url in (WORKSPACE, ROADMAP):
        shown = page(client, members["stakeholder"], url)
        assert f"A vote is waiting for you: {QUESTION} — vote" in re.sub("<[^>]+>", "", shown)
        assert f'href="{ROADMAP}framing/votes/#vote-section-{vote.pk}">vote</a>' in shown
    assert f"Un vote vous attend : {QUESTION} — voter" in re.sub(
        "<[^>]+>", "", page(client, members["stakeholder"], WORKSPACE, "fr")
    )


def test_an_owner_who_is_not_a_voter_and_another_workspace_never_see_it(
    client: Client, members, vote
) -> None:
    assert QUESTION not in page(client, members["owner"], WORKSPACE)
    assert QUESTION not in page(client, members["owner"], ROADMAP)
    # A viewer of another workspace linked to a stakeholder line of this framing: not a member here.
    outsider = members["outsider"]
    Stakeholder.objects.filter(member=members["stakeholder"]).update(member=outsider)
    assert QUESTION not in page(client, outsider, "/w/other/")
    other = Workspace.objects.get(slug="other")
    everywhere = [*other.roadmaps.values_list("pk", flat=True), vote.framing.roadmap_id]
    assert awaiting(outsider, everywhere) == []


def test_the_line_goes_once_the_stakeholder_has_voted(client: Client, members, vote) -> None:
    option = vote.options.get(title="Relance panier")
    services.cast(actor=members["stakeholder"], vote=vote, points={option.pk: 3})
    assert QUESTION not in page(client, members["stakeholder"], WORKSPACE)
    assert QUESTION not in page(client, members["stakeholder"], ROADMAP)


def test_the_line_goes_once_the_vote_is_closed(client: Client, members, vote) -> None:
    services.set_closed(actor=members["owner"], vote=vote, closed=True)
    assert QUESTION not in page(client, members["stakeholder"], WORKSPACE)
    assert QUESTION not in page(client, members["stakeholder"], ROADMAP)


def test_a_vote_without_a_workshop_awaits_every_stakeholder_member_of_the_framing(members, vote) -> None:
    services.open_vote(
        actor=members["owner"], framing=vote.framing, title="Ouverte à tous", points=2, workshop=None,
        proposals=["Un", "Deux"],
    )  # fmt: skip
    with translation.override("en"):
        shown = [item.text for item in awaiting(members["stakeholder"], [vote.framing.roadmap_id])]
    assert shown == [f"A vote is waiting for you: {QUESTION}", "A vote is waiting for you: Ouverte à tous"]


def test_the_workspace_page_reads_what_awaits_in_the_same_queries_whatever_the_roadmaps(
    client: Client, members, demo
) -> None:
    stakeholder = members["stakeholder"]

    def queries() -> tuple[int, str]:
        client.force_login(stakeholder)
        client.cookies["jalon_language"] = "en"
        with CaptureQueriesContext(connection) as captured:
            shown = client.get(WORKSPACE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        return len(captured), shown

    open_vote(demo.roadmap, members["owner"], [stakeholder], title="Vote 0")
    one, shown = queries()
    assert shown.count("A vote is waiting for you") == 1
    for number in (1, 2, 3):
        roadmap = Roadmap.objects.create(
            workspace=demo.workspace, slug=f"plan-{number}", title=f"Plan {number}",
            start=demo.roadmap.start, end=demo.roadmap.end,
        )  # fmt: skip
        open_vote(roadmap, members["owner"], [stakeholder], title=f"Vote {number}")
    four, shown = queries()
    assert shown.count("A vote is waiting for you") == 4
    assert four == one


def test_a_member_sees_nothing_awaiting_on_a_workspace_without_roadmaps(make_user) -> None:
    user = make_user("alone@example.com")
    empty = Workspace.objects.create(slug="empty", name="Empty")
    Membership.objects.create(workspace=empty, user=user, role="stakeholder")
    assert awaiting(user, []) == []


def test_a_vote_on_an_archived_roadmap_is_not_said_to_await(client: Client, members, vote) -> None:
    Roadmap.objects.filter(pk=vote.framing.roadmap_id).update(archived_at=timezone.now())
    assert QUESTION not in page(client, members["stakeholder"], WORKSPACE)
    assert QUESTION not in page(client, members["stakeholder"], ROADMAP)
