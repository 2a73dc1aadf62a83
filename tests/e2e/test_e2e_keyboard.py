"""The SMART table works with the keyboard alone, with a visible focus ring on every stop."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
NEW_TITLE = "Augmenter les taux de conversion (au clavier)"

FOCUSED = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, name: e.name || '', text: (e.innerText || '').trim(),
          label: e.getAttribute('aria-label') || '',
          row: e.closest('tr') ? e.closest('tr').id : '', outline: s.outlineStyle, width: s.outlineWidth,
          visible: e.matches(':focus-visible')};
}"""


def assert_ring(focused: dict[str, Any]) -> None:
    assert focused["visible"], f"no :focus-visible on {focused}"
    assert focused["outline"] != "none" and focused["width"] != "0px", f"no visible focus ring on {focused}"


def test_edit_an_objective_with_the_keyboard_only(logged_in_page, assets_loaded, shot):
    from jalon.strategy.models import Objective

    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)

    # The first Tab reaches the skip link, which becomes visible.
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["text"] == "Aller au contenu"
    assert_ring(focused)
    assert page.locator(".skip-link").bounding_box()["x"] >= 0

    # Tab on until the "Modifier" link of the Specific cell of the first objective; every stop shows focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert_ring(focused)
        if focused["row"] == "obj-taux-conversion" and focused["label"].startswith("Modifier ce qui est"):
            break
    else:
        pytest.fail("Tab never reached the Modifier link of the Specific cell")
    assert focused["text"] == "Modifier"
    shot(page, "focus")

    page.keyboard.press("Enter")
    row = page.locator("#obj-taux-conversion")
    row.locator("form.cell-form").wait_for()
    # htmx moves the focus to the autofocus field once the swap has settled, a moment after the form appears.
    page.wait_for_function("() => document.activeElement && document.activeElement.name === 'title'")
    focused = page.evaluate(FOCUSED)
    assert focused["name"] == "title", "the editor's first field should take the focus"
    assert_ring(focused)

    page.keyboard.press("End")
    page.keyboard.type(" (au clavier)")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "specific"
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert (focused["tag"], focused["text"]) == ("BUTTON", "Enregistrer")
    assert_ring(focused)
    page.keyboard.press("Enter")

    row.locator("form.cell-form").wait_for(state="detached")
    assert NEW_TITLE in row.locator("td").nth(1).inner_text()
    assert Objective.objects.get(key="taux-conversion").title == NEW_TITLE
    shot(page)


def test_enter_in_a_field_saves_the_cell(logged_in_page, assets_loaded):
    from jalon.strategy.models import Objective

    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)
    row = page.locator("#obj-taux-conversion")
    row.locator("td").nth(1).get_by_role("link").last.focus()
    page.keyboard.press("Enter")
    row.locator("form.cell-form").wait_for()
    page.wait_for_function("() => document.activeElement && document.activeElement.name === 'title'")
    page.keyboard.press("End")
    page.keyboard.type(" !")
    page.keyboard.press("Enter")
    row.locator("form.cell-form").wait_for(state="detached")
    assert Objective.objects.get(key="taux-conversion").title.endswith(" !")
