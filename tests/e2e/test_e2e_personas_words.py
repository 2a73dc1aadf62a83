"""The personas page's words in real Chromium, in French and in English: the upload says which files it reads,
a space-aligned text (the CDNOW file's first 400 customers) is read, and the stages' customers are headed by
the day they are counted at, not "today" (1440 and 1280 px, axe)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import SLOW_MS

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PERSONAS = "/w/cloud-kicks/r/cloud-kicks/framing/personas/"
CDNOW_SAMPLE = Path(__file__).parent.parent / "engines" / "fixtures" / "cdnow_first_400.txt"


@pytest.mark.parametrize(
    ("language", "formats", "button", "header"),
    [
        ("fr", "aux colonnes alignées par des espaces", "Segmenter et proposer des personae", "Clients au "),
        ("en", "text with columns aligned by spaces", "Segment and propose personas", "Customers on "),
    ],
    ids=["fr", "en"],
)
def test_the_personas_page_says_which_files_it_reads_and_when_the_stages_are_counted(
    logged_in_page: Any, shot: Any, language: str, formats: str, button: str, header: str
) -> None:
    from jalon.framing.models import Framing

    page = logged_in_page("demo@jalon.local", language)
    page.goto(PERSONAS)
    assert formats in page.locator("#id_file_helptext").inner_text()
    look = Look(shot, language, content=("customer", "amount", "client", "montant"))
    look(page, "upload")
    page.locator("#id_file").set_input_files(str(CDNOW_SAMPLE))
    page.get_by_role("button", name=button).click(timeout=SLOW_MS)
    page.wait_for_url(re.compile(r"/framing/personas/$"))
    page.wait_for_function("() => document.querySelectorAll('.persona-card').length >= 4")
    as_of = Framing.objects.get(roadmap__slug="cloud-kicks").orders_as_of
    assert as_of is not None
    day = as_of.strftime("%d/%m/%Y") if language == "fr" else f"{as_of.day} {as_of:%b %Y}"
    assert page.locator("#stages thead th").nth(2).inner_text() == header + day
    look(page, "stages")
