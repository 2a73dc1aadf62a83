"""Typing as people do, in real Chromium: a French amount with spaces and a decimal comma is saved and
shown back the French way; every `pattern` of every form is a valid expression for the browser (Chromium
reads patterns with the `v` flag, under which an invalid one is ignored and checks nothing); a key
is optional and sits in an "Avancé" section."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
PLAN = "/w/cloud-kicks/r/plan-e2e/"
OBJECTIVE = "/w/cloud-kicks/r/cloud-kicks/o/taux-conversion/"
NBSP, NNBSP = "\u00a0", "\u202f"
# Every page that shows a form, and the objective page with its inline strategy and tactic forms.
FORM_PAGES = [
    "/w/cloud-kicks/",
    "/w/cloud-kicks/r/cloud-kicks/objectives/new/",
    OBJECTIVE,
    OBJECTIVE + "edit/",
    "/w/cloud-kicks/r/cloud-kicks/edit/",
    PLAN + "activities/new/",
    PLAN + "people/",
    PLAN + "budget/",
    PLAN + "milestones/",
    PLAN + "risks/",
    PLAN + "communication/",
    PLAN + "reviews/",
    PLAN + "portfolio/",
    PLAN + "schedule/",
]
# Each pattern compiled as the browser does for a `pattern` attribute: anchored, with the `v` flag.
BROKEN_PATTERNS = """() => Array.from(document.querySelectorAll('[pattern]')).flatMap(e => {
    try { new RegExp('^(?:' + e.getAttribute('pattern') + ')$', 'v'); return []; }
    catch (error) { return [e.getAttribute('pattern')]; }
})"""


def squash(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").replace(NNBSP, " ").split())


@pytest.fixture
def plan(demo: Any, members: dict[str, Any]) -> Any:
    from jalon.strategy import services

    return services.create_roadmap(
        actor=members["owner"], workspace=demo.workspace, slug="plan-e2e", title="Plan e2e",
        type="strategic", start=date(2026, 1, 1), end=date(2026, 12, 31),
    )  # fmt: skip


def test_a_french_amount_typed_with_spaces_and_a_comma_is_shown_back_the_french_way(
    plan, logged_in_page, assets_loaded, shot
):
    page = logged_in_page(DEMO)
    page.goto(PLAN + "budget/")
    assets_loaded(page)
    form = page.locator(".register-create form")
    form.locator("#id_new_name").fill("Salons")
    form.locator("#id_new_budget").press_sequentially("1 500,50")  # typed key by key, as a person would
    with page.expect_response(lambda r: r.url.endswith("/budget/") and r.request.method == "POST") as info:
        form.locator("button[type=submit]").click()
    assert info.value.status == 200
    row = page.locator("#item-salons")
    row.wait_for()
    assert squash(row.locator("td.amount").first.inner_text()) == "1 500,50 €"
    assert plan.themes.get(key="salons").budget == pytest.approx(1500.5)

    page.goto(PLAN + "budget/themes/salons/?edit=1")
    budget = page.locator("#id_salons_budget")
    assert budget.input_value() == f"1{NNBSP}500,50"
    assert budget.get_attribute("type") == "text" and budget.get_attribute("inputmode") == "decimal"
    shot(page)


def test_every_pattern_of_every_form_is_valid_for_the_browser(plan, logged_in_page, assets_loaded):
    page = logged_in_page(DEMO)
    seen = 0
    for url in FORM_PAGES:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert page.evaluate(BROKEN_PATTERNS) == [], url
        seen += page.locator("[pattern]").count()
    assert seen >= 4  # the key fields at least


def test_a_key_is_optional_advanced_and_checked_by_the_browser(plan, logged_in_page, assets_loaded, shot):
    page = logged_in_page(DEMO)
    page.goto(OBJECTIVE)
    assets_loaded(page)
    key = page.locator("#new-strategy-key")
    assert not key.is_visible()  # folded away in "Avancé"
    page.locator("#strategies details.advanced > summary").last.click()
    key.fill("Mon clé")
    assert key.evaluate("e => e.validity.patternMismatch") is True
    key.fill("acquisition-2027")
    assert key.evaluate("e => e.validity.valid") is True
    key.fill("")
    page.locator("#new-strategy-title").fill("Conquérir les salons")
    page.locator("#new-strategy-title").press("Enter")
    page.wait_for_url(f"**{OBJECTIVE}#strategies")
    assert page.locator("#strategy-conquerir-les-salons").is_visible()
    shot(page)
