"""The budget and risk pages in real Chromium, in French and in English: add a thematic group with a budget
and read it in the budget view; add a risk and see its numbered marker land in the right matrix cell; edit a
budget in place and get the focus back on the row."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
PLAN = "/w/cloud-kicks/r/plan-e2e/"
NBSP, NNBSP = "\u00a0", "\u202f"


def squash(text: str) -> str:
    """Spaces as a reader sees them: non-breaking and narrow spaces count as spaces."""
    return " ".join(text.replace(NBSP, " ").replace(NNBSP, " ").split())


@pytest.fixture
def plan(demo: Any, members: dict[str, Any]) -> Any:
    """An empty roadmap in the demo workspace, whatever the demo itself plans."""
    from jalon.strategy import services

    return services.create_roadmap(
        actor=members["owner"], workspace=demo.workspace, slug="plan-e2e", title="Plan e2e",
        type="strategic", start=date(2026, 1, 1), end=date(2026, 12, 31),
    )  # fmt: skip


def speak(language: str) -> None:
    from jalon.accounts.models import User

    User.objects.filter(email=DEMO).update(language=language)


def add_theme(page: Any, *, name: str, budget: str, colour: str) -> Any:
    form = page.locator(".register-create form")
    form.locator("#id_new_name").fill(name)
    form.locator("#id_new_colour").fill(colour)
    form.locator("#id_new_budget").fill(budget)
    form.locator("#id_new_is_maintenance").check()
    with page.expect_response(lambda r: r.url.endswith("/budget/") and r.request.method == "POST") as info:
        form.locator("button[type=submit]").click()
    assert info.value.status == 200  # htmx: the register comes back in place
    return page


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [("fr", "12 500", "12 500 €"), ("en", "12,500", "€12,500")],
)
def test_add_a_theme_with_a_budget_and_read_it_in_the_budget_view(
    plan, logged_in_page, assets_loaded, shot, language, typed, shown
):
    speak(language)
    page = logged_in_page(DEMO)
    page.goto(PLAN + "budget/")
    assets_loaded(page)
    assert page.locator("html").get_attribute("lang") == language
    add_theme(page, name="Acquisition digitale", budget=typed, colour="#aa3300")

    row = page.locator("#item-acquisition-digitale")
    row.wait_for()
    assert "Acquisition digitale" in row.locator("th").inner_text()
    cells = [squash(t) for t in row.locator("td.amount").all_inner_texts()]
    assert cells[0] == shown  # planned
    assert cells[3] == shown  # remaining: nothing committed yet
    swatch = row.locator(".swatch").evaluate("e => getComputedStyle(e).backgroundColor")
    assert swatch == "rgb(170, 51, 0)"
    assert squash(page.locator('[data-total="planned"]').inner_text()) == shown
    assert "100" in page.locator('[data-total="maintenance"]').inner_text()  # the whole budget is maintenance
    bar = page.locator('svg.budget-chart-svg g[data-theme="acquisition-digitale"] rect.bar.planned')
    assert float(bar.get_attribute("width") or 0) > 0
    # The add form is empty again and the focus is on the new row, ready for the next action.
    assert page.locator("#id_new_name").input_value() == ""
    # keyboard.js moves the focus once htmx has settled the swap, a moment after the row appears.
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('tr')"
        " && document.activeElement.closest('tr').id === 'item-acquisition-digitale'"
    )
    shot(page)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_add_a_risk_and_see_it_in_the_matrix(plan, logged_in_page, assets_loaded, shot, language):
    speak(language)
    page = logged_in_page(DEMO)
    page.goto(PLAN + "risks/")
    assets_loaded(page)
    form = page.locator(".register-create form")
    form.locator("#id_new_title").fill("Retard de l'agence" if language == "fr" else "Agency is late")
    form.locator("#id_new_probability").select_option("4")
    form.locator("#id_new_impact").select_option("5")
    form.locator("#id_new_owner").fill("Yasmin")
    form.locator("button[type=submit]").click()

    marker = page.locator('svg#risk-matrix g.risk-marker[data-number="1"]')
    marker.wait_for()
    assert (marker.get_attribute("data-probability"), marker.get_attribute("data-impact")) == ("4", "5")
    assert marker.locator("text").inner_html() == "1"
    cell = page.locator('svg#risk-matrix rect.cell[data-probability="4"][data-impact="5"]')
    dot, box = marker.locator("circle").bounding_box(), cell.bounding_box()
    assert box["x"] <= dot["x"] and dot["x"] + dot["width"] <= box["x"] + box["width"]
    assert box["y"] <= dot["y"] and dot["y"] + dot["height"] <= box["y"] + box["height"]
    assert "level-high" in (cell.get_attribute("class") or "")
    # The same number in the register, with the flag for a high risk that has no contingency plan.
    row = page.locator("tr[id^=item-]").first
    assert row.locator(".risk-number").inner_text() == "1"
    assert row.locator(".no-plan-flag").is_visible()
    page.locator("#risk-matrix").scroll_into_view_if_needed()
    shot(page)


def test_edit_a_budget_in_place_with_the_keyboard(plan, members, logged_in_page, assets_loaded, shot):
    from decimal import Decimal

    from jalon.planning import services
    from jalon.planning.models import Theme

    services.create(Theme, actor=None, roadmap=plan, key="run", name="Run", budget=Decimal(1000))
    page = logged_in_page(DEMO)
    page.goto(PLAN + "budget/")
    assets_loaded(page)
    page.locator("#item-run .edit-link").focus()
    page.keyboard.press("Enter")
    page.locator("#item-run.editing").wait_for()
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'id_run_name'")
    page.locator("#id_run_budget").fill("2 500")
    shot(page, "editing")
    page.locator("#id_run_budget").press("Enter")
    page.locator("#item-run:not(.editing)").wait_for()
    assert squash(page.locator("#item-run td.amount").first.inner_text()) == "2 500 €"
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.classList.contains('edit-link')"
    )
    assert Theme.objects.get(key="run", roadmap=plan).version == 2
    assert re.search(r"/budget/$", page.url)  # stayed on the page, nothing reloaded
    shot(page)


@pytest.mark.parametrize(
    ("language", "over", "total"),
    [("fr", "dépassement de 700 €", "Dépassement"), ("en", "over by €700", "Overrun")],
)
def test_an_overspent_group_shows_its_overrun_and_a_long_risk_name_wraps_in_the_matrix(
    plan, logged_in_page, shot, language, over, total
):
    """The budget page said « Reste : 1 500 € » beside « Budget dépassé » for a group that spent more than
    planned; the risk matrix's legend ran a 200-character name off the picture. At 1440 and 1280 px, both
    languages, axe-core finding nothing serious."""
    from decimal import Decimal

    from jalon.planning import services
    from jalon.planning.models import Activity, Theme
    from jalon.planning.registers.models import Risk
    from tests.e2e.look import Look

    run = services.create(Theme, actor=None, roadmap=plan, key="run", name="Run", budget=Decimal(2500))
    services.create(Activity, actor=None, roadmap=plan, key="servers", title="Servers", theme=run,
                    status="done", cost=Decimal(1000), spent=Decimal(3200))  # fmt: skip
    name = "Risque" + "X" * 186 + "-fin-200"
    services.create(Risk, actor=None, roadmap=plan, title=name, probability=5, impact=5)
    speak(language)
    page = logged_in_page(DEMO)
    look = Look(shot, language, content=("Run", "Servers", name))
    page.goto(PLAN + "budget/")
    look(page, "budget")
    assert squash(page.locator("#item-run td.amount").nth(3).inner_text()) == over
    assert squash(page.locator('dt:has(+ [data-total="remaining"])').inner_text()) == total
    page.goto(PLAN + "risks/")
    look(page, "risks")
    matrix = page.locator("svg.risk-matrix")
    right = matrix.evaluate("svg => svg.getBoundingClientRect().right")
    lines = page.locator("svg.risk-matrix .risk-line text")
    assert lines.count() > 1
    assert max(lines.evaluate_all("ts => ts.map(t => t.getBoundingClientRect().right)")) <= right
    assert "".join(lines.all_text_contents()).replace(" ", "").startswith("1." + name[:40])


def test_two_tabs_adding_a_group_each_give_them_different_colours(plan, logged_in_page, shot):
    """Both tabs offer the same first free colour; the group added second, its colour left as offered, takes
    the next free one; the tab's fresh form then offers the one after."""

    def name_only(page: Any, name: str) -> None:
        form = page.locator(".register-create form")
        form.locator("#id_new_name").fill(name)
        form.locator("#id_new_budget").fill("1000")
        with page.expect_response(lambda r: r.url.endswith("/budget/") and r.request.method == "POST"):
            form.locator("button[type=submit]").click()

    first = logged_in_page(DEMO)
    second = first.context.new_page()
    for page in (first, second):
        page.goto(PLAN + "budget/")
    offered = [page.locator("#id_new_colour").input_value() for page in (first, second)]
    assert offered[0] == offered[1]
    name_only(first, "Acquisition")
    name_only(second, "Fidélisation")
    second.locator("#item-fidelisation").wait_for()
    colours = dict(plan.themes.values_list("name", "colour"))
    assert colours["Acquisition"] == offered[0] and colours["Fidélisation"] != offered[0]
    assert second.locator("#id_new_colour").input_value() not in colours.values()
    shot(second)


