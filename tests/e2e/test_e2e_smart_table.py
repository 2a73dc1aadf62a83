"""Reading and editing the SMART table of the Cloud Kicks roadmap in place (htmx), in French."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
CELL_POST = re.compile(r"/o/taux-conversion/cells/specific/$")


def squash(text: str) -> str:
    """Spaces as a reader sees them: non-breaking and narrow spaces count as spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def objective(key: str = "taux-conversion") -> Any:
    from jalon.strategy.models import Objective

    return Objective.objects.get(roadmap__slug="cloud-kicks", key=key)


def test_read_the_smart_table_in_french(logged_in_page, shot):
    page = logged_in_page(DEMO)
    page.get_by_role("link", name="Cloud Kicks\u00a0: plan stratégique sur six mois").click()
    page.wait_for_url(re.compile(ROADMAP + "$"))

    assert page.locator("h1").inner_text() == "Cloud Kicks\u00a0: plan stratégique sur six mois"
    assert page.get_by_role("heading", name="Objectifs SMART").is_visible()
    table = page.get_by_role("table", name="Objectifs SMART")
    assert table.locator("thead th").all_inner_texts() == [
        "Impact",
        "Spécifiques",
        "Mesurables",
        "Atteignables et réalistes",
        "Délimités dans le temps",
    ]
    vision = page.locator("section.vision")
    assert vision.get_by_role("heading").inner_text() == "Énoncé de vision"
    assert "devenir le vendeur numéro un de chaussures" in vision.inner_text()

    row = page.locator("#obj-taux-conversion")
    cells = row.locator("td")
    assert "Augmenter les taux de conversion" in cells.nth(1).inner_text()
    measurable = squash(cells.nth(2).inner_text())
    assert "Taux de conversion (en %)" in measurable
    assert "2 % → 4 %" in measurable
    assert "%%" not in measurable
    # The latest measurement, written the French way (decimal comma, day first).
    latest = objective().kpis.get().measurements.order_by("date").last()
    value = f"{latest.value:g}".replace(".", ",")
    achievable = squash(cells.nth(3).inner_text())
    assert f"Dernière mesure : {value} % le {latest.date:%d/%m/%Y}" in achievable
    deadline = squash(cells.nth(4).inner_text())
    assert "31/01/2027" in deadline
    assert "Fin de l’exercice" in deadline
    assert row.locator("time").get_attribute("datetime") == "2027-01-31"
    # A sub-objective sits under its parent, with a decrease and a euro amount written the French way.
    assert table.locator("tbody tr").nth(1).get_attribute("id") == "obj-abandon-panier"
    assert re.search(
        r"\d+ % → \d+ % \(diminuer\)", squash(page.locator("#obj-abandon-panier td").nth(2).inner_text())
    )
    assert re.search(
        r"\d+ € → \d+,\d+ €", squash(page.locator("#obj-valeur-vie-client td").nth(2).inner_text())
    )
    assert not page.get_by_text("Modify", exact=True).count()
    assert cells.nth(1).get_by_role(
        "link", name=re.compile("^Modifier ce qui est spécifique")
    ).inner_text() == ("Modifier")
    shot(page, "roadmap-fr")


def test_edit_an_objective_in_place_without_reloading_the_page(logged_in_page, assets_loaded, shot):
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)
    page.evaluate("window.__sameDocument = 'still here'")
    version = objective().version

    row = page.locator("#obj-taux-conversion")
    with page.expect_response(lambda r: "/cells/specific/?edit=1" in r.url) as opened:
        row.locator("td").nth(1).get_by_role("link", name=re.compile("^Modifier")).click()
    assert opened.value.status == 200
    form = row.locator("form.cell-form")
    form.wait_for()
    expect(row).to_have_class(re.compile(r"\bediting\b"))
    assert form.get_by_label("Titre").input_value() == "Augmenter les taux de conversion"
    specific = form.get_by_label("Spécifique")
    assert specific.input_value() == "Augmenter les taux de conversion de 2\u00a0%."
    # The first field takes the focus (Chromium's autofocus at its next frame, htmx's when the swap settles).
    page.wait_for_function("() => document.activeElement && document.activeElement.name === 'title'")
    shot(page, "editing")

    specific.fill("Passer le taux de conversion de 2 % à 4 % d'ici la fin de l'exercice.")
    with page.expect_response(
        lambda r: bool(CELL_POST.search(r.url)) and r.request.method == "POST"
    ) as saved:
        form.get_by_role("button", name="Enregistrer").click()
    assert saved.value.status == 200
    form.wait_for(state="detached")
    assert "Passer le taux de conversion de 2 % à 4 % d'ici la fin de l'exercice." in squash(
        row.locator("td").nth(1).inner_text()
    )
    # htmx copies the old row's attributes onto the new one while it settles: wait for the real class.
    expect(row).not_to_have_class(re.compile(r"\bediting\b"))
    assert page.evaluate("window.__sameDocument") == "still here", "the page was reloaded"
    assert page.locator("#obj-taux-conversion").count() == 1, "the row must be replaced, not duplicated"

    stored = objective()
    assert stored.specific == "Passer le taux de conversion de 2 % à 4 % d'ici la fin de l'exercice."
    assert stored.title == "Augmenter les taux de conversion"
    assert stored.version == version + 1
    shot(page)


def test_cancel_an_in_place_edit_keeps_the_row_as_it_was(logged_in_page, assets_loaded, shot):
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)
    row = page.locator("#obj-taux-conversion")
    before = row.inner_text()
    row.locator("td").nth(2).get_by_role("link", name=re.compile("^Modifier")).click()
    form = row.locator("form.cell-form")
    form.get_by_label("Cible").fill("9")
    form.get_by_role("link", name="Annuler").click()
    form.wait_for(state="detached")
    assert row.inner_text() == before
    assert objective().target == 4
    shot(page)
