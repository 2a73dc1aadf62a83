"""A slide's shapes written as DrawingML in one pass, for the slides that hold hundreds of them.

python-pptx's ``add_shape`` and ``add_textbox`` parse a template for every shape, search the whole shape tree
for its highest id, and every property set afterwards (fill, line, text, font) walks its element classes
again: on the timeline slides, a shape per activity, grid line and header label, that was most of the deck's
time. A ``Drawing`` writes each shape from one XML template per kind, with the elements python-pptx writes
for the same calls (names such as ``Rounded Rectangle 12``, ids, geometry, fill, no outline, text and
paragraph properties, control characters escaped as ``_x000B_``), numbers the shapes from a counter, and
parses them all at once when it is closed; python-pptx then reads them as its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from xml.sax.saxutils import escape

from pptx.dml.color import RGBColor
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.slide import Slide


class Kind(Enum):
    """The auto shapes a drawing makes: python-pptx's name for them and their preset geometry."""

    RECTANGLE = ("Rectangle", "rect")
    ROUNDED_RECTANGLE = ("Rounded Rectangle", "roundRect")
    DIAMOND = ("Diamond", "diamond")
    OVAL = ("Oval", "ellipse")


class Align(Enum):
    CENTER = ' algn="ctr"'
    RIGHT = ' algn="r"'
    NONE = ""


@dataclass(frozen=True)
class Font:
    """A paragraph's default run properties: size in points, bold (``None``: not set), colour, italic."""

    size: int
    colour: RGBColor
    bold: bool | None = None
    italic: bool = False

    def xml(self) -> str:
        bold = "" if self.bold is None else f' b="{int(self.bold)}"'
        italic = ' i="1"' if self.italic else ""
        fill = f'<a:solidFill><a:srgbClr val="{self.colour}"/></a:solidFill>'
        return f'<a:defRPr sz="{self.size * 100}"{bold}{italic}>{fill}</a:defRPr>'


_AUTO_SHAPE = (
    '<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name} {number}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
    '<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="{prst}">'
    '<a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>{line}'
    "</p:spPr>"
    '<p:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="3"><a:schemeClr '
    'val="accent1"/></a:fillRef><a:effectRef idx="2"><a:schemeClr val="accent1"/></a:effectRef><a:fontRef '
    'idx="minor"><a:schemeClr val="lt1"/></a:fontRef></p:style><p:txBody><a:bodyPr rtlCol="0" anchor="ctr"'
    "{body}/><a:lstStyle/>{paragraphs}</p:txBody></p:sp>"
)
_NO_LINE = "<a:ln><a:noFill/></a:ln>"
_NO_EFFECTS = "<a:effectLst/>"  # no shadow from the theme
_LINE = '<a:ln w="19050"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln>'
_TEXT_BOX = (
    '<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="TextBox {number}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect">'
    '<a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="{wrap}"{body}><a:spAutoFit/>'
    "</a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>"
)
_FREEFORM = (
    '<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="Freeform {number}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
    '<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:custGeom><a:avLst/><a:gdLst/>'
    '<a:ahLst/><a:cxnLst/><a:rect l="l" t="t" r="r" b="b"/><a:pathLst><a:path w="{cx}" h="{cy}">{path}'
    '<a:close/></a:path></a:pathLst></a:custGeom><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
    "<a:ln><a:noFill/></a:ln><a:effectLst/></p:spPr></p:sp>"
)
_EMPTY_CENTRED = '<a:p><a:pPr algn="ctr"/></a:p>'  # an auto shape's paragraph before any text is set
_SPACE_AFTER_6 = '<a:spcAft><a:spcPts val="600"/></a:spcAft>'
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")
_BREAK = re.compile("\n|\v")


def runs(text: str) -> str:
    """A paragraph's runs for ``text`` as python-pptx's ``_Paragraph.text`` writes them: a line break for
    each new line or vertical tab, no empty run, other control characters escaped as ``_x001B_``."""
    parts = []
    for index, part in enumerate(_BREAK.split(text)):
        if index:
            parts.append("<a:br/>")
        if part:
            plain = _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", part)
            parts.append(f"<a:r><a:t>{escape(plain)}</a:t></a:r>")
    return "".join(parts)


def properties(font: Font, align: Align = Align.NONE, *, space_after: bool = False) -> str:
    """A paragraph's ``a:pPr``: its alignment, 6 points after it if asked, its font."""
    return f"<a:pPr{align.value}>{_SPACE_AFTER_6 if space_after else ''}{font.xml()}</a:pPr>"


def frame_paragraphs(text: str, first: str) -> str:
    """``text`` as python-pptx's ``TextFrame.text`` writes it, a paragraph per line, the first one with the
    ``first`` properties (``properties(...)``) that the callers used to set on ``paragraphs[0]``."""
    lines = text.split("\n")
    return f"<a:p>{first}{runs(lines[0])}</a:p>" + "".join(f"<a:p>{runs(line)}</a:p>" for line in lines[1:])


