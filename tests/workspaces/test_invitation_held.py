"""An owner invites someone by e-mail to own the workspace, and the invitee already owns one whose name reads
alike: acceptance is refused (nobody owns two namesakes). The invitee is told on the invitation's page, in
their language, before they try, naming their own workspace and how to go on; the inviter sees the
invitation not accepted, with a reason that names none of the invitee's workspaces (their names are the
invitee's business), and the link keeps working once the invitee has renamed theirs. The hold goes when
the clash does (either workspace renamed, the invitee no longer owning hers), on both sides."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import translation

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.history.models import Change
from jalon.workspaces import services
from jalon.workspaces.models import Invitation, Membership, Workspace
from tests.factories import PASSWORD, Team

HERS = "ÀCMÉ"  # reads like « Acme », the team's workspace; the inviter must never read it


@pytest.fixture
def zoe(db) -> User:
    return User.objects.create_user(email="zoe@example.com", password=PASSWORD, language="fr")


@pytest.fixture
def hers(zoe: User) -> Workspace:
    return services.create_workspace(actor=zoe, name=HERS)


def invited(team: Team, role: str = "owner") -> str:
    sent = services.invite(
        actor=team.owner, workspace=team.workspace, email="zoe@example.com", role=role,
        link_for=lambda token: token,
    )  # fmt: skip
    return sent.link


def page(client: Client, reader: User, address: str, language: str) -> str:
    """``address`` as ``reader`` reads it with ``language`` chosen in their account."""
    User.objects.filter(pk=reader.pk).update(language=language)
    client.force_login(reader)
    return html.unescape(client.get(address).content.decode())


def test_a_refused_acceptance_marks_the_invitation_held_and_keeps_it_open(team: Team, zoe, hers) -> None:
    token = invited(team)
    with translation.override("fr"), pytest.raises(ValidationFailed):
        services.accept_invitation(token=token, user=zoe)
    invitation = Invitation.objects.get()
    assert invitation.held_at is not None
    assert (invitation.accepted_at, invitation.revoked_at) == (None, None)
    assert not Membership.objects.filter(workspace=team.workspace, user=zoe).exists()
    assert Change.objects.filter(fields__has_key="held_at", actor=zoe).count() == 1


@pytest.mark.parametrize(
    ("language", "told", "how"),
    [
        (
            "fr",
            f"Vous possédez déjà un espace de travail nommé {HERS}, qui se lit comme Acme\u00a0: renommez le "
            "vôtre d’abord, puis acceptez de posséder celui-ci.",
            "Un propriétaire renomme un espace de travail depuis sa page Membres et invitations.",
        ),
        (
            "en",
            f"You already own a workspace called {HERS}, which reads like Acme: rename yours first, then "
            "accept to own this one.",
            "An owner renames a workspace on its Members and invitations page.",
        ),
    ],
    ids=["fr", "en"],
)
def test_the_invitee_is_told_on_the_invitation_page_before_trying_in_their_language(
    client: Client, team: Team, zoe, hers, language: str, told: str, how: str
) -> None:
    token = invited(team)
    shown = page(client, zoe, f"/invitations/{token}/", language)
    assert told in shown
    assert how in shown
    assert "Join the workspace" not in shown and "Rejoindre l’espace" not in shown
    assert Invitation.objects.get().held_at is not None


@pytest.mark.parametrize(
    ("language", "reason", "other"),
    [
        ("fr", "Pas encore acceptée\u00a0: le ", "Not accepted"),
        ("en", "Not accepted: on ", "Pas encore acceptée"),
    ],
    ids=["fr", "en"],
)
def test_the_inviter_sees_the_invitation_not_accepted_with_a_reason_naming_nothing_of_the_invitee(
    client: Client, team: Team, zoe, hers, language: str, reason: str, other: str
) -> None:
    token = invited(team)
    page(client, zoe, f"/invitations/{token}/", "fr")
    members = page(client, team.owner, "/w/acme/members/", language)
    assert reason in members
    assert other not in members
    assert HERS not in members


def test_an_invitation_not_held_has_no_reason_on_the_members_page(client: Client, team: Team, zoe) -> None:
    token = invited(team)
    assert "Join the workspace" in page(client, zoe, f"/invitations/{token}/", "en")
    assert Invitation.objects.get().held_at is None
    assert "Not accepted" not in page(client, team.owner, "/w/acme/members/", "en")


def test_another_role_is_never_held(client: Client, team: Team, zoe, hers) -> None:
    token = invited(team, role="editor")
    assert "Join the workspace" in page(client, zoe, f"/invitations/{token}/", "en")
    services.accept_invitation(token=token, user=zoe)
    assert Invitation.objects.get().held_at is None


def test_the_link_still_works_once_the_invitee_renamed_theirs(client: Client, team: Team, zoe, hers) -> None:
    token = invited(team)
    page(client, zoe, f"/invitations/{token}/", "en")
    services.rename_workspace(actor=zoe, workspace=hers, name="Zoé conseil")
    assert "Join the workspace" in page(client, zoe, f"/invitations/{token}/", "en")
    response = client.post(f"/invitations/{token}/")
    assert response.status_code == 302
    assert Membership.objects.get(workspace=team.workspace, user=zoe).role == "owner"
    assert "Not accepted" not in page(client, team.owner, "/w/acme/members/", "en")


def test_someone_else_signed_in_is_not_told_about_the_invitees_workspaces(
    client: Client, team: Team, hers
) -> None:
    token = invited(team)
    shown = page(client, team.users["viewer"], f"/invitations/{token}/", "en")
    assert HERS not in shown
    assert Invitation.objects.get().held_at is None


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Acceptation suspendue le"), ("en", "Acceptance held on")]
)
def test_the_workspace_change_log_notes_the_hold_naming_nothing_of_the_invitee(
    client: Client, team: Team, zoe, hers, language: str, label: str
) -> None:
    token = invited(team)
    page(client, zoe, f"/invitations/{token}/", "fr")
    log = page(client, team.owner, "/w/acme/journal/", language)
    assert label.casefold() in log.casefold()
    assert HERS not in log


# The hold goes with the clash ------------------------------------------------------------------------


def held(team: Team, zoe: User, client: Client) -> str:
    """An invitation to own Acme, held on Zoé's side (she opened its link while owning « ÀCMÉ »)."""
    token = invited(team)
    page(client, zoe, f"/invitations/{token}/", "en")
    assert Invitation.objects.get().held_at is not None
    return token


