"""The timeline slides' shapes are written as XML in one pass (``slide_shapes.Drawing``): the shapes
python-pptx's own calls would add, where the timeline puts them, in a file that python-pptx and LibreOffice
open."""

from __future__ import annotations

import io
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.reports.conftest import TODAY, deck_as_pdf, run

TEXTS = (
    "Lancement",
    "Soldes & <promos> « été »",
    "deux\nparagraphes",
    "saut\vde ligne",
    "bip\x07\ttab\r",
    "",
)


def _blank_slide() -> Any:
    from pptx import Presentation

    deck = Presentation()
    return deck.slides.add_slide(deck.slide_layouts[6])


def _by_python_pptx(slide: Any, text: str) -> None:
    """The shapes of a timeline slide as the deck added them with python-pptx before the drawing."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Pt

    colour = RGBColor(0x12, 0x34, 0x56)
    line = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 10, 20, 6350, 40)
    line.fill.solid()
    line.fill.fore_color.rgb = colour
    line.line.fill.background()
    bar = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, 50, 60, 70, 80)
    bar.fill.solid()
    bar.fill.fore_color.rgb = colour
    bar.line.fill.background()
    bar.text_frame.text = text
    bar.text_frame.paragraphs[0].font.size = Pt(9)
    bar.text_frame.paragraphs[0].font.color.rgb = colour
    bar.text_frame.word_wrap = False
    diamond = slide.shapes.add_shape(MSO_SHAPE.DIAMOND, 1, 2, 3, 4)
    diamond.fill.solid()
    diamond.fill.fore_color.rgb = colour
    diamond.line.fill.background()
    label = slide.shapes.add_textbox(5, 6, 7, 8).text_frame
    label.margin_left = label.margin_right = Emu(0)
    label.word_wrap = False
    label.text = text
    label.paragraphs[0].alignment = PP_ALIGN.CENTER
    label.paragraphs[0].font.size, label.paragraphs[0].font.bold = Pt(10), True
    label.paragraphs[0].font.color.rgb = colour
    milestone = slide.shapes.add_textbox(9, 10, 11, 12).text_frame
    milestone.text = text
    milestone.paragraphs[0].font.size, milestone.paragraphs[0].font.color.rgb = Pt(8), colour
    milestone.paragraphs[0].alignment = PP_ALIGN.RIGHT
    box = slide.shapes.add_textbox(13, 14, 15, 16).text_frame
    box.word_wrap = True
    for index, (words, size, bold) in enumerate(((text, 11, True), ("après", 8, False))):
        paragraph = box.paragraphs[0] if index == 0 else box.add_paragraph()
        paragraph.text = words
        paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(size), bold, colour
        paragraph.space_after = Pt(6)


def _by_drawing(slide: Any, text: str) -> None:
    from pptx.dml.color import RGBColor

    from jalon.reports import slide_shapes as xml

    colour = RGBColor(0x12, 0x34, 0x56)
    with xml.drawing(slide) as drawn:
        drawn.shape(xml.Kind.RECTANGLE, 10, 20, 6350, 40, colour)
        drawn.shape(xml.Kind.ROUNDED_RECTANGLE, 50, 60, 70, 80, colour,
                    text=(text, xml.properties(xml.Font(9, colour))), wrap=False)  # fmt: skip
        drawn.shape(xml.Kind.DIAMOND, 1, 2, 3, 4, colour)
        centred = xml.properties(xml.Font(10, colour, True), xml.Align.CENTER)
        drawn.text_box(5, 6, 7, 8, xml.frame_paragraphs(text, centred), no_side_margins=True)
        right = xml.properties(xml.Font(8, colour), xml.Align.RIGHT)
        drawn.text_box(9, 10, 11, 12, xml.frame_paragraphs(text, right))
        lines = [(text, 11, True), ("après", 8, False)]
        drawn.text_box(13, 14, 15, 16, xml.box_paragraphs(lines, colour), wrap=True)


@pytest.mark.parametrize("text", TEXTS)
def test_a_drawing_writes_the_xml_python_pptx_writes_for_the_same_shapes(text: str) -> None:
    expected, drawn = _blank_slide(), _blank_slide()
    _by_python_pptx(expected, text)
    _by_drawing(drawn, text)
    assert drawn.shapes.element.xml == expected.shapes.element.xml


def test_shapes_drawn_after_a_drawing_take_the_next_ids() -> None:
    from pptx.dml.color import RGBColor

    from jalon.reports.slide_shapes import Kind, drawing

    slide = _blank_slide()
    with drawing(slide) as drawn:
        for x in range(3):
            drawn.shape(Kind.RECTANGLE, x, 0, 1, 1, RGBColor(0, 0, 0))
    added = slide.shapes.add_textbox(0, 0, 1, 1)
    assert [shape.shape_id for shape in slide.shapes] == [2, 3, 4, 5]
    assert [shape.name for shape in slide.shapes] == [
        "Rectangle 1",
        "Rectangle 2",
        "Rectangle 3",
        "TextBox 4",
    ]
    assert added.shape_id == 5


def _report_and_deck(roadmap: Any, **choices: Any) -> tuple[Any, Any, bytes]:
    """The timeline section's report, its deck as python-pptx reads it back, and the file."""
    from pptx import Presentation

    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import write

    report = collect_report(roadmap, ReportOptions(sections=("timeline",), **choices), today=TODAY)
    made = write(report, "pptx")
    return report, Presentation(io.BytesIO(made)), made


