"""The "Plan the schedule" page ("Planifier"): run the scheduler on a roadmap, follow its progress, compare
its proposal with the current plan (moves, milestones, the person × week load before and after, the
conflicts in words) and apply it.

Routes (all under the roadmap): ``schedule/`` the page and recent proposals; ``schedule/run/`` (POST)
starts the scheduler; ``schedule/jobs/<id>/`` one proposal; ``schedule/jobs/<id>/status/`` its progress
(polled by htmx); ``schedule/jobs/<id>/apply/`` (POST) applies it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from jalon.accounts.auth import current_user
from jalon.engines.calendar import month_end
from jalon.errors import Conflict, ValidationFailed
from jalon.formatting import format_number
from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.planning import scheduling, timeline, workload
from jalon.planning.job_pages import ProgressPanel, job_url, status_response
from jalon.planning.models import Status
from jalon.planning.pages import roadmap_page
from jalon.planning.scheduling import Plan
from jalon.planning.timeline_model import COMPACT, NO_LANE, Bar, Chart, Frame, Lane, MilestoneMark
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require

# Comparing a proposal with the current plan -------------------------------------------------------------

MAX_WEEKS = 53


@dataclass(frozen=True)
class MoveRow:
    key: str
    title: str
    old_start: date | None
    old_end: date | None
    new_start: date
    new_end: date
    stale: bool
    """The activity changed (or disappeared) since the proposal was computed."""

    @property
    def shift_days(self) -> int | None:
        return None if self.old_start is None else (self.new_start - self.old_start).days


@dataclass(frozen=True)
class MilestoneRow:
    title: str
    due: date
    current_finish: date | None
    proposed_finish: date | None
    late_days: int
    """Working days late in the proposal."""

    @property
    def currently_late(self) -> bool:
        return self.current_finish is not None and self.current_finish > self.due


@dataclass(frozen=True)
class HeatCell:
    week: date
    hours: float
    capacity: float

    @property
    def overloaded(self) -> bool:
        return self.hours > self.capacity + workload.OVERLOAD_TOLERANCE_HOURS

    @property
    def percent(self) -> int | None:
        return None if self.capacity <= 0 else round(100 * self.hours / self.capacity)

    @property
    def level(self) -> int:
        """0 free, 1 up to half, 2 up to 80 %, 3 full, 4 overloaded."""
        if self.overloaded:
            return 4
        if self.hours <= 0:
            return 0
        share = self.hours / self.capacity if self.capacity > 0 else 1.0
        return 1 if share <= 0.5 else 2 if share <= 0.8 else 3


@dataclass(frozen=True)
class HeatRow:
    name: str
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class OverloadRow:
    name: str
    week: date
    before: HeatCell
    after: HeatCell


@dataclass(frozen=True)
class Comparison:
    moves: list[MoveRow]
    milestones: list[MilestoneRow]
    weeks: list[date]
    before: list[HeatRow]
    after: list[HeatRow]
    overloads: list[OverloadRow]
    current_finish: date | None
    proposed_finish: date | None

    @property
    def stale(self) -> bool:
        return any(move.stale for move in self.moves)

    @property
    def overloaded_before(self) -> int:
        return sum(1 for row in self.overloads if row.before.overloaded)

    @property
    def overloaded_after(self) -> int:
        return sum(1 for row in self.overloads if row.after.overloaded)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def compare(plan: Plan, result: Mapping[str, Any]) -> Comparison:
    """The proposal beside the current plan: moves, milestones, and the person × week load of both."""
    start = _day(result.get("start")) or plan.roadmap.start
    current = {a.key: a for a in plan.activities}
    moves = [
        MoveRow(
            m["key"],
            m["title"],
            _day(m["old_start"]),
            _day(m["old_end"]),
            date.fromisoformat(m["new_start"]),
            date.fromisoformat(m["new_end"]),
            stale=m["key"] not in current or current[m["key"]].version != m["version"],
        )
        for m in result.get("moves") or []
    ]
    moved = {m.key: (m.new_start, m.new_end) for m in moves}
    # The work still to do: done activities load nobody any more (the scheduler ignores them too).
    live = [a for a in plan.activities if a.status not in (Status.DROPPED, Status.DONE)]
    before = {a.pk: (a.start, a.end) for a in live}
    after = {a.pk: moved.get(a.key, (a.start, a.end)) for a in live}
    weeks, before_rows, after_rows, overloads = _heatmaps(plan, start, before, after)
    return Comparison(
        moves=moves,
        milestones=_milestone_rows(plan, result, before, after),
        weeks=weeks,
        before=before_rows,
        after=after_rows,
        overloads=overloads,
        current_finish=max((end for _s, end in before.values() if end is not None), default=None),
        proposed_finish=max((end for _s, end in after.values() if end is not None), default=None),
    )


Dates = Mapping[int, tuple[date | None, date | None]]


def _milestone_rows(plan: Plan, result: Mapping[str, Any], before: Dates, after: Dates) -> list[MilestoneRow]:
    lateness: Mapping[str, int] = result.get("lateness_by_milestone") or {}
    rows = []
    for milestone in plan.milestones:
        if milestone.key not in lateness:
            continue
        members = [i for i in plan.milestone_activities.get(milestone.pk, []) if i in before]
        rows.append(
            MilestoneRow(
                milestone.title,
                milestone.date,
                max((e for i in members if (e := before[i][1]) is not None), default=None),
                max((e for i in members if (e := after[i][1]) is not None), default=None),
                int(lateness[milestone.key]),
            )
        )
    return rows


def _grid(plan: Plan, dates: Dates) -> dict[str, dict[date, workload.Cell]]:
    by_id = plan.activity_by_id
    people = {p.pk: p for p in plan.people}
    bookings = []
    for assignment in plan.assignments:
        first, last = dates.get(assignment.activity_id, (None, None))
        if first is None or last is None or assignment.person_id not in people:
            continue
        activity = by_id[assignment.activity_id]
        person = people[assignment.person_id]
        bookings.append(
            workload.Booking(person.key, activity.key, activity.title, first, last, assignment.hours_per_week)
        )
    availability = [
        workload.Availability(
            p.key, p.capacity_hours_per_week, tuple((a.start, a.end) for a in plan.absences.get(p.pk, []))
        )
        for p in plan.people
    ]
    return workload.workload(availability, bookings)


def _heatmaps(
    plan: Plan, start: date, before: Dates, after: Dates
) -> tuple[list[date], list[HeatRow], list[HeatRow], list[OverloadRow]]:
    grids = (_grid(plan, before), _grid(plan, after))
    first = workload.monday(start)
    seen = {week for grid in grids for cells in grid.values() for week in cells if week >= first}
    weeks = [first + timedelta(weeks=i) for i in range(((max(seen) - first).days // 7 + 1) if seen else 0)]
    weeks = weeks[:MAX_WEEKS]
    rows: tuple[list[HeatRow], list[HeatRow]] = ([], [])
    overloads: list[OverloadRow] = []
    for person in plan.people:
        availability = workload.Availability(
            person.key,
            person.capacity_hours_per_week,
            tuple((a.start, a.end) for a in plan.absences.get(person.pk, [])),
        )
        pair = []
        for grid, target in zip(grids, rows, strict=True):
            cells = tuple(_cell(grid.get(person.key, {}), week, availability) for week in weeks)
            target.append(HeatRow(person.name, cells))
            pair.append(cells)
        overloads += [
            OverloadRow(person.name, week, b, a)
            for week, b, a in zip(weeks, pair[0], pair[1], strict=True)
            if b.overloaded or a.overloaded
        ]
    return weeks, rows[0], rows[1], overloads


def _cell(cells: Mapping[date, workload.Cell], week: date, person: workload.Availability) -> HeatCell:
    found = cells.get(week)
    if found is None:
        return HeatCell(week, 0.0, workload.capacity_in_week(person, week))
    return HeatCell(week, found.hours, found.capacity_hours)


# The moved activities on the timeline, now and proposed -------------------------------------------------

TIMELINE_BARS = 40
CURRENT_COLOUR, PROPOSED_COLOUR = "#6b7280", "#1d4ed8"


def timelines(plan: Plan, moves: list[MoveRow]) -> tuple[str, str] | None:
    """Two SVG timelines of the moved activities (lanes by owner) on the same dates: now and proposed."""
    shown = moves[:TIMELINE_BARS]
    if not shown:
        return None
    by_key = {a.key: a for a in plan.activities}
    people = {p.pk: p for p in plan.people}
    statuses = {str(value): str(label) for value, label in Status.choices}

    def owner(key: str) -> tuple[str, str]:
        found = by_key.get(key)
        person = people.get(found.owner_id) if found is not None and found.owner_id else None
        return (person.key, person.name) if person else (NO_LANE, _("No owner"))

    def bar(move: MoveRow, proposed: bool) -> Bar:
        status = by_key[move.key].status if move.key in by_key else Status.PLANNED
        lane, name = owner(move.key)
        return Bar(
            key=move.key,
            title=move.title,
            start=move.new_start if proposed else move.old_start,
            end=move.new_end if proposed else move.old_end,
            colour=PROPOSED_COLOUR if proposed else CURRENT_COLOUR,
            status=status,
            status_label=statuses.get(status, ""),
            owner=name,
            lanes=(lane,),
        )

    def bars(proposed: bool) -> tuple[Bar, ...]:
        return tuple(bar(move, proposed) for move in shown)

    lanes = tuple(Lane(key, name) for key, name in dict(owner(m.key) for m in shown).items())
    days = [d for m in shown for d in (m.old_start, m.old_end, m.new_start, m.new_end) if d is not None]
    first, last = min(days), max(days)
    marks = tuple(MilestoneMark(m.key, m.title, m.date) for m in plan.milestones if first <= m.date <= last)
    span = (last - first).days
    zoom = "month" if span <= 120 else "quarter" if span <= 400 else "year"
    frame = Frame(
        first.replace(day=1), month_end(last.year, last.month), zoom, plan.roadmap.fiscal_year_start_month
    )
    return (
        timeline.render(Chart(_("Current plan"), lanes, bars(False), marks), frame,
                        layout=COMPACT, ids="schedule-now"),
        timeline.render(Chart(_("Proposed plan"), lanes, bars(True), marks), frame,
                        layout=COMPACT, ids="schedule-new"),
    )  # fmt: skip


# The engine's conflicts and fixes, in the reader's words -----------------------------------------------


@dataclass(frozen=True)
class Explanation:
    text: str
    fixes: list[str]


def _names(plan: Plan) -> dict[str, str]:
    names = {a.key: a.title for a in plan.activities}
    names |= {m.key: m.title for m in plan.milestones}
    return names


def _late(days: int) -> str:
    return ngettext("{count} working day late", "{count} working days late", days).format(count=days)


def explain(plan: Plan, result: Mapping[str, Any]) -> list[Explanation]:
    things = _names(plan)
    people = {p.key: p.name for p in plan.people}

    def listed(keys: list[str], names: Mapping[str, str]) -> str:
        return ", ".join(names.get(key, key) for key in keys)

    explanations = []
    for conflict in result.get("conflicts") or []:
        words = {
            "activities": listed(conflict["activities"], things),
            "people": listed(conflict["people"], people),
            "deadline": things.get(conflict["deadline_id"] or "", conflict["deadline_id"] or ""),
            "date": date_format(date.fromisoformat(conflict["deadline"])) if conflict["deadline"] else "",
            "late": _late(int(conflict["days_late"])),
        }
        explanations.append(
            Explanation(_conflict_text(conflict["code"], len(conflict["people"])).format(**words),
                        [_fix_text(fix, things, people) for fix in conflict["fixes"]])
        )  # fmt: skip
    return explanations


def _conflict_text(code: str, people: int) -> str:
    if code == "deadline_overload" and people:
        return ngettext(
            "{deadline} ({date}) would be {late}: {people} is fully booked before it ({activities}).",
            "{deadline} ({date}) would be {late}: {people} are fully booked before it ({activities}).",
            people,
        )
    texts = {
        "dependency_cycle": _("These activities depend on each other in a loop: {activities}."),
        "demand_exceeds_capacity": _("{activities} asks {people} for more hours a day than they have."),
        "pinned_overload": _("The fixed activities {activities} overload {people}."),
        "pinned_dependency": _("The fixed activities {activities} break a dependency between them."),
        "deadline_unreachable": _(
            "{deadline} ({date}) cannot be met whatever the capacity: the chain {activities} ends {late}."
        ),
        "deadline_overload": _(
            "{deadline} ({date}) would be {late}: the team is fully booked before it ({activities})."
        ),
    }
    return texts.get(code, _("A constraint cannot be met ({activities})."))


def _fix_text(fix: Mapping[str, Any], things: Mapping[str, str], people: Mapping[str, str]) -> str:
    target = fix["target"]
    if fix["code"] == "extra_capacity":
        hours = format_number(float(fix["hours_per_day"]), decimals=1)
        return _("Give {person} {hours} more hours a day.").format(
            person=people.get(target, target), hours=hours
        )
    if fix["code"] == "move_deadline" and fix["new_deadline"]:
        when = date_format(date.fromisoformat(fix["new_deadline"]))
        return _("Move {deadline} to {date}.").format(deadline=things.get(target, target), date=when)
    if fix["code"] == "unpin":
        return _("Let the scheduler move {activity} (unpin it).").format(activity=things.get(target, target))
    return _("Remove one of the dependencies of {activity}.").format(activity=things.get(target, target))


def status_text(result: Mapping[str, Any]) -> str:
    texts = {
        "optimal": _("The best schedule was found."),
        "feasible": _("A good schedule was found (the search stopped before proving it is the best)."),
        "infeasible": _("No schedule is possible as things stand."),
        "timed_out": _("No schedule was found in the time allowed. Try again, or simplify the roadmap."),
    }
    return texts.get(str(result.get("status")), "")


# Pages ----------------------------------------------------------------------------------------------------


class RunForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("Plan from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("No activity that has not started yet will be planned before this day."),
    )


def _panel(roadmap: Roadmap, job: Job) -> ProgressPanel:
    return ProgressPanel(
        name="schedule",
        status_url=job_url("schedule_job_status", roadmap, job),
        page_url=job_url("schedule_job", roadmap, job),
        working=_("The scheduler is working"),
        leave_note=_(
            "You may leave this page: the work goes on, and the proposal waits for you among the recent "
            "proposals."
        ),
    )


@login_required
@require_GET
def schedule(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    start = scheduling.default_start(found, today=timezone.localdate())
    return _home(request, found, context, RunForm(initial={"start": start}))


def _home(
    request: HttpRequest, roadmap: Roadmap, context: dict[str, Any], form: RunForm, status: int = 200
) -> HttpResponse:
    count = scheduling.schedulable_count(roadmap)
    recent = jobs.recent_jobs(roadmap, kind=scheduling.JOB_KIND)
    return render(
        request,
        "planning/schedule.html",
        {
            **context,
            "form": form,
            "count": count,
            "background": count > scheduling.INLINE_MAX_ACTIVITIES,
            "recent": [(job, len(job.result_data.get("moves") or [])) for job in recent],
        },
        status=status,
    )


@login_required
@require_POST
def schedule_run(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
    form = RunForm(request.POST)
    if not form.is_valid():
        return _home(request, found, context, form, status=422)
    job = scheduling.run_schedule(actor=user, roadmap=found, start=form.cleaned_data["start"])
    return redirect(job_url("schedule_job", found, job), permanent=False)


@login_required
@require_GET
def schedule_job(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    the_job = jobs.job_for(current_user(request), found, job, kind=scheduling.JOB_KIND)
    return _job_page(request, found, context, the_job)


def _job_page(
    request: HttpRequest,
    roadmap: Roadmap,
    context: dict[str, Any],
    job: Job,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    result = job.result_data
    extra: dict[str, Any] = {
        "job": job,
        "panel": _panel(roadmap, job),
        "result": result,
        "error": error,
        "plan_start": _day(job.params.get("start")),
    }
    if job.status == JobStatus.DONE:
        plan = scheduling.load_plan(roadmap)
        people = {p.key: p.name for p in plan.people}
        names = {a.key: a.title for a in plan.activities}
        comparison = compare(plan, result)
        extra |= {
            "status_text": status_text(result),
            "has_schedule": scheduling.has_schedule(result),
            "comparison": comparison,
            "timelines": timelines(plan, comparison.moves),
            "explanations": explain(plan, result),
            "skipped": [names.get(k, k) for k in result.get("skipped") or []],
            "idle_people": [people.get(k, k) for k in result.get("idle_people") or []],
            "applied": _applied(job),
        }
    return render(request, "planning/schedule_job.html", {**context, **extra}, status=status)


def _applied(job: Job) -> tuple[datetime, str] | None:
    """When the proposal was applied, and by whom (None while it is not)."""
    result = job.result_data
    if not result.get("applied_at"):
        return None
    return datetime.fromisoformat(result["applied_at"]), str(result.get("applied_by_name") or "")


@login_required
@require_GET
def schedule_job_status(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    """The progress fragment while the job runs; once it is finished, the whole page again."""
    found, context = roadmap_page(request, workspace, roadmap)
    the_job = jobs.job_for(current_user(request), found, job, kind=scheduling.JOB_KIND)
    return status_response(request, the_job, _panel(found, the_job), context)


@login_required
@require_POST
def schedule_apply(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
    the_job = jobs.job_for(user, found, job, kind=scheduling.JOB_KIND)
    try:
        moved = scheduling.apply_job(actor=user, roadmap=found, job=the_job)
    except Conflict:
        message = _(
            "Someone changed the plan since this proposal was computed, so nothing was applied. "
            "Run the scheduler again to get a proposal based on the current plan."
        )
        return _job_page(request, found, context, the_job, error=message, status=409)
    except ValidationFailed as failure:
        message = " ".join(m for messages_ in failure.errors.values() for m in messages_)
        return _job_page(request, found, context, the_job, error=message, status=422)
    messages.success(
        request,
        ngettext("{count} activity moved.", "{count} activities moved.", moved).format(count=moved),
    )
    return redirect(job_url("schedule_job", found, the_job))


urlpatterns = [
    path("schedule/", schedule, name="schedule"),
    path("schedule/run/", schedule_run, name="schedule_run"),
    path("schedule/jobs/<int:job>/", schedule_job, name="schedule_job"),
    path("schedule/jobs/<int:job>/status/", schedule_job_status, name="schedule_job_status"),
    path("schedule/jobs/<int:job>/apply/", schedule_apply, name="schedule_apply"),
]
