"""A persona's experience map as an SVG picture (the same picture goes into the deliverable): one column
per step with its touchpoint, and the emotion curve from -2 to +2 across the steps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from django.utils.translation import gettext as _

from jalon.framing.models import JourneyStep

COLUMN = 170
TOP = 60
CURVE = 160  # height of the emotion band
LEFT = 70
ROOM = COLUMN - 10  # a label's width in its column, a little apart from its neighbours'
EM = 0.55  # the average width of a character, in em


def cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one « … » when something is left out."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> None:
    node = ET.SubElement(parent, "text", {"x": f"{x:g}", "y": f"{y:g}", **attrs})
    node.text = text


def _label(parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> None:
    """A step's label in its column: one longer than the column is at the usual width of its characters
    is drawn narrower to fit it (capitals, or a word of 28 characters, ran over the next step's label)."""
    if len(text) * int(attrs["font-size"]) * EM > ROOM:
        attrs = {**attrs, "textLength": str(ROOM), "lengthAdjust": "spacingAndGlyphs"}
    _text(parent, x, y, text, **attrs)


def journey_svg(steps: Sequence[JourneyStep], *, title: str) -> str:
    width = LEFT + max(1, len(steps)) * COLUMN + 20
    height = TOP + CURVE + 70
    svg = ET.Element(
        "svg",
        {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}", "width": str(width),
         "height": str(height), "role": "img", "aria-labelledby": "journey-title", "class": "journey-map"},
    )  # fmt: skip
    heading = ET.SubElement(svg, "title", {"id": "journey-title"})
    heading.text = title
    for score in (2, 0, -2):
        y = TOP + (2 - score) * CURVE / 4
        line = {"x1": str(LEFT), "x2": str(width - 20), "y1": f"{y:g}", "y2": f"{y:g}", "stroke": "#d1d5db"}
        ET.SubElement(svg, "line", line | ({"stroke-dasharray": "4 4"} if score else {}))
        _text(
            svg, LEFT - 8, y + 4, f"{score:+d}" if score else "0", **{"text-anchor": "end", "font-size": "12"}
        )
    _text(svg, 8, TOP - 30, _("Feels"), **{"font-size": "12", "font-weight": "600"})
    points = []
    for index, step in enumerate(steps):
        x = LEFT + index * COLUMN + COLUMN / 2
        y = TOP + (2 - step.feels) * CURVE / 4
        points.append(f"{x:g},{y:g}")
        _label(
            svg,
            x,
            24,
            cut(step.name, 28),
            **{"text-anchor": "middle", "font-size": "13", "font-weight": "600"},
        )
        label = (
            f"{cut(step.touchpoint, 22)} · {step.get_kind_display()}"
            if step.touchpoint
            else str(step.get_kind_display())
        )
        _label(svg, x, 42, label, **{"text-anchor": "middle", "font-size": "11", "fill": "#4b5563"})
        colour = "#16a34a" if step.feels > 0 else "#dc2626" if step.feels < 0 else "#6b7280"
        ET.SubElement(svg, "circle", {"cx": f"{x:g}", "cy": f"{y:g}", "r": "7", "fill": colour})
        if step.pains:
            _label(svg, x, TOP + CURVE + 30, "⚠ " + cut(step.pains.splitlines()[0], 26),
                  **{"text-anchor": "middle", "font-size": "11", "fill": "#991b1b"})  # fmt: skip
        if step.opportunities:
            _label(svg, x, TOP + CURVE + 50, "→ " + cut(step.opportunities.splitlines()[0], 26),
                  **{"text-anchor": "middle", "font-size": "11", "fill": "#1d4ed8"})  # fmt: skip
    if len(points) > 1:
        ET.SubElement(svg, "polyline", {"points": " ".join(points), "fill": "none", "stroke": "#2563eb",
                                        "stroke-width": "2"})  # fmt: skip
    return ET.tostring(svg, encoding="unicode")
