"""Importing a Trello board's CSV into the backlog, in real Chromium, in French and in English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
FIXTURES = Path(__file__).resolve().parents[1] / "documents" / "fixtures"


def logged_in(new_context: Any, email: str = "demo@jalon.local") -> Any:
    """A logged-in page that waits longer for the first pages (the live server may be busy at start)."""
    page = new_context().new_page()
    page.set_default_navigation_timeout(30_000)
    return log_in(page, email)


def upload(page: Any, name: str, button: str) -> None:
    page.locator("#csv-file").set_input_files(str(FIXTURES / name))
    page.get_by_role("button", name=button, exact=True).click()


def test_a_trello_board_lands_in_the_backlog_in_french(new_context: Any, members: Any, shot: Any) -> None:
    page = logged_in(new_context)
    page.goto(ROADMAP + "backlog/")
    page.locator(f"main a[href='{ROADMAP}backlog/import/']").click()  # the backlog's own import button
    page.wait_for_url(re.compile(r"/backlog/import/$"))
    assert page.locator("h1").inner_text() == "Importer des activités"
    shot(page, "form")
    upload(page, "trello.csv", "Importer")
    page.wait_for_url(re.compile(r"/backlog/$"))
    assert page.locator("ul.messages").inner_text().strip() == "4 activités importées."
    row = page.locator("#activity-quiz-trouvez-votre-pointure")
    assert row.get_by_role("link", name="Quiz « Trouvez votre pointure »").is_visible()
    assert "Camille Petit" in row.inner_text() and "Conversion et fidélisation" in row.inner_text()
    assert page.locator("#activity-partenariat-avec-des-influenceurs-running").is_visible()
    shot(page)


def test_a_trello_board_lands_in_the_backlog_in_english(
    new_context: Any, members: dict[str, Any], make_user: Any, shot: Any
) -> None:
    from jalon.workspaces.models import Membership, Workspace

    editor = make_user("editor-en@example.com", language="en")
    Membership.objects.create(workspace=Workspace.objects.get(slug="cloud-kicks"), user=editor, role="editor")
    page = logged_in(new_context, "editor-en@example.com")
    page.goto(ROADMAP + "backlog/import/")
    assert page.locator("h1").inner_text() == "Import activities"
    upload(page, "trello.csv", "Import")
    page.wait_for_url(re.compile(r"/backlog/$"))
    assert page.locator("ul.messages").inner_text().strip() == "4 activities imported."
    assert page.get_by_role("link", name="Relance des avis clients après livraison").is_visible()
    shot(page)


def test_a_bad_file_shows_its_lines_and_the_backlog_stays_as_it_was(
    new_context: Any, members: Any, tmp_path: Path, shot: Any
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Card Name,List Name,Due Date\nBonne,À faire,2026-12-01\n,À faire,\n", encoding="utf-8")
    page = logged_in(new_context)
    page.goto(ROADMAP + "backlog/import/")
    page.locator("#csv-file").set_input_files(str(bad))
    page.get_by_role("button", name="Importer", exact=True).click()
    alert = page.get_by_role("alert")
    assert "Rien n’a été importé" in alert.inner_text()
    assert alert.get_by_role("cell", name="ligne 3").is_visible()
    assert alert.get_by_role("cell", name="Le titre est vide.").is_visible()
    shot(page)
    page.goto(ROADMAP + "backlog/")
    assert page.locator("#activity-bonne").count() == 0
