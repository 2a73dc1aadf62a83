"""The timeline's dependency arrows go around the bars they do not join, and always leave their predecessor's
end and enter their successor's start, at every zoom."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from itertools import pairwise

import pytest
from django.utils import translation

from jalon.planning.timeline.model import COMPACT, NORMAL, Bar, Chart, Frame, Lane, Layout
from jalon.planning.timeline.svg import render

SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def bar(key: str, start: date, end: date, lane: str) -> Bar:
    return Bar(key, key.title(), start, end, "#1d4ed8", "planned", "planned", "", (lane,))


def frame(zoom: str) -> Frame:
    return Frame(date(2026, 9, 1), date(2026, 10, 31), zoom)


def draw(chart: Chart, zoom: str = "month", layout: Layout = NORMAL) -> ET.Element:
    return ET.fromstring(render(chart, frame(zoom), layout=layout))


def boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """Each bar's body (the first drawn of an activity): x1, y1, x2, y2."""
    found: dict[str, tuple[float, float, float, float]] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "tl-bar" and not group.get("data-copy"):
            rect = group.find(f"{SVG}rect[@class='tl-body']")
            assert rect is not None
            x, y = float(rect.get("x", "")), float(rect.get("y", ""))
            found[group.get("data-key", "")] = (x, y, x + float(rect.get("width", "")), y + NORMAL.bar)
    return found


def points(d: str, steps: int = 40) -> list[Point]:
    """Points along a path of absolute M, L, Q and C commands."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    commands = re.findall(r"[MLQC]", d)
    out: list[Point] = []
    cursor: Point = (0.0, 0.0)
    for command in commands:
        size = {"M": 2, "L": 2, "Q": 4, "C": 6}[command]
        values, numbers = numbers[:size], numbers[size:]
        pts = [cursor, *zip(values[::2], values[1::2], strict=True)]
        if command != "M":
            for step in range(steps + 1):
                t = step / steps
                out.append(_bezier(pts, t))
        cursor = pts[-1]
    return out


def _bezier(pts: list[Point], t: float) -> Point:
    while len(pts) > 1:
        pts = [((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1]) for a, b in pairwise(pts)]
    return pts[0]


def arrow(root: ET.Element) -> str:
    paths = [p for p in root.iter(f"{SVG}path") if p.get("class") == "tl-dependency"]
    assert len(paths) == 1
    return paths[0].get("d", "")


def inside(point: Point, box: tuple[float, float, float, float]) -> bool:
    return box[0] < point[0] < box[2] and box[1] < point[1] < box[3]


def ends(d: str) -> tuple[Point, Point]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


# Brief (A) ends on 11 Sept, Launch (C) starts on 24 Sept; in the lane between them, Promo (B) runs from 15
# to 19 Sept, right where a curve from one to the other goes down; from 20 to 23 Sept the way is free (wide
# enough for a turn at the month and quarter zooms; at the year zoom, 1.5 px a day, four days are too narrow).
LANES = (Lane("a", "A"), Lane("b", "B"), Lane("c", "C"))
BRIEF = bar("brief", date(2026, 9, 1), date(2026, 9, 11), "a")
PROMO = bar("promo", date(2026, 9, 15), date(2026, 9, 19), "b")
LAUNCH = bar("launch", date(2026, 9, 24), date(2026, 9, 30), "c")
AROUND = Chart("x", LANES, (BRIEF, PROMO, LAUNCH), dependencies=(("brief", "launch"),))


@pytest.mark.parametrize("zoom", ["month", "quarter"])
def test_an_arrow_goes_around_a_bar_standing_between_its_two_activities(zoom: str) -> None:
    root = draw(AROUND, zoom)
    d, found = arrow(root), boxes(root)
    assert not any(inside(point, found["promo"]) for point in points(d)), d


@pytest.mark.parametrize("layout", [NORMAL, COMPACT], ids=["page", "executive"])
def test_an_arrow_leaves_the_predecessors_end_and_enters_the_successors_start(layout: Layout) -> None:
    root = draw(AROUND, layout=layout)
    found = boxes(root)
    (x1, y1), (x2, y2) = ends(arrow(root))
    brief, launch = found["brief"], found["launch"]
    assert (x1, y1) == (brief[2], brief[1] + layout.bar / 2)
    assert (x2, y2) == (launch[0], launch[1] + layout.bar / 2)


def test_an_arrow_in_one_row_goes_over_the_bar_between_its_activities() -> None:
    between = bar("promo", date(2026, 9, 15), date(2026, 9, 19), "a")
    later = bar("launch", date(2026, 9, 24), date(2026, 9, 30), "a")
    chart = Chart("x", LANES[:1], (BRIEF, between, later), dependencies=(("brief", "launch"),))
    root = draw(chart)
    found = boxes(root)
    assert found["brief"][1] == found["promo"][1] == found["launch"][1]  # one row
    assert not any(inside(point, found["promo"]) for point in points(arrow(root)))


def test_a_broken_arrow_does_not_cross_its_own_activities() -> None:
    early = bar("launch", date(2026, 9, 8), date(2026, 9, 30), "c")
    root = draw(Chart("x", LANES, (BRIEF, early), dependencies=(("brief", "launch"),)))
    found, d = boxes(root), arrow(root)
    assert not any(inside(point, found[key]) for key in ("brief", "launch") for point in points(d)), d


def test_an_arrow_with_nothing_in_its_way_keeps_its_curve() -> None:
    chart = Chart("x", LANES, (BRIEF, LAUNCH), dependencies=(("brief", "launch"),))
    assert " C" in arrow(draw(chart))


def turns(d: str) -> list[float]:
    """The radius of each rounded turn of a path: how far its curve starts from its corner."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    commands = re.findall(r"[MLQC]", d)
    radii, cursor = [], (numbers[0], numbers[1])
    for command in commands:
        size = {"M": 2, "L": 2, "Q": 4, "C": 6}[command]
        values, numbers = numbers[:size], numbers[size:]
        if command == "Q":
            corner = (values[0], values[1])
            radii.append(max(abs(corner[0] - cursor[0]), abs(corner[1] - cursor[1])))
        cursor = (values[-2], values[-1])
    return radii


@pytest.mark.parametrize("zoom", ["month", "quarter"])
def test_an_arrow_around_a_bar_turns_in_curves_not_right_angles(zoom: str) -> None:
    """Out of its predecessor (6 px) it turns as round as that short leg allows, not half of it: a turn of
    2 or 3 px read as a right angle beside the other arrows' curves."""
    d = arrow(draw(AROUND, zoom))
    radii = turns(d)
    assert " C" not in d and len(radii) >= 2, d  # the detour, not the curve
    assert min(radii) >= 5.5, (radii, d)
