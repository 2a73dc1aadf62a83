"""The documents' SMART coach column says the coach's warnings as the form, the SMART table and the check do
(one verdict, one list): an objective due after the roadmap's end, or before its start, is said in the
Markdown and in the PDF's HTML, in the reader's language."""

from __future__ import annotations

import html
from datetime import date

import pytest

from jalon.reports.collect import collect_report
from jalon.reports.markdown import report_markdown
from jalon.reports.options import ReportOptions
from jalon.reports.pdf import report_html
from tests.factories import Team
from tests.strategy.coaching import roadmap_due

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 5)
SAID = {
    ("fr", 2031): "L’échéance (1er juin 2031) tombe après la fin de la feuille de route (31 décembre 2027).",
    ("en", 2031): "The deadline (1 June 2031) falls after the roadmap’s end (31 December 2027).",
    ("fr", 2026): "avant le début de la feuille de route (1er janvier 2027)",
    ("en", 2026): "before the roadmap’s start (1 January 2027)",
}


@pytest.mark.parametrize("year", [2031, 2026])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_documents_coach_column_says_a_deadline_outside_the_horizon(
    team: Team, language: str, year: int
) -> None:
    report = collect_report(
        roadmap_due(team, date(year, 6, 1)), ReportOptions(language=language), today=TODAY
    )
    markdown = report_markdown(report)
    row = next(line for line in markdown.splitlines() if line.startswith("| Ventes en ligne"))
    assert SAID[language, year] in row
    assert SAID[language, year] in html.unescape(report_html(report))
