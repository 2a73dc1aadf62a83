"""The activity backlog (a sortable, filterable table with scores and totals) and the activity page:
its fields, dependencies, assignments (with the overload warning before saving), milestones and history.

The backlog costs a fixed number of SQL queries whatever the number of activities, and formats every
cell once in Python so that a 1,000-row table stays a light template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format, get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jalon.accounts.auth import current_user
from jalon.engines import scoring
from jalon.errors import NeedsConfirmation
from jalon.formatting import format_number, format_quantity
from jalon.history.models import Change
from jalon.markup import escape
from jalon.planning import queries, services
from jalon.planning.forms import ActivityForm, AssignmentForm, BacklogFilters, DependencyForm, NewActivityForm
from jalon.planning.models import Activity, Person, Status
from jalon.planning.pages import roadmap_page
from jalon.strategy.forms import Submission, submit
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import NotFound, require

STATUS_ORDER = {status.value: n for n, status in enumerate(Status)}
HISTORY_LIMIT = 20

# Scores --------------------------------------------------------------------------------------------


def cost_benefit(cost: Decimal | float, value: float) -> float | None:
    """Expected value per unit of cost (the engine's convention: free with value is infinite);
    nothing to compare when neither is known."""
    if not cost and not value:
        return None
    return scoring.cost_benefit_ratio(value_eur=float(value), cost_eur=float(cost))


def impact_feasibility(impact: int | None, feasibility: int | None) -> float | None:
    if impact is None or feasibility is None:
        return None
    return scoring.impact_feasibility_score(scoring.ImpactFeasibility(impact, feasibility))


QUADRANTS = {
    scoring.Quadrant.QUICK_WIN: gettext_lazy("quick win"),
    scoring.Quadrant.MAJOR_PROJECT: gettext_lazy("major project"),
    scoring.Quadrant.FILL_IN: gettext_lazy("fill-in"),
    scoring.Quadrant.MONEY_PIT: gettext_lazy("money pit"),
}


def quadrant_label(activity: Activity) -> str:
    if activity.impact is None or activity.feasibility is None:
        return ""
    return str(QUADRANTS[scoring.quadrant(scoring.ImpactFeasibility(activity.impact, activity.feasibility))])


def format_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    return "∞" if ratio == float("inf") else format_number(ratio, decimals=2)


# The backlog table ---------------------------------------------------------------------------------

# What a row shows, read as plain values: no model instance per row.
ROW_FIELDS = (
    "id", "key", "title", "status", "start", "end", "effort_days", "cost", "value", "impact", "feasibility",
    "confidence", "theme__name", "theme__colour", "owner__name",
)  # fmt: skip


@dataclass(slots=True)
class Row:
    """One activity of the backlog with its scores, and its table row once formatted."""

    id: int
    key: str
    title: str
    status: str
    start: date | None
    end: date | None
    effort_days: float
    cost: Decimal
    value: float
    impact: int | None
    feasibility: int | None
    confidence: int | None
    theme: str | None
    colour: str | None
    owner: str | None
    objectives: str = ""
    cost_benefit: float | None = None
    impact_feasibility: float | None = None
    html: str = ""


@dataclass(frozen=True)
class Column:
    name: str
    label: Any
    key: Callable[[Row], Any]
    numeric: bool = False


def _text(value: str | None) -> str | None:
    return value.casefold() if value else None


COLUMNS = (
    Column("title", gettext_lazy("title"), lambda r: r.title.casefold()),
    Column("theme", gettext_lazy("thematic group"), lambda r: _text(r.theme)),
    Column("objectives", gettext_lazy("objectives"), lambda r: _text(r.objectives)),
    Column("owner", gettext_lazy("owner"), lambda r: _text(r.owner)),
    Column("status", gettext_lazy("status"), lambda r: STATUS_ORDER.get(r.status)),
    Column("start", gettext_lazy("start"), lambda r: r.start),
    Column("end", gettext_lazy("end"), lambda r: r.end),
    Column("effort", gettext_lazy("effort (person-days)"), lambda r: r.effort_days, True),
    Column("cost", gettext_lazy("cost"), lambda r: r.cost, True),
    Column("value", gettext_lazy("expected value"), lambda r: r.value, True),
    Column("impact", gettext_lazy("impact"), lambda r: r.impact, True),
    Column("feasibility", gettext_lazy("feasibility"), lambda r: r.feasibility, True),
    Column("confidence", gettext_lazy("confidence (%)"), lambda r: r.confidence, True),
    Column("cost_benefit", gettext_lazy("cost-benefit"), lambda r: r.cost_benefit, True),
    Column("impact_feasibility", gettext_lazy("impact × feasibility"), lambda r: r.impact_feasibility, True),
)  # fmt: skip
BY_NAME = {column.name: column for column in COLUMNS}


def sort_rows(rows: list[Row], column: Column, *, descending: bool) -> list[Row]:
    """Sorted on ``column``; empty cells always last; equal cells keep the backlog's order."""
    keyed = [(column.key(row), row) for row in rows]
    present = [pair for pair in keyed if pair[0] is not None]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [row for _key, row in present] + [row for key, row in keyed if key is None]


def _filtered(roadmap: Roadmap, selected: dict[str, list[str]]) -> Any:
    # The backlog shows neither assignments, links nor tactics: plain values of what it shows.
    activities = queries.activities_of(roadmap).prefetch_related(None)
    if "theme" in selected:
        activities = activities.filter(theme__key__in=selected["theme"])
    if "owner" in selected:
        activities = activities.filter(owner__key__in=selected["owner"])
    if "status" in selected:
        activities = activities.filter(status__in=selected["status"])
    if "objective" in selected:
        links = Activity.objectives.through.objects.filter(
            objective__roadmap=roadmap, objective__key__in=selected["objective"]
        )
        activities = activities.filter(pk__in=links.values("activity_id"))
    return activities.values_list(*ROW_FIELDS)


def _rows(roadmap: Roadmap, activities: Any, objective_titles: dict[int, str]) -> list[Row]:
    links = Activity.objectives.through.objects.filter(activity__roadmap=roadmap).values_list(
        "activity_id", "objective_id"
    )
    titles: dict[int, list[str]] = {}
    for activity_id, objective_id in links:
        titles.setdefault(activity_id, []).append(objective_titles[objective_id])
    rows = []
    for values in activities:
        row = Row(*values)
        row.objectives = ", ".join(titles.get(row.id, ()))
        row.cost_benefit = cost_benefit(row.cost, row.value)
        row.impact_feasibility = impact_feasibility(row.impact, row.feasibility)
        rows.append(row)
    return rows


STRFTIME = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y"}
SIMPLE_DATE = set("dmYy/.- ")


class _Cells:
    """Writes the table rows in Python: at 1,000 activities a template would spend most of the page's
    time resolving 15,000 variables. Every text from users goes through ``escape``. Numbers follow
    ``format_number``/``format_quantity``, whose separators and currency layout are read once per page
    rather than asking for the active language in each of 5,000 cells."""

    def __init__(self, roadmap: Roadmap) -> None:
        self.url = reverse("activity", args=[roadmap.workspace.slug, roadmap.slug, "KEY"])[: -len("KEY/")]
        self.statuses = {value: escape(str(label)) for value, label in Status.choices}
        self.dates: dict[date, str] = {}  # a roadmap's activities share few distinct dates
        short = str(get_format("SHORT_DATE_FORMAT"))
        # Django's date formatting costs ~0.1 ms a date; the usual numeric formats map onto strftime.
        self.strftime = "".join(STRFTIME.get(c, c) for c in short) if set(short) <= SIMPLE_DATE else ""
        sample = format_number(1234.5)  # "1 234,5" or "1,234.5"
        self.separators = str.maketrans({",": sample[1], ".": sample[5]})
        self.before_amount, self.after_amount = format_quantity(1, roadmap.currency).split("1", 1)

    def number(self, value: float | Decimal, decimals: int = 2) -> str:
        text = f"{value:,.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.translate(self.separators)

    def amount(self, value: float | Decimal) -> str:
        return f"{self.before_amount}{self.number(value)}{self.after_amount}"

    def date(self, day: date | None) -> str:
        if day is None:
            return "—"
        if day not in self.dates:
            fast = self.strftime and day.strftime(self.strftime)
            self.dates[day] = fast or date_format(day, "SHORT_DATE_FORMAT")
        return self.dates[day]

    def ratio(self, ratio: float | None) -> str:
        if ratio is None:
            return "—"
        return "∞" if ratio == float("inf") else self.number(ratio)

    def html(self, row: Row) -> str:
        key, none = escape(row.key), "—"
        swatch = f'<span class="swatch" style="background-color:{escape(row.colour or "")}"></span>'
        theme = f"{swatch} {escape(row.theme)}" if row.theme else none
        numbers = (
            self.number(row.effort_days, 1), self.amount(row.cost), self.amount(row.value),
            none if row.impact is None else row.impact, none if row.feasibility is None else row.feasibility,
            none if row.confidence is None else row.confidence, self.ratio(row.cost_benefit),
            self.ratio(row.impact_feasibility),
        )  # fmt: skip
        return (
            f'<tr id="activity-{key}"><th scope="row"><a href="{self.url}{key}/">{escape(row.title)}</a></th>'
            f"<td>{theme}</td><td>{escape(row.objectives) or none}</td><td>{escape(row.owner or none)}</td>"
            f'<td><span class="status status-{escape(row.status)}">{self.statuses.get(row.status, "")}'
            f"</span></td><td>{self.date(row.start)}</td><td>{self.date(row.end)}</td>"
            + "".join(f'<td class="num">{cell}</td>' for cell in numbers)
            + "</tr>"
        )


def _headers(query: QueryDict, sort: str, descending: bool) -> list[dict[str, Any]]:
    """Each column's label, its aria-sort state and the address that sorts on it (filters kept)."""
    kept = [(k, v) for k, values in query.lists() if k not in ("sort", "dir") for v in values]
    headers = []
    for column in COLUMNS:
        current = column.name == sort
        # A first click shows scores and amounts best first, text and dates A→Z.
        to_descending = (not descending) if current else column.numeric
        direction = "desc" if to_descending else "asc"
        headers.append({
            "column": column,
            "query": urlencode([*kept, ("sort", column.name), ("dir", direction)]),
            "aria_sort": ("descending" if descending else "ascending") if current else "none",
        })  # fmt: skip
    return headers


@login_required
def backlog(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    # Plain tuples: model instances fetched with only() would each ask for their deferred roadmap_id.
    objectives = list(found.objectives.values_list("id", "key", "title"))
    filters = BacklogFilters(
        request.GET,
        themes=list(queries.themes_of(found).values_list("key", "name")),
        people=list(found.people.values_list("key", "name")),
        objectives=[(key, title) for _id, key, title in objectives],
    )
    rows = _rows(found, _filtered(found, filters.selected), {pk: title for pk, _key, title in objectives})
    sort = request.GET.get("sort", "")
    descending = request.GET.get("dir") == "desc"
    if sort in BY_NAME:
        rows = sort_rows(rows, BY_NAME[sort], descending=descending)
    else:
        sort = ""
    cells = _Cells(found)
    totals = {
        "effort": cells.number(sum(r.effort_days for r in rows), 1),
        "cost": cells.amount(sum((r.cost for r in rows), Decimal(0))),
        "value": cells.amount(sum(r.value for r in rows)),
    }
    query = request.GET.urlencode()
    table = mark_safe("\n".join(cells.html(row) for row in rows))  # every cell is escaped
    return render(request, "planning/backlog.html", {
        **context, "count": len(rows), "table": table, "totals": totals, "filters": filters,
        "headers": _headers(request.GET, sort, descending),
        "filtered": bool(filters.selected), "query": query, "sort": sort,
        "dir": "desc" if descending else "asc",
    })  # fmt: skip


# The activity page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingAssignment:
    """An assignment the user must confirm: what it would overload."""

    person: Person
    hours: str  # in the user's locale, to post again
    warnings: list[str]


def _history(activity: Activity, names: dict[str, dict[Any, str]]) -> list[dict[str, Any]]:
    """The latest changes, each field with its label and its values as people read them."""
    labels = {f.name: f.verbose_name for f in Activity._meta.get_fields() if hasattr(f, "verbose_name")}
    labels["after"] = gettext_lazy("comes after")
    changes = list(
        Change.objects.filter(content_type=ContentType.objects.get_for_model(Activity), object_id=activity.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:HISTORY_LIMIT]
    )
    entries = []
    for change in changes:
        fields = [
            (
                labels.get(name) or names["person"].get(name) or name,
                _history_value(name, before, names),
                _history_value(name, after, names),
            )
            for name, (before, after) in sorted(change.fields.items())
        ]
        if fields:  # saving the same values again leaves an empty record: nothing to show
            entries.append({"change": change, "fields": fields})
    created = [change for change in changes if change.version == 1 and not change.fields]
    if created:  # the oldest empty first version is the creation
        entries.append({"change": created[-1], "fields": []})
    return entries


def _history_value(name: str, value: Any, names: dict[str, dict[Any, str]]) -> str:
    if value is None or value == "":
        return "—"
    if name in ("theme", "owner"):  # recorded as the linked object's id
        return names[name].get(value, str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if name in ("start", "end") and isinstance(value, str):
        try:
            return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float | int) and name != "tactic":
        return format_number(value)
    return str(value)


def _predecessors(activity: Activity) -> list[tuple[Any, date | None, bool]]:
    """Each link with the earliest start it allows, and whether this activity starts before it."""
    rows = []
    for link in activity.predecessor_links.select_related("predecessor"):
        end = link.predecessor.end
        earliest = link.earliest_successor_start(end) if end else None
        rows.append((link, earliest, bool(earliest and activity.start and activity.start < earliest)))
    return rows


def _activity_context(
    roadmap: Roadmap,
    context: dict[str, Any],
    activity: Activity,
    *,
    dependency_form: DependencyForm | None = None,
    assignment_form: AssignmentForm | None = None,
    pending: PendingAssignment | None = None,
) -> dict[str, Any]:
    people = list(roadmap.people.values_list("id", "key", "name"))
    names: dict[str, dict[Any, str]] = {
        "person": {key: name for _id, key, name in people},
        "owner": {pk: name for pk, _key, name in people},
        "theme": dict(roadmap.themes.values_list("id", "name")),
    }
    ratio, can_edit = cost_benefit(activity.cost, activity.value), context["can_edit"]
    return {
        **context,
        "activity": activity,
        "objectives": list(activity.objectives.all()),
        "predecessors": _predecessors(activity),
        "successors": list(activity.successor_links.select_related("successor")),
        "assignments": list(activity.assignments.select_related("person")),
        "milestones": list(activity.milestones.all()),
        "history": _history(activity, names),
        "cost_benefit": format_ratio(ratio),
        "impact_feasibility": format_ratio(impact_feasibility(activity.impact, activity.feasibility)),
        "quadrant": quadrant_label(activity),
        # Readers see no form: the predecessor list alone reads every other activity.
        "dependency_form": (dependency_form or DependencyForm(activity=activity)) if can_edit else None,
        "assignment_form": (assignment_form or AssignmentForm(roadmap=roadmap)) if can_edit else None,
        "pending": pending,
        "has_people": bool(people),
    }


@login_required
def activity_page(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    activity = queries.activity_for(found, key)
    return render(request, "planning/activity.html", _activity_context(found, context, activity))


def _editable(request: HttpRequest, workspace: str, roadmap: str) -> tuple[Roadmap, dict[str, Any]]:
    found, context = roadmap_page(request, workspace, roadmap)
    require(current_user(request), "edit", found.workspace)
    return found, context


def _form_page(
    request: HttpRequest, context: dict[str, Any], submission: Submission[Any], activity: Activity | None
) -> HttpResponse:
    return render(
        request,
        "planning/activity_edit.html",
        {**context, "form": submission.form, "conflict": submission.conflict, "activity": activity},
        status=submission.status,
    )


@login_required
def activity_new(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = _editable(request, workspace, roadmap)
    user = current_user(request)
    if request.method != "POST":
        form = NewActivityForm(initial={"status": Status.IDEA}, roadmap=found)
        return _form_page(request, context, Submission(form, 200), None)
    submission = submit(
        NewActivityForm(request.POST, roadmap=found),
        lambda form: services.create(
            Activity, actor=user, roadmap=found, key=form.cleaned_data["key"], **form.changes()
        ),
    )
    if submission.saved:
        messages.success(request, _("Activity created."))
        return redirect("activity", workspace=workspace, roadmap=roadmap, key=submission.result.key)
    return _form_page(request, context, submission, None)


@login_required
def activity_edit(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context = _editable(request, workspace, roadmap)
    user = current_user(request)
    activity = queries.activity_for(found, key)
    if request.method != "POST":
        form = ActivityForm(instance=activity, initial={"version": activity.version}, roadmap=found)
        return _form_page(request, context, Submission(form, 200), activity)
    submission = submit(
        ActivityForm(request.POST, instance=queries.activity_for(found, key), roadmap=found),
        lambda form: services.update(
            activity, actor=user, expected_version=form.cleaned_data["version"], changes=form.changes()
        ),
    )
    if submission.saved:
        messages.success(request, _("Activity saved."))
        return redirect("activity", workspace=workspace, roadmap=roadmap, key=key)
    return _form_page(request, context, submission, activity)


@login_required
def activity_delete(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """GET asks for confirmation (what else goes with it); POST deletes."""
    found, context = _editable(request, workspace, roadmap)
    activity = queries.activity_for(found, key)
    if request.method == "POST":
        services.delete(activity, actor=current_user(request))
        messages.success(request, _("Activity “{title}” deleted.").format(title=activity.title))
        return redirect("backlog", workspace=workspace, roadmap=roadmap)
    return render(request, "planning/activity_delete.html", {
        **context, "activity": activity, "links": activity.predecessor_links.count()
        + activity.successor_links.count(), "assignments": activity.assignments.count(),
    })  # fmt: skip


def _section(
    request: HttpRequest,
    section: str,
    page: dict[str, Any],
    *,
    status: int,
) -> HttpResponse:
    """htmx: the section alone, swapped in place. Without JavaScript: back to the page after a save,
    or the whole page with the section's errors or question."""
    activity: Activity = page["activity"]
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, f"planning/_activity_{section}.html", page, status=status)
    if status == 200 and not page["pending"]:
        response = redirect("activity", workspace=page["workspace"].slug, roadmap=page["roadmap"].slug,
                            key=activity.key)  # fmt: skip
        response["Location"] += f"#{section}"
        return response
    return render(request, "planning/activity.html", page, status=status)


@login_required
@require_POST
def dependency_add(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context = _editable(request, workspace, roadmap)
    activity = queries.activity_for(found, key)
    form = DependencyForm(request.POST, activity=activity)
    submission = submit(
        form,
        lambda f: services.add_dependency(
            actor=current_user(request),
            predecessor=f.cleaned_data["predecessor"],
            successor=activity,
            lag_days=f.cleaned_data["lag_days"],
        ),
    )
    kept = None if submission.saved else submission.form
    page = _activity_context(found, context, activity, dependency_form=kept)
    return _section(request, "dependencies", page, status=submission.status)


@login_required
@require_POST
def dependency_remove(
    request: HttpRequest, workspace: str, roadmap: str, key: str, predecessor: str
) -> HttpResponse:
    found, context = _editable(request, workspace, roadmap)
    activity = queries.activity_for(found, key)
    links = activity.predecessor_links.select_related("predecessor")
    link = links.filter(predecessor__key=predecessor).first()
    if link is None:
        raise NotFound
    link.successor = activity
    services.remove_dependency(actor=current_user(request), dependency=link)
    page = _activity_context(found, context, activity)
    return _section(request, "dependencies", page, status=200)


@login_required
@require_POST
def assign(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """Add a person or change their hours; an overload is shown first, then saved on confirm=1."""
    found, context = _editable(request, workspace, roadmap)
    activity = queries.activity_for(found, key)
    form = AssignmentForm(request.POST, roadmap=found)
    pending = None

    def save(f: AssignmentForm) -> Any:
        return services.assign(
            actor=current_user(request),
            activity=activity,
            person=f.cleaned_data["person"],
            hours_per_week=f.cleaned_data["hours_per_week"],
            confirm=request.POST.get("confirm") == "1",
        )

    try:
        submission = submit(form, save)
    except NeedsConfirmation as question:
        person, hours = form.cleaned_data["person"], form.cleaned_data["hours_per_week"]
        pending = PendingAssignment(person, format_number(hours), question.warnings)
        submission = Submission(form, 200)
    kept = None if submission.saved and not pending else submission.form
    page = _activity_context(found, context, activity, assignment_form=kept, pending=pending)
    return _section(request, "assignments", page, status=submission.status)


@login_required
@require_POST
def unassign(request: HttpRequest, workspace: str, roadmap: str, key: str, person: str) -> HttpResponse:
    found, context = _editable(request, workspace, roadmap)
    activity = queries.activity_for(found, key)
    assignment = activity.assignments.select_related("person").filter(person__key=person).first()
    if assignment is None:
        raise NotFound
    assignment.activity = activity
    services.unassign(actor=current_user(request), assignment=assignment)
    page = _activity_context(found, context, activity)
    return _section(request, "assignments", page, status=200)


ACTIVITY = "activities/<slug:key>/"
REMOVE_DEPENDENCY = "activity_dependency_remove"
urlpatterns = [
    path("backlog/", backlog, name="backlog"),
    path("activities/new/", activity_new, name="activity_new"),
    path(ACTIVITY, activity_page, name="activity"),
    path(ACTIVITY + "edit/", activity_edit, name="activity_edit"),
    path(ACTIVITY + "delete/", activity_delete, name="activity_delete"),
    path(ACTIVITY + "dependencies/", dependency_add, name="activity_dependency_add"),
    path(ACTIVITY + "dependencies/<slug:predecessor>/delete/", dependency_remove, name=REMOVE_DEPENDENCY),
    path(ACTIVITY + "assignments/", assign, name="activity_assign"),
    path(ACTIVITY + "assignments/<slug:person>/delete/", unassign, name="activity_unassign"),
]
