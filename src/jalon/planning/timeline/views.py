"""The visual roadmap pages: the operational view (every activity on the timeline and in a week grid, filters
kept in the URL, drag or keys to move), the executive view (one screen for deciders) and the move of one
activity (htmx from the chart, or a small form without JavaScript).

A page costs a fixed number of SQL queries whatever the number of activities: the plan is read once as
plain values (``plan_of``, three queries, no model instance per activity) and filtered in Python; the chart
and the activity list are written as strings, which keeps a thousand activities fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from jalon.bulk import render_with_blocks
from jalon.engines.calendar import FiscalCalendar, month_end
from jalon.errors import Conflict, NeedsConfirmation, ValidationFailed
from jalon.fields import LocaleDateField
from jalon.formatting import format_quantity
from jalon.ignored_filters import ignored_in, said
from jalon.planning import queries, services
from jalon.planning.models import Activity, Dependency, Status, is_late, late_filter
from jalon.planning.registers.budget import budget_summary
from jalon.planning.timeline.listing import WeekGrid, list_rows
from jalon.planning.timeline.model import (
    COMPACT,
    NO_LANE,
    NO_THEME_COLOUR,
    Bar,
    Chart,
    Frame,
    Lane,
    MilestoneMark,
    PlanRow,
)
from jalon.planning.timeline.params import Params
from jalon.planning.timeline.reach import beyond, far_note, in_reach, in_sight, reach_of, widening
from jalon.planning.timeline.svg import render as render_svg
from jalon.strategy import queries as strategy_queries
from jalon.strategy.kpis.executive import STATUS_LABELS, with_odds
from jalon.strategy.kpis.targets import tracked
from jalon.strategy.models import KPI, Direction, Objective, Roadmap
from jalon.strategy.pages import edit_page, roadmap_page

HELP_ID = "timeline-help"


# Reading the plan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    rows: list[PlanRow]  # in backlog order
    dependencies: list[tuple[str, str, int]]  # predecessor key, successor key, lag in days


def plan_of(roadmap: Roadmap, *, objectives_too: bool = True) -> Plan:
    """The roadmap's activities, their objectives (unless ``objectives_too`` is false: a chart neither laid
    out nor filtered by objective does without) and their dependencies as plain values: three queries, or
    two."""
    objectives: dict[int, list[str]] = {}
    if objectives_too:
        links = Activity.objectives.through.objects.filter(activity__roadmap=roadmap)
        for activity_id, key in links.order_by("objective__position", "objective_id").values_list(
            "activity_id", "objective__key"
        ):
            objectives.setdefault(activity_id, []).append(key)
    fields = ("id", "key", "title", "status", "start", "end", "version", "theme__key", "theme__name",
              "theme__colour", "owner__key", "owner__name", "not_before", "must_finish_by")  # fmt: skip
    rows = [
        PlanRow(key, title, status, start, end, version, theme or NO_LANE, theme_name or "",
                colour or NO_THEME_COLOUR, owner or NO_LANE, owner_name or "", tuple(objectives.get(pk, ())),
                not_before, must_finish_by)
        for pk, key, title, status, start, end, version, theme, theme_name, colour, owner, owner_name,
        not_before, must_finish_by in roadmap.activities.order_by("position", "id").values_list(*fields)
    ]  # fmt: skip
    dependencies = Dependency.objects.filter(successor__roadmap=roadmap).order_by("id")
    return Plan(rows, list(dependencies.values_list("predecessor__key", "successor__key", "lag_days")))


def lanes_of(
    kind: str, *, themes: Iterable[Any], people: Iterable[Any], objectives: Iterable[Any]
) -> list[Lane]:
    """One lane per theme, person or objective, then the lane of activities without one."""
    if kind == "owner":
        return [Lane(p.key, p.name) for p in people] + [Lane(NO_LANE, _("No owner"))]
    if kind == "objective":
        return [Lane(o.key, o.title) for o in objectives] + [Lane(NO_LANE, _("No objective"))]
    return [Lane(t.key, t.name, t.colour) for t in themes] + [
        Lane(NO_LANE, _("Outside any thematic group"), NO_THEME_COLOUR)
    ]


def build_chart(*, title: str, rows: Sequence[PlanRow], lanes: Sequence[Lane], lane_kind: str,
                milestones: Iterable[MilestoneMark] = (), dependencies: Iterable[tuple[str, str, int]] = (),
                hide_empty_lanes: bool = False, today: date | None = None) -> Chart:  # fmt: skip
    """A chart of these activities in ``lanes``; arrows only between activities shown; with ``today``, the
    activities late on that day are marked."""
    labels = {str(value): str(label) for value, label in Status.choices}
    bars = tuple(
        Bar(row.key, row.title, row.start, row.end, row.colour, row.status,
            labels.get(row.status, row.status), row.owner_name, row.lanes(lane_kind), row.version,
            row.not_before, row.must_finish_by, today is not None and is_late(row.status, row.end, today))
        for row in rows
    )  # fmt: skip
    used = {key for bar in bars for key in bar.lanes}
    shown = tuple(
        lane for lane in lanes if lane.key in used or (lane.key != NO_LANE and not hide_empty_lanes)
    )
    keys = {bar.key for bar in bars}
    links = tuple(link for link in dependencies if link[0] in keys and link[1] in keys)
    return Chart(title=title, lanes=shown, bars=bars, milestones=tuple(milestones), dependencies=links)


def frame_for(roadmap: Roadmap, chart: Chart, *, zoom: str, today: date) -> Frame:
    """The horizon widened to every bar wholly within the reach (``widening``: one running past it is clipped)
    and every milestone, snapped to whole months (to fiscal quarters at the year zoom)."""
    spans, days = widening(chart.bars, reach_of(roadmap)), [m.date for m in chart.milestones]
    low = min([roadmap.start, *(start for start, _end in spans), *days])
    high = max([roadmap.end, *(end for _start, end in spans), *days])
    if zoom == "year":
        fiscal = FiscalCalendar(roadmap.fiscal_year_start_month)
        first, last = (
            fiscal.quarter(low, fiscal.quarter_of(low)).start,
            fiscal.quarter(high, fiscal.quarter_of(high)).end,
        )
    else:
        first, last = low.replace(day=1), month_end(high.year, high.month)
    return Frame(first, last, zoom, roadmap.fiscal_year_start_month, today)


def milestone_marks(roadmap: Roadmap, today: date) -> list[MilestoneMark]:
    return [
        MilestoneMark(m.key, m.title, m.date, m.is_missed(today), tuple(a.title for a in m.waiting_ideas()))
        for m in roadmap.milestones.prefetch_related("activities")
    ]


# The operational view -----------------------------------------------------------------------------


@dataclass
class Pending:
    """A move waiting for the user's confirmation (the dependencies it would break)."""

    activity: Activity
    start: date
    end: date
    version: int
    warnings: list[str] = field(default_factory=list)


