"""The deliverable of a roadmap typed at the edges (``tests/reports/edge_roadmap.py``): emoji and signs
outside DejaVu, 200-character names with no space, 2,000-character texts, right-to-left and CJK names, a
trillion in budget, milestones dated 1900 and 2200 on a 36-month horizon. Each file is opened by a real
reader; the PDF's pages are drawn and kept under ``test-artifacts/reports/``."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.reports.conftest import keep_pages, run
from tests.reports.edge_roadmap import CJK_NAME, PASTED, RTL_NAME, UNBROKEN, edge_roadmap

pytestmark = pytest.mark.django_db
TODAY = date(2027, 6, 1)


def _report(roadmap, language: str = "en", **options):
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions

    return collect_report(roadmap, ReportOptions(language=language, **options), today=TODAY)


def _render(roadmap, fmt: str, language: str = "en", **options) -> bytes:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    options_ = ReportOptions(language=language, **options)
    return render_report(actor=None, roadmap=roadmap, fmt=fmt, options=options_, today=TODAY).content  # type: ignore[arg-type]


@pytest.fixture
def edges():
    return edge_roadmap(activities=12)[0]


def test_a_milestone_typed_in_1900_does_not_squeeze_the_timelines_to_a_line(edges) -> None:
    """Milestones dated 1900 and 2200 widened every timeline to three centuries: the plan became a line, the
    PDF 18 MB and 8 minutes of work; they are named beside the timelines instead."""
    report = _report(edges, sections=("timeline", "milestones"))
    assert report.timeline_start is not None and report.timeline_end is not None
    assert date(2026, 1, 1) <= report.timeline_start <= date(2027, 1, 1)
    assert date(2029, 12, 31) <= report.timeline_end <= date(2030, 12, 31)
    assert 'data-start="2026-' in report.executive_svg or 'data-start="2027-' in report.executive_svg
    assert "Too far from the horizon to be drawn on the timelines" in report.out_of_reach_note
    assert "1 January 1900" in report.out_of_reach_note and "31 December 2200" in report.out_of_reach_note
    assert RTL_NAME not in report.out_of_reach_note  # its milestone (June 2028) is on the timeline
    deck = _render(edges, "pptx", sections=("timeline",))
    import io

    from pptx import Presentation

    notes = [
        s.notes_slide.notes_text_frame.text
        for s in Presentation(io.BytesIO(deck)).slides
        if s.has_notes_slide
    ]
    assert any("1 January 1900" in n and "Too far from the horizon" in n for n in notes)


@pytest.mark.parametrize(("language", "said"), [
    ("fr", "2 activités n’ont pas encore de dates\u00a0: elles ne figurent sur aucun calendrier."),
    ("en", "2 activities have no dates yet: they are on no timeline."),
])  # fmt: skip
def test_the_executive_timeline_draws_no_empty_band_for_undated_ideas(language, said) -> None:
    """The only activity without a thematic group was a backlog idea without dates: the PDF drew an empty
    « Sans groupe thématique » band. A lane is drawn only with its band; the undated ideas are counted."""
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Theme
    from tests.factories import make_roadmap, make_team

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    theme = planning.create(Theme, actor=team.owner, roadmap=roadmap, name="Acquisition")
    planning.create(Theme, actor=team.owner, roadmap=roadmap, name="Fidélisation")  # only an idea, undated
    planning.create(Activity, actor=team.owner, roadmap=roadmap, title="Salon", theme=theme,
                    start=date(2027, 3, 1), end=date(2027, 3, 31), status="planned")  # fmt: skip
    planning.create(Activity, actor=team.owner, roadmap=roadmap, title="Idée sans date")
    fidelity = Theme.objects.get(name="Fidélisation")
    planning.create(Activity, actor=team.owner, roadmap=roadmap, title="Autre idée", theme=fidelity)
    report = _report(roadmap, language=language, sections=("timeline",))
    labels = re.findall(r'class="tl-lane-label"[^>]*>([^<]*)<', report.executive_svg)
    lanes = re.findall(r'<g class="tl-lane"', report.executive_svg)
    assert (
        "Hors groupe thématique" not in report.executive_svg
        and "Outside any thematic group" not in report.executive_svg
    )
    assert "Fidélisation" not in report.executive_svg
    assert "Acquisition" in report.executive_svg
    assert len(lanes) in (0, 1) and labels in ([], ["Acquisition"]), (lanes, labels)
    assert report.undated_note == said
    markdown = _render(roadmap, "md", language=language, sections=("timeline",)).decode()
    assert said in markdown


def test_an_activity_typed_wholly_in_1900_is_named_beside_the_timelines_not_drawn_as_a_band() -> None:
    """The note said the activity was too far from the horizon to be drawn, yet the executive timeline drew
    its thematic group as a band across the whole plan, from its 1900 start: the bands, like the activity
    rows, come from the activities in sight of the reach (one running past its edge is drawn, clipped)."""
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Theme
    from tests.factories import make_roadmap, make_team

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    typo = planning.create(Theme, actor=team.owner, roadmap=roadmap, name="Coquille")
    fair = planning.create(Theme, actor=team.owner, roadmap=roadmap, name="Acquisition")
    planning.create(Activity, actor=team.owner, roadmap=roadmap, title="Salon", theme=fair,
                    start=date(2027, 3, 1), end=date(2027, 3, 31), status="planned")  # fmt: skip
    planning.create(Activity, actor=team.owner, roadmap=roadmap, title="Faute de frappe", theme=typo,
                    start=date(1900, 1, 1), end=date(1900, 12, 31), status="planned")  # fmt: skip
    report = _report(roadmap, sections=("timeline",))
    assert "Faute de frappe (1 January 1900)" in report.out_of_reach_note
    assert [band.name for band in report.bands] == ["Acquisition"]
    assert "Coquille" not in report.executive_svg and "Acquisition" in report.executive_svg


def test_the_pdf_embeds_a_font_for_pasted_emoji_and_signs(edges, tmp_path: Path) -> None:
    """✅ 🚀 ★ are in no DejaVu font: the PDF drew them as boxes. Symbola (``make system-deps``) draws them,
    embedded; the text extracted from the PDF is the one typed."""
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_render(edges, "pdf", sections=("budget",)))
    fonts = run("pdffonts", pdf).stdout.decode()
    assert re.search(r"Symbola\S*\s+CID TrueType\s+Identity-H\s+yes", fonts), fonts
    text = run("pdftotext", pdf, "-").stdout.decode()
    for typed in ("✅", "🚀", "→", "≥", "≤", "€", "★", RTL_NAME, CJK_NAME + " 市场营销"):
        assert typed in text, typed
    keep_pages(pdf, {"budget": 3}, tmp_path, "edges")


def _words_out_of_page(pdf: Path) -> list[str]:
    """The words pdftotext places past the right edge of their page (a table pushed off the paper)."""
    found = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=300
    )
    html = found.stdout.decode()
    out = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.DOTALL):
        width = float(page.group(1))
        for word in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>',
                                page.group(3)):  # fmt: skip
            if float(word.group(2)) > width - 10:
                out.append(word.group(3))
    return out


def test_the_pdf_at_the_edges_keeps_every_word_on_its_page_and_every_amount_in_its_column(
    edges, tmp_path: Path
) -> None:
    """A 200-character name with no space pushed the budget's, the milestones' and the risks' other columns
    off the page (their amounts and statuses were lost), ran the page header over the section's name and
    split the cover over two pages; a 2,000-character objective left its table's headers alone on a page."""
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_render(edges, "pdf"))
    assert _words_out_of_page(pdf) == []
    pages = run("pdftotext", "-layout", pdf, "-").stdout.decode().split("\f")
    assert "Issued on 1 June 2027" in pages[0]  # the cover is one page
    for number, page in enumerate(pages[2:-1], start=3):
        header = re.sub(r"\s+", " ", page.strip().splitlines()[0])
        assert len(header) < 160 and header.startswith(UNBROKEN[:40]) and "…" in header, (number, header)
    for heading, row in (("Coach", "Lancement"), ("Contingency", "Phrase"),
                         ("Message", "Phrase")):  # fmt: skip
        first = pages[_page_of(pages, heading) - 1]
        assert row in first.split(heading, 1)[1], (heading, first)  # no table's headers alone on a page
    text = "\n".join(pages)
    for amount in ("€999,999,999,999", "€5,000", "€1", "missed", "to come", "open"):
        assert amount in text, amount
    assert UNBROKEN[:20] in text and PASTED.split()[0] in text
    keep_pages(pdf, {"cover": 1, "budget": _page_of(pages, "Thematic groups and budgets"),
                     "risks": _page_of(pages, "Contingency")}, tmp_path, "edges")  # fmt: skip


