"""A background job's progress panel polled in real Chromium, in French and in English, by a keyboard and
screen-reader user: the focus they put on the panel's Refresh link stays there while the page polls, and the
panel's status message is one live region whose text changes when the job says something new (and only then),
never a new element each second; when the job ends, the page moves on to its result as before."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import orders_upload
from tests.e2e.look import Look
from tests.e2e.orders_upload import PERSONAS, Upload

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
upload_held = orders_upload.upload_held  # the fixture, bound here for pytest to find it by name

WORDS = {
    "fr": ("Segmenter et proposer des personae", "Actualiser"),
    "en": ("Segment and propose personas", "Refresh"),
}
# The worker's words as it goes (English message ids, shown translated), one per poll watched.
STEPS = (
    (5, "Reading the orders file…"),
    (40, "Checking the dates and amounts of {lines} lines…"),
    (50, "Segmenting the customers and writing the personas…"),
)
# Remembers the panel's live region and counts the changes made inside it.
WATCH_STATUS = """() => {
  window.jobStatus = document.querySelector('#orders-progress [role=status]');
  window.jobStatusChanges = 0;
  new MutationObserver((changes) => { window.jobStatusChanges += changes.length; })
    .observe(window.jobStatus, {childList: true, subtree: true, characterData: true});
}"""
SAME_STATUS = """() => window.jobStatus.isConnected
    && window.jobStatus === document.querySelector('#orders-progress [role=status]')"""


# Resolves once htmx has settled the panel's next poll: after every afterSettle listener of that swap
# (keyboard.js's, which used to move the focus) has run, the task after them.
POLL_SETTLED = """() => { window.pollSettled = new Promise((done) => document.addEventListener(
    'htmx:afterSettle', function settled(event) {
      if (!event.detail.target.closest('#orders-progress')) return;
      document.removeEventListener('htmx:afterSettle', settled);
      setTimeout(done, 0);
    })); }"""


def next_poll(page: Any) -> None:
    """Wait for the page's next poll to be swapped in and settled (htmx's afterSettle, where the focus used to
    be moved). Not for its answer: its headers come before htmx swaps it in, and settles it later still;
    nor for the next poll to leave, which htmx sends a second after the last one left, whether or not
    that one's answer is in."""
    page.evaluate(POLL_SETTLED)
    page.evaluate("() => window.pollSettled")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_focus_stays_on_refresh_and_the_status_changes_in_place_while_a_job_runs(
    logged_in_page: Any, members: Any, shot: Any, upload_held: Upload, language: str
) -> None:
    from django.utils import translation

    from jalon.framing.models import Persona
    from jalon.jobs import services as jobs
    from jalon.jobs.models import Job

    button, refresh_words = WORDS[language]
    page = logged_in_page("editor@example.com", language)
    # the job's threads asleep: this test plays the worker, step by step
    upload_held(page, button, 300)
    job = Job.objects.get()
    assert jobs.claim(job.pk)
    report = jobs._reporter(job.pk)

    refresh = page.locator("#orders-progress").get_by_role("link", name=refresh_words, exact=True)
    refresh.focus()
    page.evaluate(WATCH_STATUS)
    status = page.locator("#orders-progress [role=status]")
    bar = page.locator("progress#orders-progress-bar")
    for percent, message in STEPS:
        report(percent, message, lines=300)
        with translation.override(language):
            shown = Job.objects.get(pk=job.pk).message_text
        expect(status).to_have_text(shown)
        expect(bar).to_have_attribute("value", str(percent))
        next_poll(page)
        expect(refresh).to_be_focused()
        assert page.evaluate(SAME_STATUS), "the live region was replaced by a new element"
    changes = page.evaluate("() => window.jobStatusChanges")
    assert changes > 0

    report(60)  # the bar moves, the message does not: nothing to announce
    expect(bar).to_have_attribute("value", "60")
    next_poll(page)
    assert page.evaluate("() => window.jobStatusChanges") == changes
    expect(refresh).to_be_focused()
    Look(shot, language)(page, f"running-{language}")

    jobs._execute(Job.objects.select_related("roadmap__workspace", "actor").get(pk=job.pk))
    page.wait_for_url(re.compile(re.escape(PERSONAS) + "$"), timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('.persona-card').length >= 4")
    assert Job.objects.get().status == "done" and Persona.objects.exists()
