"""The workspace's change log: its team (people, agencies, capacities, absences), members and roles, and
invitations, in words, filtered and exported as a roadmap's log is (the same code), for its owners only;
a roadmap's changes stay in the roadmap's log and the workspace's in the workspace's."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.history import journal
from jalon.history.models import Change
from jalon.planning import services as planning
from jalon.planning.models import Theme
from jalon.planning.people import services as people
from jalon.workspaces import services as workspaces
from jalon.workspaces.models import Invitation
from tests.factories import make_roadmap, make_team
from tests.history.change_log import exported, speaking

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ").replace("\u202f", " ")


def link(token: str) -> str:
    return f"https://jalon.example/invitations/{token}/"


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def busy(team):
    """A workspace whose team, members and invitations changed, beside a roadmap that changed too."""
    owner = team.owner
    roadmap = make_roadmap(team.workspace, owner, title="Plan de lancement")
    planning.create(Theme, actor=owner, roadmap=roadmap, name="Thème de la feuille")
    agency = people.create_person(actor=owner, workspace=team.workspace, name="Agence Nova", kind="agency")
    people.update_person(
        agency, actor=team.users["editor"], expected_version=1, changes={"capacity_hours_per_week": 20}
    )
    leave = planning.add_absence(actor=owner, person=agency, start=date(2026, 8, 3), end=date(2026, 8, 21))
    planning.remove_absence(actor=owner, absence=leave)
    gone = people.create_person(actor=owner, workspace=team.workspace, name="Paul Parti")
    people.delete_person(gone, actor=owner)
    workspaces.set_membership(actor=owner, workspace=team.workspace, user=team.users["viewer"], role="editor")
    sent = workspaces.invite(
        actor=owner, workspace=team.workspace, email="nouvelle@acme.example", role="viewer", link_for=link
    )
    workspaces.revoke_invitation(actor=owner, invitation=sent.invitation)
    workspaces.remove_member(actor=owner, workspace=team.workspace, user=team.users["stakeholder"])
    return team


def page(client: Client, team: Any, query: str = "") -> str:
    response = client.get(f"/w/{team.workspace.slug}/journal/{query}")
    assert response.status_code == 200
    return text_of(response.content.decode())


def test_the_team_members_and_invitations_are_in_the_workspace_log_in_french(client: Client, busy) -> None:
    client.force_login(speaking(busy.owner, "fr"))
    shown = page(client, busy)
    assert "Journal des modifications de l’espace" in shown
    assert "Agence Nova" in shown and "Capacité (heures par semaine) : 35 → 20" in shown
    assert "Absence : 03/08/2026 au 21/08/2026 → —" in shown  # its removal
    assert "Absence : — → 03/08/2026 au 21/08/2026" in shown
    assert "Membre de l’équipe Paul Parti création" in shown
    assert "Membre de l’équipe Paul Parti suppression" in shown
    assert "Membre de l’espace viewer@acme.example Rôle : lecteur → éditeur" in shown
    assert "nouvelle@acme.example Rôle : — → lecteur" in shown
    assert re.search(r"nouvelle@acme\.example Retirée le : — → \d\d/\d\d/\d{4} \d\d:\d\d", shown)
    assert "Membre de l’espace stakeholder@acme.example suppression" in shown
    assert "Thème de la feuille" not in shown  # a roadmap's change is in the roadmap's log
    for english in ("Capacity", "Role", "Withdrawn", "Membership", "Team member", "created", "deleted"):
        assert english not in shown


def test_the_workspace_log_reads_in_english(client: Client, busy) -> None:
    client.force_login(speaking(busy.owner, "en"))
    shown = page(client, busy)
    assert "Change log of the workspace" in shown
    assert "Team member Agence Nova Capacity (hours per week) : 35 → 20" in shown  # label, then its colon
    assert "Membership viewer@acme.example Role : viewer → editor" in shown
    assert "Absence : — → 3 Aug 2026 to 21 Aug 2026" in shown
    assert "Membership stakeholder@acme.example deleted" in shown
    for french in ("Capacité", "Rôle", "Retirée", "éditeur", "lecteur"):
        assert french not in shown


def test_a_roadmap_log_leaves_out_the_workspace_changes(client: Client, busy) -> None:
    roadmap = busy.workspace.roadmaps.get()
    client.force_login(busy.owner)
    shown = text_of(
        client.get(f"/w/{busy.workspace.slug}/r/{roadmap.slug}/history/journal/").content.decode()
    )
    assert "Thème de la feuille" in shown
    assert "Agence Nova" not in shown and "nouvelle@acme.example" not in shown


def test_the_workspace_log_filters_and_exports_as_a_roadmap_log_does(client: Client, busy) -> None:
    editor: User = busy.users["editor"]
    client.force_login(speaking(busy.owner, "fr"))
    filtered = page(client, busy, f"?actor={editor.pk}")
    assert "1 modification" in filtered and "Agence Nova" in filtered and "nouvelle@acme" not in filtered
    rows = list(
        csv.reader(io.StringIO(exported(client.get(f"/w/{busy.workspace.slug}/journal.csv"))), delimiter=";")
    )
    assert rows[0][:3] == ["Date et heure", "Personne", "Type d’élément"]
    assert ["Rôle", "lecteur", "éditeur"] in [row[4:] for row in rows]
    assert not any("Thème de la feuille" in cell for row in rows for cell in row)
    with translation.override("fr"):
        assert (0, journal.someone_deleted()) not in journal.actors_of(busy.workspace)


def test_only_owners_read_the_workspace_log(client: Client, busy) -> None:
    for role, status in (("editor", 403), ("viewer", 403), ("outsider", 404)):
        client.force_login(busy.users[role])
        assert client.get(f"/w/{busy.workspace.slug}/journal/").status_code == status, role
        assert client.get(f"/w/{busy.workspace.slug}/journal.csv").status_code == status, role


def test_accepting_an_invitation_is_logged_as_the_new_member(busy) -> None:
    user = User.objects.create_user(email="arrivee@acme.example", password="x" * 12)
    sent = workspaces.invite(
        actor=busy.owner, workspace=busy.workspace, email=user.email, role="viewer", link_for=link
    )
    workspaces.accept_invitation(token=sent.link.split("/")[-2], user=user)
    joined = Change.objects.filter(workspace=busy.workspace, actor=user)
    assert sorted(c.content_type.model for c in joined) == ["invitation", "membership"]
    assert Invitation.objects.get(email=user.email).accepted_at is not None


def test_a_refused_membership_change_logs_nothing(busy) -> None:
    before = Change.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        workspaces.remove_member(
            actor=busy.owner, workspace=busy.workspace, user=busy.owner
        )  # the last owner
    assert Change.objects.count() == before
    assert list(refused.value.errors) == ["role"]  # the last owner stays


def test_a_rename_of_the_workspace_is_in_its_log_linked_to_its_page(client: Client, team) -> None:
    workspaces.rename_workspace(actor=team.owner, workspace=team.workspace, name="Acme Groupe")
    client.force_login(speaking(team.owner, "fr"))
    response = client.get(f"/w/{team.workspace.slug}/journal/")
    assert "Nom : Acme → Acme Groupe" in text_of(response.content.decode())
    assert f'href="/w/{team.workspace.slug}/"' in response.content.decode()
