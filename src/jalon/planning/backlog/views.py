"""The activity backlog (a sortable, filterable table with scores and totals) and the activity page:
its fields, dependencies, assignments (with the overload warning before saving), milestones and history.

The backlog costs a fixed number of SQL queries whatever the number of activities; its table is read and
written by ``backlog_table``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalon.accounts.auth import current_user
from jalon.accounts.models import User
from jalon.bulk import render_with_blocks
from jalon.errors import NeedsConfirmation
from jalon.filter_words import form_applied
from jalon.formatting import format_number
from jalon.forms import Submission, submit
from jalon.ignored_filters import asked_in, left_out, said
from jalon.planning import queries, services
from jalon.planning.backlog.forms import (
    ActivityForm,
    AssignmentForm,
    BacklogFilters,
    DependencyForm,
    NewActivityForm,
)
from jalon.planning.backlog.history import activity_history, lag_words
from jalon.planning.backlog.table import (
    BY_NAME,
    Cells,
    column_headers,
    cost_benefit,
    filtered_rows,
    format_ratio,
    impact_feasibility,
    quadrant_label,
    rows_of,
    sort_rows,
)
from jalon.planning.models import Activity, Assignment, Dependency, Person, Status
from jalon.planning.people.hours_row import refused_row
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.permissions import NotFound, require

SORTING = ("sort", "dir")
L = TypeVar("L", Assignment, Dependency)  # a link of an activity that its page removes


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
    titles = {pk: title for pk, _key, title in objectives}
    today = timezone.localdate()
    rows = rows_of(found, filtered_rows(found, filters.selected, today), titles, today)
    sort = request.GET.get("sort", "")
    descending = request.GET.get("dir") == "desc"
    if sort in BY_NAME:
        rows = sort_rows(rows, BY_NAME[sort], descending=descending)
    else:
        sort = ""
    cells = Cells.of(found)
    totals = {
        "effort": cells.number(sum(r.effort_days for r in rows), 1),
        "cost": cells.amount(sum((r.cost for r in rows), Decimal(0))),
        "value": cells.amount(sum(r.value for r in rows)),
    }
    query = request.GET.urlencode()
    ignored = filters.ignored + left_out(
        asked_in(request.GET, SORTING), {"sort": BY_NAME, "dir": ("asc", "desc")}
    )
    table = mark_safe("\n".join(cells.html(row) for row in rows))  # every cell is escaped
    return render_with_blocks(request, "planning/backlog.html", {
        **context, "count": len(rows), "totals": totals, "filters": filters,
        "headers": column_headers(request.GET, sort, descending),
        "filtered": bool(filters.selected), "applied": form_applied(filters), "query": query, "sort": sort,
        "dir": "desc" if descending else "asc", "ignored": said(ignored),
    }, {"table": table})  # fmt: skip


# The activity page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingAssignment:
    """An assignment the user must confirm: what it would overload."""

    person: Person
    hours: str  # in the user's locale, to post again
    warnings: list[str]


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
    ratio, can_edit = cost_benefit(activity.cost, activity.value), context["can_edit"]
    return {
        **context,
        "activity": activity,
        "objectives": list(activity.objectives.all()),
        "predecessors": _predecessors(activity),
        "successors": [
            (link, lag_words(link.lag_days)) for link in activity.successor_links.select_related("successor")
        ],
        "assignments": list(activity.assignments.select_related("person")),
        "milestones": list(activity.milestones.all()),
        "out_of_reach": activity.milestones_out_of_reach(),
        "history": activity_history(activity),
        "cost_benefit": format_ratio(ratio),
        "impact_feasibility": format_ratio(impact_feasibility(activity.impact, activity.feasibility)),
        "quadrant": quadrant_label(activity),
        # Readers see no form: the predecessor list alone reads every other activity.
        "dependency_form": (dependency_form or DependencyForm(activity=activity)) if can_edit else None,
        "assignment_form": (assignment_form or AssignmentForm(roadmap=roadmap)) if can_edit else None,
        "pending": pending,
        "has_people": roadmap.people.exists(),
    }


@login_required
def activity_page(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    activity = queries.activity_for(found, key)
    return render(request, "planning/activity.html", _activity_context(found, context, activity))


def _editable(request: HttpRequest, workspace: str, roadmap: str) -> tuple[Roadmap, dict[str, Any]]:
    found, context = roadmap_page(request, workspace, roadmap)
    require(current_user(request), "edit", found)
    return found, context


def _editable_activity(
    request: HttpRequest, workspace: str, roadmap: str, key: str
) -> tuple[Roadmap, dict[str, Any], Activity]:
    """``_editable``, and the roadmap's activity ``key`` (404 when it has none)."""
    found, context = _editable(request, workspace, roadmap)
    return found, context, queries.activity_for(found, key)


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
    found, context, activity = _editable_activity(request, workspace, roadmap, key)
    user = current_user(request)
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
    _found, context, activity = _editable_activity(request, workspace, roadmap, key)
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


def _unlink(
    request: HttpRequest,
    found: Roadmap,
    context: dict[str, Any],
    activity: Activity,
    section: str,
    link: L | None,
    remove: Callable[[User | None, L], None],
) -> HttpResponse:
    """Remove ``link``, one of ``activity``'s dependencies or assignments that the URL names (404 when it
    names none), with the service ``remove``, then show the ``section`` again."""
    if link is None:
        raise NotFound
    remove(current_user(request), link)
    return _section(request, section, _activity_context(found, context, activity), status=200)


@login_required
@require_POST
def dependency_add(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context, activity = _editable_activity(request, workspace, roadmap, key)
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
    found, context, activity = _editable_activity(request, workspace, roadmap, key)
    link = activity.predecessor_links.select_related("predecessor").filter(predecessor__key=predecessor)
    return _unlink(request, found, context, activity, "dependencies", link.first(),
                   lambda actor, it: services.remove_dependency(actor=actor, dependency=it))  # fmt: skip


@login_required
@require_POST
def assign(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """Add a person or change their hours; an overload is shown first, then saved on confirm=1."""
    found, context, activity = _editable_activity(request, workspace, roadmap, key)
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
    row = refused_row(request, form, "person", refused=submission.status == 422)
    kept = None if (submission.saved and not pending) or row else submission.form
    page = _activity_context(found, context, activity, assignment_form=kept, pending=pending)
    return _section(request, "assignments", page | {"refused_row": row}, status=submission.status)


@login_required
@require_POST
def unassign(request: HttpRequest, workspace: str, roadmap: str, key: str, person: str) -> HttpResponse:
    found, context, activity = _editable_activity(request, workspace, roadmap, key)
    assignment = activity.assignments.select_related("person").filter(person__key=person).first()
    return _unlink(request, found, context, activity, "assignments", assignment,
                   lambda actor, it: services.unassign(actor=actor, assignment=it))  # fmt: skip


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
