"""The maintenance share is written by one rule (``format_share``) wherever it is shown: the budget page, the
executive view, the review and the PDF and slides reports all print the same figure, in French and English."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from pptx import Presentation

from jalon.formatting import NBSP, format_share
from jalon.planning.reviews import services as review_services
from jalon.reports.collect import collect_report
from jalon.reports.options import ReportOptions
from jalon.reports.pdf import report_html
from jalon.reports.slides import report_pptx

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
# The demo plans 138,000: 15,000 of it for maintenance, 10.87 %.
EXPECTED = {"fr": f"10,9{NBSP}%", "en": "10.9%"}


def test_a_share_keeps_one_decimal_in_the_readers_language() -> None:
    with translation.override("fr"):
        assert format_share(0.175) == f"17,5{NBSP}%"
        assert (format_share(0.18), format_share(None)) == (f"18{NBSP}%", "—")
    with translation.override("en"):
        assert format_share(0.175) == "17.5%"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_and_report_prints_the_same_maintenance_share(demo, members, language: str) -> None:
    owner = members["owner"]
    owner.language = language
    owner.save()
    review_services.create_review(
        actor=owner, roadmap=demo.roadmap, key="t3", title="Revue t3", held_on=date(2026, 10, 15)
    )
    client = Client()
    client.force_login(owner)
    share = EXPECTED[language]
    for page in ("budget/", "executive/", "reviews/t3/"):
        response = client.get(ROADMAP + page)
        assert response.status_code == 200
        assert share in response.content.decode(), page
    report = collect_report(demo.roadmap, ReportOptions(language=language), today=date(2026, 10, 15))
    assert share in report_html(report)
    with translation.override(language):
        deck = Presentation(io.BytesIO(report_pptx(report)))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert any(share in note for note in notes)
