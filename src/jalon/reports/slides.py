"""The report as a 16:9 PowerPoint deck (python-pptx) of native, editable shapes and charts, not pictures.

A title slide, the vision, one slide per objective (its SMART fields and its KPI as a native line chart),
the timeline drawn with shapes (a rectangle per thematic group or activity, a diamond per milestone, a
grid of fiscal quarters), the budget as a native bar chart, the risks, the next steps. What does not fit
on a slide goes into its speaker notes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from jalon.engines.calendar import FiscalCalendar, add_months
from jalon.formatting import format_quantity
from jalon.reports import sources
from jalon.reports.model import ObjectiveBlock, Report

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INK, MUTED = RGBColor(0x11, 0x18, 0x27), RGBColor(0x4B, 0x55, 0x63)
ACCENT, GRID = RGBColor(0x1E, 0x3A, 0x8A), RGBColor(0xD1, 0xD5, 0xDB)
TITLE_ONLY, TITLE = 5, 0  # layouts of the default template
ROWS_PER_TIMELINE_SLIDE = 18
NEXT_STEPS = 6


def _rgb(colour: str) -> RGBColor:
    try:
        return RGBColor.from_string(colour.lstrip("#")[:6])
    except ValueError:
        return MUTED


def _day(day: date | None) -> str:
    return date_format(day, "j F Y") if day else "—"


def _slide(deck: Presentation, title: str, notes: str = "") -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    heading = slide.shapes.title
    heading.left, heading.top, heading.width, heading.height = (
        MARGIN,
        Inches(0.3),
        WIDTH - 2 * MARGIN,
        Inches(0.9),
    )
    heading.text = title
    paragraph = heading.text_frame.paragraphs[0]
    paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(28), True, ACCENT
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return slide


def _text(slide: Slide, lines: Sequence[tuple[str, int, bool]], *, left: Emu, top: Emu, width: Emu,
          height: Emu) -> None:  # fmt: skip
    """A text box of (text, size in points, bold) paragraphs."""
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(size), bold, INK
        paragraph.space_after = Pt(6)


def report_pptx(report: Report) -> bytes:
    with translation.override(report.options.language):
        deck = Presentation()
        deck.slide_width, deck.slide_height = WIDTH, HEIGHT
        _title_slide(deck, report)
        if report.shows("vision"):
            _vision(deck, report)
        if report.shows("objectives") or report.shows("smart"):
            for objective in report.top_objectives:
                _objective(deck, report, objective)
        if report.shows("timeline"):
            _timeline(deck, report)
        if report.shows("budget") and report.budget:
            _budget(deck, report)
        if report.shows("risks") and report.risks:
            _risks(deck, report)
        _next_steps(deck, report)
        buffer = io.BytesIO()
        deck.save(buffer)
        return buffer.getvalue()


def _title_slide(deck: Presentation, report: Report) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE])
    slide.shapes.title.text = report.title
    subtitle = slide.placeholders[1]
    subtitle.text = "\n".join(
        (
            report.workspace,
            _("From {start} to {end}").format(start=_day(report.start), end=_day(report.end)),
            _("Issued on {day} · version {version}").format(
                day=_day(report.generated_on), version=report.version
            ),
        )
    )
    for shape, top, height in ((slide.shapes.title, 1.8, 1.9), (subtitle, 3.9, 1.8)):
        shape.left, shape.width, shape.top, shape.height = (
            MARGIN,
            WIDTH - 2 * MARGIN,
            Inches(top),
            Inches(height),
        )
    slide.notes_slide.notes_text_frame.text = _("Roadmap ({kind})").format(kind=report.roadmap_type)


def _vision(deck: Presentation, report: Report) -> None:
    horizon = _("Horizon: from {start} to {end}.").format(start=_day(report.start), end=_day(report.end))
    slide = _slide(deck, _("Vision and horizon"), notes=horizon)
    vision = report.vision or _("No vision statement yet.")
    _text(slide, [(vision, 28, False), (horizon, 18, False)], left=MARGIN, top=Inches(1.6),
          width=WIDTH - 2 * MARGIN, height=Inches(4.5))  # fmt: skip


def _objective(deck: Presentation, report: Report, objective: ObjectiveBlock) -> None:
    notes = [f"{v.label}: {v.reason}" for v in objective.verdicts]
    notes += [f"{chain.strategy} → {', '.join(chain.tactics)}" for chain in objective.chains]
    slide = _slide(deck, objective.title, notes="\n".join(notes))
    measure = format_quantity(objective.target, objective.unit) if objective.target is not None else "—"
    if objective.baseline is not None and objective.target is not None:
        measure = f"{format_quantity(objective.baseline, objective.unit)} → {measure}"
    lines = [
        (objective.specific or objective.title, 16, False),
        (_("Measure: {metric} {measure}").format(metric=objective.metric, measure=measure), 14, False),
        (_("Deadline: {day}").format(day=_day(objective.deadline)), 14, False),
        (_("Status: {health}").format(health=objective.health), 14, True),
    ]
    if objective.owner:
        lines.append((_("Owner: {owner}").format(owner=objective.owner), 14, False))
    if not objective.is_smart:
        lines.append((_("Draft: not SMART yet"), 12, True))
    _text(slide, lines, left=MARGIN, top=Inches(1.4), width=Inches(4.6), height=Inches(5.5))
    kpi = next((k for k in objective.kpis if k.points), None)
    if kpi is None:
        return
    data = CategoryChartData()
    data.categories = [date_format(day, "SHORT_DATE_FORMAT") for day, _v in kpi.points]
    data.add_series(kpi.name, [value for _d, value in kpi.points])
    if kpi.target is not None:
        data.add_series(_("target"), [kpi.target] * len(kpi.points))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Inches(5.4), Inches(1.4), Inches(7.4),
                                   Inches(5.4), data).chart  # fmt: skip
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    chart.has_title = True
    chart.chart_title.text_frame.text = kpi.name


class _Scale:
    """Where a day falls across the slide's timeline area."""

    def __init__(self, first: date, last: date, left: int, width: int) -> None:
        self.first, self.days, self.left, self.width = first, max((last - first).days + 1, 1), left, width

    def x(self, day: date) -> int:
        offset = min(max((day - self.first).days, 0), self.days)
        return int(self.left + self.width * offset / self.days)