@pytest.mark.parametrize(("language", "said"), [("fr", "Cet élément a été supprimé"),
                                                ("en", "This item was deleted")])  # fmt: skip
def test_an_in_place_save_refused_by_the_server_says_why_on_the_page(
    plan, members, logged_in_page, assets_loaded, shot, language, said
):
    """A group's edit form saved after a colleague deleted the group: the server answers 410 with the page
    that says so, which htmx does not swap in; the page used to stay as it was, without a word."""
    from jalon.planning import services
    from jalon.planning.models import Theme

    theme = services.create(Theme, actor=members["owner"], roadmap=plan, key="acq", name="Acquisition")
    speak(language)
    page = logged_in_page(DEMO)
    page.goto(PLAN + "budget/")
    assets_loaded(page)
    alert = page.locator("#request-refused")
    assert alert.is_hidden()
    page.locator("#item-acq .edit-link").click()
    form = page.locator("#item-acq form")
    form.wait_for()
    services.delete(theme, actor=members["owner"])
    with page.expect_response(lambda r: r.url.endswith("/budget/themes/acq/")) as info:
        form.locator("button[type=submit]").click()
    assert info.value.status == 410
    alert.wait_for(state="visible")
    words = squash(alert.inner_text())
    assert words.startswith(said) and "—" in words and len(words) > len(said) + 20, words
    assert alert.get_attribute("role") == "alert"
    shot(page)
