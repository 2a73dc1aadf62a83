"""The timeline's dependency arrows, routed around the bars they do not join.

An arrow leaves its predecessor's right edge and enters its successor's left edge, both at mid-height. The
smooth curve of old is kept when it crosses no other bar. Otherwise the arrow runs right, turns down (or up)
where no bar stands in its way, and runs right again into the successor, with rounded corners; when no such
place exists (the successor starts before the predecessor ends, or bars fill every column between them) it
turns into the gap between rows next to the successor, runs along it and drops into the successor's start.
Bars fill rows, never the gaps between them, so that way crosses at most the bars of its first leg.

Nothing here depends on the zoom: the month zoom only spreads the same picture over twice the pixels of the
quarter zoom, which made the crossings of the old curve twice as long there.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import NamedTuple

from jalon.markup import escape
from jalon.planning.timeline.model import MISSED, Chart

EXIT = 6.0
"""Pixels an arrow runs straight out of its predecessor before it turns."""
ENTRY = 10.0
"""Pixels an arrow runs straight into its successor, so that its head lies on a straight line."""
CORNER = 8.0
"""The radius of a turn (less where its legs are short)."""
HEAD = 7.0
"""Pixels of the last leg the arrow head takes (its marker), left straight."""
CLEARANCE = 3.0
"""Pixels kept between an arrow's upright leg and a bar it passes."""


class Box(NamedTuple):
    key: str
    x1: float
    x2: float
    top: float
    bottom: float


Point = tuple[float, float]
Span = tuple[float, float]


class Bars:
    """The drawn bars (every copy), by row, to ask which stand in an arrow's way; ``gutter``: the height of
    the gap between two rows of bars. The bars of a row never overlap, so a row sorted by start is sorted
    by end too, and each question is a few bisections a row."""

    def __init__(self, boxes: Iterable[Box], *, height: float, gutter: float) -> None:
        rows: dict[float, list[Box]] = {}
        for box in boxes:
            rows.setdefault(box.top, []).append(box)
        self.tops = sorted(rows)
        self.rows = [sorted(rows[top], key=lambda box: box.x1) for top in self.tops]
        self.starts = [[box.x1 for box in row] for row in self.rows]
        self.ends = [[box.x2 for box in row] for row in self.rows]
        self.height, self.gutter = height, gutter

    def upright_x(
        self, y1: float, y2: float, low: float, high: float, *, skip: Sequence[str], near: float
    ) -> tuple[float, int] | None:
        """Where, from ``low`` to ``high``, an upright line from ``y1`` to ``y2`` meets the fewest bars
        (``skip`` aside; passing the others at the clearance), nearest to ``near``, and how many it meets
        there; None when ``low`` is past ``high``."""
        if low > high:
            return None
        top, bottom = min(y1, y2), max(y1, y2)
        edges: list[tuple[float, int]] = []  # +1 where a bar's span begins, -1 where it ends
        for index in range(bisect_left(self.tops, top - self.height), bisect_right(self.tops, bottom)):
            if not (self.tops[index] < bottom and self.tops[index] + self.height > top):
                continue
            left = bisect_left(self.ends[index], low - CLEARANCE)
            right = bisect_right(self.starts[index], high + CLEARANCE)
            for box in self.rows[index][left:right]:
                if box.key not in skip:
                    edges += [(box.x1 - CLEARANCE, 1), (box.x2 + CLEARANCE, -1)]
        if not edges:
            return min(max(near, low), high), 0
        stretches: list[tuple[float, float, int]] = []  # (from, to, bars met) across [low, high]
        cursor, count = low, 0
        for x, step in sorted(edges, key=lambda edge: (edge[0], -edge[1])):
            if x > cursor:
                stretches.append((cursor, min(x, high), count))
            cursor, count = max(cursor, x), count + step
            if cursor > high:
                break
        if cursor <= high:
            stretches.append((cursor, high, count))
        fewest = min(met for _a, _b, met in stretches)
        best = min(
            (min(max(near, a), b) for a, b, met in stretches if met == fewest), key=lambda x: abs(x - near)
        )
        return best, fewest

    def row_of(self, box: Box) -> list[Box]:
        index = bisect_left(self.tops, box.top)
        return self.rows[index] if index < len(self.tops) and self.tops[index] == box.top else []

    def hit(self, point: Point, skip: frozenset[str]) -> bool:
        x, y = point
        index = bisect_right(self.tops, y) - 1
        if index < 0 or y >= self.tops[index] + self.height:
            return False
        at = bisect_right(self.starts[index], x) - 1
        if at < 0:
            return False
        found = self.rows[index][at]
        return found.x1 < x < found.x2 and found.top < y and found.key not in skip


def dependencies(chart: Chart, where: Mapping[str, Box], bars: Bars, *, ids: str) -> list[str]:
    """Arrows from the end of each predecessor to the start of its successor (``where``: the bar each
    arrow attaches to); red when the successor starts too early (before the predecessor's end plus the
    lag)."""
    out = ['<g class="tl-dependencies" fill="none" stroke-width="1.2" stroke="#374151">']
    dates = {bar.key: (bar.start, bar.end) for bar in chart.bars}
    ids = escape(ids)
    for before, after, *lag in chart.dependencies:
        if before not in where or after not in where:
            continue
        (_start, end), (start, _end) = dates[before], dates[after]
        broken = start is not None and end is not None and start <= end + timedelta(days=sum(lag))
        look = f'marker-end="url(#{ids}-arrow)"'
        if broken:
            look = f'data-broken="true" stroke="{MISSED}" marker-end="url(#{ids}-arrow-broken)"'
        out.append(
            f'<path class="tl-dependency" data-from="{escape(before)}" data-to="{escape(after)}" {look} '
            f'd="{route(where[before], where[after], bars)}"/>'
        )
    out.append("</g>")
    return out


