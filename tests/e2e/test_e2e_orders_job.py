"""A large orders file in real Chromium, in French and in English: the upload sends the reader to the job's
page, whose progress bar moves while the job runs (the page polls it), then lands on the personas page
with the personas proposed, as after a small file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jalon.demo.orders import synthetic_orders
from jalon.documents.orders_file import orders_csv
from tests.e2e.look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PERSONAS = "/w/cloud-kicks/r/cloud-kicks/framing/personas/"
WORDS = {
    "fr": ("Segmenter et proposer des personae", "la lecture continue"),
    "en": ("Segment and propose personas", "the reading goes on"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_large_orders_file_shows_its_progress_then_the_personas(
    logged_in_page: Any,
    members: Any,
    shot: Any,
    tmp_path: Path,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    from jalon.framing.models import Persona
    from jalon.framing.services import orders as orders_services
    from jalon.jobs import runner
    from jalon.jobs.models import Job

    settings.MEDIA_ROOT = tmp_path / "uploads"
    members["editor"].language = language
    members["editor"].save()
    orders = tmp_path / "commandes.csv"
    orders.write_text(orders_csv(synthetic_orders(customers=500, seed=5)), encoding="utf-8")
    monkeypatch.setattr(orders_services, "BACKGROUND_FROM_BYTES", 0)  # the sample counts as large
    wake = runner.wake
    monkeypatch.setattr(runner, "wake", lambda: None)  # hold the job until the progress bar is seen
    button, leave_note = WORDS[language]

    page = logged_in_page("editor@example.com")
    page.goto(PERSONAS)
    page.locator("#id_file").set_input_files(str(orders))
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(re.escape(PERSONAS) + r"jobs/\d+/$"))
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
