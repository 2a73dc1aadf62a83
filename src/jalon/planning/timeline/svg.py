"""The visual roadmap: a self-contained SVG timeline drawn on the server.

The same picture goes into the operational and executive pages, and later into PDF and slides, so the SVG
carries everything it needs: presentation attributes instead of a stylesheet, its font (``FONT``), a <title>
and a <desc>, and words for everything that colour or pattern says (a bar's status is in its label and
tooltip).

``render`` is plain string building over frozen dataclasses (``Chart``, ``Frame``): the same input gives
the same string; only the translated labels follow the active language. ``views_timeline`` reads a roadmap's
plan (``plan_of``) and builds those dataclasses (``build_chart``, ``frame_for``).

Layout: lanes stacked top to bottom; inside a lane, bars are packed into rows (the earliest-starting bar
takes the first row where it does not overlap). An activity serving several objectives is drawn in each
objective's lane; the first (in objective order) is the one keyboard users reach and arrows attach to,
the others are marked ``data-copy``. Quarters and years follow the fiscal calendar (Q1 starts in the
fiscal year's first month; FY2027 ends in 2027).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from jalon.markup import escape
from jalon.planning.timeline.arrows import Bars, Box, dependencies
from jalon.planning.timeline.marks import CLIP_MARK, attributes, clip_marks, el, fit, ink_on, num, wrap
from jalon.planning.timeline.model import (
    INK,
    MISSED,
    NORMAL,
    PAPER,
    SCALES,
    STATUS_LOOK,
    TODAY,
    WINDOW_FILL,
    WINDOW_STROKE,
    Bar,
    Chart,
    Frame,
    Lane,
    Layout,
    periods,
)
from jalon.planning.timeline.words import bar_label, period_label, short_date

# Rendering ----------------------------------------------------------------------------------------


BAR_CACHE_SIZE = 8192
"""Bars kept written (about 0.5 kB each): several charts of a thousand activities."""
CHART_CACHE_SIZE = 16
"""Whole charts kept written (up to about 1 MB each for a thousand activities)."""
LABEL_GAP = 8.0
"""Pixels left between a lane's name and the bars."""
FONT = "DejaVu Sans, sans-serif"
"""The face the labels are measured in (``marks.text_width``) and the PDF draws them in: a browser with it
draws them as wide as measured; one without falls back on a narrower sans-serif (Arial, Helvetica), where a
label measured to fit still fits. A browser's own ``sans-serif`` (Arial's metrics) cut them a few letters
before the room they had."""


class _Canvas:
    """Coordinates of one chart: where a day, the header and the lanes are."""

    def __init__(self, chart: Chart, frame: Frame, layout: Layout) -> None:
        self.frame, self.layout, self.per_day = frame, layout, frame.px_per_day
        self.left = float(layout.label_width)
        self.days = (frame.end - frame.start).days + 1
        self.right = self.left + self.days * self.per_day
        self.header = float(2 * layout.header_row)
        self.top = self.header + (layout.milestone_row if chart.milestones else 0)

    def x(self, day: date) -> float:
        """Left edge of ``day`` (clamped to the frame)."""
        days = min(max((day - self.frame.start).days, 0), self.days)
        return self.left + days * self.per_day

    def centre(self, day: date) -> float:
        return self.x(day) + self.per_day / 2

    def baseline(self, top: float, height: float) -> float:
        """The y of text vertically centred in a box."""
        return top + height / 2 + self.layout.font * 0.35


def _pack(bars: Iterable[Bar]) -> list[tuple[Bar, int]]:
    """Each bar with its row: the first row whose last bar ends before it starts."""
    row_ends: list[date] = []
    placed: list[tuple[Bar, int]] = []
    for bar in sorted(bars, key=lambda b: (b.start, b.end, b.key)):
        assert bar.start is not None and bar.end is not None
        for index, last in enumerate(row_ends):
            if last < bar.start:
                row_ends[index] = bar.end
                placed.append((bar, index))
                break
        else:
            row_ends.append(bar.end)
            placed.append((bar, len(row_ends) - 1))
    return placed


