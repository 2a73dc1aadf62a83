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


SETTLE_WATCH = """() => {
  window.jalonSettled = false;
  document.addEventListener('htmx:afterSettle', () => { window.jalonSettled = true; }, {once: true});
}"""


def open_editor(page: Any, row: Any, link: Any) -> None:
    """Enter on a cell's edit link opens its editor, the title field focused once htmx has settled."""
    link.focus()
    page.evaluate(SETTLE_WATCH)
    page.keyboard.press("Enter")
    row.locator("form.cell-form").wait_for()
    page.wait_for_function("() => window.jalonSettled === true")
    assert page.evaluate(FOCUSED)["name"] == "title"


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
    assert page.locator(".skip-link").first.bounding_box()["x"] >= 0

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

    # Chromium focuses the new autofocus field at its next frame and htmx focuses it again when the swap
    # settles: keys pressed between the two would land in a field the focus is then taken from.
    page.evaluate(SETTLE_WATCH)
    page.keyboard.press("Enter")
    row = page.locator("#obj-taux-conversion")
    row.locator("form.cell-form").wait_for()
    page.wait_for_function("() => window.jalonSettled === true")
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
    open_editor(page, row, row.locator("td").nth(1).get_by_role("link").last)
    page.keyboard.press("End")
    page.keyboard.type(" !")
    page.keyboard.press("Enter")
    row.locator("form.cell-form").wait_for(state="detached")
    assert Objective.objects.get(key="taux-conversion").title.endswith(" !")


def test_escape_cancels_in_place_editing_and_the_focus_returns_to_the_cell(logged_in_page, assets_loaded):
    from jalon.strategy.models import Objective

    before = Objective.objects.get(key="taux-conversion").title
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)
    row = page.locator("#obj-taux-conversion")
    open_editor(page, row, row.locator("[data-cell='specific']"))
    page.keyboard.type("texte abandonné")
    page.keyboard.press("Escape")
    row.locator("form.cell-form").wait_for(state="detached")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.getAttribute('data-cell') === 'specific'"
        " && document.activeElement.closest('tr').id === 'obj-taux-conversion'"
    )
    assert Objective.objects.get(key="taux-conversion").title == before
    assert "texte abandonné" not in row.inner_text()


def test_after_an_in_place_save_the_focus_is_on_the_saved_cell(logged_in_page, assets_loaded):
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)
    row = page.locator("#obj-taux-conversion")
    row.locator("[data-cell='impact']").focus()
    page.keyboard.press("Enter")
    row.locator("form.cell-form").wait_for()
    page.locator("#obj-taux-conversion form.cell-form button[type=submit]").click()
    row.locator("form.cell-form").wait_for(state="detached")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.getAttribute('data-cell') === 'impact'"
    )


def test_a_skip_link_reaches_the_smart_table_in_two_tabs(logged_in_page, assets_loaded):
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["text"] == "Aller aux objectifs SMART"
    assert_ring(focused)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'smart-table'")
    # The next Tab is inside the SMART table: the first objective's first edit link.
    page.keyboard.press("Tab")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('#smart-table') !== null"
        " && document.activeElement.getAttribute('data-cell') === 'impact'"
    )


def test_after_a_form_save_the_focus_is_on_the_success_message(logged_in_page, assets_loaded):
    from jalon.planning.models import Activity

    first = Activity.objects.filter(roadmap__slug="cloud-kicks").first()
    assert first is not None
    key = first.key
    page = logged_in_page(DEMO)
    page.goto(f"{ROADMAP}activities/{key}/edit/")
    assets_loaded(page)
    page.locator("main form button[type=submit].primary").first.click()
    page.wait_for_url(f"**{ROADMAP}activities/{key}/")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.classList.contains('messages')"
    )
    assert page.evaluate("() => document.activeElement.innerText.trim()") == "Activité enregistrée."
