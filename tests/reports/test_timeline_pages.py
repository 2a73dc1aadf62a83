"""The PDF's timeline pages as a reader turns them: the executive picture keeps its notes (the late-work
count, the undated and out-of-reach notes) on its own page however tall the plan makes it, and the
operational timeline says in one line which months it leaves out for want of activity, where a page would
have been. Read page by page with pdftotext; the pages are drawn under ``test-artifacts/reports/``."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.reports import timeline_roadmaps
from tests.reports.conftest import keep_pages, page_texts

pytestmark = pytest.mark.django_db
TODAY = date(2027, 6, 1)


def _pdf(roadmap: Any, language: str, **options: Any) -> bytes:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    chosen = ReportOptions(language=language, sections=("timeline",), **options)
    return render_report(actor=None, roadmap=roadmap, fmt="pdf", options=chosen, today=TODAY).content


def _flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.mark.parametrize(
    ("language", "themes", "heading", "late", "undated"),
    [
        ("fr", 17, "Calendrier de direction", "activités en retard", "1 activité n’a pas encore de dates"),
        ("fr", 19, "Calendrier de direction", "activités en retard", "1 activité n’a pas encore de dates"),
        ("en", 18, "Executive timeline", "late activities", "1 activity has no dates yet"),
        ("en", 40, "Executive timeline", "late activities", "1 activity has no dates yet"),
    ],
)  # fmt: skip
def test_a_tall_executive_picture_shares_its_page_with_its_headings_and_notes(
    team: Any, language: str, themes: int, heading: str, late: str, undated: str, tmp_path: Path
) -> None:
    """Nineteen groups filled the timeline page: the late-work count and the notes went alone to the next
    page, under nothing; from twenty, the picture itself left its headings alone on theirs. Up to 17 groups
    the picture is one, on one page with both; from 18 it is cut by groups (see
    ``test_an_executive_picture_of_45_groups_is_printed_at_a_readable_size``): its first part stays under the
    headings, its last part over the notes."""
    pdf = _pdf(timeline_roadmaps.tall(team, themes), language)
    pages = [_flat(page) for page in page_texts(pdf, tmp_path)]
    with_notes = [n for n, page in enumerate(pages) if late in page or undated in page]
    assert len(with_notes) == 1, pages
    page = pages[with_notes[0]]
    assert late in page and undated in page
    assert f"Groupe {themes - 1:02d}" in page  # the notes are under the picture's last band, never alone
    first = next(n for n, text in enumerate(pages) if "Groupe 00" in text)
    assert heading in pages[first]  # the headings are over the first band, never alone
    if themes <= 17:
        assert first == with_notes[0]  # one picture: headings, all of it and the notes on one page
    path = tmp_path / "tall.pdf"
    path.write_bytes(pdf)
    keep_pages(path, {"executive": with_notes[0] + 1}, tmp_path, f"tall-{themes}-{language}")


@pytest.fixture
def two_bursts(team: Any) -> Any:
    return timeline_roadmaps.two_bursts(team)


@pytest.mark.parametrize(
    ("language", "heading", "between", "after"),
    [
        ("fr", "Calendrier opérationnel", "Aucune activité de juillet à décembre 2027.",
         "Aucune activité de juillet à décembre 2028."),
        ("en", "Operational timeline", "No activity from July to December 2027.",
         "No activity from July to December 2028."),
    ],
)  # fmt: skip
def test_months_without_activity_get_one_line_in_place_of_their_page(
    two_bursts: Any, language: str, heading: str, between: str, after: str, tmp_path: Path
) -> None:
    """A stretch of months without activity got no page and no word: the reader could not tell whether
    months had been skipped."""
    pdf = _pdf(two_bursts, language, zoom="month")
    pages = [_flat(page) for page in page_texts(pdf, tmp_path)]
    timeline = [n for n, page in enumerate(pages) if re.search(rf"{heading} \(\d/\d\)", page)]
    assert len(timeline) == 2  # January–June of each year; no page for the empty halves
    first, second = (pages[n] for n in timeline)
    assert "Salon 2027" in first and between not in first and after not in first
    # the line stands where the empty months' page would have been: before 2028's picture, then after it
    assert "Salon 2028" in second and second.index(between) < second.index("Salon 2028") < second.index(after)
    path = tmp_path / "bursts.pdf"
    path.write_bytes(pdf)
    keep_pages(path, {"operational": timeline[1] + 1}, tmp_path, f"bursts-{language}")


@pytest.mark.parametrize(
    ("language", "first", "last", "said"),
    [
        ("fr", date(2027, 3, 1), date(2027, 5, 31), "Aucune activité de mars à mai 2027."),
        ("en", date(2027, 3, 1), date(2027, 5, 31), "No activity from March to May 2027."),
        ("fr", date(2027, 4, 1), date(2027, 9, 30), "Aucune activité d’avril à septembre 2027."),
        ("fr", date(2027, 11, 1), date(2028, 1, 31), "Aucune activité de novembre 2027 à janvier 2028."),
        ("en", date(2027, 11, 1), date(2028, 1, 31), "No activity from November 2027 to January 2028."),
        ("fr", date(2027, 8, 1), date(2027, 8, 31), "Aucune activité en août 2027."),
        ("en", date(2027, 8, 1), date(2027, 8, 31), "No activity in August 2027."),
    ],
)  # fmt: skip
def test_the_no_activity_line_names_the_months_in_the_documents_language(
    language: str, first: date, last: date, said: str
) -> None:
    from django.utils import translation

    from jalon.reports.collect import no_activity_note

    with translation.override(language):
        assert _flat(no_activity_note(first, last)) == said
