"""One function gathers a roadmap's report: ``collect_report(roadmap, options)``.

It reads only what the chosen sections show, through the strategy and planning apps' queries and helpers
(``jalon.reports.sources``), in the report's language whatever the active one.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from django.db.models import F
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from jalon.engines.calendar import add_months
from jalon.engines.smart_types import CRITERION_NAMES
from jalon.reports import paper, sources
from jalon.reports.collect_framing import collect_framing
from jalon.reports.model import (
    ActivityRow,
    Band,
    BudgetLine,
    Chain,
    CommunicationRow,
    CriterionVerdict,
    KpiSeries,
    MilestoneRow,
    ObjectiveBlock,
    QuietStretch,
    Report,
    ReviewBlock,
    RiskRow,
    TimelineBar,
    TimelineLane,
    WorkloadRow,
)
from jalon.reports.options import SECTIONS, ReportOptions
from jalon.strategy.kpis.presenting import KPIView
from jalon.strategy.models import KPI, KPIDirection, Objective, Roadmap

MONTHS_PER_TIMELINE_PAGE = {"month": 6, "quarter": 12, "year": 36}
"""A printed timeline shows at most this many months across a page, at each zoom: a 36-month plan at the
quarter zoom, drawn on one page's width, had 4-pixel labels. A longer plan goes on over the next pages."""
PAGE_WIDTH_PX = 1000
"""A landscape A4 page's width between its margins (273 mm), in CSS pixels, with a little room to spare."""

CRITERION_LABELS = {name: gettext_lazy(wording) for name, wording in CRITERION_NAMES.items()}


def collect_report(roadmap: Roadmap, options: ReportOptions, *, today: date | None = None) -> Report:
    """The report of ``roadmap`` with ``options``, every text in ``options.language``."""
    today = today or timezone.localdate()
    with translation.override(options.language):
        framing = collect_framing(roadmap, today) if options.shows("framing") else None
        shown = tuple(
            (key, str(title))
            for key, title in SECTIONS
            if options.shows(key) and (key != "framing" or framing is not None)
        )
        keys = {key for key, _title in shown}
        report = Report(
            options=options,
            title=roadmap.title,
            slug=roadmap.slug,
            workspace=roadmap.workspace.name,
            workspace_slug=roadmap.workspace.slug,
            roadmap_type=roadmap.get_type_display(),
            start=roadmap.start,
            end=roadmap.end,
            horizon_months=roadmap.horizon_months,
            vision=roadmap.vision,
            version=roadmap.version,
            generated_on=today,
            archived_on=timezone.localdate(roadmap.archived_at) if roadmap.archived_at else None,
            currency=roadmap.currency,
            fiscal_year_start_month=roadmap.fiscal_year_start_month,
            sections=shown,
            framing=framing,
        )
        if keys & {"smart", "objectives", "chains"}:
            report = replace(report, objectives=_objectives(roadmap, today, chains="chains" in keys))
        if "budget" in keys:
            report = _budget(report, roadmap)
        if keys & {"timeline", "milestones"}:
            report = replace(report, milestones=_milestones(roadmap, today))
        if "timeline" in keys:
            report = _timeline(report, roadmap, options, today)
        if "activities" in keys or "timeline" in keys:
            report = replace(report, activities=_activities(roadmap, today))
        if "timeline" in keys:
            report = replace(
                report,
                undated_note=_undated_note(report.activities),
                out_of_reach_note=_out_of_reach_note(report, sources.reach_of(roadmap)),
                late_note=late_note(sum(1 for a in report.activities if a.late)),
            )
            report = _executive(report, roadmap, options, today)  # its pictures leave room for the notes
        if "workload" in keys:
            report = replace(report, workload=_workload(roadmap))
        if "risks" in keys:
            report = _risks(report, roadmap, today)
        if "communication" in keys:
            report = replace(report, communications=_communications(roadmap, today))
        if "review" in keys:
            report = replace(report, review=_review(roadmap))
        return report


