"""A roadmap's team (chosen from the workspace's people; absences, assignments) and its workload heatmap
(built in ``workload_grid``). Every page costs a fixed number of queries whatever the number of activities."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jalon.accounts.auth import current_user
from jalon.engines import workload
from jalon.errors import NeedsConfirmation, ValidationFailed
from jalon.forms import submit
from jalon.ignored_filters import ignored_in, said
from jalon.planning import queries, services
from jalon.planning.models import Assignment, Person
from jalon.planning.people import services as team_services
from jalon.planning.people.forms import AbsenceForm, AssignmentForm, NewPersonForm, PersonForm
from jalon.planning.people.hours_row import RefusedRow, refused_row
from jalon.planning.people.workload_grid import Numbers, Overload, Team, causes, load_team, workload_view
from jalon.planning.timeline.reach import far_note, reach_of
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import edit_page, roadmap_page
from jalon.workspaces.permissions import NotFound, require

# Pages --------------------------------------------------------------------------------------------


def _person(roadmap: Roadmap, key: str) -> Person:
    return queries.item_for(roadmap.people.prefetch_related("absences"), roadmap, key)


@login_required
def workload_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    themes = list(queries.themes_of(found))
    theme = next((t for t in themes if t.key == request.GET.get("theme")), None)
    team = load_team(found)
    person = request.GET.get("person", "")
    if person not in {p.key for p in team.people}:
        person = ""
    view = workload_view(found, team, person=person, theme=theme)
    context |= {"view": view, "people": team.people, "themes": themes, "person": person, "theme": theme}
    named = {p.key: p.name for p in team.people}
    context["applied"] = [
        ("person", [named[person]] if person else []),
        ("theme", [theme.name] if theme else []),
    ]
    known = {"person": set(named), "theme": {t.key for t in themes}}
    context["ignored"] = said(ignored_in(request.GET, known))
    context["team_url"] = reverse("people", args=[found.workspace.slug, found.slug])
    context["out_of_reach"] = far_note(found, reach_of(found), [], team.far_activities, weeks=True)
    return render(request, "planning/workload.html", context)


def _team_rows(roadmap: Roadmap, team: Team) -> list[Person]:
    """The team's people, each with ``activity_count`` and ``overloaded_weeks`` (the columns the roadmap's
    team table adds to the workspace's)."""
    grid = team.grid()  # other roadmaps' hours included, far activities left out, as the workload page
    activities: dict[str, set[str]] = {}
    for booking in team.bookings:
        activities.setdefault(booking.person_key, set()).add(booking.activity_key)
    for p in team.people:  # like an annotation (the workspace's table gets its ``roadmap_count`` so)
        vars(p).update(
            activity_count=len(activities.get(p.key, ())),
            overloaded_weeks=len(workload.overloaded_weeks(grid, p.key)),
        )
    return list(team.people)


@login_required
def people_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """The roadmap's team, chosen from the workspace's; POST adds a new person to both."""
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    form = NewPersonForm(initial={"capacity_hours_per_week": 35, "kind": "member"})
    status = 200
    if request.method == "POST":
        require(user, "edit", found)
        submission = submit(
            NewPersonForm(request.POST),
            lambda f: team_services.create_person(
                actor=user, workspace=found.workspace, roadmap=found, key=f.cleaned_data["key"], **f.changes()
            ),
        )
        if submission.saved:
            messages.success(request, _("{name} joined the team.").format(name=submission.result.name))
            return redirect("person", workspace=workspace, roadmap=roadmap, key=submission.result.key)
        form, status = submission.form, submission.status
    people = _team_rows(found, load_team(found))
    on_team = {person.pk for person in people}
    others = [p for p in Person.objects.filter(workspace=found.workspace) if p.pk not in on_team]
    context |= {"people": people, "form": form, "others": others}
    return render(request, "planning/people.html", context, status=status)