def _period_text(unit: str, first: date, fiscal_month: int, long: bool, room: float, font: float) -> str:
    """The period's label that fits in ``room`` px: the long one, else the short one ("T3"), else none."""
    labels = (period_label(unit, first, fiscal_year_start_month=fiscal_month, long=w) for w in (long, False))
    for text in dict.fromkeys(labels):
        if len(text) * font * 0.6 <= room:
            return text
    return ""


def _grid(canvas: _Canvas, bottom: float) -> list[str]:
    frame, layout = canvas.frame, canvas.layout
    major, minor, faint = SCALES[frame.zoom]
    out: list[str] = ['<g class="tl-grid">']
    if faint:
        for first, _after in periods(faint, frame):
            if frame.start < first <= frame.end:
                x = canvas.x(first)
                out.append(el("line", x1=x, y1=canvas.header, x2=x, y2=bottom, stroke="#eef0f3"))
    for row, (unit, long) in enumerate((major, minor)):
        y_top = float(row * layout.header_row)
        colour, width = ("#9ca3af", "1.5") if row == 0 else ("#d1d5db", "1")
        for first, after in periods(unit, frame):
            x1, x2 = canvas.x(first), canvas.x(after)
            if first > frame.start:
                out.append(el("line", x1=x1, y1=y_top, x2=x1, y2=bottom, stroke=colour, stroke_width=width))
            text = _period_text(unit, first, frame.fiscal_year_start_month, long, x2 - x1 - 4, layout.font)
            if text:
                out.append(
                    el(
                        "text", escape(text), class_=f"tl-{unit}", x=(x1 + x2) / 2,
                        y=canvas.baseline(y_top, layout.header_row), text_anchor="middle",
                        font_weight="bold" if row == 0 else None, fill=INK,
                    )
                )  # fmt: skip
    header = canvas.header
    out.append(el("line", x1=canvas.left, y1=header, x2=canvas.right, y2=header, stroke="#9ca3af"))
    out.append("</g>")
    return out


class _Place(NamedTuple):
    x1: float
    x2: float
    top: float
    copy: bool
    began: date | None = None  # the chart's first day, when the bar starts before it (clipped there)
    goes_on: date | None = None  # the chart's last day, when the bar ends after it (clipped there)


@dataclass(frozen=True)
class _BarStyle:
    """What every bar of one colour and status shares, written once per chart."""

    paint: str  # the body's fill and stroke attributes
    hatch: bool
    ink: str  # the label's colour
    tick: str  # "✓ " before a done activity's title
    struck: str  # the attribute that strikes a dropped activity's title


@lru_cache(maxsize=256)
def _bar_style(colour: str, status: str) -> _BarStyle:
    opacity, dash, hatch = STATUS_LOOK.get(status, (1.0, "", False))
    safe = escape(colour)
    paint = f'fill="{safe}" fill-opacity="{opacity:g}" stroke="{safe}"'
    if dash:
        paint += f' stroke-dasharray="{dash}"'
    return _BarStyle(
        paint,
        hatch,
        ink_on(colour, opacity),
        "✓ " if status == "done" else "",
        ' text-decoration="line-through"' if status == "dropped" else "",
    )


