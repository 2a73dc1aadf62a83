"""The risk matrix: probability × impact on a 5 × 5 grid, as one self-contained SVG.

The same picture goes into the page, and later the PDF and the slides, so it carries its own colours
(no stylesheet), a title and a description for screen readers, and a legend in words: the colour of a
cell is never the only way to read its level. The output depends only on the inputs and the active
language, never on the order in which risks were given.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jalon.markup import escape

SCALE = range(1, 6)
LOW, MEDIUM, HIGH = "low", "medium", "high"
# Severity (probability × impact) from which a risk is medium, then high.
MEDIUM_FROM, HIGH_FROM = 5, 10

FILL = {LOW: "#dcfce7", MEDIUM: "#fef3c7", HIGH: "#fecaca"}
BORDER = {LOW: "#166534", MEDIUM: "#92400e", HIGH: "#b91c1c"}
INK, MUTED, MARKER = "#1f2937", "#374151", "#1f2937"

CELL = 84  # px; room for 3 × 3 markers
LEFT, TOP = 72, 16
GRID = CELL * 5
WIDTH = LEFT + GRID + 24
MARKER_RADIUS = 11
MARKERS_PER_CELL = 9
LEGEND_LINE = 20
LEGEND_FONT = 13
LEGEND_EMS = (WIDTH - LEFT - 8) / LEGEND_FONT
"""How wide a line of the list under the grid may be, in ems of its font."""
LEGEND_LINES = 5
"""Lines a risk may take in that list: a 200-character name (a risk's longest) fits whole; a longer line is
cut with an ellipsis, whole in its tooltip."""
# Each character's width in ems, rounded up, as DejaVu Sans (the PDF's font, among the widest sans-serif
# fonts) draws it; a letter with an accent is as wide as the letter, any other character is taken as 1 em.
_EMS = {
    ems: characters
    for ems, characters in (
        (0.3, "'IJijl"), (0.35, " ,./:;\\|’"), (0.4, "()-[]ft"), (0.45, "!r"), (0.5, '"*_`–'), (0.55, "?csz"),
        (0.6, "FLkvxy"), (0.65, "$0123456789EPSTYabdeghnopqu{}«»€"), (0.7, "ABCKRVXZ"), (0.75, "NU"),
        (0.8, "&DGHOQ"), (0.85, "#+<=>^w~×"), (0.9, "M"),
    )
}  # fmt: skip
EMS = {character: ems for ems, characters in _EMS.items() for character in characters}


def level(probability: int, impact: int) -> str:
    """low (1–4), medium (5–9) or high (10–25)."""
    severity = probability * impact
    if severity >= HIGH_FROM:
        return HIGH
    if severity >= MEDIUM_FROM:
        return MEDIUM
    return LOW


def level_label(name: str) -> str:
    return {LOW: _("low"), MEDIUM: _("medium"), HIGH: _("high")}[name]


@dataclass(frozen=True)
class PlacedRisk:
    """A risk as the matrix shows it: its number in the register, its title and where it sits."""

    number: int
    title: str
    probability: int
    impact: int

    def __post_init__(self) -> None:
        if self.probability not in SCALE or self.impact not in SCALE:
            raise ValueError(f"risk {self.number}: probability and impact must be 1 to 5")


def cell_origin(probability: int, impact: int) -> tuple[int, int]:
    """Top-left corner of a cell: impact grows to the right, probability upwards."""
    return LEFT + (impact - 1) * CELL, TOP + (5 - probability) * CELL


def text_ems(text: str) -> float:
    """How wide ``text`` is drawn, in ems (``EMS``; rounded up, so never narrower than drawn)."""
    return sum(EMS.get(c, EMS.get(unicodedata.normalize("NFD", c)[:1], 1.0)) for c in text)


def legend_lines(text: str, tail: str = "") -> list[str]:
    """``text`` then ``tail`` on lines of at most ``LEGEND_EMS``, broken between words, and inside a word too
    long for a line (a name with no space); ``tail`` (a risk's score, « — 4 × 3 = 12 ») is never broken: it
    ends the last line, or begins a line of its own. At most ``LEGEND_LINES``, the last one ending with an
    ellipsis if it goes on."""
    lines = [""]
    for word in [*text.split(), *([tail] if tail else [])]:
        gap = " " if lines[-1] else ""
        if text_ems(lines[-1] + gap + word) <= LEGEND_EMS:
            lines[-1] += gap + word
            continue
        if word == tail:  # on a line of its own, with the title's last word when it fits: no lone score
            last = lines[-1].rsplit(" ", 1)
            moved = len(last) == 2 and text_ems(f"{last[1]} {tail}") <= LEGEND_EMS
            lines[-1:] = [last[0], f"{last[1]} {tail}"] if moved else [lines[-1], tail]
            continue
        if text_ems(word) <= LEGEND_EMS:
            lines.append(word)
            continue
        rest = gap + word  # a word longer than a line fills this one first, then as many lines as it takes
        for character in rest:
            if text_ems(lines[-1] + character) > LEGEND_EMS:
                lines.append("")
            lines[-1] += character if lines[-1] or character != " " else ""
    if len(lines) > LEGEND_LINES:
        lines = lines[:LEGEND_LINES]
        while lines[-1] and text_ems(lines[-1] + "…") > LEGEND_EMS:
            lines[-1] = lines[-1][:-1]
        lines[-1] = lines[-1].rstrip() + "…"
    return [line for line in lines if line]


def _cells() -> list[str]:
    parts = []
    for probability in SCALE:
        for impact in SCALE:
            x, y = cell_origin(probability, impact)
            name = level(probability, impact)
            parts.append(
                f'<rect class="cell level-{name}" data-probability="{probability}" data-impact="{impact}" '
                f'x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{FILL[name]}" stroke="#ffffff" '
                'stroke-width="2"/>'
            )
    return parts


def _axes() -> list[str]:
    parts = []
    for value in SCALE:
        x, _y = cell_origin(1, value)
        parts.append(
            f'<text x="{x + CELL // 2}" y="{TOP + GRID + 18}" text-anchor="middle" font-size="13" '
            f'fill="{MUTED}">{value}</text>'
        )
        _x, y = cell_origin(value, 1)
        parts.append(
            f'<text x="{LEFT - 10}" y="{y + CELL // 2 + 5}" text-anchor="end" font-size="13" '
            f'fill="{MUTED}">{value}</text>'
        )
    middle = TOP + GRID // 2
    impact, probability = (
        escape(_("Impact")),
        escape(_("Probability")),
    )  # not in f-strings: xgettext skips those
    parts.append(
        f'<text x="{LEFT + GRID // 2}" y="{TOP + GRID + 40}" text-anchor="middle" font-size="14" '
        f'font-weight="700" fill="{INK}">{impact} →</text>'
        f'<text x="20" y="{middle}" text-anchor="middle" font-size="14" font-weight="700" fill="{INK}" '
        f'transform="rotate(-90 20 {middle})">{probability} →</text>'
    )
    return parts


def _circle(probability: int, impact: int, slot: int, text: str) -> str:
    x, y = cell_origin(probability, impact)
    cx, cy = x + 16 + (slot % 3) * 26, y + 16 + (slot // 3) * 26
    size = 11 if len(text) < 3 else 9
    return (
        f'<circle cx="{cx}" cy="{cy}" r="{MARKER_RADIUS}" fill="{MARKER}"/>'
        f'<text x="{cx}" y="{cy + 4}" text-anchor="middle" font-size="{size}" font-weight="700" '
        f'fill="#ffffff">{escape(text)}</text>'
    )


def _marker(risk: PlacedRisk, slot: int) -> str:
    tooltip = _("{number}. {title} (probability {probability} × impact {impact})").format(
        number=risk.number, title=risk.title, probability=risk.probability, impact=risk.impact
    )
    return (
        f'<g class="risk-marker" data-number="{risk.number}" data-probability="{risk.probability}" '
        f'data-impact="{risk.impact}"><title>{escape(tooltip)}</title>'
        f"{_circle(risk.probability, risk.impact, slot, str(risk.number))}</g>"
    )


def _overflow(probability: int, impact: int, count: int) -> str:
    tooltip = _("{count} more risks in this cell (see the list)").format(count=count)
    return (
        f'<g class="risk-overflow" data-probability="{probability}" data-impact="{impact}">'
        f"<title>{escape(tooltip)}</title>"
        f"{_circle(probability, impact, MARKERS_PER_CELL - 1, f'+{count}')}</g>"
    )


def _markers(risks: Sequence[PlacedRisk]) -> list[str]:
    """Up to nine markers per cell; beyond that the ninth says how many more the list holds."""
    by_cell: dict[tuple[int, int], list[PlacedRisk]] = defaultdict(list)
    for risk in risks:
        by_cell[(risk.probability, risk.impact)].append(risk)
    parts = []
    for (probability, impact), here in sorted(by_cell.items()):
        shown = here if len(here) <= MARKERS_PER_CELL else here[: MARKERS_PER_CELL - 1]
        parts += [_marker(risk, slot) for slot, risk in enumerate(shown)]
        if len(shown) < len(here):
            parts.append(_overflow(probability, impact, len(here) - len(shown)))
    return parts


def _level_legend(y: int) -> list[str]:
    parts = []
    ranges = {LOW: "1–4", MEDIUM: "5–9", HIGH: "10–25"}
    for index, name in enumerate((LOW, MEDIUM, HIGH)):
        x = LEFT + index * (GRID // 3)
        parts.append(
            f'<g class="level-legend" data-level="{name}"><rect x="{x}" y="{y - 12}" width="16" height="16" '
            f'fill="{FILL[name]}" stroke="{BORDER[name]}"/><text x="{x + 22}" y="{y + 1}" font-size="13" '
            f'fill="{INK}">{escape(level_label(name).capitalize())} ({ranges[name]})</text></g>'
        )
    return parts


def _risk_legend(risks: Sequence[PlacedRisk], y: int) -> list[str]:
    """Each risk's line under the grid, wrapped (``legend_lines``) rather than cut at the picture's edge, with
    the whole line as its tooltip; the first line carries the risk's number."""
    parts = [f'<g class="risk-legend" font-size="{LEGEND_FONT}" fill="{INK}">']
    for risk in risks:
        line = _("{number}. {title} — {probability} × {impact} = {severity}").format(
            number=risk.number, title=risk.title, probability=risk.probability, impact=risk.impact,
            severity=risk.probability * risk.impact,
        )  # fmt: skip
        # The score after the title stays whole on one line (it was broken « — 4 » / « × 3 = 12 »).
        head, score = line.rsplit(risk.title, 1) if risk.title else (line, "")
        texts = [
            f'<text x="{LEFT}" y="{y + index * LEGEND_LINE}"'
            + (f' data-number="{risk.number}">' if index == 0 else ' class="risk-legend-more">')
            + f"{escape(text)}</text>"
            for index, text in enumerate(legend_lines(head + risk.title, score.strip()))
        ]
        parts.append(f'<g class="risk-line"><title>{escape(line)}</title>{"".join(texts)}</g>')
        y += len(texts) * LEGEND_LINE
    parts.append("</g>")
    return parts


def risk_matrix(risks: Sequence[PlacedRisk], *, element_id: str = "risk-matrix") -> SafeString:
    """The 5 × 5 matrix with each risk as a numbered marker in its cell, and the list of risks below."""
    ordered = sorted(risks, key=lambda r: (r.number, r.title))
    legend_top = TOP + GRID + 76
    list_top = legend_top + 32
    title = _("Risk matrix: probability × impact")
    legend = _risk_legend(ordered, list_top) if ordered else []
    height = list_top + max(sum(part.count("<text ") for part in legend), 1) * LEGEND_LINE
    if ordered:
        description = pgettext("between rules in a sentence", "; ").join(
            _("{number}. {title}: probability {probability}, impact {impact}, {level}").format(
                number=r.number, title=r.title, probability=r.probability, impact=r.impact,
                level=level_label(level(r.probability, r.impact)),
            )
            for r in ordered
        )  # fmt: skip
    else:
        description = _("No risk to place.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{element_id}" class="risk-matrix" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" font-family="system-ui, sans-serif">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        *_cells(),
        *_axes(),
        *_markers(ordered),
        *_level_legend(legend_top),
    ]
    if ordered:
        parts += legend
    else:
        parts.append(
            f'<text x="{LEFT}" y="{list_top}" font-size="13" fill="{MUTED}">{escape(description)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
