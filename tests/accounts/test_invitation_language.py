"""The language someone invited reads Jalon in: their browser's (Accept-Language) while they have no account,
unless they pick one with the header's switch; the invitation e-mail in the language the inviter chose for
them (the inviter's own, offered first); the account made on the invitation's page keeps the language used.
Someone logged in still reads their account's language, never the browser's."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from jalon.accounts.models import User
from jalon.workspaces.services import invite
from tests.accounts.invitation_links import MEMBERS, PASSWORD, link_for, sent_link

BROWSER = {"en": "en-GB,en;q=0.9", "fr": "fr-FR,fr;q=0.9"}
INVITATION_PAGE = {"en": "Choose a password to create your account.", "fr": "Choisissez un mot de passe"}
WORKSPACE_PAGE = {"en": "Roadmaps", "fr": "Feuilles de route"}


@pytest.fixture
def owner(members: dict[str, Any]) -> User:
    return members["owner"]  # type: ignore[no-any-return]


def invitation_path(demo: Any, owner: User) -> str:
    invite(actor=owner, workspace=demo.workspace, email="zoe@example.com", role="editor", link_for=link_for)
    return sent_link().removeprefix("http://testserver")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_invitation_page_and_the_account_made_on_it_follow_the_browsers_language(
    demo: Any, owner: User, language: str
) -> None:
    owner.language = "fr" if language == "en" else "en"  # the inviter reads the other language
    owner.save(update_fields=["language"])
    path = invitation_path(demo, owner)
    guest = Client(headers={"Accept-Language": BROWSER[language]})
    assert INVITATION_PAGE[language] in guest.get(path).content.decode()
    response = guest.post(path, {"display_name": "Zoé", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(email="zoe@example.com").language == language
    first = guest.get(response["Location"]).content.decode()
    assert f'<html lang="{language}"' in first and f"<h2>{WORKSPACE_PAGE[language]}</h2>" in first


def test_the_header_switch_wins_over_the_browsers_language(demo: Any, owner: User) -> None:
    path = invitation_path(demo, owner)
    guest = Client(headers={"Accept-Language": BROWSER["en"]})
    guest.cookies["jalon_language"] = "fr"
    assert INVITATION_PAGE["fr"] in guest.get(path).content.decode()
    guest.post(path, {"display_name": "Zoé", "password1": PASSWORD, "password2": PASSWORD})
    assert User.objects.get(email="zoe@example.com").language == "fr"


def test_a_browser_in_a_language_jalon_lacks_reads_the_instances(demo: Any, owner: User) -> None:
    path = invitation_path(demo, owner)
    page = Client(headers={"Accept-Language": "de-DE,de;q=0.9"}).get(path).content.decode()
    assert INVITATION_PAGE["fr"] in page


def test_someone_logged_in_reads_their_accounts_language_whatever_the_browser(
    client: Client, owner: User
) -> None:
    owner.language = ""
    owner.save(update_fields=["language"])
    client.force_login(owner)
    page = client.get("/w/cloud-kicks/", headers={"Accept-Language": BROWSER["en"]}).content.decode()
    assert '<html lang="fr"' in page  # no language saved: the instance's, as before


def test_the_owner_chooses_the_emails_language_and_is_offered_their_own(client: Client, owner: User) -> None:
    owner.language = "fr"
    owner.save(update_fields=["language"])
    client.force_login(owner)
    form = client.get(MEMBERS).content.decode()
    assert '<option value="fr" selected>' in form
    client.post(MEMBERS, {"email": "zoe@example.com", "role": "editor", "language": "en"})
    client.post(MEMBERS, {"email": "max@example.com", "role": "editor"})  # none chosen: the inviter's
    english, french = mail.outbox
    assert "invites you to" in english.subject and "Open this link" in english.body
    assert "vous invite" in french.subject and "Ouvrez ce lien" in french.body


def test_an_emails_language_outside_jalons_is_refused(client: Client, owner: User) -> None:
    client.force_login(owner)
    response = client.post(MEMBERS, {"email": "zoe@example.com", "role": "editor", "language": "de"})
    assert response.status_code == 422 and not mail.outbox