def _kpi_series(kpi: KPI, today: date) -> KpiSeries:
    points = tuple((m.date, m.value) for m in kpi.measurements.all())
    # The KPI page's own picture: measurements, target, benchmark band and the forecast fan, drawn in the
    # report's language when a renderer reads it (once).
    view = KPIView(kpi, today)
    language = translation.get_language()

    @functools.cache
    def drawn() -> str:
        with translation.override(language):
            return str(view.chart(ids=f"kpi-{kpi.key}"))

    odds = view.odds if view.has_odds or view.unmoved else ""
    band = view.target_text if kpi.direction == KPIDirection.BAND and kpi.target_low is not None else ""
    probability = view.forecast.probability if view.has_odds and view.forecast else None
    return KpiSeries(
        kpi.key, kpi.name, kpi.unit, kpi.target, kpi.get_frequency_display(), points, drawn, odds, band,
        probability,
    )  # fmt: skip


def _status(objective: Objective, kpis: list[KPI], today: date) -> tuple[str, float | None]:
    """The executive view's status (by the odds when the KPIs give some, else by the elapsed time) and the
    odds."""
    health = sources.objective_health(objective, kpis, today)
    line = sources.with_odds([health], {objective.pk: kpis}, today)[0]
    return line.label, line.odds.probability if line.odds else None


def _objectives(roadmap: Roadmap, today: date, *, chains: bool) -> tuple[ObjectiveBlock, ...]:
    kpis = sources.kpis_by_objective(roadmap)
    by_objective: dict[int, list[Chain]] = {}
    if chains:
        for strategy in sources.strategies_of(roadmap):
            chain = Chain(strategy.title, tuple(t.title for t in strategy.tactics.all()))
            by_objective.setdefault(strategy.objective_id, []).append(chain)
    blocks = []
    for objective, depth in sources.in_tree_order(sources.objectives_of(roadmap)):
        objective.roadmap = roadmap  # the coach reads the roadmap's vision: no query per objective
        own = kpis.get(objective.pk, [])
        verdict = sources.coach_objective(objective, kpis=own, today=today)
        health, odds = _status(objective, own, today)
        verdicts = tuple(
            CriterionVerdict(
                str(CRITERION_LABELS[name]), getattr(verdict, name).ok, getattr(verdict, name).reason
            )
            for name in sources.CRITERIA
        )
        blocks.append(
            ObjectiveBlock(
                key=objective.key, title=objective.title, depth=depth, specific=objective.specific,
                impact=objective.impact, metric=objective.metric, unit=objective.unit,
                baseline=objective.baseline, target=objective.target,
                direction=objective.get_direction_display() if objective.direction else "",
                deadline=objective.deadline, term=objective.get_term_display() if objective.term else "",
                owner=objective.owner, done_state=objective.done_state, is_smart=verdict.is_smart,
                verdicts=verdicts, warnings=verdict.warnings, health=health, odds=odds,
                kpis=tuple(_kpi_series(kpi, today) for kpi in own),
                chains=tuple(by_objective.get(objective.pk, ())),
            )
        )  # fmt: skip
    return tuple(blocks)


def _budget(report: Report, roadmap: Roadmap) -> Report:
    summary = sources.budget_summary(roadmap)
    lines = tuple(
        BudgetLine(
            line.theme.name if line.theme else _("Outside any thematic group"),
            line.theme.colour if line.theme else "#6b7280",
            line.planned, line.committed, line.spent,
            bool(line.theme and line.theme.is_maintenance), line.overrun,
        )
        for line in summary.lines
    )  # fmt: skip
    return replace(report, budget=lines, maintenance_share=summary.maintenance_share,
                   overrun=summary.total.overrun)  # fmt: skip


def _milestones(roadmap: Roadmap, today: date) -> tuple[MilestoneRow, ...]:
    return tuple(
        MilestoneRow(m.key, m.title, m.date, m.reached_on, m.is_missed(today))
        for m in sources.milestones_of(roadmap)
    )


def _out_of_reach_note(report: Report, reach: sources.Reach) -> str:
    """The milestones and activities dated too far from the horizon to be drawn (``sources.reach_of``),
    named beside the timelines as on the pages."""
    low, high = reach
    far = [sources.Far(m.title, m.date) for m in report.milestones if not low <= m.date <= high]
    far += [
        sources.Far(a.title, a.start)
        for a in report.activities
        if a.start is not None and not sources.in_sight(a.start, a.end, reach)
    ]
    return sources.out_of_reach_note(far)


