"""The visual roadmap pages: the operational view (every activity on the timeline and in a week grid, filters
kept in the URL, drag or keys to move), the executive view (one screen for deciders) and the move of one
activity (htmx from the chart, or a small form without JavaScript).

Every page costs a fixed number of SQL queries whatever the number of activities: everything is loaded
once through ``queries`` and filtered in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalon.accounts.auth import current_user
from jalon.errors import Conflict, NeedsConfirmation, ValidationFailed
from jalon.formatting import format_quantity
from jalon.planning import queries, services
from jalon.planning.budget import budget_summary
from jalon.planning.models import Activity, Status
from jalon.planning.pages import roadmap_page
from jalon.planning.timeline import (
    COMPACT,
    LANE_KINDS,
    NO_LANE,
    ZOOMS,
    Frame,
    build_chart,
    frame_for,
    lanes_of,
)
from jalon.planning.timeline import render as render_svg
from jalon.strategy import queries as strategy_queries
from jalon.strategy.models import KPI, Direction, Objective, Roadmap
from jalon.workspaces.permissions import require

KEY = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
FILTERS = ("theme", "owner", "status", "objective")
HELP_ID = "timeline-help"


@dataclass(frozen=True)
class Params:
    """What a timeline URL says: zoom, lanes and filters (each filter repeatable, any value matches)."""

    zoom: str = "quarter"
    lanes: str = "theme"
    theme: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    objective: tuple[str, ...] = ()

    @classmethod
    def of(cls, query: QueryDict, *, zoom: str = "quarter") -> Params:
        def keys(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(value for value in query.getlist(name) if KEY.match(value)))

        chosen_zoom, lanes = str(query.get("zoom", "")), str(query.get("lanes", ""))
        return cls(
            zoom=chosen_zoom if chosen_zoom in ZOOMS else zoom,
            lanes=lanes if lanes in LANE_KINDS else "theme",
            theme=keys("theme"), owner=keys("owner"), objective=keys("objective"),
            status=tuple(value for value in keys("status") if value in Status.values),
        )  # fmt: skip

    @property
    def filtered(self) -> bool:
        return any(getattr(self, name) for name in FILTERS)

    def query(self) -> str:
        pairs = [("zoom", self.zoom), ("lanes", self.lanes)]
        pairs += [(name, value) for name in FILTERS for value in getattr(self, name)]
        return urlencode(pairs)

    def matches(self, activity: Activity) -> bool:
        theme = activity.theme.key if activity.theme else NO_LANE
        owner = activity.owner.key if activity.owner else NO_LANE
        return (
            (not self.theme or theme in self.theme)
            and (not self.owner or owner in self.owner)
            and (not self.status or activity.status in self.status)
            and (not self.objective or any(o.key in self.objective for o in activity.objectives.all()))
        )


@dataclass(frozen=True)
class WeekGrid:
    """The ISO weeks of the visible range, for the compact bar of each activity row."""

    first: date  # a Monday
    weeks: int

    @classmethod
    def of(cls, frame: Frame) -> WeekGrid:
        first = frame.start - timedelta(days=frame.start.weekday())
        return cls(first, ((frame.end - first).days // 7) + 1)

    def _percent(self, day: date) -> float:
        days = min(max((day - self.first).days, 0), self.weeks * 7)
        return days / (self.weeks * 7) * 100

    def labels(self) -> list[tuple[str, str]]:
        """(label, left %) for every week, or every few weeks so that about 26 labels show."""
        step = -(-self.weeks // 26)
        return [
            (_("W{week}").format(week=day.isocalendar().week), f"{self._percent(day):.2f}")
            for day in (self.first + timedelta(weeks=n) for n in range(0, self.weeks, step))
        ]

    def row(self, activity: Activity) -> Row:
        if activity.start is None or activity.end is None:
            return Row(activity)
        left = self._percent(activity.start)
        width = max(self._percent(activity.end + timedelta(days=1)) - left, 0.4)
        weeks = [_("W{week}").format(week=day.isocalendar().week) for day in (activity.start, activity.end)]
        return Row(activity, f"{left:.2f}", f"{width:.2f}", "–".join(dict.fromkeys(weeks)))


@dataclass(frozen=True)
class Row:
    activity: Activity
    left: str = ""
    width: str = ""
    weeks: str = ""


@dataclass
class Pending:
    """A move waiting for the user's confirmation (the dependencies it would break)."""

    activity: Activity
    start: date
    end: date
    version: int
    warnings: list[str] = field(default_factory=list)


class MoveForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Start"), widget=forms.DateInput({"type": "date"}, "%Y-%m-%d"))
    end = forms.DateField(label=gettext_lazy("End"), widget=forms.DateInput({"type": "date"}, "%Y-%m-%d"))
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


def _coarse_zooms() -> list[tuple[str, str]]:
    return [("quarter", _("Quarter")), ("year", _("Year"))]


def _choices(items: list[tuple[str, str]], selected: tuple[str, ...]) -> list[tuple[str, str, bool]]:
    return [(value, label, value in selected) for value, label in items]


def _urls(roadmap: Roadmap, params: Params) -> dict[str, str]:
    args = [roadmap.workspace.slug, roadmap.slug]
    query = params.query()
    return {
        "timeline_url": f"{reverse('timeline', args=args)}?{query}",
        "move_url": reverse("activity_move", args=[*args, "__key__"]),
        "query": query,
    }


def _operational(roadmap: Roadmap, context: dict[str, Any], params: Params, **extra: Any) -> dict[str, Any]:
    """Everything the operational view shows, in a fixed number of queries."""
    today = timezone.localdate()
    themes, people = list(queries.themes_of(roadmap)), list(roadmap.people.all())
    objectives = list(roadmap.objectives.all())
    activities = [a for a in queries.activities_of(roadmap) if params.matches(a)]
    lanes = lanes_of(params.lanes, themes=themes, people=people, objectives=objectives)
    chart = build_chart(
        title=_("Timeline of {roadmap}").format(roadmap=roadmap.title), activities=activities,
        milestones=list(queries.milestones_of(roadmap)), lanes=lanes, lane_kind=params.lanes, today=today,
        hide_empty_lanes=params.filtered,
    )  # fmt: skip
    frame = frame_for(roadmap, chart, zoom=params.zoom, today=today)
    can_edit = context["can_edit"]
    svg = render_svg(chart, frame, interactive=can_edit, ids="tl", help_id=HELP_ID if can_edit else "")
    grid = WeekGrid.of(frame)
    order = sorted(activities, key=lambda a: (a.start is None, a.start or today, a.end or today, a.position))
    statuses = [(str(value), str(label)) for value, label in Status.choices]
    return {
        **context,
        **_urls(roadmap, params),
        "params": params,
        "svg": mark_safe(svg),  # timeline.render escapes every text it writes
        "rows": [grid.row(a) for a in order],
        "week_labels": grid.labels(),
        "weeks": grid.weeks,
        "unscheduled": [a for a in order if a.start is None or a.end is None],
        "zooms": _choices([("month", _("Month")), *_coarse_zooms()], (params.zoom,)),
        "lane_kinds": _choices(
            [("theme", _("Thematic group")), ("objective", _("Objective")), ("owner", _("Owner"))],
            (params.lanes,),
        ),
        "theme_choices": _choices([(t.key, t.name) for t in themes], params.theme),
        "owner_choices": _choices([(p.key, p.name) for p in people], params.owner),
        "status_choices": _choices(statuses, params.status),
        "objective_choices": _choices([(o.key, o.title) for o in objectives], params.objective),
        **extra,
    }  # fmt: skip


@login_required
def timeline(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """The operational view; an htmx request gets the chart and the list only."""
    found, context = roadmap_page(request, workspace, roadmap)
    page = _operational(found, context, Params.of(request.GET))
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "planning/_timeline_fragment.html", page)
    return render(request, "planning/timeline.html", page)


