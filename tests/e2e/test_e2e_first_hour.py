"""The first hour from an empty database, in real Chromium: the first account, a new workspace, an
invitation e-mailed to a colleague who accepts it and lands in the workspace. No command line."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase"
WIDTHS = (1440, 1280)
UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(e => !e.labels || e.labels.length === 0).map(e => e.name || e.id)"""


def shots(page: Any, shot: Any, name: str) -> None:
    """The page at 1440 and 1280 px; nothing may stick out sideways."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), (name, width)
        shot(page, f"{name}-{width}")
    assert page.evaluate(UNLABELLED) == [], name


def test_first_account_new_workspace_invitation_and_acceptance(new_context: Any, shot: Any) -> None:
    owner = new_context().new_page()
    owner.goto("/")
    owner.wait_for_url(re.compile(r"/setup/$"))
    assert owner.locator("h1").inner_text() == "Bienvenue dans Jalon"
    shots(owner, shot, "setup")
    owner.locator("#id_email").fill("ada@example.com")
    owner.locator("#id_display_name").fill("Ada Lovelace")
    owner.locator("#id_password1").fill(PASSWORD)
    owner.locator("#id_password2").fill(PASSWORD)
    owner.get_by_role("button", name="Créer le compte administrateur").click()
    owner.wait_for_url(re.compile(r"://[^/]+/$"))
    assert "Vous n’appartenez encore à aucun espace de travail" in owner.locator("main").inner_text()
    shots(owner, shot, "home-empty")

    owner.get_by_role("link", name="Nouvel espace de travail").click()
    owner.locator("#id_name").fill("Équipe Marketing")
    shots(owner, shot, "new-workspace")
    owner.get_by_role("button", name="Créer l’espace de travail").click()
    owner.wait_for_url(re.compile(r"/w/equipe-marketing/$"))
    assert owner.locator("h1").inner_text() == "Équipe Marketing"

    owner.get_by_role("link", name="Membres et invitations").click()
    owner.wait_for_url(re.compile(r"/w/equipe-marketing/members/$"))
    owner.locator("#id_email").fill("zoe@example.com")
    owner.locator("#id_role").select_option("editor")
    owner.get_by_role("button", name="Envoyer l’invitation").click()
    owner.wait_for_function("() => document.querySelector('#invitation-link') !== null")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zoe@example.com"]
    link = owner.locator("#invitation-link").input_value()
    assert link in mail.outbox[0].body
    assert "Invitation envoyée par e-mail à zoe@example.com." in owner.locator(".messages").inner_text()
    assert "zoe@example.com" in owner.locator("#pending-title + .table-scroll").inner_text()
    shots(owner, shot, "members-invited")

    colleague = new_context().new_page()
    colleague.goto(link)
    assert colleague.locator("h1").inner_text() == "Rejoindre Équipe Marketing"
    assert colleague.locator("#invited-email").input_value() == "zoe@example.com"
    shots(colleague, shot, "invitation")
    colleague.locator("#id_display_name").fill("Zoé")
    colleague.locator("#id_password1").fill(PASSWORD)
    colleague.locator("#id_password2").fill(PASSWORD)
    colleague.get_by_role("button", name="Créer mon compte et rejoindre").click()
    colleague.wait_for_url(re.compile(r"/w/equipe-marketing/$"))
    assert colleague.locator("h1").inner_text() == "Équipe Marketing"
    assert "Votre rôle : éditeur" in colleague.locator("main").inner_text()
    assert colleague.get_by_role("link", name="Membres et invitations").count() == 0

    # The link worked once.
    again = new_context().new_page()
    again.goto(link)
    assert again.locator("h1").inner_text() == "Cette invitation n’est plus utilisable"

    owner.reload()
    members = owner.locator("#members-title + .table-scroll").inner_text()
    assert "Zoé" in members and "zoe@example.com" in members
    assert "zoe@example.com a rejoint l’espace en tant que éditeur" in owner.locator("main").inner_text()
    shots(owner, shot, "members-accepted")

    # Error pages in the site's layout: an unknown workspace (404), the members page for an editor (403).
    owner.goto("/w/nowhere/")
    assert owner.locator("h1").inner_text() == "Page introuvable"
    shots(owner, shot, "error-404")
    colleague.goto("/w/equipe-marketing/members/")
    assert colleague.locator("h1").inner_text() == "Action non autorisée"
    colleague.get_by_role("button", name="English").click()
    colleague.wait_for_function("() => document.documentElement.lang === 'en'")
    assert colleague.locator("h1").inner_text() == "Not allowed"
    shots(colleague, shot, "error-403-en")
