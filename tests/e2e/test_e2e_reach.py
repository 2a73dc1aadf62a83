"""Activities far from the horizon in Chromium, in French and in English: one typed wholly in 2200 is named
above the operational timeline in the documents' words (its link opens the activity to correct it), and so
on the executive view and on the workspace's page of the person working on it; social media kept up from
2020 to 2200 runs past the reach and is drawn, clipped at the chart's edge, which stays the reach's width
(it was some 440,000 px in its scroll box when a date typed 1900 widened the chart). The pages are looked
at (screenshots at 1440 and 1280 px, axe-core, one language)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e import reach_plan
from tests.e2e.look import Look
from tests.e2e.reach_plan import ROADMAP

# The fixtures from reach_plan.py that these tests ask for, bound here for pytest to find them by name.
typo = reach_plan.typo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTE = {
    "fr": "Trop loin de l’horizon pour figurer sur les calendriers :",
    "en": "Too far from the horizon to be drawn on the timelines:",
}
WEEKS_NOTE = {
    "fr": "Trop loin de l’horizon pour être comptées dans une semaine :",
    "en": "Too far from the horizon to be counted in any week:",
}
WIDEST_CHART_PX = 20_000


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_activity_dated_centuries_away_is_named_above_the_timeline_not_drawn(
    typo: Any, members: dict[str, Any], logged_in_page: Any, shot: Any, language: str
) -> None:
    editor = members["editor"]
    page = logged_in_page(editor.email, language)
    page.goto(ROADMAP + "timeline/")
    text = Look(shot, language)(page, f"reach-timeline-{language}")
    assert NOTE[language] in text
    width = page.evaluate("() => document.querySelector('#timeline-chart .timeline-scroll').scrollWidth")
    assert width < WIDEST_CHART_PX, width
    assert page.locator('g.tl-bar[data-key="coquille"]').count() == 0
    assert page.locator('g.tl-bar[data-key="reseaux"]').count() >= 1  # running past the reach: drawn
    assert page.locator("#act-reseaux .wk-cell .wk-bar").count() == 1
    far_cell = page.locator("#act-coquille .wk-cell")  # no bar stretched across the grid, but a word
    assert far_cell.locator(".wk-bar").count() == 0
    assert far_cell.inner_text().strip() == {"fr": "Hors calendrier", "en": "Beyond the timeline"}[language]
    page.locator("#timeline-far a", has_text="Faute de frappe").click()
    page.wait_for_url(f"**{ROADMAP}activities/coquille/")
    page.goto(ROADMAP + "executive/")
    text = Look(shot, language)(page, f"reach-executive-{language}")
    assert NOTE[language] in text
    width = page.evaluate("() => document.querySelector('.ex-themes .timeline-scroll').scrollWidth")
    assert width < WIDEST_CHART_PX, width
    page.goto(ROADMAP + "backlog/?reach=beyond")  # where the note's "every activity" link leads
    Look(shot, language)(page, f"reach-backlog-{language}")
    assert page.locator("table.backlog-table tbody tr").count() == 1
    assert page.locator('table.backlog-table a[href$="/activities/coquille/"]').count() == 1


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_workspace_page_of_a_person_names_their_activity_dated_wholly_beyond_the_reach(
    typo: Any, members: dict[str, Any], logged_in_page: Any, shot: Any, language: str
) -> None:
    page = logged_in_page(members["editor"].email, language)
    page.goto("/w/cloud-kicks/team/e2e-zoe/")
    text = Look(shot, language)(page, f"reach-workspace-person-{language}")
    assert WEEKS_NOTE[language] in text
    page.locator("#timeline-far a", has_text="Faute de frappe").click()
    page.wait_for_url(f"**{ROADMAP}activities/coquille/")