@login_required
def activity_move(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """GET: a small form (the path without JavaScript). POST: move or resize through the service; broken
    dependencies are shown with "Move anyway", a stale version is a 409, bad dates a 422."""
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
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
            return render(request, "planning/_timeline_fragment.html", page)
    if not error and form.errors:
        error = " ".join(str(message) for messages in form.errors.values() for message in messages)
    if request.htmx:  # type: ignore[attr-defined]
        page = _operational(found, context, params, pending=pending, error=error)
        return render(request, "planning/_timeline_fragment.html", page, status=status)
    return _move_page(request, context, params, activity, form, pending=pending, error=error, status=status)


def _move_page(request: HttpRequest, context: dict[str, Any], params: Params, activity: Activity,
               form: MoveForm, **extra: Any) -> HttpResponse:  # fmt: skip
    status = extra.pop("status", 200)
    page = {**context, **_urls(context["roadmap"], params), "activity": activity, "form": form, **extra}
    return render(request, "planning/timeline_move.html", page, status=status)


# Executive view -----------------------------------------------------------------------------------

HEALTH_LABELS = {
    "on_track": gettext_lazy("on track"),
    "at_risk": gettext_lazy("at risk"),
    "off_track": gettext_lazy("off track"),
    "not_measured": gettext_lazy("not measured"),
}


@dataclass(frozen=True)
class Health:
    """How an objective is doing, by the rule in docs/timeline.md."""

    objective: Objective
    status: str
    kpi: KPI | None = None
    value: float | None = None
    measured_on: date | None = None
    target: float | None = None

    @property
    def label(self) -> str:
        return str(HEALTH_LABELS[self.status])


def _tracked(objective: Objective, kpis: list[KPI]) -> tuple[KPI, float] | None:
    """The first KPI with measurements and a target (its own, else the objective's), with that target."""
    for kpi in kpis:
        target = kpi.target if kpi.target is not None else objective.target
        if kpi.measurements.all() and target is not None:
            return kpi, target
    return None


def objective_health(objective: Objective, kpis: list[KPI], today: date) -> Health:
    """On track when the latest measurement meets the target, or has covered at least the share of the way
    that the time elapsed (first measurement -> deadline) calls for; at risk from half that share; off
    track below it or past the deadline; not measured without a KPI that has a target and a measurement."""
    tracked = _tracked(objective, kpis)
    if tracked is None:
        return Health(objective, "not_measured")
    kpi, target = tracked
    measurements = list(kpi.measurements.all())
    first, latest = measurements[0], measurements[-1]
    health = replace(Health(objective, "on_track"), kpi=kpi, value=latest.value, measured_on=latest.date,
                     target=target)  # fmt: skip
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


@login_required
def executive(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """One screen for deciders: vision, objectives and their status, themes as bands, milestones, budget."""
    found, context = roadmap_page(request, workspace, roadmap)
    today = timezone.localdate()
    long_horizon = (found.end - found.start).days > 550
    params = Params.of(request.GET, zoom="year" if long_horizon else "quarter")
    kpis: dict[int, list[KPI]] = {}
    for kpi in strategy_queries.kpis_with_measurements(found):
        kpis.setdefault(kpi.objective_id or 0, []).append(kpi)
    objectives = [o for o in found.objectives.all() if o.parent_id is None]
    milestones = list(queries.milestones_of(found))
    themes = list(queries.themes_of(found))
    chart = build_chart(
        title=_("Thematic groups of {roadmap}").format(roadmap=found.title),
        activities=list(queries.activities_of(found)), milestones=milestones,
        lanes=lanes_of("theme", themes=themes, people=[], objectives=[]), lane_kind="theme", today=today,
    )  # fmt: skip
    frame = frame_for(found, chart, zoom=params.zoom, today=today)
    budget = budget_summary(found)
    return render(
        request,
        "planning/executive.html",
        {
            **context,
            "params": params,
            "zooms": _choices(_coarse_zooms(), (params.zoom,)),
            "svg": mark_safe(render_svg(chart, frame, layout=COMPACT, ids="ex")),
            "health": [objective_health(o, kpis.get(o.pk, []), today) for o in objectives],
            "milestones": [(m, m.is_missed(today)) for m in milestones],
            "budget": budget,
            "maintenance_share": format_quantity(budget.maintenance_share * 100, "%", decimals=0),
            "today": today,
        },
    )


urlpatterns = [
    path("timeline/", timeline, name="timeline"),
    path("executive/", executive, name="executive"),
    path("activities/<slug:key>/move/", activity_move, name="activity_move"),
]
