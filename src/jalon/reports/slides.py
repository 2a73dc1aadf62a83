"""The report as a 16:9 PowerPoint deck (python-pptx) of native, editable shapes and charts, not pictures.

A title slide, the vision, one slide per objective (its SMART fields and its KPI as a native line chart; past
``SUB_OBJECTIVE_SLIDES_UP_TO`` objectives, per top-level objective),
the timeline drawn with shapes on the chosen zoom and lanes (``slides_timeline``), the budget as a native
bar chart, the risks, the framing's personas, experience maps, animation calendar and votes
(``slides_framing``), the next steps. What does not fit on a slide goes into its speaker notes.
"""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches

from jalon.formatting import format_quantity, labelled
from jalon.reports.model import ObjectiveBlock, Report, ReviewBlock, objective_tree
from jalon.reports.slide_parts import (
    ACCENT,
    BAD,
    HEIGHT,
    MARGIN,
    MUTED,
    TITLE,
    WIDTH,
    day,
    short,
    table,
    text_box,
    titled_slide,
)
from jalon.reports.slides_framing import framing_slides
from jalon.reports.slides_timeline import timeline_slides

NEXT_STEPS = 6
BUDGET_COLOURS = (RGBColor(0x93, 0xC5, 0xFD), ACCENT, MUTED, BAD)  # planned, committed, spent, overrun
REVIEW_ROWS = 8  # objectives on the review's slide; the others go into its notes
# What a slide's box holds before its text runs off the slide; the whole text goes in the slide's notes.
COVER_TITLE_CHARS = 70
TEXT_CHARS = 450  # the vision, at 28 points over the slide's width
SPECIFIC_CHARS = 400  # an objective's "specific", at 16 points beside its KPI chart
SUB_OBJECTIVE_SLIDES_UP_TO = 40
"""Objectives up to which each sub-objective has its own slide; past it (a consultancy's 150 objectives with
2 sub-objectives each made 450 objective slides) only the top-level ones, each naming its sub-objectives."""


def report_pptx(report: Report) -> bytes:
    with translation.override(report.options.language):
        deck = Presentation()
        deck.slide_width, deck.slide_height = WIDTH, HEIGHT
        _title_slide(deck, report)
        if report.shows("vision"):
            _vision(deck, report)
        if report.shows("objectives") or report.shows("smart"):
            own_slides = len(report.objectives) <= SUB_OBJECTIVE_SLIDES_UP_TO
            for objective, parent, children in objective_tree(report.objectives):
                if parent is None or own_slides:
                    _objective(deck, objective, parent=parent, children=children)
        if report.shows("timeline") and report.timeline_start is not None:
            timeline_slides(deck, report)
        if report.shows("budget") and report.budget:
            _budget(deck, report)
        if report.shows("risks") and report.risks:
            _risks(deck, report)
        if report.shows("review") and report.review is not None:
            _review(deck, report.review)
        if report.framing is not None:
            framing_slides(deck, report, report.framing)
        _next_steps(deck, report)
        buffer = io.BytesIO()
        deck.save(buffer)
        return buffer.getvalue()


def _title_slide(deck: Presentation, report: Report) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE])
    slide.shapes.title.text = short(report.title, COVER_TITLE_CHARS)
    subtitle = slide.placeholders[1]
    subtitle.text = "\n".join(
        (
            report.workspace,
            _("From {start} to {end}").format(start=day(report.start), end=day(report.end)),
            _("Issued on {day} · version {version}").format(
                day=day(report.generated_on), version=report.version
            )
            + (" · " + _("Archived roadmap") if report.archived_on else ""),
        )
    )
    for shape, top, height in ((slide.shapes.title, 1.8, 1.9), (subtitle, 3.9, 1.8)):
        shape.left, shape.width, shape.top, shape.height = (
            MARGIN,
            WIDTH - 2 * MARGIN,
            Inches(top),
            Inches(height),
        )
    kind = _("Roadmap ({kind})").format(kind=report.roadmap_type)
    whole = report.title if len(report.title) > COVER_TITLE_CHARS else ""
    slide.notes_slide.notes_text_frame.text = "\n".join(line for line in (whole, kind) if line)


