"""Every document made from one roadmap says the same of its timeline: the months without activity in the
PDF's words (one rule, ``collect.quiet_stretches``), and an executive picture of many thematic groups is
cut into parts a reader can read, on paper and on slides. Read with real readers: pypdf (the printed size
of each word), pdftotext, python-pptx, LibreOffice Impress (the deck drawn as a PDF), the Markdown's text."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.reports import timeline_roadmaps
from tests.reports.conftest import deck_as_pdf, keep_pages, page_texts

if TYPE_CHECKING:
    from jalon.reports.options import Format

pytestmark = pytest.mark.django_db
TODAY = date(2027, 6, 1)
SAID = {
    "fr": ("Aucune activité de juillet à décembre 2027.", "Aucune activité de juillet à décembre 2028."),
    "en": ("No activity from July to December 2027.", "No activity from July to December 2028."),
}


def _render(roadmap: Any, fmt: Format, language: str, **options: Any) -> bytes:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    chosen = ReportOptions(language=language, sections=("timeline",), **options)
    return render_report(actor=None, roadmap=roadmap, fmt=fmt, options=chosen, today=TODAY).content


def _flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def _deck(roadmap: Any, language: str, **options: Any) -> Any:
    from pptx import Presentation

    return Presentation(io.BytesIO(_render(roadmap, "pptx", language, **options)))


def _texts(slide: Any) -> list[str]:
    return [_flat(s.text_frame.text) for s in slide.shapes if s.has_text_frame and s.text_frame.text]


def _said(texts: list[str] | str) -> set[str]:
    """The no-activity lines a text holds."""
    joined = " ".join(texts) if isinstance(texts, list) else texts
    return set(re.findall(r"(?:Aucune activité|No activity) [^.]*\.", _flat(joined)))


@pytest.fixture
def two_bursts(team: Any) -> Any:
    return timeline_roadmaps.two_bursts(team)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_deck_says_which_months_have_no_activity(two_bursts: Any, language: str, tmp_path: Path) -> None:
    """The PDF said which months its timeline leaves out; the deck drew the same months as blank columns
    without a word. Every timeline slide now shades them and says so under its rows, in the PDF's words."""
    from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE, MSO_SHAPE_TYPE

    deck = _deck(two_bursts, language, zoom="month")
    heading = "Calendrier" if language == "fr" else "Timeline"
    timeline = [s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text != ""]
    overview = next(s for s in timeline if s.shapes.title.text == heading)
    activities = [s for s in timeline if s.shapes.title.text.startswith(("Activités", "Activities"))]
    assert activities
    for slide in [overview, *activities]:
        assert _said(_texts(slide)) == set(SAID[language]), _texts(slide)
        quiet = [
            shape for shape in slide.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
            and shape.auto_shape_type == MSO_AUTO_SHAPE_TYPE.RECTANGLE
            and str(shape.fill.fore_color.rgb) == "F3F4F6"
        ]  # fmt: skip
        assert len(quiet) == 2  # July–December of each year, shaded behind the grid
        first, second = sorted(quiet, key=lambda shape: shape.left)
        assert abs(first.width - second.width) < first.width * 0.05  # six months each, on one scale
        if slide is not overview:  # each year's fair (February–March) is left of its year's empty half
            fairs = sorted((s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
                            and s.auto_shape_type == MSO_AUTO_SHAPE_TYPE.ROUNDED_RECTANGLE),
                           key=lambda shape: shape.left)  # fmt: skip
            assert len(fairs) == 2
            assert fairs[0].left + fairs[0].width < first.left < first.left + first.width < fairs[1].left
            assert fairs[1].left + fairs[1].width < second.left
    assert _said(overview.notes_slide.notes_text_frame.text) == set(SAID[language])
    # LibreOffice Impress shows the line on the slide
    path = tmp_path / "deck.pptx"
    path.write_bytes(_render(two_bursts, "pptx", language, zoom="month"))
    deck_as_pdf(path)
    pages = page_texts((tmp_path / "deck.pdf").read_bytes(), tmp_path)
    shown = next(n for n, page in enumerate(pages) if heading in page and "Lancement" in page)
    assert _said(pages[shown]) == set(SAID[language])
    keep_pages(tmp_path / "deck.pdf", {"quiet-overview": shown + 1, "quiet-lanes": shown + 2}, tmp_path,
               f"deck-{language}")  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_markdown_report_says_which_months_have_no_activity(two_bursts: Any, language: str) -> None:
    text = _render(two_bursts, "md", language, zoom="month").decode()
    section = text.split("\n## ")[1]
    first, second = SAID[language]
    assert f"\n*{first}*\n" in section and f"\n*{second}*\n" in section
    assert section.index("Lancement") < section.index(first) < section.index(second)