def route(before: Box, after: Box, bars: Bars) -> str:
    """The ``d`` of the arrow from ``before`` to ``after``."""
    start = (before.x2, (before.top + before.bottom) / 2)
    end = (after.x1, (after.top + after.bottom) / 2)
    curve = _curve(start, end)
    others = frozenset((before.key, after.key))
    if not any(bars.hit(point, others) for point in _sample(start, curve, end)):
        (a, b), (c, d) = curve
        return f"M{start[0]:.1f} {start[1]:.1f} C{a:.1f} {b:.1f} {c:.1f} {d:.1f} {end[0]:.1f} {end[1]:.1f}"
    turn = _upright(bars, start, end, before, after)
    if turn is not None and turn[1] == 0:
        return _rounded([start, (turn[0], start[1]), (turn[0], end[1]), end])
    gap = _through_gap(bars, start, end, before, after)
    if turn is not None and turn[1] <= gap[1]:
        return _rounded([start, (turn[0], start[1]), (turn[0], end[1]), end])
    return _rounded(gap[0])


def _curve(start: Point, end: Point) -> tuple[Point, Point]:
    reach = max(abs(end[0] - start[0]) / 2, 12.0)
    return (start[0] + reach, start[1]), (end[0] - reach, end[1])


def _sample(start: Point, controls: tuple[Point, Point], end: Point, steps: int = 24) -> list[Point]:
    """Points along the cubic curve, its two ends left out (they touch their own bars)."""
    (ax, ay), (bx, by) = controls
    points = []
    for step in range(1, steps):
        t = step / steps
        u = 1 - t
        x = u**3 * start[0] + 3 * u * u * t * ax + 3 * u * t * t * bx + t**3 * end[0]
        y = u**3 * start[1] + 3 * u * u * t * ay + 3 * u * t * t * by + t**3 * end[1]
        points.append((x, y))
    return points


def _upright(bars: Bars, start: Point, end: Point, before: Box, after: Box) -> tuple[float, int] | None:
    """Where an arrow can run straight out, turn, go up or down and run into the successor meeting the
    fewest bars: the x of its upright leg (nearest the middle) and the bars it meets; None when the
    successor starts too soon after the predecessor's end for a turn."""
    low = max([start[0] + EXIT] + [b.x2 + CLEARANCE for b in bars.row_of(after) if b.x2 <= after.x1])
    high = min([end[0] - ENTRY] + [b.x1 - CLEARANCE for b in bars.row_of(before) if b.x1 >= before.x2])
    return bars.upright_x(
        start[1], end[1], low, high, skip=(before.key, after.key), near=(start[0] + end[0]) / 2
    )


def _through_gap(bars: Bars, start: Point, end: Point, before: Box, after: Box) -> tuple[list[Point], int]:
    """Out of the predecessor, into the gap between rows beside the successor (above it when the
    predecessor is above or level, below it otherwise), along it, and down (or up) into the successor."""
    gap = after.top - bars.gutter / 2 if before.top <= after.top else after.bottom + bars.gutter / 2
    low, high = start[0] + EXIT, start[0] + 4 * EXIT
    found = bars.upright_x(start[1], gap, low, high, skip=(before.key,), near=low)
    out, met = found if found else (low, 0)
    into = end[0] - ENTRY
    return [start, (out, start[1]), (out, gap), (into, gap), (into, end[1]), end], met


def _rounded(points: Sequence[Point]) -> str:
    """A path through ``points`` (each turn a right angle) with its corners rounded, as round as its legs
    allow: a leg between two turns gives each half of itself, the first leg (out of the predecessor) the whole
    of itself, the last all but the arrow head's straight run. Halving every leg left turns of 2 or 3 px
    after the short legs (out of a bar, down into a gap between rows): right angles beside the curves."""
    path = [f"M{points[0][0]:.1f} {points[0][1]:.1f}"]
    last = len(points) - 1
    for index, (previous, corner, following) in enumerate(zip(points, points[1:], points[2:], strict=False)):
        into = _toward(corner, previous)
        out = _toward(corner, following)
        before = into[2] if index == 0 else into[2] / 2
        after = out[2] - HEAD if index + 2 == last else out[2] / 2
        radius = max(min(CORNER, before, after), 0.0)
        a = (corner[0] + into[0] * radius, corner[1] + into[1] * radius)
        b = (corner[0] + out[0] * radius, corner[1] + out[1] * radius)
        path.append(f"L{a[0]:.1f} {a[1]:.1f} Q{corner[0]:.1f} {corner[1]:.1f} {b[0]:.1f} {b[1]:.1f}")
    path.append(f"L{points[-1][0]:.1f} {points[-1][1]:.1f}")
    return " ".join(path)


def _toward(origin: Point, target: Point) -> tuple[float, float, float]:
    """The unit step from ``origin`` towards ``target`` and the distance between them."""
    dx, dy = target[0] - origin[0], target[1] - origin[1]
    length = (dx * dx + dy * dy) ** 0.5
    return (dx / length, dy / length, length) if length else (0.0, 0.0, 0.0)