def _marks(report: Report) -> list[sources.MilestoneMark]:
    return [sources.MilestoneMark(m.key, m.title, m.date, m.missed) for m in report.milestones]


def _executive(report: Report, roadmap: Roadmap, options: ReportOptions, today: date) -> Report:
    """The executive timeline's pictures: one per printed stretch of months (``page_windows``) and, when its
    thematic groups are more than a page holds at the pictures' own size with the section's headings above
    and the notes under it (``paper.group_parts``), one per part of the groups, each with the same time
    scale, header and milestones, and a caption naming its groups."""
    title = _("Thematic groups of {roadmap}").format(roadmap=roadmap.title)
    reach = sources.reach_of(roadmap)
    executive = sources.theme_bands(roadmap, title=title, milestones=_marks(report), reach=reach)
    coarse = "year" if options.zoom == "year" else "quarter"
    frame = sources.frame_for(roadmap, sources.in_reach(executive, reach), zoom=coarse, today=today)
    notes = paper.notes_mm([report.late_note, report.undated_note, report.out_of_reach_note])
    windows = page_windows(frame, sources.COMPACT)
    pictures = []
    for n, window in enumerate(windows):
        # a stretch of months shows the groups at work in it (all of them when none is: the lanes say so)
        lanes = [lane for lane in executive.lanes if any(lane.key in bar.lanes for bar in executive.bars
                 if _overlaps(bar, window))] or list(executive.lanes)  # fmt: skip
        sizes = paper.group_parts(len(lanes), layout=sources.COMPACT, milestones=bool(executive.milestones),
                                  notes=notes, windows=len(windows))  # fmt: skip
        first = 0
        for p, size in enumerate(sizes):
            part = lanes[first : first + size]
            caption = "" if len(sizes) == 1 else _("Thematic groups {first} to {last} of {total}").format(
                first=first + 1, last=first + size, total=len(lanes))  # fmt: skip
            keys = {lane.key for lane in part}
            chart = replace(executive, lanes=tuple(part),
                            bars=tuple(bar for bar in executive.bars if keys & set(bar.lanes)))  # fmt: skip
            svg = sources.render_timeline(chart, window, layout=sources.COMPACT, ids=f"ex{n}-{p}")
            pictures.append((svg, caption))
            first += size
    bands = tuple(
        Band(bar.title, bar.colour, bar.start, bar.end, bar.owner)
        for bar in executive.bars
        if bar.start is not None and bar.end is not None
    )
    return replace(report, bands=bands, executive_svgs=tuple(svg for svg, _c in pictures),
                   executive_captions=tuple(caption for _s, caption in pictures))  # fmt: skip


def _timeline(report: Report, roadmap: Roadmap, options: ReportOptions, today: date) -> Report:
    marks = _marks(report)
    reach = sources.reach_of(roadmap)
    layout = sources.NORMAL._replace(side_width=0)
    plan = sources.plan_of(roadmap, objectives_too=options.lanes == "objective")
    lanes = sources.lanes_of(
        options.lanes,
        themes=roadmap.themes.all(),
        people=roadmap.people.all(),
        objectives=roadmap.objectives.filter(parent__isnull=True),
    )
    title = _("Activities of {roadmap}").format(roadmap=roadmap.title)
    whole = sources.build_chart(title=title, rows=plan.rows, lanes=lanes, lane_kind=options.lanes,
                                milestones=marks, dependencies=plan.dependencies)  # fmt: skip
    frame = sources.frame_for(roadmap, sources.in_reach(whole, reach), zoom=options.zoom, today=today)
    # an activity dated too far to be drawn is named beside the timelines, in no lane
    rows = [row for row in plan.rows if row.start is not None and row.end is not None
            and sources.in_sight(row.start, row.end, reach)]  # fmt: skip
    # Lanes keep their order across pages: an activity's page follows its lane, then its start.
    order = {lane.key: index for index, lane in enumerate(lanes)}
    rows.sort(key=lambda row: (order.get(row.lanes(options.lanes)[0], len(order)), row.start or today))
    windows = page_windows(frame, layout)
    by_window = [[row for row in rows if _overlaps(row, window)] for window in windows]
    quiet = quiet_stretches(windows, by_window)
    before = {stretch.last + timedelta(days=1): stretch.note for stretch in quiet}
    svgs: list[str] = []
    gaps: list[str] = []
    for part, (window, shown) in enumerate(zip(windows, by_window, strict=True)):
        for first, page in enumerate(
            paper.operational_pages(shown, options.lanes, layout, milestones=bool(marks))
        ):
            gaps.append("" if first else before.get(window.start, ""))
            chart = sources.build_chart(title=title, rows=page, lanes=lanes, lane_kind=options.lanes,
                                        milestones=marks, dependencies=plan.dependencies,
                                        hide_empty_lanes=True, today=today)  # fmt: skip
            svgs.append(sources.render_timeline(chart, window, layout=layout, ids=f"tl{part}-{first}"))
    return replace(
        report,
        timeline_svgs=tuple(svgs),
        timeline_gaps=tuple(gaps),
        timeline_gap_after=quiet[-1].note if quiet and quiet[-1].last == windows[-1].end else "",
        quiet=quiet,
        timeline_start=frame.start,
        timeline_end=frame.end,
        lanes=_lanes(lanes, rows, options.lanes, today),
    )