def box_paragraphs(lines: Sequence[tuple[str, int, bool]], colour: RGBColor) -> str:
    """(text, size in points, bold) paragraphs in ``colour`` as ``slide_parts.text_box`` writes them, 6 points
    after each; an empty paragraph when there is no line, as python-pptx's new text box has."""
    paragraphs = [
        f"<a:p>{properties(Font(size, colour, bold), space_after=True)}{runs(text)}</a:p>"
        for text, size, bold in lines
    ]
    return "".join(paragraphs) or "<a:p/>"


class Drawing:
    """Shapes to add to ``slide``, above those it has, in the order they are drawn."""

    def __init__(self, slide: Slide) -> None:
        self._tree = slide.shapes.element
        self._next_id = int(self._tree.max_shape_id) + 1
        self._shapes: list[str] = []

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def shape(self, kind: Kind, x: int, y: int, cx: int, cy: int, fill: RGBColor, *,
              text: tuple[str, str] | None = None, wrap: bool = True,
              outline: RGBColor | None = None, flat: bool = False, left_inset: int | None = None,
              ) -> None:  # fmt: skip
        """An auto shape filled with ``fill``, without outline unless ``outline`` (1.5 points of that
        colour); ``text`` (its text and its first paragraph's properties) replaces its empty centred
        paragraph; ``wrap=False`` keeps the text on one line; ``flat`` drops the theme's shadow (a shaded
        area behind the grid); ``left_inset`` (EMUs) moves the text away from the left edge."""
        shape_id = self._id()
        name, prst = kind.value
        paragraphs = _EMPTY_CENTRED if text is None else frame_paragraphs(*text)
        body = ("" if wrap else ' wrap="none"') + ("" if left_inset is None else f' lIns="{int(left_inset)}"')
        line = (_NO_LINE if outline is None else _LINE.format(colour=outline)) + (_NO_EFFECTS if flat else "")
        self._shapes.append(_AUTO_SHAPE.format(
            id=shape_id, name=name, number=shape_id - 1, x=int(x), y=int(y), cx=int(cx), cy=int(cy),
            prst=prst, fill=fill, paragraphs=paragraphs,
            body=body, line=line,
        ))  # fmt: skip

    def polygon(self, points: Sequence[tuple[float, float]], fill: RGBColor) -> None:
        """A closed freeform through ``points`` (slide EMUs) filled with ``fill``, flat and without outline,
        as python-pptx's ``build_freeform`` would write it."""
        xs, ys = [int(px) for px, _py in points], [int(py) for _px, py in points]
        x, y = min(xs), min(ys)
        corners = [f'<a:pt x="{px - x}" y="{py - y}"/>' for px, py in zip(xs, ys, strict=True)]
        path = f"<a:moveTo>{corners[0]}</a:moveTo>" + "".join(f"<a:lnTo>{c}</a:lnTo>" for c in corners[1:])
        shape_id = self._id()
        self._shapes.append(_FREEFORM.format(
            id=shape_id, number=shape_id - 1, x=x, y=y, cx=max(xs) - x, cy=max(ys) - y, path=path, fill=fill,
        ))  # fmt: skip

    def text_box(self, x: int, y: int, cx: int, cy: int, paragraphs: str, *, wrap: bool = False,
                 no_side_margins: bool = False, no_margins: bool = False) -> None:  # fmt: skip
        """A text box of ``paragraphs`` (``frame_paragraphs`` or ``box_paragraphs``), grown to its text as
        python-pptx's are; ``wrap`` wraps its lines, ``no_side_margins`` zeroes its left and right insets,
        ``no_margins`` all four (the box is its text's)."""
        shape_id = self._id()
        body = ' lIns="0" rIns="0"' if no_side_margins or no_margins else ""
        self._shapes.append(_TEXT_BOX.format(
            id=shape_id, number=shape_id - 1, x=int(x), y=int(y), cx=int(cx), cy=int(cy),
            wrap="square" if wrap else "none", body=body + (' tIns="0" bIns="0"' if no_margins else ""),
            paragraphs=paragraphs,
        ))  # fmt: skip

    def close(self) -> None:
        """Parses the shapes drawn since the last call and adds them to the slide's shape tree."""
        if not self._shapes:
            return
        drawn = parse_xml(f"<p:spTree {nsdecls('a', 'p')}>{''.join(self._shapes)}</p:spTree>")
        self._shapes = []
        extensions = self._tree.find(qn("p:extLst"))
        if extensions is None:
            self._tree.extend(list(drawn))
        else:
            for shape in list(drawn):
                extensions.addprevious(shape)


@contextmanager
def drawing(slide: Slide) -> Iterator[Drawing]:
    """A ``Drawing`` on ``slide``, its shapes added to the slide when the block ends."""
    shapes = Drawing(slide)
    yield shapes
    shapes.close()
