"""Late activities in Chromium, in French and in English: the backlog's badge and its "late only" filter,
the timeline's marked bar, the executive view's count with its chart's group labels kept in sight at 1280
and 1440 px however far the chart opens or is scrolled, the dashboard's badge and a review's count of the day.
Every page is looked at (screenshots at 1440 and 1280 px, axe-core, one language)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.e2e.look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
LATE = {"fr": "en retard", "en": "late"}
# Each group label's left edge against its scroll box's, after the box is scrolled by `px`.
LABEL_EDGES = """([px]) => {
    const box = document.querySelector('.ex-themes .timeline-scroll');
    if (px !== null) { box.scrollLeft = px; box.dispatchEvent(new Event('scroll')); }
    const left = box.getBoundingClientRect().left;
    return [box.scrollLeft, [...box.querySelectorAll('g.tl-lane > text')]
        .map(t => Math.round(t.getBoundingClientRect().left - left))];
}"""


@pytest.fixture
def late_salon(demo: Any, members: dict[str, Any]) -> Any:
    """A planned activity of the demo whose end passed three days ago, in its first thematic group."""
    from jalon.planning import services
    from jalon.planning.models import Activity
    from jalon.planning.reviews import services as reviews
    from jalon.strategy.models import Tactic

    today = date.today()
    owner = members["owner"]
    theme = demo.roadmap.themes.order_by("position", "id").first()
    tactic = Tactic.objects.filter(strategy__roadmap=demo.roadmap).order_by("id").first()
    services.create(
        Activity, actor=owner, roadmap=demo.roadmap, key="salon-retard", title="Salon Lyon",
        status="planned", start=today - timedelta(days=20), end=today - timedelta(days=3), theme=theme,
        tactic=tactic,
    )  # fmt: skip
    reviews.create_review(actor=owner, roadmap=demo.roadmap, key="retard", title="Revue", held_on=today)
    return demo


@pytest.mark.parametrize("language", ["fr", "en"])
def test_late_activities_show_on_every_page_and_group_labels_stay_in_sight(
    late_salon: Any, members: dict[str, Any], logged_in_page: Any, shot: Any, language: str
) -> None:
    editor = members["editor"]
    page = logged_in_page(editor.email, language)
    look = Look(shot, language)

    page.goto(ROADMAP + "backlog/?late=1")
    look(page, f"backlog-{language}")
    row = page.locator("#activity-salon-retard")
    assert row.locator(".badge.late").inner_text() == LATE[language]
    assert page.locator("tr[id^=activity-] .badge.late").count() == page.locator("tr[id^=activity-]").count()

    page.goto(ROADMAP + "timeline/")
    look(page, f"timeline-{language}")
    assert page.locator('g.tl-bar[data-key="salon-retard"][data-late="true"] rect.tl-late').count() >= 1
    assert page.locator("#act-salon-retard .badge.late").inner_text() == LATE[language]

    page.goto(ROADMAP + "executive/")
    look(page, f"executive-{language}")
    assert page.locator("#late-count .badge.late").count() == 1
    # 760 px: narrower than the chart, whatever the demo's dates, so that the chart really scrolls.
    for width in (1440, 1280, 760):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        page.wait_for_function("() => document.readyState === 'complete'")
        for px in (None, 400, 0):  # as it opens (scrolled towards today), scrolled further, back home
            scrolled, edges = page.evaluate(LABEL_EDGES, [px])
            assert edges and all(edge >= 0 for edge in edges), (width, px, scrolled, edges)
            assert width > 760 or px != 400 or scrolled > 0, "the chart did not scroll at 760 px"

    page.goto(ROADMAP + "dashboard/")
    look(page, f"dashboard-{language}")
    assert page.locator("a[href$='/activities/salon-retard/'] + .badge.late").count() == 1

    page.goto(ROADMAP + "reviews/retard/")
    look(page, f"review-{language}")
    assert page.locator("#snapshot-late .badge.late").count() == 1
