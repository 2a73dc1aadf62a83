"""The animation plan's actions — what is sent with which content, to whom, on which channel, when and how
often — are in the deliverable: the PDF, the deck, the Markdown and the workbook listed only the contacts
counted per month and channel, so the workshop's main deliverable (the fifth first-hour walk's newsletter, SMS
and Black Friday campaign) was in none of the files the consultant hands over."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.reports.conftest import TODAY, frame, pdf_text
from tests.reports.documents_made import pdf_texts, pptx_texts

pytestmark = pytest.mark.django_db

HEADERS = {
    "en": ("Action", "For", "Channel", "Owner", "Cost"),
    "fr": ("Action", "Pour", "Canal", "Responsable", "Coût"),
}
SHEET = {"en": "Animation plan", "fr": "Plan d’animation"}
WHEN = {"en": "On an event: abandoned cart (+1 day)", "fr": "Sur événement : abandoned cart (+1 jour)"}


def _documents(demo: Any, language: str) -> dict[str, bytes]:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    options = ReportOptions(sections=("framing",), language=language)
    return {
        fmt: render_report(actor=None, roadmap=demo.roadmap, fmt=fmt, options=options, today=TODAY).content
        for fmt in ("pdf", "md", "xlsx", "pptx")
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_action_of_the_plan_is_in_the_pdf_the_markdown_and_the_workbook(
    demo: Any, tmp_path: Any, language: str
) -> None:
    framing = frame(demo.roadmap)
    event = framing.actions.filter(frequency="on_event").first()
    assert event is not None
    framing.actions.filter(pk=event.pk).update(trigger="abandoned cart", delay_days=1)
    dated = framing.actions.exclude(start=None).first()
    assert dated is not None
    actions = list(framing.actions.values_list("what", flat=True))
    files = _documents(demo, language)
    pdf = " ".join(" ".join(pdf_texts(files["pdf"])).split())  # in reading order, cell by cell
    markdown = " ".join(files["md"].decode().replace("\\", "").split())  # French no-break spaces as spaces
    sheet = load_workbook(io.BytesIO(files["xlsx"]))[SHEET[language]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    deck = " ".join(" ".join(pptx_texts(files["pptx"])).split())
    for what in actions:
        for text in (pdf, markdown, deck):
            assert " ".join(what.split()) in text, what
    assert [row[0] for row in rows] == actions
    assert WHEN[language] in pdf and WHEN[language] in markdown and WHEN[language] in deck
    laid_out = pdf_text(files["pdf"], tmp_path).split(SHEET[language].replace("’", "’"))[-1]
    assert [w for w in HEADERS[language] if w not in laid_out.split()] == [], "a header cut inside a word"
    by_what = {row[0]: row for row in rows}
    assert by_what[dated.what][7] is not None and by_what[dated.what][7].date() == dated.start
    assert isinstance(by_what[dated.what][10], float | int)
    assert by_what[event.what][5:7] == ("abandoned cart", 1)


def test_a_framing_without_actions_has_no_plan_sheet(demo: Any) -> None:
    framing = frame(demo.roadmap)
    framing.actions.all().delete()
    book = load_workbook(io.BytesIO(_documents(demo, "en")["xlsx"]))
    assert "Animation plan" not in book.sheetnames
    assert date(2000, 1, 1) < TODAY
