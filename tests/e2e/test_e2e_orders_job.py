"""A large orders file in real Chromium, in French and in English: the upload sends the reader to the job's
page, whose progress bar moves while the job runs (the page polls it), then lands on the personas page
with the personas proposed, as after a small file."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e import orders_upload
from tests.e2e.look import Look
from tests.e2e.orders_upload import PERSONAS, Upload

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
upload_held = orders_upload.upload_held  # the fixture, bound here for pytest to find it by name

WORDS = {
    "fr": ("Segmenter et proposer des personae", "la lecture continue"),
    "en": ("Segment and propose personas", "the reading goes on"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_large_orders_file_shows_its_progress_then_the_personas(
    logged_in_page: Any, members: Any, shot: Any, upload_held: Upload, language: str
) -> None:
    from jalon.framing.models import Persona
    from jalon.jobs.models import Job

    members["editor"].language = language
    members["editor"].save()
    button, leave_note = WORDS[language]
    page = logged_in_page("editor@example.com")
    wake = upload_held(page, button, 500)
    bar = page.locator("progress#orders-progress-bar")
    bar.wait_for()
    assert bar.get_attribute("max") == "100"
    assert leave_note in page.locator("#orders-progress").inner_text()
    assert Job.objects.get().status == "queued" and not Persona.objects.exists()
    Look(shot, language)(page, f"progress-{language}")

    wake()  # the web process's job thread takes it; the page polls every second and then reloads
    page.wait_for_url(re.compile(re.escape(PERSONAS) + "$"), timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('.persona-card').length >= 4")
    assert "500" in page.locator("#orders-summary").inner_text()
    assert Job.objects.get().status == "done"
    shot(page, f"personas-{language}")
