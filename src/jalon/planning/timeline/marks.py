"""SVG building blocks of the timeline: attributes, elements, text cut to fit, and ink that contrasts with
a colour."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

from jalon.markup import escape
from jalon.planning.timeline.model import INK, NO_THEME_COLOUR, PAPER


def num(value: float) -> str:
    return f"{value:.1f}"


_ATTRIBUTE_NAMES: dict[str, str] = {}


def attributes(**values: object) -> str:
    """XML attributes in the given order (``class_`` -> class, ``data_key`` -> data-key); ``None`` and
    ``False`` leave the attribute out; floats get one decimal so the output is stable; text is escaped."""
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        attribute = _ATTRIBUTE_NAMES.get(name)
        if attribute is None:
            attribute = _ATTRIBUTE_NAMES[name] = name.rstrip("_").replace("_", "-")
        if type(value) is float:
            parts.append(f'{attribute}="{value:.1f}"')
        elif type(value) is int:
            parts.append(f'{attribute}="{value}"')
        else:
            parts.append(f'{attribute}="{escape(str(value))}"')
    return " ".join(parts)


def el(tag: str, content: str | None = None, /, **attrs: object) -> str:
    """An element; ``content`` is already-escaped markup (``None``: an empty element)."""
    head = f"{tag} {attributes(**attrs)}" if attrs else tag
    return f"<{head}/>" if content is None else f"<{head}>{content}</{tag}>"


# DejaVu Sans's advance widths (thousandths of an em) for " " to "~", book then bold: the font the PDF draws
# the timeline in (``sans-serif`` under fontconfig) and among the widest sans-serif faces, so that a text
# measured to fit in it fits in Arial or Helvetica too. A flat 0.6 em a character let a bold lane name run
# into the first bar (« conversion mobile de… » took 157 px of 152).
_BOOK = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)  # fmt: skip
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)  # fmt: skip
_PUNCTUATION = {"…": 1000, "—": 1000, "–": 500, "’": 350, "‘": 350, "«": 630, "»": 630, "\u00a0": 330,
                "\u202f": 330, "€": 700, "•": 620}  # fmt: skip
_WIDE = 1000  # a CJK character, an emoji, a symbol from another font
_OTHER = 720  # a letter of another alphabet


class _Widths(dict[str, int]):
    """A face's widths by character, each worked out the first time it is asked for."""

    def __init__(self, ascii_widths: tuple[int, ...]) -> None:
        super().__init__((chr(32 + index), width) for index, width in enumerate(ascii_widths))
        self.ascii_widths = ascii_widths

    def __missing__(self, char: str) -> int:
        width = _PUNCTUATION.get(char)
        if width is None:
            base = ord(unicodedata.normalize("NFD", char)[0])  # é -> e, Ç -> C
            if 32 <= base < 127:
                width = self.ascii_widths[base - 32]
            elif unicodedata.east_asian_width(char) in "WF" or ord(char) >= 0x2000:
                width = _WIDE
            else:
                width = _OTHER
        self[char] = width
        return width


_FACES = {False: _Widths(_BOOK), True: _Widths(_BOLD)}


def text_width(text: str, font: float, *, bold: bool = False) -> float:
    """About the pixels ``text`` takes at ``font`` px (DejaVu Sans, book or bold)."""
    return sum(map(_FACES[bold].__getitem__, text)) * font / 1000


def fit(text: str, width: float, font: float, *, bold: bool = False) -> str:
    """``text`` cut with an ellipsis to at most ``width`` pixels; nothing when not even three letters fit."""
    if width < 1.8 * font:
        return ""
    ends = list(accumulate(map(_FACES[bold].__getitem__, text)))  # where each character ends, in 1/1000 em
    if not ends or ends[-1] * font <= width * 1000:
        return text
    room = width * 1000 / font - _FACES[bold]["…"]
    return text[: bisect_right(ends, room)].rstrip() + "…"


def wrap(text: str, width: float, font: float, *, lines: int = 2, bold: bool = False) -> list[str]:
    """``text`` on at most ``lines`` lines of at most ``width`` pixels, broken between words; the last line
    is cut with an ellipsis when the words do not all fit (``fit``)."""
    if width < 1.8 * font:
        return []
    words = text.split()
    out: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if not current or text_width(candidate, font, bold=bold) <= width:
            current = candidate
            continue
        out.append(current)
        if len(out) == lines - 1:
            current = " ".join(words[index:])
            break
        current = word
    out.append(current)
    return [fit(line, width, font, bold=bold) for line in out if line]


CLIP_MARK = 10.0
"""Pixels an arrow head takes at the end of a bar the chart cuts (``clip_marks``)."""


Head = tuple[tuple[float, float], tuple[float, float], tuple[float, float]]
"""An arrow head's three points: its back's top, its tip, its back's bottom."""


def clip_heads(
    x: float, y: float, width: float, height: float, *, began: bool, goes_on: bool, unit: float = 1.0
) -> list[Head]:
    """The arrow heads inside each end of the bar (``x``, ``y``, ``width``, ``height``) where the chart cuts
    it: pointing left when it ``began`` before the chart's first day, right when it ``goes_on`` after its
    last. ``unit`` is a page pixel in the drawing's units (the deck's EMUs), so every document draws the same
    head. None on a bar too short for two."""
    if width < 2 * CLIP_MARK * unit:
        return []
    heads: list[Head] = []
    inset, depth, margin = 2 * unit, 8 * unit, 3 * unit
    for cut, tip, back in ((began, x + inset, x + depth), (goes_on, x + width - inset, x + width - depth)):
        if cut:
            heads.append(((back, y + margin), (tip, y + height / 2), (back, y + height - margin)))
    return heads


def clip_marks(
    x: float, y: float, width: float, height: float, ink: str, *, began: bool, goes_on: bool
) -> str:
    """The bar's ``clip_heads`` as SVG polygons of ``ink``. The bar is longer than drawn; its label says so
    in words."""
    heads = clip_heads(x, y, width, height, began=began, goes_on=goes_on)
    points = (" ".join(f"{px:.1f},{py:.1f}" for px, py in head) for head in heads)
    return "".join(f'<polygon class="tl-more" points="{line}" fill="{ink}"/>' for line in points)


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) != 6:
        value = NO_THEME_COLOUR.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(rgb: Sequence[float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@lru_cache(maxsize=256)
def ink_on(colour: str, opacity: float = 1.0) -> str:
    """Dark or white text, whichever contrasts more with ``colour`` laid at ``opacity`` over white."""
    seen = [c * opacity + 255 * (1 - opacity) for c in rgb(colour)]
    light = luminance(seen)
    return INK if (light + 0.05) / (luminance(rgb(INK)) + 0.05) >= 1.05 / (light + 0.05) else PAPER
