"""One language per page, and pages a person can read: every roadmap page of the Cloud Kicks demo, in French
and in English, in one browser.

On each page: no serious or critical accessibility fault (axe-core), no giveaway word of the other language
in what the reader sees or hears (visible text, titles, aria-labels, placeholders), nothing wider than the
window at 1440, 1280 or 768 px (wide tables and charts scroll in their own box). The French pages are also
saved as screenshots at 1440 × 900, 1280 × 800 and 768 × 1024 into test-artifacts/screenshots/, to be
looked at.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.one_language import giveaways

from .conftest import SCREENSHOTS, screenshot, serious_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
# Pages reached from the tabs, plus the pages under them a reader opens first.
EXTRA_PAGES = ["o/taux-conversion/", "history/", "history/journal/", "edit/"]
VIEWPORTS = {"1440": (1440, 900), "1280": (1280, 800), "768": (768, 1024)}

# What a reader sees or hears: the visible text, the page's title and the names given to elements.
READABLE_TEXT = """() => {
  const parts = [document.title, document.body.innerText];
  for (const e of document.querySelectorAll('[title], [aria-label], [placeholder], img[alt], svg title')) {
    if (e.closest('[hidden], template')) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
      const v = e.getAttribute(a);
      if (v) parts.push(v);
    }
    if (e.tagName.toLowerCase() === 'title') parts.push(e.textContent);
  }
  return parts.join('\\n');
}"""
# How far the page reaches past the window's right edge, and the outermost elements that reach there
# without a scroll box of their own to hold them.
PAGE_WIDER_THAN_WINDOW = """() => {
  const over = document.documentElement.scrollWidth - window.innerWidth;
  if (over <= 0) return "";
  const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1);
  return `${over} px (${wide.slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.classList).join(', ')})`;
}"""


def roadmap_pages(page: Any) -> list[str]:
    page.goto(ROADMAP)
    tabs = page.locator(".roadmap-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(tabs) >= 14, tabs
    return list(dict.fromkeys(tabs + [ROADMAP + extra for extra in EXTRA_PAGES]))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_roadmap_page_speaks_one_language_and_passes_axe(language, members, logged_in_page):
    from axe_playwright_python.sync_playwright import Axe

    page = logged_in_page(DEMO, language)
    axe = Axe()
    faults: list[str] = []
    pages = roadmap_pages(page)
    for url in pages:
        slug = url.removeprefix(ROADMAP).strip("/").replace("/", "-") or "objectives"
        faults += page_faults(page, axe, url, language, f"roadmap-{slug}")
    assert not faults, f"{len(faults)} faults on {len(pages)} pages:\n" + "\n".join(faults)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_workspace_page_speaks_one_language_and_passes_axe(language, members, logged_in_page):
    """The pages around the roadmaps: workspaces, the workspace, its members, its team and a person, the
    knowledge base, a new workspace."""
    from axe_playwright_python.sync_playwright import Axe

    from jalon.planning.models import Person

    page = logged_in_page(DEMO, language)
    person = Person.objects.filter(workspace__slug="cloud-kicks").order_by("key").first()
    assert person is not None
    pages = {
        "workspaces": "/", "workspace": "/w/cloud-kicks/", "members": "/w/cloud-kicks/members/",
        "team": "/w/cloud-kicks/team/", "team-person": f"/w/cloud-kicks/team/{person.key}/",
        "knowledge": "/knowledge/", "workspace-new": "/workspaces/new/",
    }  # fmt: skip
    axe = Axe()
    faults: list[str] = []
    for name, url in pages.items():
        # The knowledge base lists every playbook entry: a screenshot of its first screen is enough.
        faults += page_faults(page, axe, url, language, name, full_page=name != "knowledge")
    assert not faults, f"{len(faults)} faults on {len(pages)} pages:\n" + "\n".join(faults)


def page_faults(
    page: Any, axe: Any, url: str, language: str, name: str, *, full_page: bool = True
) -> list[str]:
    """Axe faults, words of the other language and overflow of one page, in French at every width (with a
    screenshot each) and in English at 1280 px."""
    faults: list[str] = []
    for size, (width, height) in VIEWPORTS.items():
        if language == "en" and size != "1280":
            continue
        page.set_viewport_size({"width": width, "height": height})
        if size == "1440" or language == "en":
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            page.wait_for_function("() => document.readyState === 'complete'")
            assert page.locator("html").get_attribute("lang") == language, url
            faults += [f"{url}: {v}" for v in serious_axe_violations(axe, page)]
            words = giveaways(page.evaluate(READABLE_TEXT), language)
            faults += [f"{url}: words of the other language: {words}"] if words else []
        overflow = page.evaluate(PAGE_WIDER_THAN_WINDOW)
        faults += [f"{url}: wider than a {width} px window by {overflow}"] if overflow else []
        if language == "fr":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            screenshot(page, SCREENSHOTS / f"{name}-{size}.png", full_page=full_page)
    return faults
