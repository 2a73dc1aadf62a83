"""An activity typed from 1900 to 2200 in Chromium, in French and in English: the operational timeline stays
the plan's width (it was some 440,000 px in its scroll box), names the activity above the chart in the
documents' words, and its link opens the activity to correct it; so does the executive view. The pages are
looked at (screenshots at 1440 and 1280 px, axe-core, one language)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.e2e.look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
NOTE = {
    "fr": "Trop loin de l’horizon pour figurer sur les calendriers :",
    "en": "Too far from the horizon to be drawn on the timelines:",
}
WIDEST_CHART_PX = 20_000


@pytest.fixture
def typo(demo: Any, members: dict[str, Any]) -> Any:
    """A demo activity dated from 1900 to 2200, as a slip of the keyboard would date it."""
    from jalon.planning import services
    from jalon.planning.models import Activity

    services.create(
        Activity, actor=members["owner"], roadmap=demo.roadmap, key="coquille", title="Faute de frappe",
        status="planned", start=date(1900, 1, 1), end=date(2200, 12, 31),
    )  # fmt: skip
    return demo


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
