"""SVG building blocks of the timeline: attributes, elements, text cut to fit, and ink that contrasts with
a colour."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

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


def fit(text: str, width: float, font: int) -> str:
    """``text`` cut with an ellipsis to about ``width`` pixels (0.6 em per character)."""
    chars = int(width / (font * 0.6))
    if chars < 3:
        return ""
    return text if len(text) <= chars else text[: chars - 1] + "…"


def wrap(text: str, width: float, font: int, *, lines: int = 2) -> list[str]:
    """``text`` on at most ``lines`` lines of about ``width`` pixels, broken between words; the last line
    is cut with an ellipsis when the words do not all fit (``fit``)."""
    chars = int(width / (font * 0.6))
    if chars < 3:
        return []
    words = text.split()
    out: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= chars or not current:
            current = candidate
            continue
        out.append(current)
        if len(out) == lines - 1:
            current = " ".join(words[index:])
            break
        current = word
    out.append(current)
    return [fit(line, width, font) for line in out if line]


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
