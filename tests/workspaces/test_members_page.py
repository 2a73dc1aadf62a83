"""The members page offers only what it will do: the last owner's role is shown, not offered for a change the
next page would refuse (« Un espace de travail doit avoir au moins un propriétaire »); with a second owner,
both owners' roles can be changed again."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from jalon.workspaces import services
from tests.factories import Team

pytestmark = pytest.mark.django_db


def members_page(client: Client, team: Team) -> str:
    client.force_login(team.owner)
    return html.unescape(client.get(f"/w/{team.workspace.slug}/members/").content.decode())


def test_the_last_owners_role_is_shown_without_a_change_button(client: Client, team: Team) -> None:
    page = members_page(client, team)
    assert f'id="role-{team.owner.pk}"' not in page
    assert f'/members/{team.owner.pk}/role/"' not in page
    assert "Dernier propriétaire" in page
    for role in ("editor", "viewer", "stakeholder"):
        assert f'id="role-{team.users[role].pk}"' in page, role


def test_with_two_owners_each_owners_role_can_be_changed(client: Client, team: Team) -> None:
    editor = team.users["editor"]
    services.set_membership(actor=team.owner, workspace=team.workspace, user=editor, role="owner")
    page = members_page(client, team)
    assert f'id="role-{team.owner.pk}"' in page and f'id="role-{team.users["editor"].pk}"' in page