@lru_cache(maxsize=BAR_CACHE_SIZE)
def _bar(bar: Bar, place: _Place, layout: Layout, described: str | None, ids: str, language: str) -> str:
    """One bar, written directly (the hot path of a chart of a thousand activities). ``described``: the
    aria-describedby attribute of an interactive bar (maybe empty); None for a static chart.

    Memoised: the arguments are everything the bar shows (its activity's title, dates, status, owner and
    version, its place, the reader's language), so a chart drawn again after a few changes writes only the
    bars that changed."""
    assert bar.start is not None and bar.end is not None
    style = _bar_style(bar.colour, bar.status)
    x, y, width, height = place.x1, place.top, max(place.x2 - place.x1, 2.0), layout.bar
    label = escape(bar_label(bar, language=language, began=place.began, goes_on=place.goes_on))
    box = f'x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height}" rx="3"'
    head = (
        f'<g class="tl-bar" data-key="{escape(bar.key)}" data-start="{bar.start.isoformat()}" '
        f'data-end="{bar.end.isoformat()}" data-version="{bar.version}" data-status="{escape(bar.status)}"'
    )
    if bar.not_before is not None:
        head += f' data-not-before="{bar.not_before.isoformat()}"'
    if bar.must_finish_by is not None:
        head += f' data-must-finish-by="{bar.must_finish_by.isoformat()}"'
    if bar.late:
        head += ' data-late="true"'
    clipped = " ".join(side for side, day in (("start", place.began), ("end", place.goes_on)) if day)
    if clipped:
        head += f' data-clipped="{clipped}"'
    interactive = described is not None
    if place.copy:
        head += ' data-copy="true" aria-hidden="true"' if interactive else ' data-copy="true"'
    elif interactive:
        head += f' tabindex="0" role="button" aria-label="{label}"{described}'
    # A static chart (page image, PDF) carries its tooltip; an interactive one has its aria-label, which the
    # script shows as a tooltip on hover.
    head += ">" if interactive else f"><title>{label}</title>"
    body = f'<rect class="tl-body" {box} {style.paint}/>'
    if style.hatch:
        body += f'<rect class="tl-hatch" {box} fill="url(#{ids}-hatch)"/>'
    if bar.late:  # a red frame and a red tip at its end: past its end, not done
        body += (
            f'<rect class="tl-late" {box} fill="none" stroke="{MISSED}" stroke-width="2"/>'
            f'<circle cx="{x + width:.1f}" cy="{y + height / 2:.1f}" r="4" fill="{MISSED}" stroke="{PAPER}"/>'
        )
    body += clip_marks(
        x, y, width, height, style.ink, began=place.began is not None, goes_on=place.goes_on is not None
    )
    room = width - 8 - CLIP_MARK * ((place.began is not None) + (place.goes_on is not None))
    text = fit(style.tick + bar.title, room, layout.font)
    if text:
        indent = 4 + (CLIP_MARK if place.began else 0)
        body += (
            f'<text class="tl-text" x="{x + indent:.1f}" y="{y + height / 2 + layout.font * 0.35:.1f}" '
            f'fill="{style.ink}"{style.struck}>{escape(text)}</text>'
        )
    return f"{head}{body}</g>"


def _window(bar: Bar, canvas: _Canvas, top: float) -> str:
    """The bar's window, a pale band behind its row from the day it opens to the day it closes (to the
    chart's edge on an open side)."""
    x1 = canvas.x(bar.not_before) if bar.not_before else canvas.left
    x2 = canvas.x(bar.must_finish_by + timedelta(days=1)) if bar.must_finish_by else canvas.right
    height = canvas.layout.bar + 6
    return el(
        "rect", class_="tl-window", data_key=bar.key, x=x1, y=top - 3, width=max(x2 - x1, 1.0), height=height,
        rx="2", fill=WINDOW_FILL, stroke=WINDOW_STROKE, stroke_dasharray="4 3", stroke_width="1",
    )  # fmt: skip