@login_required
@require_POST
def team_add(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Put a person of the workspace's team on the roadmap's team, in one click."""
    found, _context, user = edit_page(request, workspace, roadmap)
    person = Person.objects.filter(workspace=found.workspace, key=request.POST.get("person", "")).first()
    if person is None:
        raise NotFound
    team_services.add_to_roadmap(actor=user, roadmap=found, person=person)
    messages.success(request, _("{name} joined the team.").format(name=person.name))
    return redirect(reverse("people", args=[workspace, roadmap]) + f"#person-{person.key}")


@dataclass
class PersonForms:
    """The forms of a person's page, blank or as submitted when they need another look."""

    assignment: AssignmentForm | None = None
    warnings: list[str] = field(default_factory=list)
    refused_row: RefusedRow | None = None  # an assignment's hours refused in its row
    remove_refused: list[str] = field(default_factory=list)


def _person_page(
    request: HttpRequest,
    roadmap: Roadmap,
    context: dict[str, Any],
    person: Person,
    forms: PersonForms | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = forms or PersonForms()
    activities = roadmap.activities.only(
        "key", "title", "start", "end", "roadmap"
    )  # roadmap: the choice reads it
    activities = activities.order_by("start", "position", "id")
    assignments = list(
        person.assignments.filter(activity__roadmap=roadmap)
        .select_related("activity")
        .order_by("activity__start", "id")
    )
    team = load_team(roadmap, person)  # the workload page's rule, far activities named
    grid = team.grid()
    fmt = Numbers()
    overloads = [
        Overload(person, week, fmt(cell.hours), fmt(cell.capacity_hours), causes(cell, fmt))
        for week, cell in workload.overloaded_weeks(grid, person.key)
    ]
    return render(
        request,
        "planning/person.html",
        {
            **context,
            "person": person,
            "assignments": assignments,
            "overloads": overloads,
            "out_of_reach": far_note(roadmap, reach_of(roadmap), [], team.far_activities, weeks=True),
            "edit_form": PersonForm(instance=person, initial={"version": person.version}),
            "absence_form": AbsenceForm(),
            "assignment_form": forms.assignment or AssignmentForm(activities=activities),
            "has_activities": activities.exists(),
            "warnings": forms.warnings,
            "remove_refused": forms.remove_refused,
            "refused_row": forms.refused_row,
        },
        status=status,
    )


def _back_to(roadmap: Roadmap, person: Person, anchor: str) -> HttpResponse:
    return redirect(reverse("person", args=[roadmap.workspace.slug, roadmap.slug, person.key]) + f"#{anchor}")


@login_required
@require_GET
def person_page(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """A team member: details, absences, assignments and overloads. The details and absences are the
    workspace's: their forms post to the workspace's page of the person, with ``next`` this page."""
    found, context = roadmap_page(request, workspace, roadmap)
    return _person_page(request, found, context, _person(found, key))


@login_required
@require_POST
def person_remove(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """Take the person off the roadmap's team (they stay on the workspace's)."""
    found, context, user = edit_page(request, workspace, roadmap)
    person = _person(found, key)
    try:
        team_services.remove_from_roadmap(actor=user, roadmap=found, person=person)
    except ValidationFailed as error:
        return _person_page(
            request,
            found,
            context,
            person,
            PersonForms(remove_refused=[m for ms in error.errors.values() for m in ms]),
            409,
        )
    messages.success(request, _("{name} no longer works on this roadmap.").format(name=person.name))
    return redirect("people", workspace=workspace, roadmap=roadmap)


@login_required
@require_POST
def assignment_save(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """Put the person on an activity; an overload is shown first and saved only once confirmed."""
    found, context, user = edit_page(request, workspace, roadmap)
    person = _person(found, key)
    form = AssignmentForm(request.POST, activities=found.activities.all())
    warnings: list[str] = []
    if form.is_valid():
        activity = form.cleaned_data["activity"]
        activity.roadmap = found
        try:
            services.assign(
                actor=user, activity=activity, person=person,
                hours_per_week=form.cleaned_data["hours_per_week"], confirm=form.cleaned_data["confirm"],
            )  # fmt: skip
        except NeedsConfirmation as question:
            warnings = question.warnings
        except ValidationFailed as error:
            error.add_to_form(form)
        else:
            messages.success(
                request,
                _("{name} is assigned to {activity}.").format(name=person.name, activity=activity.title),
            )
            return _back_to(found, person, "assignments")
    status = 200 if warnings else 422
    row = refused_row(request, form, "activity", refused=status == 422)
    shown = PersonForms(assignment=None if row else form, warnings=warnings, refused_row=row)
    return _person_page(request, found, context, person, shown, status)


@login_required
@require_POST
def assignment_delete(
    request: HttpRequest, workspace: str, roadmap: str, key: str, activity: str
) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    person = _person(found, key)
    target = (
        Assignment.objects.select_related("activity").filter(person=person, activity__key=activity).first()
    )
    if target is None:
        raise NotFound
    target.person, target.activity.roadmap = person, found
    services.unassign(actor=user, assignment=target)
    messages.success(request, _("Assignment removed."))
    return _back_to(found, person, "assignments")


PERSON = "people/<slug:key>/"
urlpatterns = [
    path("workload/", workload_page, name="workload"),
    path("people/", people_page, name="people"),
    path(PERSON, person_page, name="person"),
    path("team/add/", team_add, name="team_add"),
    path(PERSON + "remove/", person_remove, name="person_remove"),
    path(PERSON + "assignments/", assignment_save, name="person_assign"),
    path(PERSON + "assignments/<slug:activity>/delete/", assignment_delete, name="person_unassign"),
]
