"""The deck's timeline, drawn with native shapes on the PDF's time frame, zoom and lanes.

An overview slide (a rounded rectangle per thematic group, a diamond per milestone), then the activities
lane by lane (thematic group, objective or owner, as chosen), a rounded rectangle each. The header follows
the zoom as the page's picture does: quarters over months (month and quarter zooms, months named in full at
the month zoom, with a faint line per week), fiscal years over quarters (year zoom).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from jalon.reports import sources
from jalon.reports.model import Report, TimelineBar, TimelineLane
from jalon.reports.slide_parts import (
    ACCENT,
    GRID,
    INK,
    MARGIN,
    MUTED,
    WHITE,
    WIDTH,
    day,
    rgb,
    short,
    text_box,
)
from jalon.reports.slide_parts import titled_slide as slide_titled

ROWS_PER_SLIDE = 18
LABEL_WIDTH = Inches(2.4)
FAINT = RGBColor(0xEE, 0xF0, 0xF3)
MAJOR = RGBColor(0x9C, 0xA3, 0xAF)

LANE_TITLES = {
    "theme": lambda: _("Activities by thematic group ({page}/{pages})"),
    "objective": lambda: _("Activities by objective ({page}/{pages})"),
    "owner": lambda: _("Activities by owner ({page}/{pages})"),
}


class Scale:
    """Where a day falls across the slide's timeline area, and the frame as the pages' timeline has it."""

    def __init__(self, frame: sources.Frame, left: int, width: int) -> None:
        self.frame, self.left, self.width = frame, left, width
        self.first = frame.start
        self.days = max((frame.end - frame.start).days + 1, 1)

    def x(self, when: date) -> int:
        offset = min(max((when - self.first).days, 0), self.days)
        return int(self.left + self.width * offset / self.days)

    def holds(self, when: date) -> bool:
        return self.first <= when <= self.frame.end


def _frame(report: Report) -> sources.Frame:
    """The operational timeline's frame (the PDF's), widened to the thematic groups and milestones."""
    assert report.timeline_start is not None and report.timeline_end is not None
    starts = [report.timeline_start, *(b.start for b in report.bands), *(m.date for m in report.milestones)]
    ends = [report.timeline_end, *(b.end for b in report.bands), *(m.date for m in report.milestones)]
    return sources.Frame(min(starts), max(ends), report.options.zoom, report.fiscal_year_start_month)


def _line(slide: Slide, x: int, top: int, bottom: int, colour: RGBColor, width: int) -> None:
    line = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, top, Emu(width), bottom - top)
    line.fill.solid()
    line.fill.fore_color.rgb = colour
    line.line.fill.background()


def _label(slide: Slide, text: str, *, left: int, top: int, width: int, bold: bool) -> None:
    box = slide.shapes.add_textbox(left, top, width, Inches(0.28))
    frame = box.text_frame
    frame.margin_left = frame.margin_right = Emu(0)
    frame.word_wrap = False
    frame.text = text
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.CENTER
    paragraph.font.size, paragraph.font.bold = Pt(10 if bold else 9), bold
    paragraph.font.color.rgb = INK if bold else MUTED


def grid(slide: Slide, scale: Scale, top: int, bottom: int) -> None:
    """The two header rows of the zoom above ``top`` and their lines down to ``bottom``."""
    frame = scale.frame
    major, minor, faint = sources.SCALES[frame.zoom]
    if faint:
        for first, _after in sources.periods(faint, frame):
            if frame.start < first <= frame.end:
                _line(slide, scale.x(first), top, bottom, FAINT, 4000)
    for row, (unit, long) in enumerate((major, minor)):
        label_top = top - Inches(0.62 - 0.3 * row)
        for first, after in sources.periods(unit, frame):
            x1, x2 = scale.x(max(first, frame.start)), scale.x(after)
            if first > frame.start:
                _line(slide, x1, label_top if row == 0 else top, bottom, MAJOR if row == 0 else GRID, 6350)
            text = sources.period_label(unit, first, fiscal_year_start_month=frame.fiscal_year_start_month,
                                        long=long)  # fmt: skip
            if len(text) * Pt(9) * 0.6 <= x2 - x1:  # only labels that fit their period, as on the page
                _label(slide, text, left=x1, top=label_top, width=x2 - x1, bold=row == 0)


def bar(slide: Slide, scale: Scale, *, start: date, end: date, top: int, height: int, colour: str,
        label: str) -> None:  # fmt: skip
    left = scale.x(start)
    width = max(scale.x(end + timedelta(days=1)) - left, Inches(0.08))
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colour)
    shape.line.fill.background()
    shape.text_frame.text = label
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.font.size = Pt(9)
    paragraph.font.color.rgb = WHITE if sources.ink_on(colour) != "#111827" else INK
    shape.text_frame.word_wrap = False


def milestones(slide: Slide, report: Report, scale: Scale, y: int) -> None:
    """A diamond per milestone on row ``y``, its title above it on one of two staggered lines."""
    size = Inches(0.22)
    shown = [m for m in report.milestones if scale.holds(m.date)]
    for index, milestone in enumerate(shown):
        x = scale.x(milestone.date) - size // 2
        diamond = slide.shapes.add_shape(MSO_SHAPE.DIAMOND, x, y, size, size)
        diamond.fill.solid()
        diamond.fill.fore_color.rgb = RGBColor(0xB9, 0x1C, 0x1C) if milestone.missed else ACCENT
        diamond.line.fill.background()
        near_end = x > WIDTH * 0.8  # labelled leftwards, ending at its diamond, so it stays on the slide
        left = x + size - Inches(2.0) if near_end else x
        label = slide.shapes.add_textbox(
            left, y - Inches(0.3 if index % 2 else 0.55), Inches(2.0), Inches(0.25)
        )
        label.text_frame.text = short(milestone.title, 34)
        paragraph = label.text_frame.paragraphs[0]
        paragraph.font.size, paragraph.font.color.rgb = Pt(8), MUTED
        if near_end:
            paragraph.alignment = PP_ALIGN.RIGHT


def timeline_slides(deck: Presentation, report: Report) -> None:
    frame = _frame(report)
    scale = Scale(frame, MARGIN + LABEL_WIDTH, WIDTH - 2 * MARGIN - LABEL_WIDTH)
    notes = "\n".join(f"{m.title}: {day(m.date)}" for m in report.milestones)
    slide = slide_titled(deck, _("Timeline"), notes=notes)
    top, row = Inches(3.0), Inches(0.42)
    grid(slide, scale, top, top + row * max(len(report.bands), 1))
    milestones(slide, report, scale, Inches(1.75))
    for index, band in enumerate(report.bands):
        y = top + row * index + Inches(0.06)
        text_box(slide, [(band.name, 11, True)], left=MARGIN, top=y - Inches(0.05), width=LABEL_WIDTH,
                 height=row)  # fmt: skip
        bar(slide, scale, start=band.start, end=band.end, top=y, height=row - Inches(0.12),
            colour=band.colour, label=band.note)  # fmt: skip
    pages = lane_pages(report.lanes)
    for number, page in enumerate(pages, start=1):
        _activities(deck, report, scale, page, LANE_TITLES[report.options.lanes]().format(
            page=number, pages=len(pages)))  # fmt: skip


Row = tuple[TimelineLane, TimelineBar | None, bool]  # a lane's heading (no bar; continued?) or an activity


def lane_pages(lanes: Sequence[TimelineLane], per_page: int = ROWS_PER_SLIDE) -> list[list[Row]]:
    """Rows of at most ``per_page``: each lane's heading, then its activities; a lane going on to the next
    slide has its heading again there, marked as continued."""
    pages: list[list[Row]] = []
    page: list[Row] = []
    for lane in lanes:
        if len(page) >= per_page - 1:  # a heading alone at the foot of a slide goes to the next one
            pages.append(page)
            page = []
        page.append((lane, None, False))
        for item in lane.bars:
            if len(page) >= per_page:
                pages.append(page)
                page = [(lane, None, True)]
            page.append((lane, item, False))
    if page:
        pages.append(page)
    return pages


def _activities(deck: Presentation, report: Report, scale: Scale, page: list[Row], title: str) -> None:
    notes = "\n".join(
        f"{item.title} — {item.owner or '—'} — {item.status_label}: {day(item.start)} → {day(item.end)}"
        for _lane, item, _continued in page
        if item is not None
    )
    slide = slide_titled(deck, title, notes=notes)
    top, row = Inches(2.65), Inches(0.25)
    grid(slide, scale, top, top + row * len(page))
    milestones(slide, report, scale, Inches(1.7))
    for index, (lane, item, continued) in enumerate(page):
        y = top + row * index
        if item is None:
            if lane.colour:
                swatch = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, y + Inches(0.06), Inches(0.12),
                                                Inches(0.14))  # fmt: skip
                swatch.fill.solid()
                swatch.fill.fore_color.rgb = rgb(lane.colour)
                swatch.line.fill.background()
            heading = lane.label + (" " + _("(continued)") if continued else "")
            text_box(slide, [(short(heading, 40), 9, True)], left=MARGIN + Inches(0.16), top=y - Inches(0.06),
                     width=LABEL_WIDTH - Inches(0.16), height=row)  # fmt: skip
            _line(slide, scale.left, y + row - Emu(6350), y + row, GRID, int(scale.width))
            continue
        text_box(slide, [(short(item.title, 28), 8, False)], left=MARGIN + Inches(0.16), top=y - Inches(0.06),
                 width=LABEL_WIDTH - Inches(0.16), height=row)  # fmt: skip
        bar(slide, scale, start=item.start, end=item.end, top=y + Inches(0.03), height=row - Inches(0.06),
            colour=item.colour, label="")  # fmt: skip
