"""The new pages speak one language: French words never on an English page, English never on a French one."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from jalon.workspaces.services import invite

FRENCH = (
    "Adresse",
    "Mot de passe",
    "Membres",
    "espace de travail",
    "Invitations en attente",
    "Créer",
    "Rôle",
)
ENGLISH = ("Password", "Members", "workspace", "Pending invitations", "Create", "Role", "owner", "editor")


def visible_text(response: Any) -> str:
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r'\s(?:href|action|src|name|id|value|class|for|autocomplete|type)="[^"]*"', " ", body)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"\S+@\S+", " ", text)  # the fixtures' addresses (editor@example.com) are no words


def pages(members: dict[str, Any], language: str) -> dict[str, str]:
    owner = members["owner"]
    owner.language = language
    owner.save()
    sent = invite(
        actor=owner,
        workspace=members["owner"].workspaces.get(slug="cloud-kicks"),
        email="zoe@example.com",
        role="editor",
        link_for=lambda token: f"/invitations/{token}/",
    )
    client = Client()
    client.force_login(owner)
    guest = Client()
    guest.cookies["jalon_language"] = language
    return {
        "members": visible_text(client.get("/w/cloud-kicks/members/")),
        "new workspace": visible_text(client.get("/workspaces/new/")),
        "workspace": visible_text(client.get("/w/cloud-kicks/")),
        "invitation": visible_text(guest.get(sent.link)),
        "signup closed": visible_text(guest.get("/signup/")),
    }


def test_the_new_pages_in_english_have_no_french_word(members: dict[str, Any]) -> None:
    for name, text in pages(members, "en").items():
        found = [word for word in FRENCH if word in text]
        assert found == [], (name, found)


def test_the_new_pages_in_french_have_no_english_giveaway(members: dict[str, Any]) -> None:
    for name, text in pages(members, "fr").items():
        found = [word for word in ENGLISH if re.search(rf"\b{word}\b", text)]
        assert found == [], (name, found)


@pytest.mark.parametrize(("language", "title"), [("fr", "Bienvenue dans Jalon"), ("en", "Welcome to Jalon")])
def test_the_first_account_page_follows_the_language_switch(
    client: Client, language: str, title: str, db: Any
) -> None:
    client.cookies["jalon_language"] = language
    assert title in client.get("/setup/").content.decode()
