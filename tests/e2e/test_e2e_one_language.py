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

from tests.e2e.faults import page_faults

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.reads_only]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
# Pages reached from the tabs, plus the pages under them a reader opens first.
EXTRA_PAGES = ["o/taux-conversion/", "history/", "history/journal/", "edit/"]


def roadmap_pages(page: Any) -> list[str]:
    page.goto(ROADMAP)
    tabs = page.locator(".roadmap-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(tabs) >= 14, tabs
    return list(dict.fromkeys(tabs + [ROADMAP + extra for extra in EXTRA_PAGES]))


def workspace_pages() -> dict[str, str]:
    """The pages around the demo's roadmap, by name."""
    from jalon.planning.models import Person

    person = Person.objects.filter(workspace__slug="cloud-kicks").order_by("key").first()
    assert person is not None
    return {
        "workspaces": "/", "workspace": "/w/cloud-kicks/", "members": "/w/cloud-kicks/members/",
        "team": "/w/cloud-kicks/team/", "team-person": f"/w/cloud-kicks/team/{person.key}/",
        "knowledge": "/knowledge/", "workspace-new": "/workspaces/new/",
    }  # fmt: skip


@pytest.mark.slow  # a walk of every page: handed out first (tests/e2e/conftest.py)
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

    page = logged_in_page(DEMO, language)
    pages = workspace_pages()
    axe = Axe()
    faults: list[str] = []
    for name, url in pages.items():
        # The knowledge base lists every playbook entry: a screenshot of its first screen is enough.
        faults += page_faults(page, axe, url, language, name, full_page=name != "knowledge")
    assert not faults, f"{len(faults)} faults on {len(pages)} pages:\n" + "\n".join(faults)