def page_windows(frame: sources.Frame, layout: sources.Layout) -> list[sources.Frame]:
    """``frame`` cut into printed pages of at most ``MONTHS_PER_TIMELINE_PAGE`` months, each drawn on the
    same time scale, the one that spreads a whole page's months over the paper's width (a shorter plan is
    spread over the page too)."""
    months = MONTHS_PER_TIMELINE_PAGE[frame.zoom]
    starts = [frame.start]
    while add_months(starts[-1], months) <= frame.end:
        starts.append(add_months(starts[-1], months))
    ends = [min(add_months(start, months) - timedelta(days=1), frame.end) for start in starts]
    days = max((end - start).days + 1 for start, end in zip(starts, ends, strict=True))
    width = (PAGE_WIDTH_PX - layout.label_width - 12) / days
    return [
        replace(frame, start=start, end=end, day_width=width) for start, end in zip(starts, ends, strict=True)
    ]


def quiet_stretches(
    windows: Sequence[sources.Frame], shown: Sequence[Sequence[sources.PlanRow]]
) -> tuple[QuietStretch, ...]:
    """The one rule of every document for months without activity: the printed stretches of months
    (``windows``) none of whose activities (``shown``, per window) is dated in them, side by side ones
    together, each with its line (``no_activity_note``). None when no window has an activity: the timeline
    then says it has no dated activity at all."""
    if not any(shown):
        return ()
    runs: list[list[sources.Frame]] = [[]]
    for window, rows in zip(windows, shown, strict=True):
        if rows:
            runs.append([])
        else:
            runs[-1].append(window)
    return tuple(
        QuietStretch(r[0].start, r[-1].end, no_activity_note(r[0].start, r[-1].end)) for r in runs if r
    )


def no_activity_note(first: date, last: date) -> str:
    """The line printed in place of the operational timeline's pages left out, from ``first`` to ``last``
    (whole months): « Aucune activité de mars à mai 2027. », "No activity from March to May 2027."."""
    if (first.year, first.month) == (last.year, last.month):
        return _("No activity in {month}.").format(month=date_format(first, "F Y"))
    same_year = first.year == last.year
    start = date_format(first, "F" if same_year else "F Y")
    end = date_format(last, "F Y")
    if start[:1].lower() in "aeiouyâéèêîôû":  # French writes « d’avril », « d’octobre »
        said = pgettext("a month name starting with a vowel follows", "No activity from {first} to {last}.")
    else:
        said = _("No activity from {first} to {last}.")
    return said.format(first=start, last=end)


def _overlaps(row: sources.PlanRow | sources.Bar, window: sources.Frame) -> bool:
    assert row.start is not None and row.end is not None
    return row.start <= window.end and row.end >= window.start


