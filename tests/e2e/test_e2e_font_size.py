"""The reader's own default font size (WCAG 2.2 SC 1.4.4 Resize text): a browser's setting of its text size —
not its zoom — sets Jalon's text, and the pages still reflow with it.

Chromium's setting (chrome://settings/fonts, *Font size*: a profile's Preferences,
``webkit.webprefs.default_font_size``) is set here through the DevTools protocol, ``Page.setFontSizes``, which
sets the same preference for the page in the tests' one browser; a persistent context whose profile's
Preferences file holds the size gives the same sizes, for a browser of its own. CSS's ``medium`` and ``1rem``
follow it, a size in px does not. Chrome's *Very large* is 24 px.

Before this the page's text was a fixed 16 px: with the setting at 24 px the body text stayed 16 px (only what
was sized in rem grew: the headings, a table's head), the reader's choice lost on every paragraph.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import SCREENSHOTS, screenshot
from .reflow import measure
from .test_e2e_one_language import ROADMAP, roadmap_pages, workspace_pages
from .test_e2e_reflow import boxes_not_allowed, page_scroll

# The font size is the browser's own setting, set through the DevTools protocol: nothing is written.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.reads_only]

EDITOR = "editor@example.com"
VERY_LARGE = 24  # px: Chrome's largest preset of its font size setting
SIZES = """() => ({body: getComputedStyle(document.body).fontSize,
  cell: getComputedStyle(document.querySelector('main td')).fontSize,
  vision: getComputedStyle(document.querySelector('main .vision p')).fontSize,
  heading: getComputedStyle(document.querySelector('main h1')).fontSize})"""


def default_font_size(page: Any, size: int) -> Any:
    """The browser's default font size set to ``size`` px for ``page`` (as a reader sets it in the browser's
    settings), for as long as the returned DevTools session is open."""
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": size}})
    return session


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_text_follows_the_readers_default_font_size(language, members, logged_in_page):
    page = logged_in_page(EDITOR, language)
    page.goto(ROADMAP)
    assert page.evaluate(SIZES) == {"body": "16px", "cell": "16px", "vision": "17.6px", "heading": "28px"}
    default_font_size(page, VERY_LARGE)
    page.goto(ROADMAP)
    assert page.evaluate(SIZES) == {"body": "24px", "cell": "24px", "vision": "26.4px", "heading": "42px"}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, SCREENSHOTS / f"font-size-{VERY_LARGE}-objectives-{language}-1280.png", full_page=False)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_with_a_very_large_default_font_size_no_page_scrolls_sideways_at_390_px(
    language, members, logged_in_page
):
    page = logged_in_page(EDITOR, language, viewport={"width": 390, "height": 844})
    pages = roadmap_pages(page) + list(workspace_pages().values())
    pages.remove("/w/cloud-kicks/members/")  # the owners' page
    default_font_size(page, VERY_LARGE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    faults: list[str] = []
    for url in pages:
        page.goto(url)
        page.wait_for_function("() => document.readyState === 'complete'")
        assert page.evaluate("() => getComputedStyle(document.body).fontSize") == f"{VERY_LARGE}px", url
        found = measure(page)
        faults += page_scroll(url, found) + boxes_not_allowed(url, found)
        faults += [f"{url}: text cut off: {t}" for t in found["clipped"]]
        name = url.removeprefix(ROADMAP).strip("/").replace("/", "-") or "objectives"
        if name in ("objectives", "backlog", "executive", "start"):
            screenshot(
                page, SCREENSHOTS / f"font-size-{VERY_LARGE}-{name}-{language}-390.png", full_page=False
            )
    assert len(pages) >= 25, pages
    assert not faults, f"{len(faults)} faults on {len(pages)} pages:\n" + "\n".join(faults)
