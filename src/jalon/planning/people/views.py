"""The team (people, absences, assignments) and the workload heatmap of a roadmap (built in
``workload_grid``). Every page costs a fixed number of queries whatever the number of activities."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalon.accounts.auth import current_user
from jalon.engines import workload
from jalon.errors import NeedsConfirmation, ValidationFailed
from jalon.forms import submit
from jalon.planning import queries, services
from jalon.planning.models import Absence, Assignment, Person, Status
from jalon.planning.people.forms import AbsenceForm, AssignmentForm, NewPersonForm, PersonForm
from jalon.planning.people.workload_grid import Numbers, Overload, Team, causes, load_team, workload_view
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import delete_from_page, edit_page, roadmap_page, save_from_page
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
    context["team_url"] = reverse("people", args=[found.workspace.slug, found.slug])
    return render(request, "planning/workload.html", context)


def _team_rows(roadmap: Roadmap, team: Team) -> list[tuple[Person, int, int]]:
    """Each person with their number of activities and of overloaded weeks."""
    grid = workload.workload(team.availability(), team.bookings)
    activities: dict[str, set[str]] = {}
    for booking in team.bookings:
        activities.setdefault(booking.person_key, set()).add(booking.activity_key)
    return [
        (p, len(activities.get(p.key, ())), len(workload.overloaded_weeks(grid, p.key))) for p in team.people
    ]


@login_required
def people_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """The team; POST adds a team member."""
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    form = NewPersonForm(initial={"capacity_hours_per_week": 35, "kind": "member"})
    status = 200
    if request.method == "POST":
        require(user, "edit", found.workspace)
        submission = submit(
            NewPersonForm(request.POST),
            lambda f: services.create(
                Person, actor=user, roadmap=found, key=f.cleaned_data["key"], **f.changes()
            ),
        )
        if submission.saved:
            messages.success(request, _("{name} joined the team.").format(name=submission.result.name))
            return redirect("person", workspace=workspace, roadmap=roadmap, key=submission.result.key)
        form, status = submission.form, submission.status
    rows = _team_rows(found, load_team(found))
    return render(request, "planning/people.html", {**context, "rows": rows, "form": form}, status=status)


@dataclass
class PersonForms:
    """The forms of a person's page, blank or as submitted when they need another look."""

    edit: PersonForm | None = None
    conflict: list[tuple[str, Any, Any]] | None = None
    absence: AbsenceForm | None = None
    assignment: AssignmentForm | None = None
    warnings: list[str] = field(default_factory=list)
    delete_refused: bool = False


def _person_page(
    request: HttpRequest,
    roadmap: Roadmap,
    context: dict[str, Any],
    person: Person,
    forms: PersonForms | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = forms or PersonForms()
    activities = roadmap.activities.only("key", "title", "start", "end").order_by("start", "position", "id")
    assignments = list(person.assignments.select_related("activity").order_by("activity__start", "id"))
    team = Team([person], [])
    for a in assignments:
        if a.activity.start and a.activity.end and a.activity.status != Status.DROPPED:
            team.bookings.append(
                workload.Booking(person.key, a.activity.key, a.activity.title, a.activity.start,
                                 a.activity.end, a.hours_per_week)
            )  # fmt: skip
    grid = workload.workload(team.availability(), team.bookings)
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
            "edit_form": forms.edit or PersonForm(instance=person, initial={"version": person.version}),
            "conflict": forms.conflict,
            "absence_form": forms.absence or AbsenceForm(),
            "assignment_form": forms.assignment or AssignmentForm(activities=activities),
            "warnings": forms.warnings,
            "delete_refused": forms.delete_refused,
        },
        status=status,
    )


def _person_url(person: Person) -> str:
    roadmap = person.roadmap
    return reverse("person", args=[roadmap.workspace.slug, roadmap.slug, person.key])


def _back_to(person: Person, anchor: str = "") -> HttpResponse:
    return redirect(_person_url(person) + (f"#{anchor}" if anchor else ""))


@login_required
def person_page(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """A team member: details, absences, assignments and overloads; POST saves the details."""
    found, context = roadmap_page(request, workspace, roadmap)
    person = _person(found, key)
    if request.method != "POST":
        return _person_page(request, found, context, person)
    return save_from_page(
        request,
        found,
        PersonForm(request.POST, instance=_person(found, key)),
        lambda user, f: services.update(
            person, actor=user, expected_version=f.cleaned_data["version"], changes=f.changes()
        ),
        done_url=_person_url(person),
        again=lambda submission: _person_page(
            request, found, context, person,
            PersonForms(edit=submission.form, conflict=submission.conflict), submission.status,
        ),
    )  # fmt: skip


@login_required
@require_POST
def person_delete(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context, user = edit_page(request, workspace, roadmap)
    person = _person(found, key)
    return delete_from_page(
        request,
        person.version,
        lambda: services.delete(person, actor=user),
        done=_("{name} was removed from the team.").format(name=person.name),
        done_url=reverse("people", kwargs={"workspace": workspace, "roadmap": roadmap}),
        refused=lambda: _person_page(request, found, context, person, PersonForms(delete_refused=True), 409),
    )


@login_required
@require_POST
def absence_add(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context, user = edit_page(request, workspace, roadmap)
    person = _person(found, key)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        try:
            services.add_absence(actor=user, person=person, **form.cleaned_data)
        except ValidationFailed as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("Absence recorded."))
            return _back_to(person, "absences")
    return _person_page(request, found, context, person, PersonForms(absence=form), 422)


@login_required
@require_POST
def absence_delete(
    request: HttpRequest, workspace: str, roadmap: str, key: str, absence: int
) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    person = _person(found, key)
    target = Absence.objects.filter(person=person, pk=absence).first()
    if target is None:
        raise NotFound
    target.person = person
    services.remove_absence(actor=user, absence=target)
    messages.success(request, _("Absence removed."))
    return _back_to(person, "absences")


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
            return _back_to(person, "assignments")
    status = 200 if warnings else 422
    return _person_page(
        request, found, context, person, PersonForms(assignment=form, warnings=warnings), status
    )


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
    return _back_to(person, "assignments")


PERSON = "people/<slug:key>/"
urlpatterns = [
    path("workload/", workload_page, name="workload"),
    path("people/", people_page, name="people"),
    path(PERSON, person_page, name="person"),
    path(PERSON + "delete/", person_delete, name="person_delete"),
    path(PERSON + "absences/", absence_add, name="person_absence_add"),
    path(PERSON + "absences/<int:absence>/delete/", absence_delete, name="person_absence_delete"),
    path(PERSON + "assignments/", assignment_save, name="person_assign"),
    path(PERSON + "assignments/<slug:activity>/delete/", assignment_delete, name="person_unassign"),
]
