"""The PDF writes a date one way per kind of place, in each language: short in a table's cell (« 31/01/2027 »,
« 31 Jan 2027 », as the activities' dates were), long in a sentence (« 31 janvier 2027 »). The SMART table's
deadlines, the milestones', the communication plan's and the workshop calendar's dates were long, wrapped
over two lines of their narrow columns (« 28 février » / « 2027 »), beside the activities' short ones. The
coach's verdicts in the SMART table's cells are sentences: their dates are long."""

from __future__ import annotations

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
