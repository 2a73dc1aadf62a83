"""The pages' SVG pictures made lighter for WeasyPrint, and its SVG text drawn a line at a time.

The pictures are the pages' own (tooltips, data attributes, groups for the page's script); on paper none of
that shows, and WeasyPrint cascades and draws every node: ``print_svg`` leaves out the ``<title>`` and
``<desc>`` elements, the attributes only the page reads and the groups that carry nothing but those.

WeasyPrint 70 lays out and draws an SVG ``<text>`` letter by letter (one Pango layout and one PDF text
object per character, so that each letter may have its own ``x``, ``dx`` or ``rotate``): a thousand-activity
timeline spent a sixth of its PDF there. ``install`` gives WeasyPrint a drawing that lays out a text with a
single position as one line, the same glyphs in the same place, and leaves every other text to WeasyPrint.
"""

from __future__ import annotations

import re
from math import inf
from typing import Any
from xml.etree import ElementTree

import weasyprint
import weasyprint.svg
from PIL import ImageFile
from weasyprint.css.properties import INITIAL_VALUES
from weasyprint.draw.text import draw_emojis, draw_first_line
from weasyprint.matrix import Matrix
from weasyprint.svg.bounding_box import extend_bounding_box
from weasyprint.svg.text import TextBox
from weasyprint.svg.utils import normalize, size
from weasyprint.text.line_break import split_first_line

# Importing WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process: after the first PDF report,
# a prototype image cut short was kept with a grey end instead of being refused. A report's pictures are
# Jalon's own (drawn or re-encoded by it), never truncated, so Pillow's default is put back.
ImageFile.LOAD_TRUNCATED_IMAGES = False

SVG_NS = "http://www.w3.org/2000/svg"
ElementTree.register_namespace("", SVG_NS)
_UNSEEN_ELEMENTS = frozenset({f"{{{SVG_NS}}}title", f"{{{SVG_NS}}}desc"})
_UNSEEN_ATTRIBUTE = re.compile(r"^(class|role|aria-.*|data-.*)$")
_GROUP = f"{{{SVG_NS}}}g"
WEASYPRINT_VERSION = "70.0"
"""The WeasyPrint whose SVG text drawing ``_line_text`` replaces; with another, WeasyPrint keeps its own."""


def print_svg(svg: str) -> str:
    """``svg`` without what only the page uses (tooltips, descriptions, classes, data attributes, groups
    holding nothing else): the same drawing, fewer nodes for WeasyPrint to cascade and draw."""
    root = ElementTree.fromstring(svg)
    _lighten(root)
    return ElementTree.tostring(root, encoding="unicode")


def _lighten(element: ElementTree.Element) -> None:
    children: list[ElementTree.Element] = []
    for child in element:
        if child.tag in _UNSEEN_ELEMENTS:
            continue
        for name in [name for name in child.attrib if _UNSEEN_ATTRIBUTE.match(name)]:
            del child.attrib[name]
        _lighten(child)
        if child.tag == _GROUP and not child.attrib:
            children.extend(child)  # a bare group: its children take its place
        else:
            children.append(child)
    element[:] = children


def _is_one_line(node: Any) -> bool:
    """A text WeasyPrint would draw as one run: one position at most, no per-letter shifts or spacing."""
    attributes = node.attrib
    return bool(node.text) and not any(
        name in attributes for name in ("dx", "dy", "rotate", "letter-spacing", "textLength")
    ) and all(len(normalize(attributes.get(name, "")).split()) <= 1 for name in ("x", "y"))  # fmt: skip


class _Style(dict[str, Any]):
    """WeasyPrint's text style: a dict of computed values with the document's font configuration."""

    font_config: Any


def _style(svg: Any, node: Any, font_size: float) -> _Style:
    """The text style WeasyPrint's own SVG text drawing gives ``node``."""
    style = _Style(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    weight = node.get("font-weight", 400)
    style["font_weight"] = {"normal": 400, "bold": 700}.get(weight) or (
        int(weight) if str(weight).isdigit() else 400
    )
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    return style


def _baseline_shift(node: Any, font_size: float, height: float) -> float:
    """WeasyPrint's vertical alignment of a text (``display-anchor``, ``dominant-baseline``)."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    anchor = node.get("display-anchor")
    if anchor in ("middle", "top", "bottom"):
        return {"middle": -height / 2, "top": 0.0, "bottom": -height}[anchor]
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0.0


def _line_text(svg: Any, node: Any, font_size: float) -> None:
    """Draw an SVG text as WeasyPrint does, as one line when it has a single position."""
    if not _is_one_line(node):
        _letter_text(svg, node, font_size)
        return
    style = _style(svg, node, font_size)
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    x, y = (node.attrib.get(name) for name in ("x", "y"))
    if x is not None:
        svg.cursor_d_position[0] = 0
        x = size(normalize(x).strip(), font_size, svg.inner_width)
    if y is not None:
        svg.cursor_d_position[1] = 0
        y = size(normalize(y).strip(), font_size, svg.inner_height)
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + _baseline_shift(node, font_size, height)
    points = ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height))
    node.text_bounding_box = extend_bounding_box(node.text_bounding_box, points)
    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    text_box = TextBox(layout, style)
    text_box.baseline = baseline
    emojis = draw_first_line(
        svg.stream, text_box, "none", "none", Matrix(a=1, d=-1, e=x_position, f=y_position)
    )
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


_letter_text = weasyprint.svg.text


def install() -> bool:
    """Let WeasyPrint draw SVG texts with ``_line_text`` (once; only on the version it was written for)."""
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        return False
    tags = weasyprint.svg.TAGS
    for tag in [tag for tag, draw in tags.items() if draw is _letter_text]:
        tags[tag] = _line_text
    weasyprint.svg.text = _line_text  # the name WeasyPrint's draw_node compares tags' drawings with
    return True
