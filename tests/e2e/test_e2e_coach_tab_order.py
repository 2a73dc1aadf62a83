"""The SMART coach beside an objective's fields, walked with the keyboard in real Chromium, in French and in
English: « Appliquer la suggestion » comes after the fields it sits beside and before « Enregistrer », which
ends the form, as a person sees them; on a narrow window, where the coach falls under the fields, every Tab
goes down the page. Enter on the button puts the suggested wording into the Specific field."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.keys import focused, tab_to
from tests.e2e.look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EDIT = "/w/cloud-kicks/r/cloud-kicks/o/taux-conversion/edit/"
WORDS = {
    "fr": ("Appliquer la suggestion", "Enregistrer", "Annuler", "améliorer les ventes"),
    "en": ("Apply the suggestion", "Save", "Cancel", "improve sales"),
}
COACHED = "**/objectives/coach/"
# Resolves once htmx has settled its next swap: after every afterSettle listener of that swap (keyboard.js's,
# which places the focus) has run, the task after them.
SETTLED = """() => { window.settled = new Promise((done) => document.addEventListener('htmx:afterSettle',
    () => setTimeout(done, 0), {once: true})); }"""
# Each Tab stop of the page's main part, in Tab order from the skip target: its name and where its top is.
TOP = "() => Math.round(document.activeElement.getBoundingClientRect().top + window.scrollY)"


def _stops_after(page: Any, start: str, last: str) -> list[tuple[str, int]]:
    """From the field ``start``, Tab until the stop named ``last``: each stop's name and top (px)."""
    page.locator(start).focus()
    stops = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stop = focused(page)
        stops.append((stop["text"] or stop["name"], int(page.evaluate(TOP))))
        if stop["text"] == last:
            return stops
    raise AssertionError(stops)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_coach_suggestion_comes_between_the_fields_and_save_in_tab_order(
    logged_in_page: Any, members: Any, shot: Any, language: str
) -> None:
    apply, save, cancel, vague = WORDS[language]
    page = logged_in_page("editor@example.com", language)
    page.goto(EDIT)
    page.locator("#coach-panel .coach").wait_for()
    with page.expect_response(COACHED):
        page.locator("#id_specific").fill(vague)
    button = page.get_by_role("button", name=apply)
    button.wait_for()
    impact = "Amélioration des ventes"  # the demo's, French whatever the page's language: the coach quotes it
    Look(shot, language, content=(impact,))(page, f"objective-edit-{language}")

    # The last field changed, then Tab: the coach judges the change and is drawn again, the focus kept on
    # its button (where the change's request left from the field).
    page.locator("#id_owner").focus()
    page.keyboard.press("End")
    # Each answer's headers come before htmx swaps and settles it: the typing's coach is waited for until it
    # has settled, so that the settle waited for after Tab is the Tab's own (not the typing's, the focus
    # still on the old button).
    page.evaluate(SETTLED)
    with page.expect_response(COACHED):
        page.keyboard.type(" Jr")
    page.evaluate("() => window.settled")
    page.evaluate(SETTLED)
    with page.expect_response(COACHED):
        page.keyboard.press("Tab")
    page.evaluate("() => window.settled")
    assert focused(page)["text"] == apply
    stops = _stops_after(page, "#id_owner", cancel)  # the form's last field
    assert [name for name, _top in stops] == [apply, save, cancel]

    page.set_viewport_size({"width": 700, "height": 900})  # one column: the coach under the fields
    stops = _stops_after(page, "#id_title", cancel)
    tops = [top for _name, top in stops]
    assert tops == sorted(tops), stops  # every Tab goes down the page
    assert [name for name, _top in stops][-3:] == [apply, save, cancel]
    shot(page, f"narrow-{language}")

    suggestion = page.locator(".coach [data-suggestion]").inner_text()
    tab_to(page, f"^{apply}$")
    page.keyboard.press("Enter")
    field = page.locator("#id_specific")
    assert field.input_value() == suggestion and focused(page)["name"] == "specific"
