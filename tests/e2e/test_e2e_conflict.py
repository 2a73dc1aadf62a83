"""Two tabs edit the same objective: the second save is refused with a conflict message, then goes through."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
TEXT_A = "Texte enregistré dans l'onglet A."
TEXT_B = "Texte saisi dans l'onglet B."


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def open_specific_editor(page: Any) -> Any:
    row = page.locator("#obj-taux-conversion")
    row.locator("td").nth(1).get_by_role("link", name=re.compile("^Modifier")).click()
    form = row.locator("form.cell-form")
    form.wait_for()
    return form


def save(page: Any, form: Any) -> int:
    with page.expect_response(lambda r: "/cells/specific/" in r.url and r.request.method == "POST") as info:
        form.get_by_role("button", name="Enregistrer").click()
    return int(info.value.status)


def test_the_second_tab_to_save_sees_a_conflict_in_french_then_saves_again(
    logged_in_page, assets_loaded, shot
):
    from jalon.strategy.models import Objective

    tab_a = logged_in_page(DEMO)
    tab_b = tab_a.context.new_page()  # a second tab of the same browser, same user
    for tab in (tab_a, tab_b):
        tab.goto(ROADMAP)
        assets_loaded(tab)
    start = Objective.objects.get(key="taux-conversion").version
    form_a, form_b = open_specific_editor(tab_a), open_specific_editor(tab_b)

    form_a.get_by_label("Spécifique").fill(TEXT_A)
    assert save(tab_a, form_a) == 200
    form_a.wait_for(state="detached")
    assert TEXT_A in tab_a.locator("#obj-taux-conversion").inner_text()

    form_b.get_by_label("Spécifique").fill(TEXT_B)
    assert save(tab_b, form_b) == 409
    conflict = tab_b.locator("#obj-taux-conversion .conflict")
    conflict.wait_for()
    assert conflict.get_attribute("role") == "alert"
    assert "Quelqu’un d’autre a enregistré cet élément pendant que vous le modifiiez." in squash(
        conflict.inner_text()
    )
    assert conflict.locator("thead th").all_inner_texts() == ["Champ", "Sa valeur", "Votre valeur"]
    changed = conflict.locator("tbody tr")
    assert changed.count() == 1
    assert changed.locator("th").inner_text() == "Spécifique"
    assert changed.locator("td").all_inner_texts() == [TEXT_A, TEXT_B]
    # Tab B keeps what its user typed, and now carries the version tab A created.
    form_b = tab_b.locator("#obj-taux-conversion form.cell-form")
    assert form_b.get_by_label("Spécifique").input_value() == TEXT_B
    assert form_b.locator("input[name=version]").input_value() == str(start + 1)
    assert Objective.objects.get(key="taux-conversion").specific == TEXT_A
    conflict.scroll_into_view_if_needed()
    shot(tab_b, "conflict")

    assert save(tab_b, form_b) == 200
    form_b.wait_for(state="detached")
    assert TEXT_B in tab_b.locator("#obj-taux-conversion").inner_text()
    assert not tab_b.locator(".conflict").count()
    stored = Objective.objects.get(key="taux-conversion")
    assert (stored.specific, stored.version) == (TEXT_B, start + 2)
    shot(tab_b)
