"""The SVG line chart of a KPI keeps every label inside the picture, whatever the values saved."""

from __future__ import annotations

import re
from datetime import date

from jalon.charts import Labels, line_chart

LABELS = Labels(title="Taux d'ouverture", description="Mesures", target="cible")


def frame_left(svg: str) -> float:
    match = re.search(r'<rect x="([\d.]+)"', svg)
    assert match is not None
    return float(match.group(1))


def test_a_huge_value_widens_the_axis_so_its_label_is_not_cut_off() -> None:
    points = [(date(2027, 1, 1), -5.0), (date(2027, 6, 1), 999_999_999_999_999.0)]
    svg = str(line_chart(points, labels=LABELS, format_value=lambda v: f"{v:,.0f} %".replace(",", " ")))
    longest = max(len(label) for label in re.findall(r'text-anchor="end"[^>]*>([^<]+)</text>', svg))
    assert longest == len("999 999 999 999 999 %")
    assert frame_left(svg) >= longest * 6.5  # the labels end 6 px left of the frame, 11 px digits and spaces


def test_small_values_keep_the_usual_axis_width() -> None:
    points = [(date(2027, 1, 1), 2.0), (date(2027, 6, 1), 3.5)]
    assert frame_left(str(line_chart(points, labels=LABELS, format_value=lambda v: f"{v:.1f} %"))) == 72


def test_a_dot_marks_each_value_while_they_stand_apart_and_not_once_they_merge_into_a_band() -> None:
    """500 daily values on a 640 px chart are under a pixel apart: their dots made a solid blue band over
    the line (and 500 tooltips); the line alone shows them, the table below lists each value."""
    from datetime import timedelta

    monthly = [(date(2027, month, 1), float(month)) for month in range(1, 13)]
    assert str(line_chart(monthly, labels=LABELS)).count("<circle") == 12
    daily = [(date(2026, 1, 1) + timedelta(days=n), float(n % 7)) for n in range(500)]
    svg = str(line_chart(daily, labels=LABELS))
    assert svg.count("<circle") == 0 and svg.count('class="series"') == 1


def _daily(count: int) -> list[tuple[date, float]]:
    from datetime import timedelta

    return [(date(2020, 1, 1) + timedelta(days=n), float((n * 7919) % 1000)) for n in range(count)]


def test_a_line_denser_than_the_pixels_keeps_each_columns_first_lowest_highest_and_last_point() -> None:
    from jalon.charts import thinned

    points = _daily(5000)
    x = lambda ordinal: (ordinal - points[0][0].toordinal()) / 5000 * 550  # noqa: E731
    kept = thinned(points, x)
    assert len(kept) < len(points) and kept == sorted(kept)
    columns: dict[int, list[tuple[date, float]]] = {}
    for point in points:
        columns.setdefault(round(2 * x(point[0].toordinal())), []).append(point)
    assert len(kept) <= 4 * len(columns)
    for column in columns.values():
        inside = [p for p in kept if p in column]
        assert column[0] in inside and column[-1] in inside
        assert min(v for _d, v in inside) == min(v for _d, v in column)
        assert max(v for _d, v in inside) == max(v for _d, v in column)


def test_a_line_sparser_than_the_pixels_keeps_every_point() -> None:
    from jalon.charts import thinned

    points = _daily(300)
    assert thinned(points, lambda ordinal: (ordinal - points[0][0].toordinal()) * 2.0) == points


def test_a_chart_of_5000_measurements_stays_light_and_spans_the_whole_history() -> None:
    points = _daily(5000)
    svg = str(line_chart(points, labels=LABELS, format_date=lambda d: d.isoformat()))
    line = re.search(r'<polyline points="([^"]+)"', svg)
    assert line is not None and len(line.group(1).split()) < 4500
    assert ">2020-01-01</text>" in svg and f">{points[-1][0].isoformat()}</text>" in svg
    assert len(svg) < 60_000


def test_a_dots_tooltip_separates_date_and_value_as_the_pages_language_writes_a_colon() -> None:
    from django.utils import translation

    points = [(date(2027, 1, 15), 2.5), (date(2027, 2, 15), 2.7)]
    with translation.override("fr"):
        french = str(line_chart(points, labels=LABELS, format_date=lambda d: d.strftime("%d/%m/%Y")))
    with translation.override("en"):
        english = str(line_chart(points, labels=LABELS, format_date=lambda d: d.strftime("%d %b %Y")))
    assert "<title>15/01/2027\u00a0: 2.5</title>" in french
    assert "<title>15 Jan 2027: 2.5</title>" in english
