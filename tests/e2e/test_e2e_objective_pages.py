"""The SMART table of a roadmap with more top-level objectives than a page holds, in a real browser, in
French and English: the counts above the table, the next page reached by its link below it (the pager on both
sides, two navigation landmarks of distinct names), the strategic dashboard in the same pages; no serious or
critical accessibility fault, one language, nothing wider than the window (screenshots at 1440 and 1280)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.faults import page_faults

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
DASHBOARD = ROADMAP + "dashboard/"
NEXT = {"fr": "Objectifs suivants", "en": "Next objectives"}
COUNTS = {"fr": "sur 26 objectifs de premier niveau", "en": "of 26 top-level objectives"}
BELOW = {"fr": "Objectifs, page 1 sur 2", "en": "Objectives, page 1 of 2"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_objectives_come_in_pages_with_their_counts(
    language: str, members: dict[str, Any], logged_in_page: Any, shot: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from jalon.strategy import services
    from jalon.strategy.models import Roadmap
    from jalon.strategy.paging import OBJECTIVES_PER_PAGE

    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    top = roadmap.objectives.filter(parent=None).count()
    for n in range(OBJECTIVES_PER_PAGE + 1 - top):
        services.create_objective(actor=members["owner"], roadmap=roadmap, title=f"Objective {n}")
    page = logged_in_page("editor@example.com", language)
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(ROADMAP)
        assert COUNTS[language] in page.locator("nav.pager").first.inner_text()
        shot(page, f"{language}-{width}")
    below = page.get_by_role("navigation", name=BELOW[language], exact=True)
    below.scroll_into_view_if_needed()
    shot(page, f"{language}-below")
    below.get_by_role("link", name=NEXT[language]).click()
    page.wait_for_url("**?page=2#smart-table")
    assert page.locator("#smart-table tbody tr").count() == 1
    shot(page, f"{language}-page-2")
    for width in (1440, 1280):  # the strategic dashboard comes in the same pages
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(DASHBOARD)
        assert COUNTS[language] in page.locator("nav.pager").first.inner_text()
        shot(page, f"{language}-dashboard-{width}")
    page.get_by_role("navigation", name=BELOW[language], exact=True).get_by_role(
        "link", name=NEXT[language]
    ).click()
    page.wait_for_url("**dashboard/?page=2#goals")
    assert page.locator("section.dashboard-goal.depth-0").count() == 1
    faults = page_faults(page, Axe(), ROADMAP, language, f"objective-pages-{language}")
    faults += page_faults(page, Axe(), ROADMAP + "?page=2", language, f"objective-pages-2-{language}")
    faults += page_faults(page, Axe(), DASHBOARD, language, f"dashboard-pages-{language}")
    assert faults == []
