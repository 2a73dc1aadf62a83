"""The five SMART criteria have one wording, in French and in English, on the roadmap page, in the PDF, the
slides, the Markdown and the workbook; the workbook's column of what an objective says precisely is not
headed like the « Specific » verdict."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook
from pptx import Presentation

from jalon.formatting import labelled
from jalon.reports.collect import collect_report
from jalon.reports.options import ReportOptions
from jalon.reports.pdf import report_html
from tests.reports.conftest import TODAY

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
CRITERIA = {
    "fr": ("Spécifiques", "Mesurables", "Atteignables et réalistes", "Pertinents", "Délimités dans le temps"),
    "en": ("Specific", "Measurable", "Achievable & realistic", "Relevant", "Time-bound"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_workbook_heads_each_column_once_with_the_criteria_wording(document, language: str) -> None:
    sheet = load_workbook(io.BytesIO(document("xlsx", language))).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert len(headers) == len(set(headers))
    assert tuple(headers[-5:]) == CRITERIA[language]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pdf_slides_and_markdown_name_the_criteria_as_the_page_does(
    demo, members, document, language: str
) -> None:
    from django.utils import translation

    owner = members["owner"]
    owner.language = language
    owner.save()
    client = Client()
    client.force_login(owner)
    page = client.get(ROADMAP).content.decode()
    for name in (CRITERIA[language][0], CRITERIA[language][1], CRITERIA[language][2], CRITERIA[language][4]):
        assert f'<th scope="col">{name}</th>' in page.replace("&amp;", "&")
    report = collect_report(demo.roadmap, ReportOptions(language=language), today=TODAY)
    assert [v.label for v in report.objectives[0].verdicts] == list(CRITERIA[language])
    html = report_html(report).replace("&amp;", "&")
    markdown = document("md", language).decode()
    deck = Presentation(io.BytesIO(document("pptx", language)))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    with translation.override(language):
        for name in CRITERIA[language]:
            assert f"<strong>{name}</strong>" in html
            assert f" {name}" in markdown
            assert labelled(name, "") in notes