class MoveForm(forms.Form):
    start = LocaleDateField(label=gettext_lazy("Start"))
    end = LocaleDateField(label=gettext_lazy("End"))
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


EXECUTIVE_ZOOMS = ("quarter", "year")  # a decider's scale: the month zoom is the operational view's


def _coarse_zooms() -> list[tuple[str, str]]:
    return [("quarter", _("Quarter")), ("year", _("Year"))]


def _choices(items: Iterable[tuple[str, str]], selected: tuple[str, ...]) -> list[tuple[str, str, bool]]:
    return [(value, label, value in selected) for value, label in items]


def _urls(roadmap: Roadmap, params: Params) -> dict[str, str]:
    args = [roadmap.workspace.slug, roadmap.slug]
    return {
        "timeline_url": f"{reverse('timeline', args=args)}?{params.query()}",
        "move_url": reverse("activity_move", args=[*args, "__key__"]),
        "query": params.query(),
    }


def _operational(roadmap: Roadmap, context: dict[str, Any], params: Params, **extra: Any) -> dict[str, Any]:
    """Everything the operational view shows, in a fixed number of queries."""
    today = timezone.localdate()
    themes, people = list(queries.themes_of(roadmap)), list(roadmap.people.all())
    objectives = list(roadmap.objectives.all())
    known = {
        "theme": {t.key for t in themes},
        "owner": {p.key for p in people},
        "objective": {o.key for o in objectives},
    }
    ignored, params = params.ignored(known), params.kept(known)
    plan = plan_of(roadmap, objectives_too=params.lanes == "objective" or bool(params.objective))
    rows = [row for row in plan.rows if params.matches(row)]
    marks, reach = milestone_marks(roadmap, today), reach_of(roadmap)
    # an activity or a milestone wholly beyond the reach is named above the chart, not drawn
    far = [
        (row.key, row.title, start)
        for row in rows
        if (start := row.start) and not in_sight(start, row.end, reach)
    ]
    drawn = [row for row in rows if in_sight(row.start, row.end, reach)]
    chart = in_reach(build_chart(
        title=_("Timeline of {roadmap}").format(roadmap=roadmap.title), rows=drawn,
        lanes=lanes_of(params.lanes, themes=themes, people=people, objectives=objectives),
        lane_kind=params.lanes, milestones=marks, dependencies=plan.dependencies,
        hide_empty_lanes=params.filtered, today=today,
    ), reach)  # fmt: skip
    frame = frame_for(roadmap, chart, zoom=params.zoom, today=today)
    can_edit, urls = context["can_edit"], _urls(roadmap, params)
    svg = render_svg(chart, frame, interactive=can_edit, ids="tl", help_id=HELP_ID if can_edit else "")
    grid = WeekGrid.of(frame)
    ordered = sorted(rows, key=lambda row: (row.start is None, row.start or today, row.end or today))
    statuses = [(str(value), str(label)) for value, label in Status.choices]
    return {
        **context,
        **urls,
        "params": params,
        "svg": mark_safe(svg),  # timeline.render escapes every text it writes
        "rows": list_rows(
            ordered, grid, reach=reach, move_url=urls["move_url"] if can_edit else "", query=urls["query"],
            today=today,
        ),
        "ignored": said(ignored),
        "row_count": len(ordered), "undated": not params.filtered and not any(row.start for row in plan.rows),
        "waiting_milestones": [mark for mark in marks if mark.waiting],
        "out_of_reach": far_note(roadmap, reach, marks, far, filters=params.filter_query()),
        "week_labels": grid.labels(),
        "zooms": _choices([("month", _("Month")), *_coarse_zooms()], (params.zoom,)),
        "lane_kinds": _choices(
            [("theme", _("Thematic group")), ("objective", _("Objective")), ("owner", _("Owner"))],
            (params.lanes,),
        ),
        "theme_choices": _choices(((t.key, t.name) for t in themes), params.theme),
        "owner_choices": _choices(((p.key, p.name) for p in people), params.owner),
        "status_choices": _choices(statuses, params.status),
        "objective_choices": _choices(((o.key, o.title) for o in objectives), params.objective),
        **extra,
    }  # fmt: skip