def _milestones(chart: Chart, canvas: _Canvas, bottom: float) -> list[str]:
    frame, layout = canvas.frame, canvas.layout
    shown = (m for m in chart.milestones if frame.start <= m.date <= frame.end)
    marks = sorted(shown, key=lambda m: (m.date, m.key))
    out = ['<g class="tl-milestones">']
    cy = canvas.header + layout.milestone_row / 2
    r = layout.milestone_row / 2 - 5
    for index, mark in enumerate(marks):
        x = canvas.centre(mark.date)
        colour = MISSED if mark.missed else INK
        tip = _("Missed milestone: {title}, {date}") if mark.missed else _("Milestone: {title}, {date}")
        tip = tip.format(title=mark.title, date=short_date(mark.date))
        if mark.waiting:
            tip += " " + ngettext(
                "Out of reach in the schedule: {titles} is still an idea.",
                "Out of reach in the schedule: {titles} are still ideas.",
                len(mark.waiting),
            ).format(titles=", ".join(mark.waiting))
        following = canvas.centre(marks[index + 1].date) if index + 1 < len(marks) else canvas.right + 4
        name = _("{title} (missed)").format(title=mark.title) if mark.missed else mark.title
        text = fit(name, following - x - r - 8, layout.font, bold=mark.missed)
        points = " ".join(
            f"{num(px)},{num(py)}" for px, py in ((x, cy - r), (x + r, cy), (x, cy + r), (x - r, cy))
        )
        parts = [
            f"<title>{escape(tip)}</title>",
            el("line", x1=x, y1=cy + r, x2=x, y2=bottom, stroke=colour, stroke_opacity="0.5",
                stroke_dasharray="2 3"),
            el("polygon", class_="tl-diamond", points=points, fill=colour, stroke=PAPER, stroke_width="1"),
        ]  # fmt: skip
        if text:
            weight = "bold" if mark.missed else None
            baseline = canvas.baseline(cy - r, 2 * r)
            parts.append(el("text", escape(text), x=x + r + 4, y=baseline, fill=colour, font_weight=weight))
        out.append(
            el(
                "g", "".join(parts), class_="tl-milestone", data_key=mark.key,
                data_date=mark.date.isoformat(), data_missed="true" if mark.missed else None,
                data_waiting="true" if mark.waiting else None,
            )
        )  # fmt: skip
    out.append("</g>")
    return out