def _page_of(pages: list[str], heading: str) -> int:
    return next(n for n, page in enumerate(pages[2:], start=3) if heading in page)


def test_the_deck_cuts_what_would_run_off_its_slides_and_keeps_it_whole_in_the_notes(edges) -> None:
    """A 200-character roadmap or objective title ran over the slide's subtitle or above its top, a
    2,000-character vision or objective off its foot, a trillion's group name squeezed the budget chart to a
    line: each slide now shows a cut text (…) and its notes the whole one."""
    import io

    from pptx import Presentation

    from jalon.reports.slide_parts import TITLE_CHARS
    from jalon.reports.slides import COVER_TITLE_CHARS, SPECIFIC_CHARS, TEXT_CHARS
    from tests.reports.edge_roadmap import LONG_TEXT

    deck = Presentation(io.BytesIO(_render(edges, "pptx")))
    slides = list(deck.slides)
    notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in slides]
    titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    assert len(titles[0]) == COVER_TITLE_CHARS and titles[0].endswith("…") and UNBROKEN in notes[0]
    assert all(len(title) <= TITLE_CHARS for title in titles[1:]), titles
    texts = [[shape.text_frame.text for shape in s.shapes if shape.has_text_frame] for s in slides]
    vision = next(n for n, title in enumerate(titles) if title == "Vision and horizon")
    assert max(len(text) for text in texts[vision]) < TEXT_CHARS + 80 and LONG_TEXT in notes[vision]
    objective = next(n for n, s in enumerate(slides) if UNBROKEN in notes[n] and n != 0)
    assert titles[objective].endswith("…") and LONG_TEXT in notes[objective]
    assert max(len(line) for text in texts[objective] for line in text.split("\n")) <= SPECIFIC_CHARS
    budget = next(
        s
        for s in slides
        if s.shapes.title is not None and s.shapes.title.text == "Thematic groups and budgets"
    )
    chart = next(shape.chart for shape in budget.shapes if shape.has_chart)
    assert max(len(str(c)) for c in chart.plots[0].categories) <= 40


