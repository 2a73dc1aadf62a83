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
