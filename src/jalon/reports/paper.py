"""The PDF's landscape page as room to fill, shared by the collector (how many thematic groups an executive
picture holds, which activities each operational page holds) and the PDF (how tall each picture may be
drawn).

A timeline picture is printed at its own size (``PAGE_WIDTH_PX`` CSS pixels across the page, 96 to the
inch): its 10-pixel labels (``COMPACT``) print at 7.5 points. Drawn smaller to fit a page, they fell under
7 points from 17 thematic groups with the late-work and undated notes under the picture (3.2 points at
40 groups), so a taller executive picture is cut by groups into pictures that each fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from jalon.reports.sources import Layout, PlanRow

MM_PER_PX = 25.4 / 96
"""A CSS pixel on paper."""
WIDE_PAGE_MM = 180
"""A landscape page's height between its margins (``@page wide``)."""
HEADINGS_MM = 36
"""The timeline section's two headings above the first executive picture."""
CAPTION_MM = 8
"""The line above each part of an executive picture cut by groups (« Groupes thématiques 1 à 14 sur 40 »)."""
# A note's lines at the report's 9.5 points (1.4 line height) and its paragraph's margin, counting a line for
# every ``NOTE_LINE_CHARS`` characters (some 150 fit the page's width: the estimate errs on the tall side).
NOTE_LINE_MM, NOTE_MARGIN_MM, NOTE_LINE_CHARS = 4.7, 3.4, 120
PICTURE_MM = 160
"""The tallest a timeline picture is drawn (``.landscape .picture img``)."""
SMALLEST = 7.0 / 7.5
"""How much smaller than its own size a picture may be drawn to share a page: down to 7-point labels."""


def notes_mm(notes: Sequence[str]) -> float:
    """The height the notes under the executive timeline take (none for an empty note)."""
    return sum(NOTE_LINE_MM * (len(note) // NOTE_LINE_CHARS + 1) + NOTE_MARGIN_MM for note in notes if note)


def picture_mm(layout: Layout, groups: int, *, milestones: bool) -> float:
    """The printed height of an executive picture of ``groups`` bands (one row each) at its own size."""
    return lanes_mm(layout, [1] * groups, milestones=milestones)


def group_parts(
    groups: int, *, layout: Layout, milestones: bool, notes: float, windows: int = 1
) -> list[int]:
    """How many bands each part of the executive picture holds (as even as can be), the fewest parts such
    that the first fits under the section's headings and the last over ``notes`` mm of notes, at the
    pictures' own size (a single picture may be drawn down to 7-point labels). One part when it all fits;
    one band a part at worst (the PDF then draws it smaller)."""
    if groups <= 1:
        return [groups]
    for count in range(1, groups + 1):
        sizes = [groups // count + (1 if n < groups % count else 0) for n in range(count)]
        caption = CAPTION_MM if count > 1 else 0
        first = HEADINGS_MM + caption + picture_mm(layout, sizes[0], milestones=milestones)
        last = caption + picture_mm(layout, sizes[-1], milestones=milestones) + notes + NOTE_MARGIN_MM
        if count == 1 and windows == 1:  # one picture, drawn down to 7 points to fit with both
            drawn = picture_mm(layout, groups, milestones=milestones) * SMALLEST
            fits = HEADINGS_MM + drawn + notes + NOTE_MARGIN_MM <= WIDE_PAGE_MM
        else:
            fits = first <= WIDE_PAGE_MM and last <= WIDE_PAGE_MM
        if fits:
            return sizes
    return [1] * groups


def lanes_mm(layout: Layout, rows: Sequence[int], *, milestones: bool) -> float:
    """The printed height, at its own size, of a timeline picture whose lanes hold ``rows`` rows each."""
    px = 2 * layout.header_row + (layout.milestone_row if milestones else 0) + layout.footer
    px += sum(count * layout.row + 2 * layout.lane_padding for count in rows)
    return px * MM_PER_PX


OPERATIONAL_MM = (PICTURE_MM - 10) / (7.0 / 9.0)
"""The tallest an operational picture may be at its own size: drawn within a page that says which months it
leaves out (150 mm), its 12-pixel labels (9 points) stay at 7 points or more."""
ACTIVITIES_PER_PAGE = 32
"""A landscape A4 page holds at most this many activities, fewer when their lanes would print its labels
under 7 points (``operational_pages``)."""


def operational_pages(
    rows: Sequence[PlanRow], kind: str, layout: Layout, *, milestones: bool
) -> list[list[PlanRow]]:
    """``rows`` (by lane, then start) cut into pages of at most ``ACTIVITIES_PER_PAGE`` activities
    whose picture, each lane as tall as its overlapping activities make it, prints its labels at 7 points or
    more (``OPERATIONAL_MM``): 32 activities in lanes of their own were 4.7-point labels. As few pages
    as filling them one after the other takes, each then taking its even share of the activities left
    (when those rules let every page take it): 20 lanes of one activity print 10 and 10, not 19 and a
    lonely one; 1,000 packed activities 31 or 32 a page, not 31 pages of 32 and one of 8."""
    filled = _filled(rows, kind, layout, milestones)
    if len(filled) <= 1:
        return filled
    pages: list[list[PlanRow]] = []
    at = 0
    for left in range(len(filled), 0, -1):
        share = -(-(len(rows) - at) // left)  # rounded up: the first pages take the odd ones
        page = _filled(rows[at : at + share], kind, layout, milestones)[0]
        pages.append(page)
        at += len(page)
    return pages if at == len(rows) else filled


def _filled(rows: Sequence[PlanRow], kind: str, layout: Layout, milestones: bool) -> list[list[PlanRow]]:
    """``rows`` in pages filled one after the other, each of at most ``ACTIVITIES_PER_PAGE``
    activities whose picture prints at 7 points or more."""
    pages: list[list[PlanRow]] = []
    for row in rows:
        page = [*pages[-1], row] if pages else []
        if (
            not page
            or len(page) > ACTIVITIES_PER_PAGE
            or _page_mm(page, kind, layout, milestones) > OPERATIONAL_MM
        ):
            pages.append([row])
        else:
            pages[-1] = page
    return pages


def _page_mm(rows: Sequence[PlanRow], kind: str, layout: Layout, milestones: bool) -> float:
    """The printed height of the picture of ``rows``: each lane holds as many rows as the most of its
    activities under way on one day (the timeline packs them so)."""
    by_lane: dict[str, list[tuple[date, int]]] = {}
    for row in rows:
        assert row.start is not None and row.end is not None
        for key in dict.fromkeys(row.lanes(kind)):
            by_lane.setdefault(key, []).extend([(row.start, 1), (row.end + timedelta(days=1), -1)])
    depths = []
    for changes in by_lane.values():
        depth = deepest = 0
        for _day, change in sorted(changes):  # an end (-1) before a start on the same day
            depth += change
            deepest = max(deepest, depth)
        depths.append(deepest)
    return lanes_mm(layout, depths, milestones=milestones)