def _side(chart: Chart, canvas: _Canvas, height: float) -> list[str]:
    """The activities without dates, listed beside the chart."""
    layout, waiting = canvas.layout, chart.unscheduled
    if not waiting or not layout.side_width:
        return []
    x = canvas.right + 16
    line = layout.font + 6
    room = max(int((height - canvas.header - line) // line), 8)
    shown = waiting if len(waiting) <= room else waiting[: room - 1]
    title = _("Not scheduled ({count})").format(count=len(waiting))
    out = [
        '<g class="tl-unscheduled">',
        el("text", escape(title), x=x, y=canvas.header - 6, font_weight="bold", fill=INK),
    ]
    for index, bar in enumerate(shown):
        text = escape(fit("• " + bar.title, layout.side_width - 16, layout.font))
        content = f"<title>{escape(bar_label(bar))}</title>{text}"
        y = canvas.header + line * (index + 1)
        out.append(el("text", content, class_="tl-waiting", data_key=bar.key, x=x, y=y, fill=INK))
    if len(shown) < len(waiting):
        more = _("+ {count} more").format(count=len(waiting) - len(shown))
        y = canvas.header + line * (len(shown) + 1)
        out.append(el("text", escape(more), x=x, y=y, fill="#4b5563"))
    out.append("</g>")
    return out


def _description(chart: Chart, frame: Frame) -> str:
    waiting, marks = len(chart.unscheduled), len(chart.milestones)
    scheduled = len(chart.bars) - waiting
    return "; ".join(
        [
            ngettext("{count} scheduled activity", "{count} scheduled activities", scheduled).format(
                count=scheduled
            ),
            ngettext("{count} milestone", "{count} milestones", marks).format(count=marks),
            ngettext("{count} activity not scheduled", "{count} activities not scheduled", waiting).format(
                count=waiting
            ),
            " – ".join(short_date(day) for day in (frame.start, frame.end)),
        ]
    )


def _defs(ids: str) -> str:
    arrow = '<path d="M0 0L10 5L0 10z" fill="{}"/>'
    marker = dict(viewBox="0 0 10 10", refX="10", refY="5", markerWidth="7", markerHeight="7", orient="auto")
    hatch = el("rect", width="2", height="6", fill=PAPER, fill_opacity="0.5")
    return el(
        "defs",
        el("marker", arrow.format("#374151"), id=f"{ids}-arrow", **marker)
        + el("marker", arrow.format(MISSED), id=f"{ids}-arrow-broken", **marker)
        + el(
            "pattern", hatch, id=f"{ids}-hatch", width="6", height="6", patternUnits="userSpaceOnUse",
            patternTransform="rotate(45)",
        ),
    )  # fmt: skip


def _lane(lane: Lane, index: int, y: float, height: float, canvas: _Canvas) -> tuple[str, str]:
    """The lane's band (under the bars) and its label (over them, on a ground of its own: the page's script
    keeps it in sight when the chart is scrolled sideways, a sticky column)."""
    layout, fill = canvas.layout, "#f9fafb" if index % 2 else PAPER
    label_x = 8.0 + (14 if lane.colour else 0)
    band = el("rect", x=0.0, y=y, width=canvas.right, height=height, fill=fill) + el(
        "line", x1=0.0, y1=y + height, x2=canvas.right, y2=y + height, stroke="#e5e7eb"
    )
    parts = [
        f"<title>{escape(lane.label)}</title>",
        el("rect", x=0.0, y=y, width=float(layout.label_width), height=height, fill=fill),
    ]
    if lane.colour:
        parts.append(
            el("rect", x=8.0, y=y + layout.row / 2 - 1, width=10.0, height=10.0, rx="2", fill=lane.colour)
        )
    # A long name takes two lines, centred on the lane's first row with its padding (room for both), and
    # ends a gap before the bars: a bar may start on the chart's first day.
    lines = wrap(lane.label, layout.label_width - label_x - LABEL_GAP, layout.font, bold=True)
    if len(lines) < 2:
        label = escape(lines[0]) if lines else ""
        baseline = canvas.baseline(y + layout.lane_padding, layout.row)
    else:
        leading = layout.font * 1.15
        baseline = canvas.baseline(y, layout.row + 2 * layout.lane_padding) - leading / 2
        # The space that ends each line but the last keeps the words apart for screen readers, copying
        # and the page's text ("du site et des", not "du siteet des"); it draws nothing.
        label = "".join(
            el("tspan", escape(line) + (" " if index < len(lines) - 1 else ""), x=label_x,
               dy=leading if index else None)
            for index, line in enumerate(lines)
        )  # fmt: skip
    parts.append(el("text", label, x=label_x, y=baseline, font_weight="bold", fill=INK))
    return el("g", band, class_="tl-band"), el("g", "".join(parts), class_="tl-lane", data_lane=lane.key)


def render(
    chart: Chart,
    frame: Frame,
    *,
    layout: Layout = NORMAL,
    interactive: bool = False,
    ids: str = "tl",
    help_id: str = "",
) -> str:
    """The chart as an SVG element (a string). ``interactive`` makes every bar a focusable button (the
    script drags it by its middle or its edges; the SVG is then a group); otherwise the SVG is one image.

    Memoised on everything the chart shows (its activities, milestones, dependencies, dates, the reader's
    language): the same roadmap viewed again, by anyone, is not drawn again; after a change, only the bars
    that changed are written (see ``_bar``)."""
    return _draw(chart, frame, layout, interactive, ids, help_id, get_language() or "")


@lru_cache(maxsize=CHART_CACHE_SIZE)
def _draw(
    chart: Chart, frame: Frame, layout: Layout, interactive: bool, ids: str, help_id: str, language: str
) -> str:
    canvas = _Canvas(chart, frame, layout)
    by_lane: dict[str, list[Bar]] = {lane.key: [] for lane in chart.lanes}
    for bar in chart.bars:
        if bar.start is None or bar.end is None or bar.end < frame.start or bar.start > frame.end:
            continue
        for key in dict.fromkeys(bar.lanes):
            if key in by_lane:
                by_lane[key].append(bar)
    lanes: list[str] = ['<g class="tl-lanes">']
    labels: list[str] = ['<g class="tl-labels">']
    windows: list[str] = ['<g class="tl-windows">']
    bars: list[str] = ['<g class="tl-bars" stroke-width="1.5">']
    safe_ids = escape(ids)
    described = (f' aria-describedby="{escape(help_id)}"' if help_id else "") if interactive else None
    ends: dict[str, Box] = {}  # the bar of each activity that arrows attach to: its first
    boxes: list[Box] = []  # every bar drawn, copies too, for arrows to go around
    y = canvas.top
    for index, lane in enumerate(chart.lanes):
        placed = _pack(by_lane[lane.key])
        rows = max((row for _b, row in placed), default=0) + 1
        height = float(rows * layout.row + 2 * layout.lane_padding)
        band, label = _lane(lane, index, y, height, canvas)
        lanes.append(band)
        labels.append(label)
        for bar, row in placed:
            assert bar.start is not None and bar.end is not None
            top = y + layout.lane_padding + row * layout.row + (layout.row - layout.bar) / 2
            place = _Place(
                canvas.x(bar.start), canvas.x(bar.end + timedelta(days=1)), top, bar.key in ends,
                frame.start if bar.start < frame.start else None, frame.end if bar.end > frame.end else None,
            )  # fmt: skip
            box = Box(bar.key, place.x1, place.x1 + max(place.x2 - place.x1, 2.0), top, top + layout.bar)
            ends.setdefault(bar.key, box)
            boxes.append(box)
            if bar.has_window:
                windows.append(_window(bar, canvas, top))
            bars.append(_bar(bar, place, layout, described, safe_ids, language))
        y += height
    lanes.append("</g>")
    labels.append("</g>")
    windows.append("</g>")
    bars.append("</g>")
    bottom, height = y, y + layout.footer
    side = _side(chart, canvas, height)
    width = canvas.right + (layout.side_width + 16 if side else 12)
    root = attributes(
        xmlns="http://www.w3.org/2000/svg", width=width, height=height,
        viewBox=f"0 0 {num(width)} {num(height)}", role="group" if interactive else "img",
        aria_labelledby=f"{ids}-title {ids}-desc", font_family=FONT, font_size=layout.font,
        class_="timeline", data_start=frame.start.isoformat(), data_end=frame.end.isoformat(),
        data_zoom=frame.zoom, data_px_per_day=f"{frame.px_per_day:g}", data_origin=canvas.left,
    )  # fmt: skip
    out = [
        f"<svg {root}>",
        el("title", escape(chart.title), id=f"{ids}-title"),
        el("desc", escape(_description(chart, frame)), id=f"{ids}-desc"),
        _defs(ids),
        el("rect", x=0.0, y=0.0, width=width, height=height, fill=PAPER),
        *lanes,
        *_grid(canvas, bottom),
        *(windows if len(windows) > 2 else ()),
        *dependencies(chart, ends, Bars(boxes, height=layout.bar, gutter=layout.row - layout.bar), ids=ids),
        *bars,
        *labels,
    ]
    if chart.milestones:
        out += _milestones(chart, canvas, bottom)
    if frame.today is not None and frame.start <= frame.today <= frame.end:
        x = canvas.centre(frame.today)
        line = el("line", x1=x, y1=canvas.header, x2=x, y2=bottom, stroke=TODAY, stroke_width="2")
        label = el("text", escape(_("Today")), x=x, y=height - 6, text_anchor="middle", font_weight="bold",
                    fill=TODAY)  # fmt: skip
        out.append(el("g", line + label, class_="tl-today", data_date=frame.today.isoformat()))
    out += side
    out.append("</svg>")
    return "".join(out)