def _lanes(
    lanes: Sequence[sources.Lane], rows: Sequence[sources.PlanRow], kind: str, today: date
) -> tuple[TimelineLane, ...]:
    """The lanes that hold a dated activity, each with its activities by start (an activity of several
    objectives is in each of their lanes, as on the page; one late on ``today`` is marked so)."""
    labels = {str(value): str(label) for value, label in sources.Status.choices}
    by_lane: dict[str, list[TimelineBar]] = {}
    for row in sorted(rows, key=lambda r: (r.start, r.end, r.key)):
        assert row.start is not None and row.end is not None
        bar = TimelineBar(row.key, row.title, row.start, row.end, row.colour,
                          labels.get(row.status, row.status), row.owner_name,
                          sources.is_late(row.status, row.end, today))  # fmt: skip
        for key in row.lanes(kind):
            by_lane.setdefault(key, []).append(bar)
    return tuple(
        TimelineLane(str(lane.label), lane.colour, tuple(by_lane[lane.key]))
        for lane in lanes
        if lane.key in by_lane
    )


def _activities(roadmap: Roadmap, today: date) -> tuple[ActivityRow, ...]:
    return tuple(
        ActivityRow(
            a.key, a.title, a.description, a.theme.name if a.theme else "",
            a.theme.colour if a.theme else "#6b7280", a.owner.name if a.owner else "", a.status,
            a.get_status_display(), a.start, a.end, a.cost, a.is_late(today),
        )
        # by start, the undated ideas last on every database (SQLite puts NULL first, PostgreSQL last)
        for a in roadmap.activities.select_related("theme", "owner").order_by(
            F("start").asc(nulls_last=True), "position", "id"
        )
    )  # fmt: skip


def _undated_note(activities: Sequence[ActivityRow]) -> str:
    """The activities the timelines cannot draw (backlog ideas without dates), counted: no band or lane is
    drawn empty for them, and the reader learns they exist."""
    count = sum(1 for a in activities if a.start is None or a.end is None)
    if not count:
        return ""
    return ngettext(
        "{count} activity has no dates yet: it is on no timeline.",
        "{count} activities have no dates yet: they are on no timeline.",
        count,
    ).format(count=count)


def late_note(count: int) -> str:
    """The executive view's words for the late activities (``is_late``), counted."""
    if not count:
        return _("No late activity.")
    counted = ngettext("%(counter)s late activity", "%(counter)s late activities", count) % {"counter": count}
    return f"{counted} {_('(past their planned end and not done)')}"


def _workload(roadmap: Roadmap) -> tuple[WorkloadRow, ...]:
    view = sources.workload_view(roadmap, sources.load_team(roadmap))
    return tuple(
        WorkloadRow(row.person.name, row.person.capacity_hours_per_week, row.overloaded, row.excess_hours)
        for row in view.rows
    )


def _risks(report: Report, roadmap: Roadmap, today: date) -> Report:
    found = sources.risk_rows(roadmap, today)
    rows = tuple(
        RiskRow(row.number, row.item.title, row.item.probability, row.item.impact, row.level,
                str(row.level_label), row.item.owner, row.item.contingency, row.item.get_status_display(),
                row.needs_contingency)
        for row in found["rows"]
    )  # fmt: skip
    return replace(report, risks=rows, risk_matrix_svg=str(found["matrix"]))


def _communications(roadmap: Roadmap, today: date) -> tuple[CommunicationRow, ...]:
    found = sources.communication_rows(roadmap, today)
    return tuple(
        CommunicationRow(str(label), row.item.message, row.item.channel, row.item.get_frequency_display(),
                         row.item.owner, row.item.next_date)
        for _audience, label, rows in found["groups"]
        for row in rows
    )  # fmt: skip


def _with_day(value: str, measured_on: str) -> str:
    """« 107 000 € (05/03/2027) »: the latest value and the day it was measured, as the review page says."""
    return value if measured_on == "—" else f"{value} ({measured_on})"


def _review(roadmap: Roadmap) -> ReviewBlock | None:
    review = roadmap.reviews.order_by("-held_on", "-id").first()
    if review is None:
        return None
    frozen = sources.snapshot_view(review.snapshot or {})
    objectives = tuple((o["title"], o["target"], _with_day(o["value"], o["measured_on"]), o["odds"])
                       for o in frozen.objectives)  # fmt: skip
    return ReviewBlock(review.title, review.held_on, review.decisions, review.notes, objectives)
