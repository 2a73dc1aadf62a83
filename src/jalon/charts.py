"""Server-rendered SVG charts: the same picture in the page, the PDF and the slides.

Pure functions of their inputs; text is escaped; the chart carries a title and description
for screen readers, and every point a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from django.utils.safestring import SafeString, mark_safe

from jalon.markup import escape


def _scale(low: float, high: float, out_low: float, out_high: float) -> Callable[[float], float]:
    span = (high - low) or 1.0

    def scale(value: float) -> float:
        return out_low + (value - low) / span * (out_high - out_low)

    return scale


def series(
    points: Sequence[tuple[date, float]],
    x: Callable[[float], float],
    y: Callable[[float], float],
    *,
    format_date: Callable[[date], str],
    format_value: Callable[[float], str],
    colour: str,
) -> list[str]:
    """The SVG of a line of dated values: the line, then a dot a value, whose tooltip names its date and
    value. ``x`` places a date's ordinal, ``y`` a value."""
    coords = " ".join(f"{x(d.toordinal()):.1f},{y(v):.1f}" for d, v in points)
    parts = [f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2" class="series"/>']
    for day, value in points:
        parts.append(
            f'<circle cx="{x(day.toordinal()):.1f}" cy="{y(value):.1f}" r="3.5" fill="{colour}">'
            f"<title>{escape(format_date(day))}: {escape(format_value(value))}</title></circle>"
        )
    return parts


def line_chart(
    points: Sequence[tuple[date, float]],
    *,
    title: str,
    target: float | None = None,
    target_label: str = "",
    format_value: Callable[[float], str] = str,
    format_date: Callable[[date], str] = date.isoformat,
    width: int = 640,
    height: int = 240,
    element_id: str = "chart",
) -> SafeString:
    """A line of dated values with an optional dashed target line. ``element_id`` prefixes the ids of its
    title and description: several charts in one document need different ones."""
    left, right, top, bottom = 64, 16, 16, 36
    values = [v for _, v in points] + ([target] if target is not None else [])
    description = ", ".join(f"{format_date(d)}: {format_value(v)}" for d, v in points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart" aria-labelledby="{element_id}-title {element_id}-desc">',
        f'<title id="{element_id}-title">{escape(title)}</title>'
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
        f'<rect x="{left}" y="{top}" width="{width - left - right}" height="{height - top - bottom}" '
        'fill="#ffffff" stroke="#6b7280" stroke-width="1"/>',
    ]
    if not points:
        parts.append("</svg>")
        return mark_safe("".join(parts))
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    y = _scale(low - pad, high + pad, height - bottom, top)
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    x = _scale(first, last if last > first else first + 1, left + 8, width - right - 8)
    for tick in (low, (low + high) / 2, high):
        parts.append(
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" fill="#374151">'
            f"{escape(format_value(tick))}</text>"
        )
    # The first date centred under its point, the last one ending at its point so it is not cut off.
    ends = [(points[0][0], "middle")] + ([(points[-1][0], "end")] if points[-1][0] != points[0][0] else [])
    for day, anchor in ends:
        parts.append(
            f'<text x="{x(day.toordinal()):.1f}" y="{height - 14}" text-anchor="{anchor}" font-size="11" '
            f'fill="#374151">{escape(format_date(day))}</text>'
        )
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" stroke="#b91c1c" '
            'stroke-width="1.5" stroke-dasharray="6 4" class="target-line"/>'
            f'<text x="{width - right - 4}" y="{ty - 5:.1f}" text-anchor="end" font-size="11" fill="#b91c1c">'
            f"{escape(target_label)} {escape(format_value(target))}</text>"
        )
    parts += series(points, x, y, format_date=format_date, format_value=format_value, colour="#1d4ed8")
    parts.append("</svg>")
    return mark_safe("".join(parts))