def test_the_hold_is_cleared_when_the_invitee_renames_hers(client: Client, team: Team, zoe, hers) -> None:
    """Nothing blocks any more: the inviters must not keep reading that the invitee was asked to settle
    something, although she has not accepted yet."""
    token = held(team, zoe, client)
    services.rename_workspace(actor=zoe, workspace=hers, name="Zoé conseil")
    assert Invitation.objects.get().held_at is None
    assert "Not accepted" not in page(client, team.owner, "/w/acme/members/", "en")
    assert "Join the workspace" in page(client, zoe, f"/invitations/{token}/", "en")
    assert Change.objects.filter(fields__has_key="held_at", actor=zoe).count() == 2  # held, then cleared


def test_the_hold_is_cleared_when_the_inviting_workspace_is_renamed(
    client: Client, team: Team, zoe, hers
) -> None:
    token = held(team, zoe, client)
    services.rename_workspace(actor=team.owner, workspace=team.workspace, name="Acme Marketing")
    assert Invitation.objects.get().held_at is None
    assert "Not accepted" not in page(client, team.owner, "/w/acme/members/", "en")
    assert "Join the workspace" in page(client, zoe, f"/invitations/{token}/", "en")


@pytest.mark.parametrize("how", ["made an editor", "removed"])
def test_the_hold_is_cleared_when_the_invitee_no_longer_owns_hers(
    client: Client, team: Team, zoe, hers, how: str
) -> None:
    held(team, zoe, client)
    colleague = User.objects.create_user(email="yann@example.com", password=PASSWORD)
    services.set_membership(actor=zoe, workspace=hers, user=colleague, role="owner")
    assert Invitation.objects.get().held_at is not None  # she still owns « ÀCMÉ »
    if how == "removed":
        services.remove_member(actor=colleague, workspace=hers, user=zoe)
    else:
        services.set_membership(actor=colleague, workspace=hers, user=zoe, role="editor")
    assert Invitation.objects.get().held_at is None


def test_the_hold_stays_while_the_names_still_read_alike(client: Client, team: Team, zoe, hers) -> None:
    held(team, zoe, client)
    services.rename_workspace(actor=zoe, workspace=hers, name="acme")  # another spelling, the same name
    services.rename_workspace(actor=team.owner, workspace=team.workspace, name="ACME")
    assert Invitation.objects.get().held_at is not None
    assert "Not accepted" in page(client, team.owner, "/w/acme/members/", "en")