def _answer(request: HttpRequest, template: str, page: dict[str, Any], status: int = 200) -> HttpResponse:
    """The operational view (or its chart and list for htmx): the chart and the list rows, a megabyte at
    1,000 activities, go around the template engine rather than through it (``jalon.bulk``)."""
    blocks = {"svg": page.pop("svg"), "rows": page.pop("rows")}
    return render_with_blocks(request, template, page, blocks, status=status)


@login_required
def timeline(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """The operational view; an htmx request gets the chart and the list only."""
    found, context = roadmap_page(request, workspace, roadmap)
    page = _operational(found, context, Params.of(request.GET))
    if request.htmx:  # type: ignore[attr-defined]
        return _answer(request, "planning/_timeline_fragment.html", page)
    return _answer(request, "planning/timeline.html", page)


@login_required
def activity_move(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """GET: a small form (the path without JavaScript). POST: move or resize through the service; broken
    dependencies are shown with "Move anyway", a stale version is a 409, bad dates a 422."""
    found, context, user = edit_page(request, workspace, roadmap)
    activity = queries.activity_for(found, key)
    params = Params.of(request.GET)
    if request.method != "POST":
        initial = {"start": activity.start, "end": activity.end, "version": activity.version}
        return _move_page(request, context, params, activity, MoveForm(initial=initial))
    form = MoveForm(request.POST)
    pending, error, status = None, "", 422
    if form.is_valid():
        start, end, version = (form.cleaned_data[name] for name in ("start", "end", "version"))
        try:
            services.move_activity(actor=user, activity=activity, expected_version=version, start=start,
                                   end=end, confirm=form.cleaned_data["confirm"])  # fmt: skip
        except NeedsConfirmation as warning:
            pending, status = Pending(activity, start, end, version, warning.warnings), 200
        except Conflict as conflict:
            error, status = _("Someone else changed this activity meanwhile: check its dates now and move it "
                              "again."), 409  # fmt: skip
            form = MoveForm({**request.POST.dict(), "version": conflict.current_version, "confirm": ""})
            activity = queries.activity_for(found, key)
        except ValidationFailed as refused:
            refused.add_to_form(form)
        else:
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect(_urls(found, params)["timeline_url"])
            page = _operational(found, context, params, moved=activity.key)
            return _answer(request, "planning/_timeline_fragment.html", page)
    if not error and form.errors:
        error = " ".join(str(message) for messages in form.errors.values() for message in messages)
    if request.htmx:  # type: ignore[attr-defined]
        page = _operational(found, context, params, pending=pending, error=error)
        return _answer(request, "planning/_timeline_fragment.html", page, status=status)
    return _move_page(request, context, params, activity, form, pending=pending, error=error, status=status)


def _move_page(request: HttpRequest, context: dict[str, Any], params: Params, activity: Activity,
               form: MoveForm, **extra: Any) -> HttpResponse:  # fmt: skip
    status = extra.pop("status", 200)
    page = {**context, **_urls(context["roadmap"], params), "activity": activity, "form": form, **extra}
    return render(request, "planning/timeline_move.html", page, status=status)


# The executive view -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Health:
    """How an objective is doing, by the rule of ``objective_health``."""

    objective: Objective
    status: str
    kpi: KPI | None = None
    value: float | None = None
    measured_on: date | None = None
    target: float | None = None
    band: tuple[float, float] | None = None  # a band KPI's low and high ends, instead of one target

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def unit(self) -> str:
        """The target's unit: the KPI's when one is measured, else the objective's."""
        return self.kpi.unit if self.kpi is not None else self.objective.unit

    @property
    def target_text(self) -> str:
        """The target as the executive view writes it: one value, the band to stay in, or a dash."""
        if self.band is not None:
            low, high = (format_quantity(end, self.unit) for end in self.band)
            return _("between {low} and {high}").format(low=low, high=high)
        return "—" if self.target is None else format_quantity(self.target, self.unit)


def objective_health(objective: Objective, kpis: list[KPI], today: date) -> Health:
    """On track when the latest measurement meets the target (is inside a band KPI's band), or has covered at
    least the share of the way that the time elapsed (first measurement -> deadline) calls for (to the band's
    nearest end); at risk from half that share; off track below it or past the deadline; not measured
    without a KPI that has a target and a measurement."""
    found = tracked(objective, kpis)
    if found is None:  # the target typed on the objective still shows
        return Health(objective, "not_measured", target=objective.target)
    kpi, aim, measurements = found
    first, latest = measurements[0], measurements[-1]
    health = Health(objective, "on_track", kpi=kpi, value=latest.value, measured_on=latest.date)
    if isinstance(aim, tuple):
        health = replace(health, band=aim)
        low, high = aim
        if low <= latest.value <= high:
            return health
        target, baseline = (low if latest.value < low else high), first.value
        upward = latest.value < low
    else:
        health, target = replace(health, target=aim), aim
        baseline = objective.baseline if objective.baseline is not None else first.value
        upward = objective.direction != Direction.DECREASE and target >= baseline
        if (latest.value >= target) if upward else (latest.value <= target):
            return health
    deadline = objective.deadline
    if deadline is not None and deadline < today:
        return replace(health, status="off_track")
    progress = (latest.value - baseline) / (target - baseline) if target != baseline else 0.0
    expected = 0.0
    if deadline is not None and deadline > first.date:
        expected = min(max((latest.date - first.date) / (deadline - first.date), 0.0), 1.0)
    if progress >= expected:
        return health
    return replace(health, status="at_risk" if progress >= expected / 2 else "off_track")


def theme_bands(
    roadmap: Roadmap,
    *,
    title: str,
    milestones: Sequence[MilestoneMark],
    reach: tuple[date, date] | None = None,
) -> Chart:
    """One band per thematic group, from its first activity's start to its last one's end (one query that
    sums up the activities, whatever their number). A group none of whose activities is dated yet (the
    ungrouped backlog ideas, a group just created) has no band and no lane: a lane is never empty. With
    ``reach`` (``reach_of``), an activity dated outside it is left out of its group's band, as it is out of
    the activity rows: the page or the document names it beside the timelines instead."""
    activities = Activity.objects.filter(roadmap=roadmap)
    if reach is not None:
        activities = activities.exclude(beyond(reach))
    spans = {
        row["theme__key"] or NO_LANE: row
        for row in activities.values("theme__key").annotate(
            first=Min("start"), last=Max("end"), count=Count("id")
        )
    }
    lanes = lanes_of("theme", themes=queries.themes_of(roadmap), people=[], objectives=[])
    bars = []
    for lane in lanes:
        span = spans.get(lane.key)
        if span is None or span["first"] is None or span["last"] is None:
            continue
        count = ngettext("{count} activity", "{count} activities", span["count"]).format(count=span["count"])
        colour = lane.colour or NO_THEME_COLOUR
        band = Bar(f"theme-{lane.key or 'none'}", lane.label, span["first"], span["last"], colour,
                   "in_progress", _("thematic group"), count, (lane.key,))  # fmt: skip
        bars.append(band)
    banded = {key for bar in bars for key in bar.lanes}
    shown = tuple(lane for lane in lanes if lane.key in banded)
    return Chart(title=title, lanes=shown, bars=tuple(bars), milestones=tuple(milestones))


@login_required
def executive(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """One screen for deciders: vision, objectives and their status, themes as bands, milestones, budget."""
    found, context = roadmap_page(request, workspace, roadmap)
    today = timezone.localdate()
    long = (found.end - found.start).days > 550
    params = Params.of(request.GET, zoom="year" if long else "quarter", zooms=EXECUTIVE_ZOOMS)
    kpis = strategy_queries.kpis_by_objective(found)
    milestones = list(found.milestones.all())
    marks, reach = milestone_marks(found, today), reach_of(found)
    title = _("Thematic groups of {roadmap}").format(roadmap=found.title)
    chart = in_reach(theme_bands(found, title=title, milestones=marks, reach=reach), reach)
    far = Activity.objects.filter(roadmap=found).filter(beyond(reach)).order_by("position", "id")
    far_activities = [
        (key, title, start) for key, title, start in far.values_list("key", "title", "start") if start
    ]
    frame = frame_for(found, chart, zoom=params.zoom, today=today)
    budget = budget_summary(found)
    objectives = [objective for objective in found.objectives.all() if objective.parent_id is None]
    return render(
        request,
        "planning/executive.html",
        {
            **context,
            "params": params,
            "zooms": _choices(_coarse_zooms(), (params.zoom,)),
            "ignored": said(ignored_in(request.GET, {"zoom": EXECUTIVE_ZOOMS})),
            "svg": mark_safe(render_svg(chart, frame, layout=COMPACT, ids="ex")), "no_band": not chart.bars,
            "out_of_reach": far_note(found, reach, marks, far_activities),
            "health": with_odds([objective_health(o, kpis.get(o.pk, []), today) for o in objectives],
                                kpis, today),
            "milestones": [(m, m.is_missed(today)) for m in milestones],
            "budget": budget,
            "late": Activity.objects.filter(roadmap=found).filter(late_filter(today)).count(),
        },
    )  # fmt: skip


urlpatterns = [
    path("timeline/", timeline, name="timeline"),
    path("executive/", executive, name="executive"),
    path("activities/<slug:key>/move/", activity_move, name="activity_move"),
]
