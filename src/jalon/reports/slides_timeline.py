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
from pptx.util import Emu, Inches, Pt

from jalon.formatting import labelled
from jalon.planning.timeline.marks import CLIP_MARK, clip_heads
from jalon.planning.timeline.model import NORMAL
from jalon.reports import slides_milestones as milestones
from jalon.reports import sources
from jalon.reports.model import Report, TimelineBar, TimelineLane
from jalon.reports.slide_parts import (
    BAD,
    GRID,
    INK,
    MARGIN,
    MUTED,
    WHITE,
    WIDTH,
    day,
    rgb,
    short,
)
from jalon.reports.slide_parts import titled_slide as slide_titled
from jalon.reports.slide_shapes import (
    Align,
    Drawing,
    Font,
    Kind,
    box_paragraphs,
    drawing,
    frame_paragraphs,
    properties,
)

ROWS_PER_SLIDE = 18
BANDS_PER_SLIDE = 8
"""Thematic groups' bands on an overview slide: 0.42 inch each under the header from 3 inches, with the late
count and the months without activity under them, on a 7.5-inch slide (the tenth ran off it)."""
ROWS_TOP, ROW = Inches(2.65), Inches(0.25)  # of the activities' slides
LABEL_WIDTH = Inches(2.4)
FAINT = RGBColor(0xEE, 0xF0, 0xF3)
MAJOR = RGBColor(0x9C, 0xA3, 0xAF)
MISSED = BAD
PAGE_BAR = NORMAL.bar  # the page's bar height in pixels: the deck's arrow heads keep their proportions
TEXT_INSET = Inches(0.1)  # a shape's text from its left edge, PowerPoint's default
QUIET = RGBColor(0xF3, 0xF4, 0xF6)  # months without activity, shaded behind the grid

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


def timeline_scale(report: Report) -> Scale:
    """The scale of every timeline slide: the operational timeline's frame (the PDF's), right of the lanes'
    labels."""
    assert report.timeline_start is not None and report.timeline_end is not None
    # The frame holds every activity and milestone within the report's reach of the horizon; one farther (a
    # milestone typed in 1900) is named in the notes rather than squeezing the plan to a line.
    frame = sources.Frame(
        report.timeline_start, report.timeline_end, report.options.zoom, report.fiscal_year_start_month
    )
    return Scale(frame, MARGIN + LABEL_WIDTH, WIDTH - 2 * MARGIN - LABEL_WIDTH)


def _line(drawn: Drawing, x: int, top: int, bottom: int, colour: RGBColor, width: int) -> None:
    drawn.shape(Kind.RECTANGLE, x, top, width, bottom - top, colour)


def _label(drawn: Drawing, text: str, *, left: int, top: int, width: int, bold: bool) -> None:
    font = Font(10 if bold else 9, INK if bold else MUTED, bold)
    drawn.text_box(left, top, width, Inches(0.28), frame_paragraphs(text, properties(font, Align.CENTER)),
                   no_side_margins=True)  # fmt: skip


def grid(drawn: Drawing, scale: Scale, top: int, bottom: int) -> None:
    """The two header rows of the zoom above ``top`` and their lines down to ``bottom``."""
    frame = scale.frame
    major, minor, faint = sources.SCALES[frame.zoom]
    if faint:
        for first, _after in sources.periods(faint, frame):
            if frame.start < first <= frame.end:
                _line(drawn, scale.x(first), top, bottom, FAINT, 4000)
    for row, (unit, long) in enumerate((major, minor)):
        label_top = top - Inches(0.62 - 0.3 * row)
        for first, after in sources.periods(unit, frame):
            x1, x2 = scale.x(max(first, frame.start)), scale.x(after)
            if first > frame.start:
                _line(drawn, x1, label_top if row == 0 else top, bottom, MAJOR if row == 0 else GRID, 6350)
            text = sources.period_label(unit, first, fiscal_year_start_month=frame.fiscal_year_start_month,
                                        long=long)  # fmt: skip
            if len(text) * Pt(9) * 0.6 <= x2 - x1:  # only labels that fit their period, as on the page
                _label(drawn, text, left=x1, top=label_top, width=x2 - x1, bold=row == 0)


