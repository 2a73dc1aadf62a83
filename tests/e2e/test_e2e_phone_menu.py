"""The roadmap's tabs on a phone (40rem at most: 320 and 390 px): folded under one button that names the page,
so that the page's own heading is in the first screen; wider, and without JavaScript, all there as before.

Measured on the demo before the fold: the tabs (five groups, eighteen links) and the header put the top of
every roadmap page's <h1> at 658 px in a 320 × 640 window (below the fold) and at 578 px in a 390 × 844 one
(two thirds down); the framing's and the history's, with sub-tabs of their own, at 782 and 674 px, 726 and
646 px.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import SCREENSHOTS, screenshot, serious_axe_violations
from .test_e2e_one_language import ROADMAP, roadmap_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EDITOR = "editor@example.com"
PHONES = [{"width": 320, "height": 640}, {"width": 390, "height": 844}]
MENU = {"fr": "Menu\u00a0: ", "en": "Menu: "}
# Where the top of the page's <h1> may be at most, after the header, the breadcrumbs and the folded tabs, and
# on the pages with sub-tabs of their own under them (the framing's, the history's), by window width.
HEADING_TOP_AT_MOST = {320: 340, 390: 260}
WITH_SUB_TABS_AT_MOST = {320: 440, 390: 360}
SUB_TABS = (ROADMAP + "framing/", ROADMAP + "history/")
BEFORE = {320: 658, 390: 578}  # the same, measured before the fold (the module's docstring)

H1_TOP = "() => document.querySelector('main h1').getBoundingClientRect().top"
SHOWN_TABS = "() => [...document.querySelectorAll('.roadmap-nav a')].filter(a => a.checkVisibility()).length"


def toggle(page: Any) -> Any:
    return page.locator(".roadmap-nav").get_by_role("button")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_on_a_phone_the_roadmap_pages_heading_is_in_the_first_screen(language, members, logged_in_page):
    page = logged_in_page(EDITOR, language)
    pages = roadmap_pages(page)
    faults: list[str] = []
    for viewport in PHONES:
        page.set_viewport_size(viewport)
        width = viewport["width"]
        for url in pages:
            page.goto(url)
            page.wait_for_function("() => document.readyState === 'complete'")
            if not page.locator(".roadmap-nav").count():
                continue  # a page of its own (the roadmap's settings): no tabs
            top = page.evaluate(H1_TOP)
            at_most = (WITH_SUB_TABS_AT_MOST if url.startswith(SUB_TABS) else HEADING_TOP_AT_MOST)[width]
            if top > at_most:
                faults.append(
                    f"{url} at {width} px: the heading starts at {top:.0f} px (before: {BEFORE[width]})"
                )
            button = toggle(page)
            current = page.locator(".roadmap-nav a[aria-current='page']")
            name = current.inner_text() if current.count() else page.locator("main h1").inner_text()
            if (
                button.get_attribute("aria-expanded") != "false"
                or button.inner_text() != MENU[language] + name
            ):
                faults.append(f"{url} at {width} px: the button is {button.inner_text()!r}, expanded "
                              f"{button.get_attribute('aria-expanded')}, not folded on {name!r}")  # fmt: skip
            if page.evaluate(SHOWN_TABS):
                faults.append(f"{url} at {width} px: {page.evaluate(SHOWN_TABS)} tabs in sight, folded")
    assert len(pages) >= 20, pages
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_folded_tabs_open_and_close_with_the_keyboard(language, members, logged_in_page):
    from axe_playwright_python.sync_playwright import Axe

    page = logged_in_page(EDITOR, language, viewport=PHONES[0])
    page.goto(ROADMAP + "backlog/")
    button = toggle(page)
    tabs = page.locator("#" + button.get_attribute("aria-controls"))
    assert tabs.evaluate("e => e.matches('.roadmap-nav ul')")
    page.keyboard.press("Tab")  # the skip link, then the header's links and buttons, then the breadcrumbs
    while not button.evaluate("e => e === document.activeElement"):
        page.keyboard.press("Tab")
    name = "Menu\u00a0: Backlog" if language == "fr" else "Menu: Backlog"
    assert page.get_by_role("button", name=name, expanded=False).count() == 1

    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate(SHOWN_TABS) == 18
    current = tabs.locator("a[aria-current='page']")
    assert current.inner_text() == "Backlog" and current.is_visible()
    assert serious_axe_violations(Axe(), page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, SCREENSHOTS / f"phone-menu-open-{language}-320.png", full_page=False)

    page.keyboard.press("Space")  # closes
    assert button.get_attribute("aria-expanded") == "false" and page.evaluate(SHOWN_TABS) == 0
    page.keyboard.press("Space")  # opens again; Tab goes into the tabs, Esc closes them and comes back
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.nav-groups') !== null")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and page.evaluate(SHOWN_TABS) == 0
    assert button.evaluate("e => e === document.activeElement")

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the first tab: Get started
    page.wait_for_url(re.compile(r"/start/$"))
    assert toggle(page).get_attribute("aria-expanded") == "false"
    assert toggle(page).inner_text() == ("Menu\u00a0: Démarrer" if language == "fr" else "Menu: Get started")
    screenshot(page, SCREENSHOTS / f"phone-menu-folded-{language}-320.png", full_page=False)
    page.set_viewport_size(PHONES[1])
    screenshot(page, SCREENSHOTS / f"phone-menu-folded-{language}-390.png", full_page=False)


def test_without_javascript_every_tab_is_in_sight_on_a_phone(members, logged_in_page):
    page = logged_in_page(EDITOR, "fr", viewport=PHONES[0], java_script_enabled=False)
    page.goto(ROADMAP + "risks/")
    assert page.locator(".roadmap-nav .nav-toggle[hidden]").count() == 1 and not toggle(page).count()
    assert page.evaluate(SHOWN_TABS) == 18
    assert page.locator(".roadmap-nav a[aria-current='page']").inner_text() == "Risques"


@pytest.mark.parametrize("width", [768, 1280])
def test_wider_than_a_phone_the_tabs_are_all_there_and_no_button(width, members, logged_in_page):
    page = logged_in_page(EDITOR, "en", viewport={"width": width, "height": 900})
    page.goto(ROADMAP + "risks/")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert not toggle(page).is_visible()
    assert page.get_by_role("button", name=re.compile("^Menu")).count() == 0  # not in the accessibility tree
    assert page.evaluate(SHOWN_TABS) == 18