@pytest.mark.parametrize("zoom", ["month", "quarter"])
def test_every_document_names_the_same_empty_months(two_bursts: Any, zoom: str, tmp_path: Path) -> None:
    """One rule decides which months are empty: the PDF, the deck and the Markdown name the same ones (at the
    quarter zoom a page holds a year, and each year has work: none is empty)."""
    pdf = _said(page_texts(_render(two_bursts, "pdf", "en", zoom=zoom), tmp_path))
    deck = _said([t for slide in _deck(two_bursts, "en", zoom=zoom).slides for t in _texts(slide)])
    markdown = _said(_render(two_bursts, "md", "en", zoom=zoom).decode())
    assert pdf == deck == markdown == (set(SAID["en"]) if zoom == "month" else set())


def _printed_sizes(pdf: bytes, prefix: str) -> dict[int, list[float]]:
    """The printed size in points (its font's size through the text and drawing matrices) of every text run
    starting with ``prefix``, by page (0-based), as pypdf reads them."""
    import pypdf

    found: dict[int, list[float]] = {}
    for number, page in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages):

        def visit(text: str, cm: list[float], tm: list[float], _f: Any, size: float, n: int = number) -> None:
            if text.strip().startswith(prefix):
                # the vertical scale of ``tm × cm``
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                found.setdefault(n, []).append(size * (c * c + d * d) ** 0.5)

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize(
    ("language", "late", "part"),
    [("fr", "activités en retard", "Groupes thématiques 31 à 45 sur 45"),
     ("en", "late activities", "Thematic groups 31 to 45 of 45")],
)  # fmt: skip
def test_an_executive_picture_of_45_groups_is_printed_at_a_readable_size(
    team: Any, language: str, late: str, part: str, tmp_path: Path
) -> None:
    """Forty groups printed the executive picture's labels at 3.2 points (under 7 from 18 groups): the picture
    is now cut by groups, each part at its own size (7.5 points), the same time scale, header and milestones
    on each, a caption naming its groups; the first part under the headings, the last over the notes."""
    roadmap = timeline_roadmaps.tall(team, 45)
    pdf = _render(roadmap, "pdf", language)
    pages = [_flat(page) for page in page_texts(pdf, tmp_path)]
    sizes = _printed_sizes(pdf, "Groupe")
    operational = "Calendrier opérationnel" if language == "fr" else "Operational timeline"
    executive = [n for n, page in enumerate(pages) if "Groupe" in page]
    executive = executive[: next(n for n, page in enumerate(pages) if operational in page) - executive[0]]
    # three parts of 15 groups for 2027, then January 2028 (the last activities end there) with the notes
    assert len(executive) == 4
    assert all(min(sizes[n]) >= 7.0 for n in executive), {n: min(sizes[n]) for n in executive}
    for n in range(45):  # every group is named, at that size
        assert any(f"Groupe {n:02d}" in pages[page] for page in executive), n
    caption = r"(?:Groupes thématiques|Thematic groups) \d+ (?:à|to) \d+"
    captions = [re.findall(caption, pages[n]) for n in executive]
    assert all(captions[:3]) and part in pages[executive[2]]
    notes = next(n for n, page in enumerate(pages) if late in page)
    assert notes == executive[-1] and "Groupe 44" in pages[notes]
    # each part has the year's header: the same time scale on every page
    assert all(("T1 2027" if language == "fr" else "Q1 2027") in pages[n] for n in executive[:3])
    path = tmp_path / "tall.pdf"
    path.write_bytes(pdf)
    keep_pages(path, {"executive-1": executive[0] + 1, "executive-2": executive[1] + 1}, tmp_path,
               f"executive-45-{language}")  # fmt: skip


