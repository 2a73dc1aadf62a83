"""Invitations: e-mailed, single use, 7 days, only a hash stored, revocable; members and the last owner."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.workspaces import services
from jalon.workspaces.models import Invitation, Membership, Workspace
from jalon.workspaces.services import (
    accept_invitation,
    invite,
    remove_member,
    revoke_invitation,
    set_membership,
)
from tests.accounts.invitation_links import MEMBERS, PASSWORD, link_for, sent_link


def token_of(link: str) -> str:
    match = re.search(r"/invitations/([^/]+)/", link)
    assert match
    return match.group(1)


@pytest.fixture
def owner(members: dict[str, Any]) -> User:
    return members["owner"]  # type: ignore[no-any-return]


@pytest.fixture
def owner_client(client: Client, owner: User) -> Client:
    client.force_login(owner)
    return client


def test_an_owner_invites_by_email_and_the_link_is_in_the_mail_and_on_the_page(owner_client: Client) -> None:
    response = owner_client.post(MEMBERS, {"email": "Zoe@Example.com", "role": "editor"}, follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zoe@example.com"]
    link = sent_link()
    assert link in response.content.decode()
    assert "Invitations en attente" in response.content.decode()
    # Shown once: the database cannot give it back.
    assert link not in owner_client.get(MEMBERS).content.decode()


def test_only_a_hash_of_the_token_is_stored(demo: Any, owner: User) -> None:
    sent = invite(
        actor=owner, workspace=demo.workspace, email="zoe@example.com", role="viewer", link_for=link_for
    )
    token = token_of(sent.link)
    stored = Invitation.objects.get()
    assert token not in {stored.token_hash, stored.email}
    assert stored.token_hash == services.token_hash(token)
    assert len(stored.token_hash) == 64
    assert services.find_invitation(stored.token_hash) is None  # the hash itself is no key


def test_the_mail_is_in_the_inviters_language(demo: Any, owner: User) -> None:
    owner.language = "en"
    invite(actor=owner, workspace=demo.workspace, email="zoe@example.com", role="viewer", link_for=link_for)
    owner.language = "fr"
    invite(actor=owner, workspace=demo.workspace, email="max@example.com", role="viewer", link_for=link_for)
    english, french = mail.outbox
    assert "invites you to" in english.subject and "Open this link" in english.body
    assert "vous invite" in french.subject and "Ouvrez ce lien" in french.body


def test_a_new_person_sets_a_password_and_lands_in_the_workspace_with_the_role(
    owner_client: Client, client: Client
) -> None:
    owner_client.post(MEMBERS, {"email": "zoe@example.com", "role": "editor"})
    path = sent_link().removeprefix("http://testserver")
    guest = Client()
    assert "Choisissez un mot de passe" in guest.get(path).content.decode()
    response = guest.post(path, {"display_name": "Zoé", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/w/cloud-kicks/"
    zoe = User.objects.get(email="zoe@example.com")
    assert zoe.check_password(PASSWORD)
    assert Membership.objects.get(user=zoe).role == "editor"
    assert guest.get("/w/cloud-kicks/").status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == zoe and invitation.accepted_at is not None
    assert "zoe@example.com" in owner_client.get(MEMBERS).content.decode()


def test_an_existing_user_joins_after_logging_in_as_the_invited_address(
    demo: Any, owner: User, make_user: Any
) -> None:
    zoe = make_user("zoe@example.com")
    sent = invite(
        actor=owner, workspace=demo.workspace, email="zoe@example.com", role="viewer", link_for=link_for
    )
    path = sent.link.removeprefix("http://testserver")
    anonymous = Client()
    assert "/login/?next=" in anonymous.get(path).content.decode()
    assert anonymous.post(path).status_code == 422
    other = Client()
    other.force_login(owner)
    assert "Déconnectez-vous" in other.get(path).content.decode()
    zoe_client = Client()
    zoe_client.force_login(zoe)
    assert zoe_client.post(path)["Location"] == "/w/cloud-kicks/"
    assert Membership.objects.get(user=zoe, workspace=demo.workspace).role == "viewer"


def test_a_link_works_once(demo: Any, owner: User) -> None:
    sent = invite(
        actor=owner, workspace=demo.workspace, email="zoe@example.com", role="viewer", link_for=link_for
    )
    token = token_of(sent.link)
    accept_invitation(token=token, user=None, password=PASSWORD)
    with pytest.raises(ValidationFailed, match=r"déjà servi|already used"):
        accept_invitation(token=token, user=None, password=PASSWORD)
    assert Client().get(f"/invitations/{token}/").status_code == 404


def test_a_link_expires_after_seven_days(demo: Any, owner: User) -> None:
    sent = invite(
        actor=owner, workspace=demo.workspace, email="zoe@example.com", role="viewer", link_for=link_for
    )
    invitation = sent.invitation
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationFailed):
        accept_invitation(token=token_of(sent.link), user=None, password=PASSWORD)
    response = Client().get(f"/invitations/{token_of(sent.link)}/")
    assert response.status_code == 404
    assert "expiré" in response.content.decode()
    assert not User.objects.filter(email="zoe@example.com").exists()


def test_a_revoked_link_no_longer_works(owner_client: Client, demo: Any, owner: User) -> None:
    sent = invite(
        actor=owner, workspace=demo.workspace, email="zoe@example.com", role="viewer", link_for=link_for
    )
    response = owner_client.post(f"/w/cloud-kicks/invitations/{sent.invitation.pk}/revoke/")
    assert response.status_code == 302
    with pytest.raises(ValidationFailed):
        accept_invitation(token=token_of(sent.link), user=None, password=PASSWORD)
    with pytest.raises(ValidationFailed):
        revoke_invitation(actor=owner, invitation=sent.invitation)
    assert "Aucune invitation en attente." in owner_client.get(MEMBERS).content.decode()


def test_inviting_the_same_address_again_replaces_the_pending_link(demo: Any, owner: User) -> None:
    first = invite(
        actor=owner, workspace=demo.workspace, email="zoe@example.com", role="viewer", link_for=link_for
    )
    invite(actor=owner, workspace=demo.workspace, email="zoe@example.com", role="editor", link_for=link_for)
    with pytest.raises(ValidationFailed):
        accept_invitation(token=token_of(first.link), user=None, password=PASSWORD)


def test_a_weak_password_on_acceptance_creates_nothing_and_keeps_the_link(demo: Any, owner: User) -> None:
    sent = invite(
        actor=owner, workspace=demo.workspace, email="zoe@example.com", role="viewer", link_for=link_for
    )
    with pytest.raises(ValidationFailed):
        accept_invitation(token=token_of(sent.link), user=None, password="short")
    assert not User.objects.filter(email="zoe@example.com").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_member_or_a_bad_address_cannot_be_invited(demo: Any, owner: User, members: dict[str, Any]) -> None:
    for email in ("editor@example.com", "not-an-address"):
        with pytest.raises(ValidationFailed):
            invite(actor=owner, workspace=demo.workspace, email=email, role="viewer", link_for=link_for)
    with pytest.raises(ValidationFailed):
        invite(actor=owner, workspace=demo.workspace, email="x@example.com", role="boss", link_for=link_for)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_with_closed_signup_only_existing_accounts_can_be_invited(
    demo: Any, owner: User, settings: Any, make_user: Any
) -> None:
    settings.JALON_SIGNUP = "closed"
    with pytest.raises(ValidationFailed, match=r"ferm|closed"):
        invite(
            actor=owner, workspace=demo.workspace, email="new@example.com", role="viewer", link_for=link_for
        )
    make_user("known@example.com")
    invite(actor=owner, workspace=demo.workspace, email="known@example.com", role="viewer", link_for=link_for)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("role", ["editor", "viewer", "stakeholder", "outsider"])
def test_only_owners_reach_the_members_page_and_its_actions(
    client: Client, members: dict[str, Any], role: str
) -> None:
    client.force_login(members[role])
    expected = 404 if role == "outsider" else 403
    editor = members["editor"]
    assert client.get(MEMBERS).status_code == expected
    assert client.post(MEMBERS, {"email": "x@example.com", "role": "owner"}).status_code == expected
    assert client.post(f"{MEMBERS}{editor.pk}/role/", {"role": "owner"}).status_code == expected
    assert client.post(f"{MEMBERS}{editor.pk}/remove/").status_code == expected
    assert client.post("/w/cloud-kicks/rename/", {"name": "Renamed"}).status_code == expected
    assert client.get("/w/cloud-kicks/rename/").status_code == 405  # a form on the members page, no page
    assert not Invitation.objects.exists()
    assert Membership.objects.get(user=editor).role == "editor"
    assert Workspace.objects.get(slug="cloud-kicks").name == "Cloud Kicks"


def test_an_owner_may_rename_the_workspace_and_an_anonymous_visitor_may_not(owner_client: Client) -> None:
    assert "/login/" in Client().post("/w/cloud-kicks/rename/", {"name": "Renamed"})["Location"]
    assert owner_client.post("/w/cloud-kicks/rename/", {"name": "Cloud Kicks Marketing"}).status_code == 302
    assert Workspace.objects.get(slug="cloud-kicks").name == "Cloud Kicks Marketing"


def test_an_owner_changes_a_role_and_removes_a_member(owner_client: Client, members: dict[str, Any]) -> None:
    viewer, editor = members["viewer"], members["editor"]
    assert owner_client.post(f"{MEMBERS}{viewer.pk}/role/", {"role": "editor"}).status_code == 302
    assert Membership.objects.get(user=viewer).role == "editor"
    assert owner_client.post(f"{MEMBERS}{editor.pk}/remove/").status_code == 302
    assert not Membership.objects.filter(user=editor).exists()


def test_the_last_owner_can_be_neither_removed_nor_demoted(
    owner_client: Client, demo: Any, owner: User, members: dict[str, Any]
) -> None:
    response = owner_client.post(f"{MEMBERS}{owner.pk}/remove/", follow=True)
    assert "au moins un propriétaire" in response.content.decode()
    owner_client.post(f"{MEMBERS}{owner.pk}/role/", {"role": "viewer"})
    assert Membership.objects.get(user=owner, workspace=demo.workspace).role == "owner"
    with pytest.raises(ValidationFailed):
        remove_member(actor=owner, workspace=demo.workspace, user=owner)
    # With a second owner, the first may leave.
    set_membership(actor=owner, workspace=demo.workspace, user=members["editor"], role="owner")
    remove_member(actor=owner, workspace=demo.workspace, user=owner)
    assert not Membership.objects.filter(user=owner, workspace=demo.workspace).exists()


def test_the_mail_server_refusing_keeps_the_invitation_and_shows_the_link(
    owner_client: Client, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    response = owner_client.post(MEMBERS, {"email": "zoe@example.com", "role": "viewer"}, follow=True)
    page = response.content.decode()
    assert "n’a pas pu être envoyé" in page
    assert "/invitations/" in page
    assert "Il a été envoyé par e-mail" not in page  # the card does not claim it went either
    assert Invitation.objects.filter(email="zoe@example.com").exists()


def test_without_a_mail_server_the_page_says_nothing_was_sent_and_to_pass_the_link_on(
    owner_client: Client, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # JALON_EMAIL_URL unset
    response = owner_client.post(MEMBERS, {"email": "zoe@example.com", "role": "viewer"}, follow=True)
    page = " ".join(html.unescape(response.content.decode()).replace("\u00a0", " ").split())
    assert "Aucun serveur de messagerie n’est configuré" in page and "zoe@example.com" in page
    assert "envoyez-lui ce lien vous-même" in page and "JALON_EMAIL_URL" in page
    assert "Invitation envoyée par e-mail" not in page and "Il a été envoyé par e-mail" not in page
    assert "/invitations/" in page
    assert "La personne reçoit par e-mail" not in page  # the form says where the link will be instead
    assert "le lien, qui sert une seule fois pendant 7 jours, s’affiche sur cette page" in page
    capsys.readouterr()  # the console backend printed the mail in the server's output
