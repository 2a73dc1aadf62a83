"""Planifier in real Chromium: run the scheduler, follow its progress, read the proposal, apply it and
see the dates change, in French (answered at once) and in English (as a background job)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.planning.schedule_support import START, activity, make_roadmap, person, week

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
SCHEDULE = "/w/cloud-kicks/r/plan-2030/schedule/"
# The proposal's key figures whose value is not right under their own label (a label beside another's value).
FIGURES_OFF_THEIR_LABEL = """() => [...document.querySelectorAll('.schedule-facts dt')].filter(dt => {
    const label = dt.getBoundingClientRect(), value = dt.nextElementSibling.getBoundingClientRect();
    return Math.abs(label.left - value.left) > 1 || value.top < label.bottom - 1;
}).map(dt => dt.textContent)"""


@pytest.fixture
def crowded(members: dict[str, Any]) -> Any:
    """Ann is booked full time on two activities of the same week: one of them has to move."""
    from jalon.workspaces.models import Workspace

    owner = members["owner"]
    roadmap = make_roadmap(Workspace.objects.get(slug="cloud-kicks"), owner)
    ann = person(roadmap, owner, "ann")
    activity(roadmap, owner, "emailing", week(0), people={ann: 35})
    activity(roadmap, owner, "landing-page", week(0), people={ann: 35})
    return roadmap


def run_scheduler(page: Any) -> None:
    page.goto(SCHEDULE)
    page.locator("#id_start").fill(START.isoformat())
    page.locator("form.schedule-run button[type=submit]").click()


def moved_activity(roadmap: Any) -> Any:
    from jalon.planning.models import Activity

    return [a for a in Activity.objects.filter(roadmap=roadmap) if a.start != week(0)]


def test_planifier_in_french_proposes_a_move_and_applies_it(crowded, logged_in_page, assets_loaded, shot):
    page = logged_in_page(DEMO)
    page.goto(SCHEDULE)
    assets_loaded(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator(".roadmap-nav a[aria-current=page]").get_attribute("href") == SCHEDULE
    run_scheduler(page)

    page.wait_for_url(re.compile(r"/schedule/jobs/\d+/$"))
    moves = page.locator(".schedule-moves tbody tr")
    moves.first.wait_for()
    assert moves.count() == 1
    assert "08/04/2030 – 12/04/2030" in moves.first.inner_text()  # French dates: the next week
    assert page.locator("#heat-before td.load-4").count() == 1  # Ann overloaded in the current plan
    assert page.locator("#heat-after td.load-4").count() == 0
    assert page.locator(".schedule-facts dt").count() == 7
    for width in (1440, 1280):  # however many columns the key figures take, each value is under its label
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(FIGURES_OFF_THEIR_LABEL) == [], width
    shot(page, "proposal")

    page.locator("form.schedule-apply button[type=submit]").click()
    page.locator(".schedule-applied").wait_for()
    assert page.locator("form.schedule-apply").count() == 0
    shot(page, "applied")
    (moved,) = moved_activity(crowded)
    assert (moved.start, moved.end) == (week(1), week(1).replace(day=12))


def test_plan_the_schedule_in_english_as_a_background_job_with_a_progress_bar(
    crowded, logged_in_page, assets_loaded, shot, monkeypatch
):
    from jalon.jobs import runner
    from jalon.jobs.models import Job
    from jalon.planning.schedule import run

    monkeypatch.setattr(run, "INLINE_MAX_ACTIVITIES", 0)
    wake = runner.wake
    monkeypatch.setattr(runner, "wake", lambda: None)  # hold the job until the progress bar is seen
    page = logged_in_page(DEMO)
    page.goto(SCHEDULE)
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assets_loaded(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Plan the schedule"
    run_scheduler(page)

    bar = page.locator("progress#schedule-progress-bar")
    bar.wait_for()
    assert bar.get_attribute("max") == "100"
    assert page.locator(".progress-label").inner_text() == "0%"
    assert Job.objects.get().status == "queued"
    shot(page, "progress")

    wake()  # the web process's job thread takes it; the page polls every second and then reloads
    apply = page.get_by_role("button", name=re.compile(r"^Apply the proposal \(1 move\)"))
    apply.wait_for(timeout=30_000)
    assert "8 Apr 2030 – 12 Apr 2030" in page.locator(".schedule-moves tbody").inner_text()  # English dates
    shot(page, "proposal")
    apply.click()
    page.get_by_text("1 activity moved.").wait_for()
    assert page.get_by_text(re.compile(r"^Applied on ")).is_visible()
    shot(page, "applied")
    (moved,) = moved_activity(crowded)
    assert moved.start == week(1)
