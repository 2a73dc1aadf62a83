"""The operational view as the browser draws it, by geometry: the activity list fits a 1280 px window without
a sideways scroll; the chart's words are as wide as the server measured them (the face it measures in, not
the browser's own sans-serif); a bar the chart cuts says where it goes on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
TIMELINE = "/w/cloud-kicks/r/cloud-kicks/timeline/"

# The list's scroll box, how wide its table is, and where its last header cell ends against the box.
LIST_GEOMETRY = """() => { const box = document.querySelector('#timeline-list .table-scroll');
  const last = [...box.querySelectorAll('thead th')].at(-1).getBoundingClientRect();
  const link = box.querySelector('td.tl-action a');
  return {inner: box.clientWidth, table: box.scrollWidth, right: box.getBoundingClientRect().right,
          last: last.right, link: link.getBoundingClientRect().right,
          linkLines: link.getClientRects().length}; }"""
# Every text of the chart (bar titles, lane names line by line, milestones): its words and drawn width.
DRAWN = """svg => [...svg.querySelectorAll(
    'g.tl-bar text.tl-text, g.tl-lane tspan, g.tl-lane > text, g.tl-milestone text')]
  .filter(t => !t.querySelector('tspan'))
  .map(t => ({text: t.textContent, bold: getComputedStyle(t).fontWeight >= 600,
              drawn: t.getComputedTextLength(), size: parseFloat(getComputedStyle(t).fontSize)}))"""
LANE_RIGHTS = (
    """svg => [...svg.querySelectorAll('g.tl-lane > text')].map(t => t.getBBox().x + t.getBBox().width)"""
)
CLIPPED = """svg => { const g = svg.querySelector('g.tl-bar[data-key="corrections-site"][tabindex="0"]');
  const body = g.querySelector('rect.tl-body').getBBox();
  const marks = [...g.querySelectorAll('polygon.tl-more')].map(p => p.getBBox());
  const text = g.querySelector('text.tl-text').getBBox();
  return {clipped: g.dataset.clipped, label: g.getAttribute('aria-label'),
          left: body.x, right: body.x + body.width, top: body.y, bottom: body.y + body.height,
          marks: marks.map(m => [m.x, m.x + m.width, m.y, m.y + m.height]),
          text: [text.x, text.x + text.width], first: Number(svg.dataset.origin)}; }"""


@pytest.mark.reads_only
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_activity_list_fits_a_1280_px_window_without_a_sideways_scroll(logged_in_page, language, shot):
    page = logged_in_page(DEMO, language=language)
    page.goto(TIMELINE)
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        geometry = page.evaluate(LIST_GEOMETRY)
        assert geometry["table"] <= geometry["inner"], (width, geometry)  # nothing to scroll to
        assert geometry["last"] <= geometry["right"] + 0.5, (width, geometry)  # « Changer les dates » in view
        assert geometry["link"] <= geometry["right"], (width, geometry)
        assert geometry["linkLines"] <= 2, (width, geometry)  # it may wrap, once
    Look(shot, language)(page, "list")


@pytest.mark.reads_only
def test_the_charts_words_are_drawn_as_wide_as_the_server_measured_them(logged_in_page, assets_loaded, shot):
    from jalon.planning.timeline.marks import text_width
    from jalon.planning.timeline.svg import LABEL_GAP

    page = logged_in_page(DEMO)
    page.goto(TIMELINE)
    assets_loaded(page)
    chart = page.locator("svg.timeline")
    drawn = chart.evaluate(DRAWN)
    assert len(drawn) > 20
    measured = [(t["text"], t["drawn"], text_width(t["text"], t["size"], bold=t["bold"])) for t in drawn]
    assert [m for m in measured if m[1] > m[2] + 0.5] == []  # never wider than measured: no overflow
    # …and as wide, letter for letter: Arial's metrics (the browser's sans-serif) drew the words up to a
    # tenth narrower, cut with room to spare. A sign (✓) is measured as a whole em, wider than drawn.
    latin = [m for m in measured if "✓" not in m[0]]
    assert len(latin) > 10
    assert [m for m in latin if m[1] < m[2] * 0.98 - 0.5] == []
    origin = float(chart.get_attribute("data-origin") or 0)
    assert [right for right in chart.evaluate(LANE_RIGHTS) if right > origin - LABEL_GAP + 0.5] == []
    shot(page)


@pytest.mark.parametrize(
    ("language", "words"), [("fr", ", a commencé avant le {first}, se poursuit après le {last}"),
                            ("en", ", began before {first}, continues after {last}")],
)  # fmt: skip
def test_a_bar_the_chart_cuts_has_an_arrow_head_at_each_cut_end_and_says_where_it_goes_on(
    logged_in_page, assets_loaded, members, language, words, shot
):
    from jalon.planning import services
    from jalon.planning.models import Activity

    kept_up = Activity.objects.get(roadmap__slug="cloud-kicks", key="corrections-site")
    changes = {"start": date(2024, 1, 8), "end": date(2029, 6, 29)}  # kept up for years, past the reach
    services.update(kept_up, actor=members["owner"], expected_version=kept_up.version, changes=changes)
    page = logged_in_page(DEMO, language=language)
    page.goto(TIMELINE)
    assets_loaded(page)
    chart = page.locator("svg.timeline")
    first, last = (date.fromisoformat(chart.get_attribute(f"data-{end}") or "") for end in ("start", "end"))
    assert date(2024, 1, 8) < first and last < date(2029, 6, 29)
    bar: dict[str, Any] = chart.evaluate(CLIPPED)
    assert bar["clipped"] == "start end"
    day = "{0:%d/%m/%Y}" if language == "fr" else "{0.day} {0:%b %Y}"  # 01/08/2026, 1 Aug 2026
    said = words.format(first=day.format(first), last=day.format(last))
    assert bar["label"].endswith(said)
    assert bar["left"] == bar["first"]  # drawn from the chart's first day…
    (start_x1, start_x2, *start_y), (end_x1, end_x2, *end_y) = sorted(bar["marks"])
    assert bar["left"] <= start_x1 < start_x2 <= bar["left"] + 10  # …an arrow head inside each cut end
    assert bar["right"] - 10 <= end_x1 < end_x2 <= bar["right"]
    for top, bottom in (start_y, end_y):
        assert bar["top"] < top < bottom < bar["bottom"]
    assert start_x2 < bar["text"][0] and bar["text"][1] < end_x1  # the title between them, over neither
    page.locator(".timeline-scroll").evaluate("box => { box.scrollLeft = 0; }")
    shot(page)