def test_an_activity_slide_holds_each_row_s_label_and_bar_at_its_dates(demo) -> None:
    from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE, MSO_SHAPE_TYPE
    from pptx.util import Inches

    from jalon.reports.slide_parts import MARGIN, rgb, short
    from jalon.reports.slides_timeline import ROW, ROWS_TOP, lane_pages, timeline_scale

    report, deck, _file = _report_and_deck(demo.roadmap, lanes="theme")
    scale, page = timeline_scale(report), lane_pages(report.lanes)[0]
    slide = next(
        s for s in deck.slides if s.shapes.title.text.startswith("Activités par groupe thématique (1/")
    )
    shapes = list(slide.shapes)
    rows = [s for s in shapes if s.top >= ROWS_TOP - Inches(0.06) and s.width >= 10_000]  # not the grid
    headings = [lane for lane, item, _continued in page if item is None]
    assert len(rows) == sum(3 if lane.colour else 2 for lane in headings) + 2 * (len(page) - len(headings))
    bars = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
            and s.auto_shape_type == MSO_AUTO_SHAPE_TYPE.ROUNDED_RECTANGLE]  # fmt: skip
    assert len(bars) == len(page) - len(headings)
    for index, (_lane, item, _continued) in enumerate(page):
        if item is None:
            continue
        y = ROWS_TOP + ROW * index
        label = next(s for s in shapes if s.has_text_frame and s.text_frame.text == short(item.title, 28))
        assert (label.left, label.top) == (MARGIN + Inches(0.16), y - Inches(0.06))
        drawn = next(s for s in bars if s.top == y + Inches(0.03))
        assert drawn.left == scale.x(item.start)
        assert drawn.width == max(scale.x(item.end + timedelta(days=1)) - drawn.left, Inches(0.08))
        assert drawn.fill.fore_color.rgb == rgb(item.colour)
    ids = [shape.shape_id for shape in shapes]
    assert len(set(ids)) == len(ids)
    assert all(shape.name.endswith(f" {shape.shape_id - 1}") for shape in shapes)