def _vision(deck: Presentation, report: Report) -> None:
    horizon = _("Horizon: from {start} to {end}.").format(start=day(report.start), end=day(report.end))
    vision = report.vision or _("No vision statement yet.")
    notes = "\n".join((vision, horizon)) if len(vision) > TEXT_CHARS else horizon
    slide = titled_slide(deck, _("Vision and horizon"), notes=notes)
    vision = short(vision, TEXT_CHARS)
    text_box(slide, [(vision, 28, False), (horizon, 18, False)], left=MARGIN, top=Inches(1.6),
             width=WIDTH - 2 * MARGIN, height=Inches(4.5))  # fmt: skip


def _objective(
    deck: Presentation,
    objective: ObjectiveBlock,
    *,
    parent: ObjectiveBlock | None,
    children: list[ObjectiveBlock],
) -> None:
    """An objective's slide, a sub-objective's (short, medium or long term) as well as a top one's: its
    SMART fields, its term, its parent or its sub-objectives, and its KPI as a native line chart."""
    notes = [labelled(v.label, v.reason) for v in objective.verdicts]
    notes += [f"{chain.strategy} → {', '.join(chain.tactics)}" for chain in objective.chains]
    if len(objective.specific) > SPECIFIC_CHARS:
        notes.insert(0, objective.specific)
    if parent is not None and len(parent.title) > 90:
        notes.insert(0, labelled(_("Sub-objective of"), parent.title))
    if len(", ".join(child.title for child in children)) > 200:
        notes.append(labelled(_("Sub-objectives"), ", ".join(child.title for child in children)))
    slide = titled_slide(deck, objective.title, notes="\n".join(notes))
    measure = format_quantity(objective.target, objective.unit) if objective.target is not None else "—"
    if objective.baseline is not None and objective.target is not None:
        measure = f"{format_quantity(objective.baseline, objective.unit)} → {measure}"
    lines = []
    if parent is not None:
        lines.append((labelled(_("Sub-objective of"), short(parent.title, 90)), 14, True))
    lines += [
        (short(objective.specific or objective.title, SPECIFIC_CHARS), 16, False),
        (_("Measure: {metric} {measure}").format(metric=objective.metric, measure=measure), 14, False),
        (_("Deadline: {day}").format(day=day(objective.deadline)), 14, False),
    ]
    if objective.term:
        lines.append((capfirst(objective.term), 14, False))  # « Court terme », as the PDF's SMART table
    lines.append((_("Status: {health}").format(health=objective.health), 14, True))
    if objective.owner:
        lines.append((_("Owner: {owner}").format(owner=objective.owner), 14, False))
    if not objective.is_smart:
        lines.append((_("Draft: not SMART yet"), 12, True))
    if children:
        titles = ", ".join(child.title for child in children)
        lines.append((labelled(_("Sub-objectives"), short(titles, 200)), 12, False))
    lines += [
        (f"{kpi.name} · " + _("odds of reaching the target: {odds}").format(odds=kpi.odds), 12, False)
        for kpi in objective.kpis
        if kpi.odds
    ]
    if not objective.kpis:  # as the PDF and the Markdown say it, where the chart would be
        lines.append((_("No KPI tracks this objective yet."), 12, False))
    text_box(slide, lines, left=MARGIN, top=Inches(1.4), width=Inches(4.6), height=Inches(5.5))
    kpi = next((k for k in objective.kpis if k.points), None)
    if kpi is None:
        return
    data = CategoryChartData()
    data.categories = [date_format(when, "SHORT_DATE_FORMAT") for when, _v in kpi.points]
    data.add_series(kpi.name, [value for _d, value in kpi.points])
    if kpi.target is not None:
        data.add_series(_("target"), [kpi.target] * len(kpi.points))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Inches(5.4), Inches(1.4), Inches(7.4),
                                   Inches(5.4), data).chart  # fmt: skip
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    chart.has_title = True
    chart.chart_title.text_frame.text = kpi.name