@pytest.mark.parametrize(
    ("language", "said"), [("fr", "Feuille de route archivée"), ("en", "Archived roadmap")]
)
def test_an_archived_roadmaps_documents_say_it_is_archived(edges, language, said) -> None:
    """An archived roadmap exported like any other: nothing in its PDF, deck or Markdown told the reader it
    was a plan that will not run."""
    import io

    from pptx import Presentation

    from jalon.reports.pdf import report_html
    from jalon.strategy import services as strategy

    strategy.archive_roadmap(actor=None, roadmap=edges)
    edges.refresh_from_db()
    report = _report(edges, language=language, sections=("vision",))
    assert report.archived_on is not None
    assert said in report_html(report)
    assert said in _render(edges, "md", language=language, sections=("vision",)).decode()
    deck = Presentation(io.BytesIO(_render(edges, "pptx", language=language, sections=("vision",))))
    assert said in deck.slides[0].placeholders[1].text_frame.text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_file_of_an_empty_roadmap_opens_in_its_reader_and_says_what_is_missing(
    language, tmp_path: Path
) -> None:
    """A roadmap just created (no objective, no activity, nothing): every format is written and read back."""
    import io

    from icalendar import Calendar
    from openpyxl import load_workbook
    from pptx import Presentation

    from tests.factories import make_roadmap, make_team

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(_render(roadmap, "pdf", language=language))
    text = run("pdftotext", pdf, "-").stdout.decode()
    assert ("Aucun objectif pour l’instant." if language == "fr" else "No objective yet.") in text
    assert ("Aucune activité datée" if language == "fr" else "No dated activity yet.") in text
    assert int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf).stdout.decode()).group(1)) >= 3  # type: ignore[union-attr]
    deck = Presentation(io.BytesIO(_render(roadmap, "pptx", language=language)))
    assert len(deck.slides) >= 3
    book = load_workbook(io.BytesIO(_render(roadmap, "xlsx", language=language)))
    assert all(sheet.max_row >= 1 for sheet in book.worksheets)
    calendar = Calendar.from_ical(_render(roadmap, "ics", language=language))
    assert list(calendar.walk("VEVENT")) == []
    assert _render(roadmap, "md", language=language).decode().startswith("# Plan")