def bar(drawn: Drawing, scale: Scale, *, start: date, end: date, top: int, height: int, colour: str,
        label: str, late: bool = False) -> None:  # fmt: skip
    """An activity's or a thematic group's bar; one the frame cuts has an arrow head inside each cut end,
    the page's (``clip_heads``) scaled to the bar's height."""
    left, unit = scale.x(start), height / PAGE_BAR
    width = max(scale.x(end + timedelta(days=1)) - left, Inches(0.08))
    ink = WHITE if sources.ink_on(colour) != "#111827" else INK
    cut = {"began": start < scale.first, "goes_on": end > scale.frame.end}
    drawn.shape(Kind.ROUNDED_RECTANGLE, left, top, width, height, rgb(colour),
                text=(label, properties(Font(9, ink))), wrap=False, outline=MISSED if late else None,
                left_inset=TEXT_INSET + int(CLIP_MARK * unit) if cut["began"] else None)  # fmt: skip
    for head in clip_heads(left, top, width, height, unit=unit, **cut):
        drawn.polygon(head, ink)
    if late:  # framed in red with a red tip at its end, as on the page: past its end, not done
        tip = Inches(0.1)
        drawn.shape(Kind.OVAL, left + width - tip // 2, top + (height - tip) // 2, tip, tip, MISSED)


def quiet(drawn: Drawing, report: Report, scale: Scale, top: int, bottom: int) -> None:
    """The stretches of months without activity (``report.quiet``, the PDF's rule) shaded across the rows
    from ``top`` to ``bottom``, and said under them in the PDF's words, in one line."""
    if not report.quiet:
        return
    for stretch in report.quiet:
        left = scale.x(stretch.first)
        drawn.shape(Kind.RECTANGLE, left, top, scale.x(stretch.last + timedelta(days=1)) - left, bottom - top,
                    QUIET, flat=True)  # fmt: skip
    said = properties(Font(11, MUTED, italic=True), Align.NONE)
    drawn.text_box(MARGIN, bottom + Inches(0.02), WIDTH - 2 * MARGIN, Inches(0.3),
                   frame_paragraphs(" ".join(stretch.note for stretch in report.quiet), said))  # fmt: skip


def band_pages(count: int, per_page: int = BANDS_PER_SLIDE) -> list[range]:
    """The thematic groups' bands cut into slides of at most ``per_page``, as even as can be (45 groups:
    six slides of 8 or 7)."""
    pages = max(-(-count // per_page), 1)
    sizes = [count // pages + (1 if n < count % pages else 0) for n in range(pages)]
    starts = [sum(sizes[:n]) for n in range(pages)]
    return [range(start, start + size) for start, size in zip(starts, sizes, strict=True)]


def timeline_slides(deck: Presentation, report: Report) -> None:
    scale = timeline_scale(report)
    said = [
        *(labelled(m.title, day(m.date)) for m in report.milestones),
        *(stretch.note for stretch in report.quiet),
        report.late_note,
        report.undated_note,
        report.out_of_reach_note,
    ]
    notes = "\n".join(line for line in said if line)
    marks = milestones.marks([m for m in report.milestones if scale.holds(m.date)], scale.x)
    top, row = Inches(3.0), Inches(0.42)
    pages = band_pages(len(report.bands))
    for number, shown in enumerate(pages, start=1):
        title = _("Timeline") if len(pages) == 1 else _("Timeline ({page}/{pages})").format(
            page=number, pages=len(pages))  # fmt: skip
        bottom = top + row * max(len(shown), 1)
        with drawing(slide_titled(deck, title, notes=notes)) as drawn:
            quiet(drawn, report, scale, top, bottom)
            grid(drawn, scale, top, bottom)
            milestones.draw(drawn, marks, Inches(1.75))
            for index, band in enumerate(report.bands[n] for n in shown):
                y = top + row * index + Inches(0.06)
                drawn.text_box(MARGIN, y - Inches(0.05), LABEL_WIDTH, row,
                               box_paragraphs([(band.name, 11, True)], INK), wrap=True)  # fmt: skip
                bar(drawn, scale, start=band.start, end=band.end, top=y, height=row - Inches(0.12),
                    colour=band.colour, label=band.note)  # fmt: skip
            if report.late_note and number == len(pages):  # the executive view's count, under the bands
                late = properties(Font(12, MISSED, bold=True), Align.NONE)
                y = bottom + (Inches(0.4) if report.quiet else Inches(0.15))
                drawn.text_box(MARGIN, y, WIDTH - 2 * MARGIN, Inches(0.3),
                               frame_paragraphs(report.late_note, late))  # fmt: skip
    lanes = lane_pages(report.lanes)
    for number, page in enumerate(lanes, start=1):
        _activities(deck, report, scale, marks, page, LANE_TITLES[report.options.lanes]().format(
            page=number, pages=len(lanes)))  # fmt: skip


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


def _activities(deck: Presentation, report: Report, scale: Scale, marks: Sequence[milestones.Mark],
                page: list[Row], title: str) -> None:  # fmt: skip
    said = [
        labelled(
            f"{item.title} — {item.owner or '—'} — {item.status_label}"
            + (f" ({_('late')})" if item.late else ""),
            f"{day(item.start)} → {day(item.end)}",
        )
        for _lane, item, _continued in page
        if item is not None
    ]
    untold = milestones.untold(marks)  # the overview's notes name every milestone; these, the ones cut here
    notes = "\n".join([*said, *([_("Milestones"), *untold] if untold else [])])
    top, row = ROWS_TOP, ROW
    with drawing(slide_titled(deck, title, notes=notes)) as drawn:
        quiet(drawn, report, scale, top, top + row * len(page))
        grid(drawn, scale, top, top + row * len(page))
        milestones.draw(drawn, marks, Inches(1.7))
        for index, (lane, item, continued) in enumerate(page):
            y = top + row * index
            if item is None:
                if lane.colour:
                    drawn.shape(Kind.RECTANGLE, MARGIN, y + Inches(0.06), Inches(0.12), Inches(0.14),
                                rgb(lane.colour))  # fmt: skip
                heading = lane.label + (" " + _("(continued)") if continued else "")
                _row_label(drawn, y, row, (short(heading, 40), 9, True))
                _line(drawn, scale.left, y + row - Emu(6350), y + row, GRID, int(scale.width))
                continue
            _row_label(drawn, y, row, (short(item.title, 28), 8, False))
            bar(drawn, scale, start=item.start, end=item.end, top=y + Inches(0.03), height=row - Inches(0.06),
                colour=item.colour, label="", late=item.late)  # fmt: skip


def _row_label(drawn: Drawing, y: int, row: int, line: tuple[str, int, bool]) -> None:
    """A lane's heading or an activity's title, left of the timeline, on the row at ``y``."""
    drawn.text_box(MARGIN + Inches(0.16), y - Inches(0.06), LABEL_WIDTH - Inches(0.16), row,
                   box_paragraphs([line], INK), wrap=True)  # fmt: skip
