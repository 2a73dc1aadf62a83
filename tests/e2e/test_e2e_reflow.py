"""Small windows: a phone (320 and 390 px wide), a desktop window zoomed to 400 % (WCAG 2.2 SC 1.4.10 Reflow:
320 CSS px) and text spaced out by the reader's own style (SC 1.4.12).

Every page of the demo walk (test_e2e_one_language.py's), read by an editor in French and in English at
320 px: the page never scrolls sideways; only a box whose content needs both directions scrolls, inside the
page, and each is a named region Tab reaches (SCROLLS_IN_ITS_BOX says which, and why); no control is smaller
than 24 × 24 px with another one within reach (SC 2.5.8); no text is cut off; axe finds nothing serious. The
dense pages keep all that with the text spacing of SC 1.4.12. The pages this reflow changed are saved as
screenshots at 320 and 390 px in both languages, and at 1440 and 1280 px, where they look as before.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import SCREENSHOTS, screenshot, serious_axe_violations
from .reflow import TEXT_SPACING, measure
from .test_e2e_one_language import ROADMAP, roadmap_pages, workspace_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.reads_only]

EDITOR = "editor@example.com"
OWNER = "demo@jalon.local"  # the members page is the owners'
PHONE = {"width": 320, "height": 640}

# The boxes allowed to scroll sideways inside a page at 320 px, by class, and why their content needs it.
SCROLLS_IN_ITS_BOX = {
    "timeline-scroll": "a time axis: the weeks run across, the activities or groups down (the timelines)",
    "workload-scroll": "a heat map: the weeks run across, the team members down",
    "table-scroll": "a data table: each row is read across its columns, more than a phone holds side by side",
    "table-wrap": "the same, for a table that keeps its own look where the window holds it",
}
# The pages the text-spacing check reads: the densest of the walk.
DENSE = ["executive/", "backlog/", "o/taux-conversion/", "workload/", "history/journal/", "start/"]
# The pages this reflow changed, saved at every width.
CHANGED = ["executive/", "o/taux-conversion/", "workload/", "portfolio/", "start/", "history/journal/"]


def boxes_not_allowed(url: str, found: dict[str, Any]) -> list[str]:
    """The boxes of the page that scroll sideways though not on the list, each as a fault."""
    return [
        f"{url}: {box['tag']}.{'.'.join(box['classes'])} scrolls sideways"
        for box in found["boxes"]
        if not any(c in SCROLLS_IN_ITS_BOX for c in box["classes"])
    ]


def page_scroll(url: str, found: dict[str, Any]) -> list[str]:
    """The page's own sideways scroll, and what causes it, as a fault."""
    return [f"{url}: the page scrolls {found['over']} px sideways ({found['elements'][:3]})"] * (
        found["over"] > 0
    )


def faults_at_320(page: Any, url: str) -> list[str]:
    """What is wrong with the page open in ``page`` at 320 px: a sideways scroll of the page, a box scrolling
    sideways that is not allowed to or that Tab or a screen reader cannot reach, a crowded small target, text
    cut off."""
    found = measure(page)
    faults = page_scroll(url, found) + boxes_not_allowed(url, found)
    faults += [
        f"{url}: a scrolling box is not a named region Tab reaches: {box}"
        for box in found["boxes"]
        if box["tabindex"] != "0" or box["role"] != "region" or not box["name"]
    ]
    faults += [f"{url}: a target under 24 px with another within reach: {t}" for t in found["small"]]
    return faults + [f"{url}: text cut off: {t}" for t in found["clipped"]]


@pytest.mark.slow  # a walk of every page: handed out first (tests/e2e/conftest.py)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_page_scrolls_sideways_in_a_320_px_window(language, members, logged_in_page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = logged_in_page(EDITOR, language, viewport=PHONE)
    pages = roadmap_pages(page) + list(workspace_pages().values())
    owner = logged_in_page(OWNER, language, viewport=PHONE)
    faults: list[str] = []
    for url in pages:
        reader = owner if url.endswith("/members/") else page
        response = reader.goto(url)
        assert response is not None and response.status == 200, url
        reader.wait_for_function("() => document.readyState === 'complete'")
        assert reader.locator("html").get_attribute("lang") == language, url
        faults += faults_at_320(reader, url)
        faults += [f"{url}: {v}" for v in serious_axe_violations(axe, reader)]
    assert len(pages) >= 25, pages
    assert not faults, f"{len(faults)} faults on {len(pages)} pages:\n" + "\n".join(faults)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_dense_pages_keep_their_text_whole_with_more_text_spacing(language, members, logged_in_page):
    page = logged_in_page(EDITOR, language, viewport=PHONE)
    faults: list[str] = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for url in [ROADMAP + path for path in DENSE]:
        page.goto(url)
        page.wait_for_function("() => document.readyState === 'complete'")
        page.evaluate(TEXT_SPACING)
        spaced = page.evaluate("() => getComputedStyle(document.querySelector('main p')).letterSpacing")
        assert spaced not in ("normal", "0px"), url  # the reader's style sheet took
        found = measure(page)
        faults += page_scroll(url, found) + boxes_not_allowed(url, found)
        faults += [f"{url}: text cut off: {t}" for t in found["clipped"]]
        name = url.removeprefix(ROADMAP).strip("/").replace("/", "-")
        screenshot(page, SCREENSHOTS / f"reflow-spacing-{name}-{language}-320.png")
    assert not faults, "\n".join(faults)


@pytest.mark.slow  # a walk of every page: handed out first (tests/e2e/conftest.py)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_changed_pages_fit_at_every_width(language, members, logged_in_page):
    """Screenshots to look at: the pages this reflow changed at 320 and 390 px, and at 1440 and 1280 px where
    they look as before; none scrolls sideways at any of them.

    Each page is opened once, at 1440 px, and the window narrowed step by step, as a reader zooms in (SC
    1.4.10): a page laid out again for each width, not loaded again (four loads a page before)."""
    page = logged_in_page(EDITOR, language)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for url in [*(ROADMAP + path for path in CHANGED), "/knowledge/"]:
        name = url.removeprefix(ROADMAP).strip("/").replace("/", "-")
        for width, height in ((1440, 900), (1280, 800), (390, 844), (320, 640)):
            page.set_viewport_size({"width": width, "height": height})
            if width == 1440:
                page.goto(url)
                page.wait_for_function("() => document.readyState === 'complete'")
            assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), (url, width)
            # the knowledge base lists every playbook entry: its first screen is enough
            path = SCREENSHOTS / f"reflow-{name}-{language}-{width}.png"
            screenshot(page, path, full_page=name != "knowledge")
