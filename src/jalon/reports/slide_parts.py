"""The building blocks every slide of the deck shares: its size, colours, a titled slide with speaker
notes, a text box, a table of texts, dates in the report's language."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TypeVar

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.slide import Slide
from pptx.table import Table
from pptx.util import Emu, Inches, Pt

from jalon.formatting import format_long_date
from jalon.reports.slide_shapes import box_paragraphs, drawing

T = TypeVar("T")

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INK, MUTED = RGBColor(0x11, 0x18, 0x27), RGBColor(0x4B, 0x55, 0x63)
ACCENT, GRID = RGBColor(0x1E, 0x3A, 0x8A), RGBColor(0xD1, 0xD5, 0xDB)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
BAD = RGBColor(0xB9, 0x1C, 0x1C)  # the pages' red (``--bad`` in jalon.css): what is over budget, missed, late
TITLE_ONLY, TITLE = 5, 0  # layouts of the default template


def rgb(colour: str) -> RGBColor:
    try:
        return RGBColor.from_string(colour.lstrip("#")[:6])
    except ValueError:
        return MUTED


def day(value: date | None) -> str:
    return format_long_date(value) if value else "—"


def short(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


TITLE_CHARS = 70
"""A slide's title holds one line of 28 points; a longer one (an objective typed at length) is cut there, and
the whole title opens the notes."""


def titled_slide(deck: Presentation, title: str, notes: str = "") -> Slide:
    if len(title) > TITLE_CHARS:
        title, notes = short(title, TITLE_CHARS), "\n".join(line for line in (title, notes) if line)
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    heading = slide.shapes.title
    heading.left, heading.top, heading.width, heading.height = (
        MARGIN,
        Inches(0.3),
        WIDTH - 2 * MARGIN,
        Inches(0.9),
    )
    heading.text = title
    paragraph = heading.text_frame.paragraphs[0]
    paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(28), True, ACCENT
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return slide


def text_box(slide: Slide, lines: Sequence[tuple[str, int, bool]], *, left: Emu, top: Emu, width: Emu,
             height: Emu, colour: RGBColor = INK) -> None:  # fmt: skip
    """A text box of (text, size in points, bold) paragraphs, its lines wrapped."""
    with drawing(slide) as drawn:
        drawn.text_box(left, top, width, height, box_paragraphs(lines, colour), wrap=True)


def table(slide: Slide, rows: Sequence[Sequence[str]], *, left: Emu, top: Emu, widths: Sequence[float],
          row_height: float = 0.4, size: int = 11, header: bool = True) -> Table:  # fmt: skip
    """A native table (its first row is the header unless ``header`` is false); ``widths`` in inches."""
    shape = slide.shapes.add_table(len(rows), len(widths), left, top, Inches(sum(widths)),
                                   Inches(row_height) * len(rows))  # fmt: skip
    grid = shape.table
    grid.first_row = header
    for column, width in enumerate(widths):
        grid.columns[column].width = Inches(width)
    for line, values in enumerate(rows):
        for column, value in enumerate(values):
            cell = grid.cell(line, column)
            cell.text = value
            cell.text_frame.paragraphs[0].font.size = Pt(size)
    return grid


def numbered(title: str, page: int, pages: int) -> str:
    """A section's title on its ``page``-th slide of ``pages``: *Personae (1/2)*; alone, the title."""
    return f"{title} ({page}/{pages})" if pages > 1 else title


def paged(items: Sequence[T], per_slide: int, title: str) -> Iterator[tuple[Sequence[T], str]]:
    """A section over several slides: ``items`` cut ``per_slide`` a slide, each part with its numbered
    title (:func:`numbered`); nothing for no items."""
    firsts = range(0, len(items), per_slide)
    for page, first in enumerate(firsts, start=1):
        yield items[first : first + per_slide], numbered(title, page, len(firsts))