def _quarters(report: Report, first: date, last: date) -> list[tuple[date, date]]:
    fiscal = FiscalCalendar(report.fiscal_year_start_month)
    start = fiscal.quarter(first, fiscal.quarter_of(first)).start
    quarters = []
    while start <= last:
        after = add_months(start, 3)
        quarters.append((start, after - timedelta(days=1)))
        start = after
    return quarters


def _grid(slide: Slide, report: Report, scale: _Scale, quarters: Sequence[tuple[date, date]], top: int,
          bottom: int) -> None:  # fmt: skip
    for start, end in quarters:
        left = scale.x(start)
        line = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, Emu(6350), bottom - top)
        line.fill.solid()
        line.fill.fore_color.rgb = GRID
        line.line.fill.background()
        label = slide.shapes.add_textbox(left, top - Inches(0.35), max(scale.x(end) - left, Inches(0.5)),
                                         Inches(0.3))  # fmt: skip
        label.text_frame.text = sources.period_label(
            "quarter", start, fiscal_year_start_month=report.fiscal_year_start_month, long=True
        )
        label.text_frame.paragraphs[0].font.size = Pt(10)
        label.text_frame.paragraphs[0].font.color.rgb = MUTED


def _bar(slide: Slide, scale: _Scale, *, start: date, end: date, top: int, height: int, colour: str,
         label: str) -> None:  # fmt: skip
    left = scale.x(start)
    width = max(scale.x(end + timedelta(days=1)) - left, Inches(0.08))
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()
    shape.text_frame.text = label
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.font.size = Pt(9)
    paragraph.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if sources.ink_on(colour) != "#111827" else INK
    shape.text_frame.word_wrap = False


