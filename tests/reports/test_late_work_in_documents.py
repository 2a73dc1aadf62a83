"""Late work (``planning.models.is_late``: past its planned end, neither done nor dropped) is in the documents
where the pages show it: the executive view's count under the timelines (PDF, deck, Markdown), the backlog's
badge beside an activity's status (PDF, Markdown, the deck's notes) and a red-framed bar on the operational
timelines (PDF and deck). The documents are the session's (``tests/reports/conftest.py``)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.reports.conftest import TODAY, page_texts

pytestmark = pytest.mark.django_db

RED = "B91C1C"  # the deck's and the pages' red for what is missed or late


def _late(roadmap) -> list[Any]:
    from jalon.planning.models import late_filter

    return list(roadmap.activities.filter(late_filter(TODAY)).order_by("start"))


def _said(language: str, count: int) -> str:
    return {
        "fr": f"{count} activité{'s' if count > 1 else ''} en retard (fin prévue passée, pas terminées)",
        "en": f"{count} late activit{'ies' if count > 1 else 'y'} (past their planned end and not done)",
    }[language]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pdf_counts_late_activities_under_the_timeline_and_marks_each_one(
    demo, document, language, tmp_path: Path
) -> None:
    """The executive view said « 3 activités en retard », the backlog marked each one, the operational view
    framed their bars in red: the PDF delivered to the board said nothing of it."""
    late = _late(demo.roadmap)
    assert late  # the demo, on the session's day, has late work
    pdf = document("pdf", language)
    pages = page_texts(pdf, tmp_path)
    text = re.sub(r"\s+", " ", "\n".join(pages)).replace("\u00a0", " ")
    assert _said(language, len(late)).replace("\u00a0", " ") in text
    assert {"fr": "Activités", "en": "Activities"}[language] in text

    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import report_html

    report = collect_report(demo.roadmap, ReportOptions(language=language), today=TODAY)
    word = {"fr": "en retard", "en": "late"}[language]
    row = r"<tr><td>([^<]*)</td><td>[^<]*</td><td>([^<]*)(<span class=\"badge late\">[^<]*</span>)?</td>"
    rows = re.findall(row, report_html(report))
    badged = {title for title, _status, badge in rows if badge}
    assert badged == {a.title for a in late} and all(word in badge for _t, _s, badge in rows if badge)
    marked = {
        key
        for svg in report.timeline_svgs
        for key in re.findall(r'data-key="([^"]+)"[^>]*data-late="true"', svg)
    }
    assert marked == {a.key for a in late}


def _deck_slides(deck: bytes):
    from pptx import Presentation

    return list(Presentation(io.BytesIO(deck)).slides)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_deck_counts_late_activities_on_its_timeline_and_frames_their_bars_in_red(
    demo, document, language
) -> None:
    late = _late(demo.roadmap)
    slides = _deck_slides(document("pptx", language))
    said = _said(language, len(late))
    overview = next(
        s for s in slides if s.shapes.title is not None and s.shapes.title.text in ("Calendrier", "Timeline")
    )
    assert any(said in shape.text_frame.text for shape in overview.shapes if shape.has_text_frame)
    assert said in overview.notes_slide.notes_text_frame.text
    word = {"fr": "en retard", "en": "late"}[language]
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide)
    for activity in late:
        assert re.search(re.escape(activity.title) + r" — .* \(" + word + r"\)", notes), activity.title
    reds = [
        shape for slide in slides for shape in slide.shapes
        if shape.name.startswith("Rounded Rectangle") and shape.line.fill.type == 1
        and str(shape.line.color.rgb) == RED
    ]  # fmt: skip
    assert len(reds) >= len(late)  # each late bar framed in red (in each of its lanes)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_markdown_counts_late_activities_and_marks_each_one(demo, document, language) -> None:
    late = _late(demo.roadmap)
    text = document("md", language).decode()
    assert _said(language, len(late)) in text
    word = {"fr": "en retard", "en": "late"}[language]
    for activity in late:
        row = next(line for line in text.splitlines() if line.startswith(f"| {activity.title}"))
        assert f"({word})" in row, row


def test_a_roadmap_with_no_late_work_says_so_as_the_executive_view_does(demo) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions

    report = collect_report(demo.roadmap, ReportOptions(language="fr", sections=("timeline",)),
                            today=demo.roadmap.start)  # fmt: skip
    assert report.late_note == "Aucune activité en retard."
    assert not any(a.late for a in report.activities)
