"""The milestones above the deck's timelines: a diamond each on one row, its title above it on one of three
lines. However close the milestones and however near the end of the horizon, no title runs over another nor
past the slide's edge: a title starts at its diamond where it fits whole, else ends at it, cut with « … » to
the room it has, or is left out when that room is too small; the slide's notes name, whole, every title a
slide cuts or leaves out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from pptx.util import Inches

from jalon.formatting import labelled
from jalon.reports.model import MilestoneRow
from jalon.reports.slide_parts import ACCENT, BAD, MARGIN, MUTED, WIDTH, day
from jalon.reports.slide_shapes import Align, Drawing, Font, Kind, frame_paragraphs, properties

SIZE = Inches(0.22)  # a milestone's diamond
CHARS = 34  # a title is cut there on the slide
FEWEST = 8  # a title with room for fewer characters (« … » included) is left to the notes
# Inches a character of 8 points takes, on average over a line, in the widest face a reader may draw it with
# (DejaVu Sans, where LibreOffice has neither Calibri nor Carlito): the pressure tables' measure at 10 points.
CHAR = 0.072
GAP = Inches(0.12)  # between two titles on a line
LINES = (0.26, 0.43, 0.6)  # the titles' lines, the nearest first: inches from a line's top to the diamonds'
LINE_HEIGHT = Inches(0.17)  # a line of 8 points, the box without insets
RIGHT = WIDTH - MARGIN // 2  # no title goes past it


@dataclass(frozen=True)
class Label:
    """A milestone's title as drawn: its text (cut with « … » to its room), its box's left edge and width
    (EMUs: the text's), its line (0: the nearest the diamonds), and ``leftwards`` when it ends at its
    diamond's right edge, right-aligned, rather than starting at its left edge."""

    text: str
    left: int
    width: int
    line: int
    leftwards: bool


@dataclass(frozen=True)
class Mark:
    """A milestone on the timeline: its diamond's left edge and its title's label (``None``: left out)."""

    milestone: MilestoneRow
    x: int
    label: Label | None


def _width(text: str) -> int:
    return int(Inches(CHAR) * len(text))


def _cut(text: str, chars: int) -> str:
    """``text`` in ``chars`` characters at most, cut with « … » (no space before it: « Fin du… »)."""
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def labels(xs: Sequence[int], titles: Sequence[str]) -> list[Label | None]:
    """Where the titles of the milestones whose diamonds start at ``xs`` (in date order) go. A title starts at
    its diamond, on the nearest line free there, when it fits there whole before ``RIGHT`` and covers no later
    diamond; else it ends at its diamond, on the line that leaves it the most room back to the title before
    it, cut with « … » to that room, or left out (``None``) with room for fewer than ``FEWEST`` characters
    (and than its own). Ending at its diamond, a title always has room unless others crowd it: above the
    lanes' labels, the left of the timeline is free."""
    free = [MARGIN] * len(LINES)  # where each line is free from
    found: list[Label | None] = []
    for index, (x, title) in enumerate(zip(xs, titles, strict=True)):
        text = _cut(title, CHARS)
        width = _width(text)
        later = [other for other in xs[index + 1 :] if other > x]
        clear = (not later or later[0] > x + width + GAP) and x + width <= RIGHT
        starts = [line for line, edge in enumerate(free) if edge <= x] if clear else []
        if starts:
            found.append(Label(text, x, width, starts[0], leftwards=False))
            free[starts[0]] = x + width + GAP
            continue
        end = x + SIZE
        line = max(range(len(LINES)), key=lambda n: (end - free[n], -n))
        chars = min(len(text), int((end - free[line]) / Inches(CHAR)))
        if chars < min(len(text), FEWEST):
            found.append(None)
            continue
        text = _cut(text, chars)
        width = _width(text)
        found.append(Label(text, end - width, width, line, leftwards=True))
        free[line] = end + GAP
    return found


def marks(milestones: Sequence[MilestoneRow], x_of: Callable[[date], int]) -> list[Mark]:
    """The ``milestones`` within the timeline, each with its diamond's place (``x_of`` its day) and label."""
    xs = [x_of(milestone.date) - SIZE // 2 for milestone in milestones]
    found = labels(xs, [milestone.title for milestone in milestones])
    return [Mark(*placed) for placed in zip(milestones, xs, found, strict=True)]


def untold(placed: Sequence[Mark]) -> list[str]:
    """The notes' lines of the milestones whose title the slide cuts or leaves out, whole, with their date."""
    return [
        labelled(mark.milestone.title, day(mark.milestone.date))
        for mark in placed
        if mark.label is None or mark.label.text != mark.milestone.title
    ]


def draw(drawn: Drawing, placed: Sequence[Mark], y: int) -> None:
    """The diamonds on the row at ``y`` (its top), their titles above them."""
    for mark in placed:
        drawn.shape(Kind.DIAMOND, mark.x, y, SIZE, SIZE, BAD if mark.milestone.missed else ACCENT)
        if mark.label is None:
            continue
        label = mark.label
        first = properties(Font(8, MUTED), Align.RIGHT if label.leftwards else Align.NONE)
        drawn.text_box(label.left, y - Inches(LINES[label.line]), label.width, LINE_HEIGHT,
                       frame_paragraphs(label.text, first), no_margins=True)  # fmt: skip