def test_an_operational_page_of_45_lanes_of_one_activity_is_printed_at_a_readable_size(
    team: Any, tmp_path: Path
) -> None:
    """A page held 32 activities whatever their lanes: 32 lanes of one activity each printed their labels at
    4.7 points. A page now ends where its picture would print under 7 points, its lanes as tall as their
    activities overlap; every activity is still on a page."""
    pdf = _render(timeline_roadmaps.tall(team, 45), "pdf", "en")
    pages = [_flat(page) for page in page_texts(pdf, tmp_path)]
    operational = [n for n, page in enumerate(pages) if re.search(r"Operational timeline \(\d+/\d+\)", page)]
    sizes = _printed_sizes(pdf, "Groupe")
    assert len(operational) >= 3
    assert all(min(sizes[n]) >= 7.0 for n in operational), {n: min(sizes[n]) for n in operational}
    for n in range(45):
        assert any(f"Groupe {n:02d}" in pages[page] for page in operational), n


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_deck_draws_45_groups_over_overview_slides_within_the_slide(team: Any, language: str) -> None:
    """The overview slide drew a band per group 0.42 inch apart from 3 inches down: from the tenth, bands ran
    off the 7.5-inch slide. The bands are now shared over slides of at most eight, each with the header and
    the milestones, the late count on the last."""
    from jalon.reports.slide_parts import HEIGHT
    from jalon.reports.slides_timeline import BANDS_PER_SLIDE

    deck = _deck(timeline_roadmaps.tall(team, 45), language)
    heading = "Calendrier" if language == "fr" else "Timeline"
    overview = [s for s in deck.slides if s.shapes.title is not None
                and re.fullmatch(rf"{heading} \(\d/\d\)", s.shapes.title.text)]  # fmt: skip
    assert len(overview) == 6 and overview[0].shapes.title.text == f"{heading} (1/6)"
    named = [text for slide in overview for text in _texts(slide) if text.startswith("Groupe")]
    assert sorted(named) == [f"Groupe {n:02d}" for n in range(45)]
    for slide in overview:
        assert all(shape.top + shape.height <= HEIGHT for shape in slide.shapes), slide.shapes.title.text
        assert 7 <= sum(1 for text in _texts(slide) if text.startswith("Groupe")) <= BANDS_PER_SLIDE
        assert any(text.startswith(("T1 2027", "Q1 2027")) for text in _texts(slide))  # its header
    late = "activités en retard" if language == "fr" else "late activities"
    assert [any(late in t for t in _texts(s)) for s in overview] == [False] * 5 + [True]


@pytest.mark.parametrize(("lanes", "spread"), [(20, [10, 10]), (45, [15, 15, 15, 3])])
def test_the_operational_pages_share_their_lanes_evenly_at_a_readable_size(
    team: Any, tmp_path: Path, lanes: int, spread: list[int]
) -> None:
    """The pages were filled one after the other: 20 lanes of one activity printed 19 on a page and one
    alone on the next (45: 19, 19 and 7, then 2028's 3). The same number of pages now shares them evenly,
    none printed under 7 points."""
    pdf = _render(timeline_roadmaps.tall(team, lanes), "pdf", "en")
    pages = [_flat(page) for page in page_texts(pdf, tmp_path)]
    operational = [n for n, page in enumerate(pages) if re.search(r"Operational timeline \(\d+/\d+\)", page)]
    sizes = _printed_sizes(pdf, "Groupe")
    assert [len(re.findall(r"Groupe \d\d", pages[n])) for n in operational] == spread
    assert all(min(sizes[n]) >= 7.0 for n in operational), {n: min(sizes[n]) for n in operational}


def test_packed_activities_are_shared_evenly_over_the_pages_a_stretch_needs() -> None:
    """100 activities one after the other in one lane (one row tall) printed 32, 32, 32 and 4."""
    from datetime import timedelta

    from jalon.reports import paper, sources

    start = date(2027, 1, 1)
    rows = [
        sources.PlanRow(f"a{n}", f"A {n}", "planned", start + timedelta(days=3 * n),
                        start + timedelta(days=3 * n + 1), 1, "t", "T", "#000", "", "", (), None, None)
        for n in range(100)
    ]  # fmt: skip
    layout = sources.NORMAL._replace(side_width=0)
    pages = paper.operational_pages(rows, "theme", layout, milestones=True)
    assert [len(page) for page in pages] == [25, 25, 25, 25]
    assert [row for page in pages for row in page] == rows
