"""The deck's timeline follows the chosen zoom and lanes, as the PDF's does."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from tests.reports.conftest import TODAY


def _deck(roadmap, **choices):
    from pptx import Presentation

    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    options = ReportOptions(sections=("timeline",), **choices)
    made = render_report(actor=None, roadmap=roadmap, fmt="pptx", options=options, today=TODAY)
    return Presentation(io.BytesIO(made.content))


def _texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]


def _activity_slides(deck) -> list[Any]:
    return [
        s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text.startswith("Activités")
    ]


def test_lanes_by_owner_give_a_heading_per_person_above_their_activities(demo) -> None:
    deck = _deck(demo.roadmap, lanes="owner")
    slides = _activity_slides(deck)
    assert slides and all(s.shapes.title.text.startswith("Activités par responsable (") for s in slides)
    texts = [text for slide in slides for text in _texts(slide)]
    owners = {a.owner.name for a in demo.roadmap.activities.filter(start__isnull=False, owner__isnull=False)}
    assert owners and all(any(text.startswith(name) for text in texts) for name in owners)
    first = _texts(slides[0])
    lane = next(a.owner.name for a in demo.roadmap.activities.filter(start__isnull=False).order_by("start")
                if a.owner)  # fmt: skip
    assert lane in first or lane + " (suite)" in " ".join(texts)
    themes = {t.name for t in demo.roadmap.themes.all()}
    assert not themes & set(texts)  # no thematic group heading when the lanes are people


def test_lanes_by_theme_head_each_group_with_its_colour(demo) -> None:
    from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE, MSO_SHAPE_TYPE

    deck = _deck(demo.roadmap, lanes="theme")
    slides = _activity_slides(deck)
    assert all(s.shapes.title.text.startswith("Activités par groupe thématique (") for s in slides)
    texts = {text for slide in slides for text in _texts(slide)}
    used = {a.theme.name for a in demo.roadmap.activities.filter(start__isnull=False, theme__isnull=False)}
    assert used <= {text.removesuffix(" (suite)") for text in texts}
    swatches = [
        shape for slide in slides for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
        and shape.auto_shape_type == MSO_AUTO_SHAPE_TYPE.RECTANGLE
        and shape.width < 200_000 and shape.height > 100_000
    ]  # fmt: skip
    assert len(swatches) >= len(used)


def test_every_dated_activity_has_its_bar_whatever_the_lanes(demo) -> None:
    from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE, MSO_SHAPE_TYPE

    dated = demo.roadmap.activities.filter(start__isnull=False, end__isnull=False).count()
    for lanes in ("theme", "owner"):
        bars = [
            shape for slide in _activity_slides(_deck(demo.roadmap, lanes=lanes)) for shape in slide.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
            and shape.auto_shape_type == MSO_AUTO_SHAPE_TYPE.ROUNDED_RECTANGLE
        ]  # fmt: skip
        assert len(bars) == dated, lanes


@pytest.mark.parametrize(
    ("zoom", "shown", "hidden"),
    [
        ("month", ["août 2026", "janv. 2027", "T3 exercice 2027"], ["exercice 2027"]),
        ("quarter", ["T3 exercice 2027", "août"], ["août 2026"]),
        ("year", ["exercice 2027", "T3"], ["août", "août 2026"]),
    ],
)
def test_the_header_follows_the_zoom(demo, zoom: str, shown: list[str], hidden: list[str]) -> None:
    deck = _deck(demo.roadmap, zoom=zoom)
    overview = next(
        s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text == "Calendrier"
    )
    texts = _texts(overview)
    for label in shown:
        assert label in texts, (zoom, label, " | ".join(texts))
    for label in hidden:
        assert label not in texts, (zoom, label)


def test_the_month_zoom_adds_a_faint_line_per_week(demo) -> None:
    def lines(zoom: str) -> int:
        deck = _deck(demo.roadmap, zoom=zoom)
        slide = next(
            s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text == "Calendrier"
        )
        return sum(1 for shape in slide.shapes if shape.width < 10_000 and shape.height > 300_000)

    assert lines("month") > lines("quarter") + 20 > 20  # a line a week, over six months


def test_a_lane_going_on_to_the_next_slide_is_headed_again() -> None:
    from jalon.reports.model import TimelineBar, TimelineLane
    from jalon.reports.slides_timeline import lane_pages

    def lane(name: str, count: int) -> TimelineLane:
        bars = tuple(
            TimelineBar(f"{name}-{n}", f"{name} {n}", date(2027, 1, 1), date(2027, 1, 9), "#123456", "", "")
            for n in range(count)
        )
        return TimelineLane(name, "", bars)

    pages = lane_pages([lane("a", 5), lane("b", 9), lane("c", 2)], per_page=8)
    assert all(len(page) <= 8 for page in pages)
    headings = [[(row[0].label, row[2]) for row in page if row[1] is None] for page in pages]
    assert headings[0] == [("a", False), ("b", False)]
    assert headings[1][0] == ("b", True)  # b goes on: its heading again, as continued
    assert all(page[-1][1] is not None for page in pages)  # never a heading alone at the foot
    shown = [row[1].key for page in pages for row in page if row[1] is not None]
    assert len(shown) == 16 and len(set(shown)) == 16
