"""A form pressed twice is sent once (static/jalon/single-submit.js): a double click on *Create the
roadmap* used to send the form twice, and the page shown was the second answer, « cet identifiant est déjà
pris », over a roadmap the first answer had made; a double click on *Plan the schedule* queued two runs.
The server answers each form late here (``slow_posts``), as over a slow network, so that the second click
lands while the first request is on its way."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .double_submit import click_twice, slow_posts

__all__ = ["slow_posts"]

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_double_click_on_create_the_roadmap_makes_it_once_and_opens_it(
    members, logged_in_page, slow_posts, shot, language
):
    from jalon.strategy.models import Roadmap

    page = logged_in_page(DEMO, language)
    page.goto("/w/cloud-kicks/")
    page.locator("details:has(#new-roadmap) > summary").click()
    page.locator("#id_title").fill("Plan double")
    page.locator("#id_start").fill("2027-01-01")
    click_twice(page, page.locator("#new-roadmap button[type=submit]"))
    page.wait_for_url(re.compile(r"/r/plan-double/start/$"))
    assert slow_posts == ["/w/cloud-kicks/roadmaps/new/"], "the form was sent once"
    assert Roadmap.objects.filter(title="Plan double").count() == 1
    assert page.locator("main .error:visible").count() == 0, "no refusal over the roadmap just made"
    shot(page)


def test_enter_pressed_twice_on_a_new_objective_sends_it_once(members, logged_in_page, slow_posts, shot):
    from jalon.strategy.models import Objective

    page = logged_in_page(DEMO, "en")
    page.goto(ROADMAP + "objectives/new/")
    title = page.locator("#id_title")
    title.fill("Double the newsletter sign-ups by 31 December 2026")
    page.locator("main button[type=submit][form=objective-form]").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/o/[a-z0-9-]+/$"))
    assert slow_posts == [ROADMAP.rstrip("/") + "/objectives/new/"]
    assert Objective.objects.filter(title__startswith="Double the newsletter").count() == 1
    shot(page)


def test_a_double_click_on_plan_the_schedule_queues_one_run(members, logged_in_page, slow_posts, monkeypatch):
    from jalon.jobs import runner
    from jalon.jobs.models import Job

    monkeypatch.setattr(runner, "wake", lambda: None)  # the run stays queued: nothing races the clicks
    page = logged_in_page(DEMO, "fr")
    page.goto(ROADMAP + "schedule/")
    click_twice(page, page.locator("form.schedule-run button[type=submit]"))
    page.wait_for_url(re.compile(r"/schedule/jobs/\d+/$"))
    assert len(slow_posts) == 1
    assert Job.objects.filter(kind="schedule").count() == 1


def test_the_same_schedule_form_posted_again_is_the_run_already_queued(members, logged_in_page, monkeypatch):
    """A form the browser sends again (a second tab, a retry over a bad network) reaches the server past
    any script: the server folds it into the run already queued (jalon.jobs.services.start_job)."""
    from jalon.jobs import runner
    from jalon.jobs.models import Job
    from jalon.planning.schedule import run

    monkeypatch.setattr(runner, "wake", lambda: None)
    monkeypatch.setattr(run, "INLINE_MAX_ACTIVITIES", -1)  # a background run, as on a large roadmap
    page = logged_in_page(DEMO, "fr")
    page.goto(ROADMAP + "schedule/")
    form = page.locator("form.schedule-run")
    fields: dict[str, Any] = form.evaluate(
        "f => Object.fromEntries([...new FormData(f)].filter(([, v]) => typeof v === 'string'))"
    )
    url = ROADMAP + "schedule/run/"
    answers = [page.request.post(url, form=fields, max_redirects=0) for _ in range(2)]
    assert [a.status for a in answers] == [302, 302]
    assert answers[0].headers["location"] == answers[1].headers["location"]
    assert Job.objects.filter(kind="schedule").count() == 1
