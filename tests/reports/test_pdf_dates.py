"""The PDF, and the Markdown's and the deck's tables, write a date one way per kind of place, in each
language: short in a table's cell (« 31/01/2027 », « 31 Jan 2027 », as the PDF's activities were), long in a
sentence (« 31 janvier 2027 »). The SMART table's deadlines, the milestones', the communication plan's and the
workshop calendar's dates were long, wrapped over two lines of their narrow columns (« 28 février » /
« 2027 »), beside the activities' short ones. The coach's verdicts in the SMART table's cells are sentences:
their dates are long."""

from __future__ import annotations

import io
import re

import pytest

from tests.reports.conftest import TODAY

MONTHS = {
    "fr": "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
    "en": "January|February|March|April|June|July|August|September|October|November|December",
}
SHORT = {
    "fr": r"\b\d\d/\d\d/\d{4}\b",
    "en": r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b",
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_table_cell_gives_short_dates_and_a_sentence_long_ones(demo, framed, language: str) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import report_html

    html = report_html(collect_report(demo.roadmap, ReportOptions(language=language), today=TODAY))
    long = re.compile(rf"\b(1er|\d{{1,2}}) ({MONTHS[language]}) \d{{4}}\b")
    # A cell's own words: the coach's verdicts listed in the SMART table's cells are sentences.
    cells = [
        re.sub(r"<ul.*?</ul>", "", cell, flags=re.S)
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)
    ]
    assert [cell for cell in cells if long.search(cell)] == []
    dated = [cell for cell in cells if re.search(SHORT[language], cell)]
    assert len(dated) >= 20  # deadlines, milestones, activities, communications, workshops
    sentences = re.findall(r"<p[^>]*>(.*?)</p>", html, re.S)
    assert any(long.search(sentence) for sentence in sentences)  # the horizon, the day it was issued…
    assert not any(re.search(SHORT["fr"], sentence) for sentence in sentences)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_markdowns_and_the_decks_tables_give_short_dates_too(document, language: str) -> None:
    from pptx import Presentation

    long = re.compile(rf"\b(1er|\d{{1,2}}) ({MONTHS[language]}) \d{{4}}\b")
    markdown = document("md", language).decode()
    cells = [cell for line in markdown.split("\n") if line.startswith("| ") for cell in line.split(" | ")]
    cells = [cell for cell in cells if "⚠" not in cell]  # the coach's warnings are sentences
    assert [cell for cell in cells if long.search(cell)] == []
    assert len([cell for cell in cells if re.search(SHORT[language], cell)]) >= 20
    deck = Presentation(io.BytesIO(document("pptx", language)))
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    cells = [cell.text for table in tables for row in table.rows for cell in row.cells]
    assert [cell for cell in cells if long.search(cell)] == []
    assert any(re.search(SHORT[language], cell) for cell in cells)  # the workshop calendar's days