@pytest.mark.parametrize(("zoom", "months"), [("quarter", 12), ("year", 36), ("month", 6)])
def test_a_36_month_timeline_is_printed_over_pages_at_a_readable_size(edges, zoom, months) -> None:
    """A 36-month plan at the quarter zoom was one picture 7,000 pixels wide shrunk to a page: its labels were
    4 pixels high. Each printed picture now spans at most a page's months (12 at the quarter zoom) on the
    paper's width, so its 12-pixel labels print at their size; every activity is on one of them."""
    from jalon.reports.collect import PAGE_WIDTH_PX

    report = _report(edges, sections=("timeline",), zoom=zoom)
    coarse = 36 if zoom == "year" else 12  # the executive timeline's zoom: quarters, or years
    assert len(report.executive_svgs) == (1 if zoom == "year" else 3)  # 2027, 2028, 2029
    pictures = [(svg, coarse) for svg in report.executive_svgs]
    pictures += [(svg, months) for svg in report.timeline_svgs]
    for svg, most in pictures:
        width = float(re.findall(r'<svg [^>]*?width="([\d.]+)"', svg)[0])
        start, end = map(date.fromisoformat, re.findall(r'data-start="([\d-]+)" data-end="([\d-]+)"', svg)[0])
        assert width <= PAGE_WIDTH_PX and (end - start).days < most * 31, (width, start, end)
        assert width >= PAGE_WIDTH_PX * 0.8  # spread over the page, not shrunk
        assert re.search(r'class="tl-(month|quarter)"', svg)  # its periods are named
    drawn = {
        key for svg in report.timeline_svgs for key in re.findall(r'class="tl-bar" data-key="([^"]+)"', svg)
    }
    dated = {a.key for a in report.activities if a.start is not None and a.end is not None}
    assert drawn == dated


@pytest.mark.parametrize(
    ("language", "no_objective"), [("fr", "Aucun objectif pour l’instant."), ("en", "No objective yet.")]
)
def test_the_pdfs_smart_table_and_undated_activities_say_what_is_missing(language, no_objective) -> None:
    """A roadmap's first hour: no objective yet, ideas without dates. The PDF's SMART section was a table of
    headers over an empty page, and an idea's dates read « — → — »."""
    from jalon.planning import services as planning
    from jalon.planning.models import Activity
    from jalon.reports.pdf import report_html
    from tests.factories import make_roadmap, make_team

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2029, 12, 31))
    planning.create(Activity, actor=team.owner, roadmap=roadmap, title="Loyalty programme", status="idea")
    html = " ".join(
        report_html(_report(roadmap, language=language, sections=("smart", "activities"))).split()
    )
    smart = html[html.index('id="section-smart"') : html.index('id="section-activities"')]
    assert "<table" not in smart and no_objective in smart
    row = html[html.index("Loyalty programme") :].split("</tr>")[0]
    assert "→" not in row and "—" in row
