"""The deck's milestone titles above its timelines: however close the milestones and however near the end
of the horizon, no title runs over another or past the slide's edge; a title cut short to the room it has
ends with « … », and every title is whole in the slide's notes. Measured on the boxes python-pptx reads, then
on the words LibreOffice Impress draws (pdftotext)."""

from __future__ import annotations

import io
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx.util import Inches

from tests.reports.conftest import TODAY, deck_as_pdf, keep_pages
from tests.reports.pdf_words import overlapping_words, words_of

# Five milestones in the horizon's last fortnight, the last on its last day, titles typed at length.
CROWDED = (
    (13, "Lancement de la campagne nationale des ambassadrices régionales"),
    (10, "Bilan intermédiaire avec les directeurs régionaux"),
    (7, "Ouverture des précommandes de la collection d’été"),
    (3, "Revue trimestrielle avec le comité de direction"),
    (0, "Fin du programme de fidélisation et bilan final"),
)
EMU_PER_POINT = 12700


def _deck(roadmap: Any) -> bytes:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    options = ReportOptions(language="fr", sections=("timeline",))
    return render_report(actor=None, roadmap=roadmap, fmt="pptx", options=options, today=TODAY).content


def _titled(text: str, titles: list[str]) -> str | None:
    """The milestone title ``text`` shows: the whole title, or its beginning cut with « … »."""
    for title in titles:
        if text == title or (text.endswith("…") and len(text) > 1 and title.startswith(text[:-1])):
            return title
    return None


def _labels(slide: Any, titles: list[str]) -> list[tuple[str, int, int, int, int]]:
    """(text, left, top, right, bottom) of each milestone title drawn on ``slide``, in EMUs."""
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame and not shape.is_placeholder and _titled(shape.text_frame.text, titles):
            left, top = shape.left, shape.top
            found.append((shape.text_frame.text, left, top, left + shape.width, top + shape.height))
    return found


def _overlap(a: tuple[str, int, int, int, int], b: tuple[str, int, int, int, int]) -> bool:
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


def _drawn_run(line: list[tuple[int, float, float, float, float, float, str]], text: str,
               box: list[float]) -> tuple[float, float]:  # fmt: skip
    """Where LibreOffice drew ``text`` on its line (the words of one line, any order): the left and right
    edges of the run of words that spell it, the one nearest its box."""
    line = sorted(line, key=lambda w: w[2])
    said = text.split()
    runs = [
        (line[i][2], line[i + len(said) - 1][4])
        for i in range(len(line) - len(said) + 1)
        if [w[6] for w in line[i : i + len(said)]] == said
    ]
    assert runs, (text, [w[6] for w in line])
    return min(runs, key=lambda run: abs(run[0] - box[0]) + abs(run[1] - box[2]))


@pytest.fixture
def crowded(members: Any, demo: Any) -> Any:
    from jalon.planning import services as planning
    from jalon.planning.models import Milestone

    roadmap = demo.roadmap
    for days_before_end, title in CROWDED:
        planning.create(Milestone, actor=members["owner"], roadmap=roadmap, title=title,
                        date=roadmap.end - timedelta(days=days_before_end))  # fmt: skip
    return roadmap


@pytest.mark.django_db
def test_milestone_titles_near_the_end_stay_inside_the_slide_and_apart(crowded: Any, tmp_path: Path) -> None:
    from pptx import Presentation

    from jalon.reports.slide_parts import WIDTH

    titles = [m.title for m in crowded.milestones.all()]
    content = _deck(crowded)
    deck = Presentation(io.BytesIO(content))
    timelines = [(n, s) for n, s in enumerate(deck.slides, start=1) if _labels(s, titles)]
    assert len(timelines) >= 2  # the overview and the activities' slides
    for _number, slide in timelines:
        labels = _labels(slide, titles)
        for text, left, _top, right, _bottom in labels:
            assert left >= 0 and right <= WIDTH, text
        overlapping = [(a[0], b[0]) for i, a in enumerate(labels) for b in labels[i + 1 :] if _overlap(a, b)]
        assert overlapping == []
        whole = {text for text, *_box in labels}
        notes = slide.notes_slide.notes_text_frame.text
        assert [title for title in titles if title not in whole and title not in notes] == []
        assert any(text.endswith("…") for text in whole)  # the crowd's titles cut to their room
        assert len(labels) >= len(titles) - 3

    path = tmp_path / "milestones.pptx"
    path.write_bytes(content)
    pdf = deck_as_pdf(path)
    words = words_of(pdf)
    for number, slide in timelines:
        drawn = [w for w in words if w[0] == number]
        for text, left, top, right, bottom in _labels(slide, titles):
            box = [value / EMU_PER_POINT for value in (left, top, right, bottom)]
            run = _drawn_run([w for w in drawn if box[1] - 2 <= w[3] and w[5] <= box[3] + 2], text, box)
            assert box[0] - 1 <= run[0] and run[1] <= box[2] + 1, (text, box, run)  # in its box
        assert all(w[4] <= w[1] for w in drawn)  # no word past the page's right edge
        above = [(n, 0.0, x0, y0, x1, y1, t) for n, _w, x0, y0, x1, y1, t in drawn if y1 < 1.7 * 72]
        assert overlapping_words(above) == []  # the titles, the slide's and the milestones', apart
    keep_pages(pdf, {f"p{n}": n for n, _slide in timelines[:2]}, tmp_path, "deck-milestones")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=400), st.text(alphabet="abcdé wxyz", min_size=1, max_size=60)
        ),
        min_size=1,
        max_size=25,
    )
)
def test_milestone_titles_are_laid_out_apart_and_inside_wherever_the_milestones_fall(
    days: list[tuple[int, str]],
) -> None:
    """Milestones anywhere on a 400-day timeline, as many and as close as they come: on each line the titles
    keep apart, inside the slide, each the milestone's title or its beginning cut with « … »."""
    from jalon.reports import slides_milestones as milestones
    from jalon.reports.slide_parts import MARGIN, WIDTH

    left, width = MARGIN + Inches(2.4), WIDTH - 2 * MARGIN - Inches(2.4)
    ordered = sorted(days)
    xs = [left + width * day // 400 - milestones.SIZE // 2 for day, _title in ordered]
    titles = [title for _day, title in ordered]
    laid = milestones.labels(xs, titles)
    for x, title, label in zip(xs, titles, laid, strict=True):
        if label is None:
            continue
        assert label.text == title or (label.text.endswith("…") and title.startswith(label.text[:-1]))
        assert label.left >= MARGIN and label.left + label.width <= milestones.RIGHT
        edge = x + milestones.SIZE if label.leftwards else x
        assert (label.left + label.width if label.leftwards else label.left) == edge  # at its diamond
    for line in range(len(milestones.LINES)):
        boxes = sorted((lb.left, lb.left + lb.width) for lb in laid if lb is not None and lb.line == line)
        assert all(end + milestones.GAP <= start for (_s, end), (start, _e) in pairwise(boxes))
    assert laid[0] is not None  # the first always has room
