"""The marketing-pressure check in the deck, after the animation calendar, as the PDF prints it: the
segments over the ceiling (one numbered line per persona's stages over it alike), then the worst weeks —
at most ``collect_framing.PRESSURE_WEEKS_PRINTED``, the collected ``PressureCheck`` as it is — under their
personas, each named once in a row across the table, and how many more there are, on the animation plan's
page. A week's cells hold one line each and a summary line's four
at most, cut with « … » to what their column holds, so that a slide full of rows (``WEEKS_PER_SLIDE``,
``LINES_PER_SLIDE``) never runs off the slide; every line is whole in the speaker notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.util import Inches

from jalon.formatting import labelled
from jalon.reports import pressure_words as words
from jalon.reports.framing_model import PressureCheck, PressureWeek
from jalon.reports.slide_parts import MARGIN, MUTED, WIDTH, numbered, short, table, text_box, titled_slide

WEEKS_PER_SLIDE = 17  # below a header of two lines at most, 0.3 inch a row: 50 weeks on three slides
LINES_PER_SLIDE, LINE_LINES = 6, 4  # summary lines a slide holds, of 4 lines of text at most (0.75 inch)
ROW, SIZE, TOP = 0.3, 10, Inches(1.3)
# Inches a character of 10 points takes, on average over a line, in the widest face a reader may draw it
# with (DejaVu Sans, where LibreOffice has neither Calibri nor Carlito): 0.07 in Calibri.
CHAR = 0.09
CELL_MARGINS = 0.2  # a cell's left and right inner margins, in inches
# The columns, 12.333 inches in all, a date (``27/07/2026``, ``27 Jul 2026``) and a channel (``push
# notification``) whole on their line
LINE_WIDTHS = (0.35, 1.7, 2.2, 0.95, 1.2, 1.2, 2.0, 2.733)
WEEK_WIDTHS = (1.2, 0.4, 1.8, 0.9, 8.033)


def _day(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _fitted(cells: Sequence[str], widths: Sequence[float], lines: int = 1) -> tuple[str, ...]:
    """Each cell on ``lines`` lines of its column at most: cut with « … » past what they hold (on several
    lines, three quarters of it: a line breaks between words, short of its end)."""
    fill = 1.0 if lines == 1 else 0.75
    return tuple(short(" ".join(cell.split()), int((width - CELL_MARGINS) / CHAR * lines * fill))
                 for cell, width in zip(cells, widths, strict=True))  # fmt: skip


def _pages(count: int, rows: int) -> list[range]:
    return [range(first, min(first + rows, count)) for first in range(0, count, rows)]


def pressure_slides(deck: Presentation, pressure: PressureCheck) -> None:
    heading = _("Segments over the ceiling")
    lines = [words.line_cells(n, line, _day) for n, line in enumerate(pressure.lines, start=1)]
    pages = _pages(len(lines), LINES_PER_SLIDE)
    for page, rows in enumerate(pages, start=1):
        notes = "\n".join(labelled(f"{lines[i][0]}. {lines[i][1]}", " · ".join(lines[i][2:])) for i in rows)
        slide = titled_slide(deck, numbered(heading, page, len(pages)), notes=notes)
        cells = [words.line_headers(pressure), *(_fitted(lines[i], LINE_WIDTHS, LINE_LINES) for i in rows)]
        table(slide, cells, left=MARGIN, top=TOP, widths=LINE_WIDTHS, row_height=ROW, size=SIZE)
    heading = words.weeks_heading(pressure)
    more = words.more_words(pressure)
    slides = _week_pages(words.by_persona(pressure.weeks))
    for page, placed in enumerate(slides, start=1):
        said = [" · ".join(cells) if cells else named for named, cells in placed]
        last = page == len(slides)
        said += [more] if last and more else []
        slide = titled_slide(deck, numbered(heading, page, len(slides)), notes="\n".join(said))
        # a persona's row: one cell across the table, its no-break space before « : » kept (_fitted folds it)
        across = int((sum(WEEK_WIDTHS) - CELL_MARGINS) / CHAR)
        shown = [_fitted(cells, WEEK_WIDTHS) if cells else (short(named, across),) for named, cells in placed]
        padded = [cells + ("",) * (len(WEEK_WIDTHS) - len(cells)) for cells in shown]
        grid = table(slide, [words.week_headers(), *padded], left=MARGIN, top=TOP, widths=WEEK_WIDTHS,
                     row_height=ROW, size=SIZE)  # fmt: skip
        for number, (_named, week) in enumerate(placed, start=1):
            if not week:
                grid.cell(number, 0).merge(grid.cell(number, len(WEEK_WIDTHS) - 1))
                grid.cell(number, 0).text_frame.paragraphs[0].font.bold = True
        if last and more:  # under the longest table: a header of two lines and WEEKS_PER_SLIDE rows
            below = TOP + Inches(0.5 + ROW * WEEKS_PER_SLIDE + 0.1)
            text_box(slide, [(more, 12, False)], left=MARGIN, top=below, width=WIDTH - 2 * MARGIN,
                     height=Inches(0.4), colour=MUTED)  # fmt: skip


Row = tuple[str, tuple[str, ...]]  # a persona's row (its words, no cells), or one of its weeks (its cells)


def _week_pages(groups: Sequence[tuple[str, Sequence[PressureWeek]]]) -> list[list[Row]]:
    """The weeks' rows, ``WEEKS_PER_SLIDE`` a slide: each persona's row, then its weeks; a slide that goes on
    with a persona's weeks starts with its row again (*continued*), and none ends on a persona's row alone."""
    pages: list[list[Row]] = []
    rows: list[Row] = []
    for persona, weeks in groups:
        if len(rows) >= WEEKS_PER_SLIDE - 1:
            pages, rows = [*pages, rows], []
        rows.append((words.persona_words(persona), ()))
        for week in weeks:
            if len(rows) == WEEKS_PER_SLIDE:
                again = f"{words.persona_words(persona)} {_('(continued)')}"
                pages, rows = [*pages, rows], [(again, ())]
            rows.append((persona, words.week_cells(week, _day)))
    return [*pages, rows] if rows else pages
