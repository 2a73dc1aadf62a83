"""Server-rendered SVG charts: the same picture in the page, the PDF and the slides.

One line chart of dated values serves every page: a KPI's measurements with its target (a line or a band),
the benchmark band and the forecast fan (the 80 % interval around the central projection) up to the
deadline. Pure functions of their inputs; text is escaped; the chart carries a title and description for
screen readers, and every point a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from jalon.markup import escape

BLUE, RED, GREY, FAN = "#1d4ed8", "#b91c1c", "#374151", "#7c3aed"


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    label: str


@dataclass(frozen=True)
class Fan:
    """Future steps: (date, central projection, low end, high end), starting after the last measurement."""

    steps: Sequence[tuple[date, float, float, float]]
    label: str


@dataclass(frozen=True)
class Labels:
    title: str
    description: str
    target: str


def _scale(low: float, high: float, out_low: float, out_high: float) -> Callable[[float], float]:
    span = (high - low) or 1.0

    def scale(value: float) -> float:
        return out_low + (value - low) / span * (out_high - out_low)

    return scale


DOT_SPACING = 6  # px between two dots on average: closer, 3.5 px dots overlap


def thinned(points: Sequence[tuple[date, float]], x: Callable[[float], float]) -> list[tuple[date, float]]:
    """The points a line needs to look the same at the chart's resolution: per column of half a chart unit
    (a device pixel or less: the 640-unit chart is drawn at most 760 px wide, twice that on a dense
    screen), the first, lowest, highest and last point, in date order (M4 aggregation, Jugel et al., VLDB
    2014). A line through them draws the same pixels as through all of them, with at most four points a
    column. Fewer than two points a column on average are kept as they are."""
    ordered = sorted(points, key=lambda point: point[0])
    columns: dict[int, list[tuple[date, float]]] = {}
    for point in ordered:
        columns.setdefault(round(2 * x(point[0].toordinal())), []).append(point)
    if len(ordered) <= 2 * len(columns):
        return ordered
    kept: list[tuple[date, float]] = []
    for column in columns.values():
        extremes = {column[0], min(column, key=lambda p: p[1]), max(column, key=lambda p: p[1]), column[-1]}
        kept += sorted(extremes, key=lambda point: point[0])
    return kept


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
    value, while the dots stand apart (``DOT_SPACING`` px on average); closer, they would merge into a band
    over the line. ``x`` places a date's ordinal, ``y`` a value. A line denser than the pixels is thinned
    without changing its picture (``thinned``)."""
    coords = " ".join(f"{x(d.toordinal()):.1f},{y(v):.1f}" for d, v in thinned(points, x))
    parts = [f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2" class="series"/>']
    days = [day.toordinal() for day, _value in points]
    if len(days) > 1 and (x(max(days)) - x(min(days))) / (len(days) - 1) < DOT_SPACING:
        return parts
    for day, value in points:
        # "15/01/2027 : 2,5 %" in French (a no-break space before the colon), "15 Jan 2027: 2.5%" in English
        tooltip = _("{date}: {value}").format(date=format_date(day), value=format_value(value))
        parts.append(
            f'<circle cx="{x(day.toordinal()):.1f}" cy="{y(value):.1f}" r="3.5" fill="{colour}">'
            f"<title>{escape(tooltip)}</title></circle>"
        )
    return parts


Scale = Callable[[float], float]


def _fan(fan: Fan, start: tuple[date, float], x: Scale, y: Scale) -> str:
    origin = (start[0], start[1], start[1], start[1])
    path = [origin, *fan.steps]
    upper = " ".join(f"{x(d.toordinal()):.1f},{y(hi):.1f}" for d, _m, _lo, hi in path)
    lower = " ".join(f"{x(d.toordinal()):.1f},{y(lo):.1f}" for d, _m, lo, _hi in reversed(path))
    central = " ".join(f"{x(d.toordinal()):.1f},{y(m):.1f}" for d, m, _lo, _hi in path)
    return (
        f'<polygon points="{upper} {lower}" fill="{FAN}" fill-opacity="0.18" stroke="none" '
        f'class="forecast-fan"><title>{escape(fan.label)}</title></polygon>'
        f'<polyline points="{central}" fill="none" stroke="{FAN}" stroke-width="2" '
        'stroke-dasharray="4 3" class="forecast-line"/>'
    )


AXIS_MIN_WIDTH = 72
TICK_CHAR_WIDTH = 7  # an 11 px digit or space is at most this wide in the fonts the pages and the PDF use


def axis_width(labels: Iterable[str]) -> int:
    """Room left of the plot for the value axis: 72 px, or more when a label is long (999 999 999 999 999 %
    would start left of the picture and be cut)."""
    longest = max((len(label) for label in labels), default=0)
    return max(AXIS_MIN_WIDTH, longest * TICK_CHAR_WIDTH + 12)


def line_chart(
    points: Sequence[tuple[date, float]],
    *,
    labels: Labels,
    target: float | None = None,
    target_band: Band | None = None,
    benchmark: Band | None = None,
    fan: Fan | None = None,
    ids: str = "chart",
    css: str = "chart",
    format_value: Callable[[float], str] = str,
    format_date: Callable[[date], str] = date.isoformat,
    width: int = 640,
    height: int = 260,
) -> SafeString:
    """A line of dated values with an optional dashed target line, target band, benchmark band and
    forecast fan. ``ids`` prefixes the ids of its title and description: several charts in one document
    need different ones."""
    right, top, bottom = 16, 16, 36
    steps = list(fan.steps) if fan else []
    values = [v for _d, v in points] + [v for _d, mid, lo, hi in steps for v in (mid, lo, hi)]
    values += [target] if target is not None else []
    for band in (target_band, benchmark):
        values += [band.low, band.high] if band else []
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    ticks = [(tick, format_value(tick)) for tick in (low, (low + high) / 2, high)]
    left = axis_width(text for _tick, text in ticks)
    days = [d for d, _v in points] + [step[0] for step in steps]
    title_id, desc_id = f"{ids}-title", f"{ids}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="{css}" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(labels.title)}</title>'
        f'<desc id="{desc_id}">{escape(labels.description)}</desc>',
        f'<rect x="{left}" y="{top}" width="{width - left - right}" height="{height - top - bottom}" '
        'fill="#ffffff" stroke="#6b7280" stroke-width="1"/>',
    ]
    if not days or not values:
        return mark_safe("".join([*parts, "</svg>"]))
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    y = _scale(low - pad, high + pad, height - bottom, top)
    first, last = min(days).toordinal(), max(days).toordinal()
    x = _scale(first, last if last > first else first + 1, left + 8, width - right - 8)
    plot_left, plot_right = left + 1, width - right - 1

    def band_rect(band: Band, colour: str, css: str) -> str:
        top_y, bottom_y = y(band.high), y(band.low)
        return (
            f'<rect x="{plot_left}" y="{top_y:.1f}" width="{plot_right - plot_left}" '
            f'height="{max(bottom_y - top_y, 1):.1f}" fill="{colour}" fill-opacity="0.12" class="{css}">'
            f"<title>{escape(band.label)}</title></rect>"
        )

    if benchmark:
        parts.append(band_rect(benchmark, "#059669", "benchmark-band"))
    if target_band:
        parts.append(band_rect(target_band, RED, "target-band"))
    for tick, text in ticks:
        parts.append(
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" fill="{GREY}">'
            f"{escape(text)}</text>"
        )
    # The first date starting at its point, the last one ending at its point so neither is cut off.
    ends = [(min(days), "start"), (max(days), "end")] if first != last else [(min(days), "middle")]
    for day, anchor in ends:
        parts.append(
            f'<text x="{x(day.toordinal()):.1f}" y="{height - 14}" text-anchor="{anchor}" font-size="11" '
            f'fill="{GREY}">{escape(format_date(day))}</text>'
        )
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" stroke="{RED}" '
            'stroke-width="1.5" stroke-dasharray="6 4" class="target-line"/>'
            f'<text x="{width - right - 4}" y="{ty - 5:.1f}" text-anchor="end" font-size="11" fill="{RED}">'
            f"{escape(labels.target)}</text>"
        )
    if fan and points:
        parts.append(_fan(fan, points[-1], x, y))
    if points:
        parts += series(points, x, y, format_date=format_date, format_value=format_value, colour=BLUE)
    parts.append("</svg>")
    return mark_safe("".join(parts))
