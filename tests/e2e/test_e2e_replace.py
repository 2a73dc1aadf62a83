"""Replacing a roadmap from its file in real Chromium: the confirmation page lists what is lost, the
previous version waits in the roadmap's history, and restoring it (after its own confirmation) brings the
roadmap back, in French with no English word."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


def test_a_replace_import_is_confirmed_then_undone_from_the_history(
    new_context: Any, members: Any, tmp_path: Path, shot: Any
) -> None:
    from jalon.demo.framing import load_demo_framing
    from jalon.documents.services import export_roadmap
    from jalon.planning.models import Scenario
    from jalon.strategy.models import Roadmap

    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    original = roadmap.title
    Scenario.objects.create(roadmap=roadmap, key="prudent", name="Prudent", status="optimal")
    load_demo_framing(roadmap)
    document = json.loads(export_roadmap(actor=None, roadmap=roadmap, fmt="json"))
    document["roadmap"]["title"] = "Plan remplacé"
    changed = tmp_path / "plan.json"
    changed.write_text(json.dumps(document), encoding="utf-8")

    page = new_context().new_page()
    page.set_default_navigation_timeout(30_000)
    log_in(page, "demo@jalon.local")
    page.goto("/w/cloud-kicks/")
    page.get_by_text("Importer un fichier de feuille de route").click()
    page.locator("#import-file").set_input_files(str(changed))
    page.get_by_label("Remplacer une feuille de route de même identifiant").check()
    page.get_by_role("button", name="Importer", exact=True).click()
    assert page.locator("h1").inner_text() == "Remplacer la feuille de route\u00a0?"
    warning = page.get_by_role("alert").inner_text()
    assert "1 scénario enregistré" in warning and "Perdu définitivement" in warning
    assert "Son cadrage" in warning and "5 actions du plan et 1 vote" in warning
    shot(page, "confirm")
    page.get_by_role("button", name="Remplacer la feuille de route").click()
    page.wait_for_url(re.compile(f"{ROADMAP}$"))
    assert page.locator("h1").inner_text() == "Plan remplacé"

    page.get_by_role("link", name="Historique", exact=True).click()
    page.wait_for_url(re.compile(r"/history/journal/$"))
    page.get_by_role("link", name="Versions conservées").click()
    page.wait_for_url(re.compile(r"/history/$"))
    shot(page, "history")
    page.get_by_role("link", name="Restaurer cette version").click()
    assert page.locator("h1").inner_text() == "Restaurer cette version\u00a0?"
    page.get_by_role("button", name="Restaurer cette version").click()
    page.wait_for_url(re.compile(f"{ROADMAP}$"))
    assert page.locator("h1").inner_text() == original
    shot(page)