def _budget(deck: Presentation, report: Report) -> None:
    notes = "\n".join([report.maintenance_sentence,
                       *(line.name for line in report.budget if len(line.name) > 40)])  # fmt: skip
    slide = titled_slide(deck, _("Thematic groups and budgets"), notes=notes)
    data = CategoryChartData()
    # Over budget, a group's bars say by how much under its name, as the budget page does; the total above.
    data.categories = [report.over_by(short(line.name, 40), line.overrun) for line in report.budget]
    data.add_series(_("Planned"), [float(line.planned) for line in report.budget])
    data.add_series(_("Committed"), [float(line.committed) for line in report.budget])
    data.add_series(_("Spent"), [float(line.spent) for line in report.budget])
    if report.overrun:  # the part over budget, drawn in the pages' red beside the group's other bars
        data.add_series(_("Overrun"), [float(line.overrun) for line in report.budget])
    top = Inches(1.4)
    if report.overrun:
        total = report.over_by(_("Total"), report.overrun)
        text_box(slide, [(total, 16, True)], left=MARGIN, top=top, width=WIDTH - 2 * MARGIN,
                 height=Inches(0.5), colour=BAD)  # fmt: skip
        top = Inches(1.9)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, top, WIDTH - 2 * MARGIN,
                                   Inches(7.0) - top, data).chart  # fmt: skip
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    # Planned, committed and spent in blues and grey (the theme's second colour was a red), the overrun red.
    for series, colour in zip(chart.plots[0].series, BUDGET_COLOURS, strict=False):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = colour


def _risks(deck: Presentation, report: Report) -> None:
    notes = "\n".join(f"{r.number}. " + labelled(r.title, r.contingency or "—") for r in report.risks)
    slide = titled_slide(deck, _("Risks"), notes=notes)
    rows = [("#", _("Risk"), _("Level"), _("Owner"), _("Contingency plan"))]
    rows += [  # a contingency plan cut here is whole in the notes
        (str(risk.number), short(risk.title, 120), f"{risk.level_label} ({risk.probability} × {risk.impact})",
         short(risk.owner, 60) or "—", short(risk.contingency, 240) or risk.missing_plan)
        for risk in report.risks[:8]
    ]  # fmt: skip
    table(slide, rows, left=MARGIN, top=Inches(1.4), widths=(0.5, 3.6, 1.8, 2.0, 4.43))


def _review(deck: Presentation, review: ReviewBlock) -> None:
    """The latest quarterly review: its objectives as it froze them and its decisions; its notes and the
    objectives past the first eight in the speaker notes."""
    more = [" · ".join(row) for row in review.objectives[REVIEW_ROWS:]]
    notes = "\n".join([*more, *([labelled(_("Notes"), review.notes)] if review.notes else [])])
    slide = titled_slide(deck, _("Latest quarterly review"), notes=notes)
    held = f"{review.title} — {day(review.held_on)}"
    text_box(
        slide, [(held, 20, True)], left=MARGIN, top=Inches(1.3), width=WIDTH - 2 * MARGIN, height=Inches(0.6)
    )
    if review.objectives:
        rows = [(_("Objective"), _("Target"), _("Latest value"), _("Odds of reaching it"))]
        rows += review.objectives[:REVIEW_ROWS]
        table(slide, rows, left=MARGIN, top=Inches(2.1), widths=(3.4, 1.6, 1.6, 1.3))
    decisions = [line for line in review.decisions.splitlines() if line.strip()]
    lines = [(_("Decisions"), 18, True)]
    lines += [(f"▸ {line}", 14, False) for line in decisions] or [(_("No decision recorded."), 14, False)]
    text_box(slide, lines, left=Inches(8.6), top=Inches(2.1), width=Inches(4.2), height=Inches(5.0))


def _next_steps(deck: Presentation, report: Report) -> None:
    coming = [m for m in report.milestones if m.reached_on is None and m.date >= report.generated_on]
    starting = sorted((a for a in report.activities if a.start and a.start >= report.generated_on
                       and a.status != "dropped"), key=lambda a: a.start or report.generated_on)  # fmt: skip
    lines = [(f"◆ {m.title} — {day(m.date)}", 16, False) for m in coming[:NEXT_STEPS]]
    lines += [(f"▸ {a.title} — {day(a.start)}", 14, False) for a in starting[: NEXT_STEPS - len(lines)]]
    if not lines:
        lines = [(_("Nothing planned after {day}.").format(day=day(report.generated_on)), 16, False)]
    notes = "\n".join(labelled(a.title, f"{day(a.start)} → {day(a.end)}") for a in starting[:30])
    slide = titled_slide(deck, _("Next steps"), notes=notes)
    text_box(slide, lines, left=MARGIN, top=Inches(1.5), width=WIDTH - 2 * MARGIN, height=Inches(5.5))