def _short(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def _milestones(slide: Slide, report: Report, scale: _Scale, y: int) -> None:
    """A diamond per milestone on row ``y``, its title above it on one of two staggered lines."""
    size = Inches(0.22)
    shown = [m for m in report.milestones if scale.first <= m.date < scale.first + timedelta(days=scale.days)]
    for index, milestone in enumerate(shown):
        x = scale.x(milestone.date) - size // 2
        diamond = slide.shapes.add_shape(MSO_SHAPE.DIAMOND, x, y, size, size)
        diamond.fill.solid()
        diamond.fill.fore_color.rgb = RGBColor(0xB9, 0x1C, 0x1C) if milestone.missed else ACCENT
        diamond.line.fill.background()
        near_end = x > WIDTH * 0.8  # labelled leftwards, ending at its diamond, so it stays on the slide
        left = x + size - Inches(2.0) if near_end else x
        label = slide.shapes.add_textbox(
            left, y - Inches(0.3 if index % 2 else 0.55), Inches(2.0), Inches(0.25)
        )
        label.text_frame.text = _short(milestone.title, 34)
        paragraph = label.text_frame.paragraphs[0]
        paragraph.font.size, paragraph.font.color.rgb = Pt(8), MUTED
        if near_end:
            paragraph.alignment = PP_ALIGN.RIGHT


def _timeline(deck: Presentation, report: Report) -> None:
    dated = [a for a in report.activities if a.start and a.end]
    starts = [report.start, *(b.start for b in report.bands), *(m.date for m in report.milestones)]
    ends = [report.end, *(b.end for b in report.bands), *(m.date for m in report.milestones)]
    first, last = min(starts), max(ends)
    quarters = _quarters(report, first, last)
    first, last = quarters[0][0], quarters[-1][1]
    label_width = Inches(2.4)
    scale = _Scale(first, last, MARGIN + label_width, WIDTH - 2 * MARGIN - label_width)
    notes = "\n".join(f"{m.title}: {_day(m.date)}" for m in report.milestones)
    slide = _slide(deck, _("Timeline"), notes=notes)
    top, row = Inches(2.5), Inches(0.42)
    bottom = top + row * max(len(report.bands), 1)
    _grid(slide, report, scale, quarters, top, bottom)
    _milestones(slide, report, scale, Inches(1.8))
    for index, band in enumerate(report.bands):
        y = top + row * index + Inches(0.06)
        _text(slide, [(band.name, 11, True)], left=MARGIN, top=y - Inches(0.05), width=label_width,
              height=row)  # fmt: skip
        _bar(slide, scale, start=band.start, end=band.end, top=y, height=row - Inches(0.12),
             colour=band.colour, label=band.note)  # fmt: skip
    pages = [dated[i : i + ROWS_PER_TIMELINE_SLIDE] for i in range(0, len(dated), ROWS_PER_TIMELINE_SLIDE)]
    for number, page in enumerate(pages, start=1):
        title = _("Activities ({page}/{pages})").format(page=number, pages=len(pages))
        slide = _slide(deck, title, notes="\n".join(
            f"{a.title} — {a.owner or '—'} — {a.status_label}: {_day(a.start)} → {_day(a.end)}" for a in page
        ))  # fmt: skip
        top, row = Inches(2.3), Inches(0.27)
        _grid(slide, report, scale, quarters, top, top + row * len(page))
        _milestones(slide, report, scale, Inches(1.75))
        for index, activity in enumerate(page):
            assert activity.start is not None and activity.end is not None
            y = top + row * index
            label = [(_short(activity.title, 42), 8, False)]
            _text(slide, label, left=MARGIN, top=y - Inches(0.06), width=label_width, height=row)
            _bar(slide, scale, start=activity.start, end=activity.end, top=y + Inches(0.03),
                 height=row - Inches(0.06), colour=activity.colour, label="")  # fmt: skip


def _budget(deck: Presentation, report: Report) -> None:
    share = format_quantity(report.maintenance_share * 100, "%", decimals=0)
    notes = _("Maintenance share of the planned budget: {share}.").format(share=share)
    slide = _slide(deck, _("Thematic groups and budgets"), notes=notes)
    data = CategoryChartData()
    data.categories = [line.name for line in report.budget]
    data.add_series(_("Planned"), [float(line.planned) for line in report.budget])
    data.add_series(_("Committed"), [float(line.committed) for line in report.budget])
    data.add_series(_("Spent"), [float(line.spent) for line in report.budget])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, Inches(1.4), WIDTH - 2 * MARGIN,
                                   Inches(5.6), data).chart  # fmt: skip
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False


def _risks(deck: Presentation, report: Report) -> None:
    shown = report.risks[:8]
    notes = "\n".join(f"{r.number}. {r.title}: {r.contingency or '—'}" for r in report.risks)
    slide = _slide(deck, _("Risks"), notes=notes)
    headers = ("#", _("Risk"), _("Level"), _("Owner"), _("Contingency plan"))
    table = slide.shapes.add_table(len(shown) + 1, len(headers), MARGIN, Inches(1.4), WIDTH - 2 * MARGIN,
                                   Inches(0.4) * (len(shown) + 1)).table  # fmt: skip
    for column, (header, width) in enumerate(zip(headers, (0.5, 3.6, 1.8, 2.0, 4.43), strict=True)):
        table.columns[column].width = Inches(width)
        table.cell(0, column).text = header
    for line, risk in enumerate(shown, start=1):
        values = (str(risk.number), risk.title, f"{risk.level_label} ({risk.probability} × {risk.impact})",
                  risk.owner or "—", risk.contingency or "—")  # fmt: skip
        for column, value in enumerate(values):
            cell = table.cell(line, column)
            cell.text = value
            cell.text_frame.paragraphs[0].font.size = Pt(11)


def _next_steps(deck: Presentation, report: Report) -> None:
    coming = [m for m in report.milestones if m.reached_on is None and m.date >= report.generated_on]
    starting = sorted((a for a in report.activities if a.start and a.start >= report.generated_on
                       and a.status != "dropped"), key=lambda a: a.start or report.generated_on)  # fmt: skip
    lines = [(f"◆ {m.title} — {_day(m.date)}", 16, False) for m in coming[:NEXT_STEPS]]
    lines += [(f"▸ {a.title} — {_day(a.start)}", 14, False) for a in starting[: NEXT_STEPS - len(lines)]]
    if not lines:
        lines = [(_("Nothing planned after {day}.").format(day=_day(report.generated_on)), 16, False)]
    notes = "\n".join(f"{a.title}: {_day(a.start)} → {_day(a.end)}" for a in starting[:30])
    slide = _slide(deck, _("Next steps"), notes=notes)
    _text(slide, lines, left=MARGIN, top=Inches(1.5), width=WIDTH - 2 * MARGIN, height=Inches(5.5))
