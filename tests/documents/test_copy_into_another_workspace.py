"""A consultant starts a client's roadmap from another client's: the copy goes into another workspace she
edits, with the plan and none of the first client's people (team, owners, assignments, the framing's
stakeholders), nor the original's title in its history; she must edit both workspaces."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client

from jalon.accounts.models import User
from jalon.demo.framing import load_demo_framing
from jalon.documents.services import copy_roadmap, roadmap_document
from jalon.framing.models import Stakeholder
from jalon.history.models import Change
from jalon.planning.models import Person
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Membership, Workspace

COPY = "/w/cloud-kicks/r/cloud-kicks/copy/"


@pytest.fixture
def acme(members) -> Workspace:
    """The English client's workspace: the demo's owner owns it too, its editor only views it."""
    workspace = Workspace.objects.create(slug="acme-ltd", name="Acme Ltd")
    Membership.objects.create(workspace=workspace, user=members["owner"], role="owner")
    Membership.objects.create(workspace=workspace, user=members["editor"], role="viewer")
    return workspace


def named_owners(tree: Any) -> list[Any]:
    if isinstance(tree, dict):
        here = [tree[k] for k in ("owner", "assignments") if tree.get(k)]
        return here + [found for value in tree.values() for found in named_owners(value)]
    if isinstance(tree, list):
        return [found for value in tree for found in named_owners(value)]
    return []


def test_a_copy_into_another_workspace_holds_the_plan_and_none_of_the_first_clients_people(
    demo, members, acme
) -> None:
    Stakeholder.objects.create(framing=load_demo_framing(demo.roadmap), name="Inès Moreau")
    before = roadmap_document(demo.roadmap)
    assert before["people"] and named_owners(before) and before["framing"]["stakeholders"]
    copied = copy_roadmap(actor=members["owner"], roadmap=demo.roadmap, title="Acme 2027", into=acme)
    assert copied.workspace == acme
    after = roadmap_document(copied)
    for section in ("strategies", "themes"):
        assert after.get(section) == before.get(section), section
    assert [o["title"] for o in after["objectives"]] == [o["title"] for o in before["objectives"]]
    assert [a["key"] for a in after["activities"]] == [a["key"] for a in before["activities"]]
    assert "people" not in after and not Person.objects.filter(workspace=acme).exists()
    assert named_owners(after) == []
    assert "stakeholders" not in after["framing"]
    assert roadmap_document(demo.roadmap) == before  # the original is untouched


def test_the_copys_history_in_the_other_workspace_does_not_name_the_original(demo, members, acme) -> None:
    copied = copy_roadmap(actor=members["owner"], roadmap=demo.roadmap, title="Acme 2027", into=acme)
    recorded = Change.objects.filter(workspace=acme).values_list("label", "fields")
    assert recorded and demo.roadmap.title not in str(list(recorded))
    assert copied.title == "Acme 2027"


def test_copying_into_another_workspace_takes_an_editor_of_both(demo, members, acme, make_user) -> None:
    with pytest.raises(PermissionDenied):  # an editor here, only a viewer there
        copy_roadmap(actor=members["editor"], roadmap=demo.roadmap, title="Copie", into=acme)
    with pytest.raises(Http404):  # a stranger to the destination is not told it exists
        copy_roadmap(actor=members["editor"], roadmap=demo.roadmap, title="Copie", into=outsiders(members))
    acme_editor: User = make_user("acme-editor@example.com")
    Membership.objects.create(workspace=acme, user=acme_editor, role="editor")
    with pytest.raises(Http404):  # an editor there who is no member here
        copy_roadmap(actor=acme_editor, roadmap=demo.roadmap, title="Copie", into=acme)
    assert not Roadmap.objects.filter(workspace=acme).exists()


def outsiders(members: dict[str, User]) -> Workspace:
    return Workspace.objects.get(memberships__user=members["outsider"])


def test_the_copy_form_offers_the_workspaces_she_edits_and_lands_on_the_copy_there(
    client: Client, members, acme
) -> None:
    client.force_login(members["owner"])
    page = client.get(COPY).content.decode()
    assert 'name="into"' in page and "Acme Ltd" in page and "Other" not in page
    response = client.post(COPY, {"title": "Acme 2027", "months": "12", "into": acme.pk}, follow=True)
    assert response.redirect_chain[-1][0] == "/w/acme-ltd/r/acme-2027/"


def test_the_copy_form_refuses_a_workspace_she_only_views(client: Client, members, acme) -> None:
    client.force_login(members["editor"])
    assert 'name="into" value' in client.get(COPY).content.decode()  # one workspace to edit: no choice
    response = client.post(COPY, {"title": "Acme 2027", "months": "0", "into": acme.pk})
    assert response.status_code == 422
    assert not Roadmap.objects.filter(workspace=acme).exists()