def test_the_overview_draws_each_thematic_group_as_a_bar_with_its_note(demo) -> None:
    from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE, MSO_SHAPE_TYPE

    from jalon.reports.slide_parts import rgb
    from jalon.reports.slides_timeline import timeline_scale

    report, deck, _file = _report_and_deck(demo.roadmap)
    scale = timeline_scale(report)
    overview = next(s for s in deck.slides if s.shapes.title.text == "Calendrier")
    bars = [s for s in overview.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
            and s.auto_shape_type == MSO_AUTO_SHAPE_TYPE.ROUNDED_RECTANGLE]  # fmt: skip
    assert len(bars) == len(report.bands) > 1
    for band, drawn in zip(report.bands, sorted(bars, key=lambda s: s.top), strict=True):
        assert drawn.text_frame.text == band.note
        assert drawn.left == scale.x(band.start)
        assert drawn.fill.fore_color.rgb == rgb(band.colour)
        assert drawn.text_frame.paragraphs[0].font.size.pt == 9


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_drawn_timelines_with_markup_and_new_lines_in_titles(demo, tmp_path: Path) -> None:
    activity = demo.roadmap.activities.filter(start__isnull=False, owner__isnull=False).order_by("start")[0]
    activity.title = "Soldes & <promos>\n« hiver »"
    activity.save()
    _report, deck, made = _report_and_deck(demo.roadmap, lanes="owner", zoom="month")
    texts = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    assert "Soldes & <promos>\v« hiver »" in texts  # a line break, as python-pptx writes a new line
    path = tmp_path / "timeline.pptx"
    path.write_bytes(made)
    deck_as_pdf(path)
    text = run("pdftotext", tmp_path / "timeline.pdf", "-").stdout.decode()
    assert "Soldes & <promos>" in text and "Activités par responsable" in text


def test_a_bar_the_frame_cuts_has_the_page_s_arrow_head_inside_each_cut_end() -> None:
    from datetime import date

    from pptx.enum.shapes import MSO_SHAPE_TYPE
    from pptx.util import Inches

    from jalon.reports import sources
    from jalon.reports.slide_parts import WHITE
    from jalon.reports.slide_shapes import drawing
    from jalon.reports.slides_timeline import Scale, bar

    scale = Scale(sources.Frame(date(2026, 8, 1), date(2027, 1, 31)), Inches(3), Inches(9))
    slide = _blank_slide()
    rows = {"both": date(2025, 3, 3), "after": date(2026, 11, 2), "inside": date(2026, 9, 7)}
    ends = {"both": date(2028, 6, 30), "after": date(2027, 5, 28), "inside": date(2026, 10, 30)}
    with drawing(slide) as drawn:
        for index, key in enumerate(rows):
            bar(drawn, scale, start=rows[key], end=ends[key], top=Inches(1 + index), height=Inches(0.3),
                colour="#4c6ef5", label=key)  # fmt: skip
    shapes = list(slide.shapes)
    heads = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.FREEFORM]
    bars = {s.text_frame.text: s for s in shapes if s.has_text_frame}
    on = {key: [h for h in heads if h.top >= drawn.top and h.top + h.height <= drawn.top + drawn.height]
          for key, drawn in bars.items()}  # fmt: skip
    assert on["inside"] == []
    unit = Inches(0.3) / 18  # a page pixel, on a bar as tall as the page's 18 px
    both, after = bars["both"], bars["after"]
    expected = {"both": [both.left + 2 * unit, both.left + both.width - 2 * unit],
                "after": [after.left + after.width - 2 * unit]}  # fmt: skip
    for key, tips in expected.items():
        assert sorted(_tip(head) for head in on[key]) == pytest.approx(tips, abs=2), key
    assert all(h.width == pytest.approx(6 * unit, abs=2) and h.fill.fore_color.rgb == WHITE for h in heads)
    insets = {key: drawn._element.xpath(".//a:bodyPr")[0].get("lIns") for key, drawn in bars.items()}
    assert insets["after"] is None
    assert int(insets["both"]) >= Inches(0.1) + 10 * unit - 1  # its text starts after its head


def _tip(head: Any) -> float:
    """Where a freeform arrow head's tip (its second point, middle of the bar) lies across the slide."""
    points = head._element.xpath(".//a:pt")
    assert len(points) == 3
    return float(head.left + int(points[1].get("x")))
