"""The workspace's team: every team member and agency, typed once, whom each roadmap chooses from.

Readers (viewers, stakeholders) see it; editors change it; another workspace's users get 404.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalon import formatting
from jalon.accounts.auth import current_user
from jalon.errors import ValidationFailed
from jalon.forms import DeleteForm, submit
from jalon.planning import services
from jalon.planning.models import Absence, Person
from jalon.planning.people import services as team
from jalon.planning.people.elsewhere import far_activities, hours_by_roadmap
from jalon.planning.people.forms import AbsenceForm, NewWorkspacePersonForm, WorkspacePersonForm
from jalon.planning.timeline.reach import NAMED_FAR, Far, out_of_reach_note
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import save_from_page
from jalon.workspaces.models import Workspace
from jalon.workspaces.permissions import NotFound, can, require
from jalon.workspaces.queries import workspace_for


def _workspace(request: HttpRequest, slug: str, action: str = "view") -> tuple[Workspace, dict[str, Any]]:
    """The workspace (404 for outsiders; 403 when ``action`` is "edit" and the user is a reader) and the
    context of its team pages."""
    user = current_user(request)
    found = workspace_for(user, slug)
    role = require(user, "edit" if action == "edit" else "view", found)
    return found, {"workspace": found, "role": role, "can_edit": can(user, "edit", found)}


def _person(workspace: Workspace, key: str) -> Person:
    person = Person.objects.filter(workspace=workspace, key=key).select_related("user").first()
    if person is None:
        raise NotFound
    person.workspace = workspace
    return person


@login_required
def team_page(request: HttpRequest, workspace: str) -> HttpResponse:
    """Everyone who may work on the workspace's roadmaps; POST adds a person."""
    found, context = _workspace(request, workspace, "edit" if request.method == "POST" else "view")
    user = current_user(request)
    form = NewWorkspacePersonForm(initial={"capacity_hours_per_week": 35, "kind": "member"}, workspace=found)
    status = 200
    if request.method == "POST":
        submission = submit(
            NewWorkspacePersonForm(request.POST, workspace=found),
            lambda f: team.create_person(
                actor=user, workspace=found, key=f.cleaned_data["key"], **f.changes()
            ),
        )
        if submission.saved:
            messages.success(request, _("{name} joined the team.").format(name=submission.result.name))
            return redirect("workspace_person", workspace=workspace, key=submission.result.key)
        form, status = submission.form, submission.status
    people = (
        Person.objects.filter(workspace=found)
        .select_related("user")
        .prefetch_related("absences", "roadmaps")
        .annotate(roadmap_count=Count("staffing"))
    )
    context |= {"people": people, "form": form}
    return render(request, "planning/workspace_team.html", context, status=status)


def _roadmaps_this_month(person: Person) -> list[Roadmap]:
    """The person's roadmaps, each with ``month_hours``: their hours booked on it this calendar month."""
    today = timezone.localdate()
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    hours = hours_by_roadmap(person, first, last)
    roadmaps = list(person.roadmaps.all())
    for roadmap in roadmaps:  # like an annotation
        vars(roadmap)["month_hours"] = hours.get(roadmap.pk, 0.0)
    return roadmaps


def _far(workspace: Workspace, person: Person) -> list[Far]:
    """``person``'s activities wholly beyond their roadmap's reach, which load no week
    (``elsewhere.loaded``), each with its page, the earliest first."""
    return [
        Far(title, start, reverse("activity", args=[workspace.slug, slug, key]))
        for slug, key, title, start in far_activities(person)
    ]


def _far_context(workspace: Workspace, person: Person) -> dict[str, Any]:
    """The sentence naming those activities, each linked, in the roadmap person page's words (empty when
    none) and, past the ``NAMED_FAR`` it names, every one of them with its link and date (``far_all``, for a
    list the page folds): they lie in several roadmaps, so no one backlog lists them all."""
    far = _far(workspace, person)
    every = [(f.url, f.title, formatting.format_long_date(f.day)) for f in far]
    return {
        "out_of_reach": out_of_reach_note(far, links=True, weeks=True),
        "far_all": every if len(far) > NAMED_FAR else [],
    }


def _person_page(
    request: HttpRequest,
    context: dict[str, Any],
    person: Person,
    *,
    edit: WorkspacePersonForm | None = None,
    conflict: Any = None,
    absence: AbsenceForm | None = None,
    delete_refused: bool = False,
    status: int = 200,
) -> HttpResponse:
    workspace = context["workspace"]
    form = edit or WorkspacePersonForm(
        instance=person, initial={"version": person.version}, workspace=workspace
    )
    context |= {
        "person": person,
        "roadmaps": _roadmaps_this_month(person),
        **_far_context(workspace, person),
        "edit_form": form,
        "conflict": conflict,
        "absence_form": absence or AbsenceForm(),
        "delete_refused": delete_refused,
    }
    return render(request, "planning/workspace_person.html", context, status=status)


@login_required
def person_page(request: HttpRequest, workspace: str, key: str) -> HttpResponse:
    """A person of the workspace: details, user account, absences, roadmaps; POST saves the details, from
    this page or from a roadmap's page of the person (which posts without the user account, and ``next``)."""
    found, context = _workspace(request, workspace, "edit" if request.method == "POST" else "view")
    person = _person(found, key)
    if request.method != "POST":
        return _person_page(request, context, person)
    context["next"] = request.POST.get("next", "")
    return save_from_page(
        request,
        person,
        WorkspacePersonForm(request.POST, instance=_person(found, key), workspace=found),
        lambda user, f: team.update_person(
            person, actor=user, expected_version=f.cleaned_data["version"], changes=f.changes()
        ),
        done_url=_next_url(request, person),
        again=lambda submission: _person_page(
            request, context, person, edit=submission.form, conflict=submission.conflict,
            status=submission.status,
        ),
    )  # fmt: skip


@login_required
@require_POST
def person_delete(request: HttpRequest, workspace: str, key: str) -> HttpResponse:
    found, context = _workspace(request, workspace, "edit")
    person = _person(found, key)
    form = DeleteForm(request.POST)
    if not form.is_valid() or form.cleaned_data["version"] != person.version:
        return _person_page(request, context, person, delete_refused=True, status=409)
    team.delete_person(person, actor=current_user(request))
    messages.success(request, _("{name} was removed from the team.").format(name=person.name))
    return redirect("workspace_team", workspace=workspace)


def _next_url(request: HttpRequest, person: Person) -> str:
    """The page the form was posted from: ``next`` when it is a path of this site (a roadmap's page of the
    person posts its own), else the workspace's page of the person."""
    target = request.POST.get("next", "")
    if not (target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None)):
        target = reverse("workspace_person", args=[person.workspace.slug, person.key])
    return target.split("#")[0]


def _back_to(request: HttpRequest, person: Person, anchor: str) -> HttpResponse:
    return redirect(f"{_next_url(request, person)}#{anchor}")


@login_required
@require_POST
def absence_add(request: HttpRequest, workspace: str, key: str) -> HttpResponse:
    """Record an absence of a workspace's person; both the workspace's and a roadmap's page of the person
    post here."""
    found, context = _workspace(request, workspace, "edit")
    person = _person(found, key)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        try:
            services.add_absence(actor=current_user(request), person=person, **form.cleaned_data)
        except ValidationFailed as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("Absence recorded."))
            return _back_to(request, person, "absences")
    context["next"] = request.POST.get("next", "")
    return _person_page(request, context, person, absence=form, status=422)


@login_required
@require_POST
def absence_delete(request: HttpRequest, workspace: str, key: str, absence: int) -> HttpResponse:
    found, _context = _workspace(request, workspace, "edit")
    person = _person(found, key)
    target = Absence.objects.filter(person=person, pk=absence).first()
    if target is None:
        raise NotFound
    target.person = person
    services.remove_absence(actor=current_user(request), absence=target)
    messages.success(request, _("Absence removed."))
    return _back_to(request, person, "absences")


PERSON = "w/<slug:workspace>/team/<slug:key>/"
urlpatterns = [
    path("w/<slug:workspace>/team/", team_page, name="workspace_team"),
    path(PERSON, person_page, name="workspace_person"),
    path(PERSON + "delete/", person_delete, name="workspace_person_delete"),
    path(PERSON + "absences/", absence_add, name="workspace_person_absence_add"),
    path(PERSON + "absences/<int:absence>/delete/", absence_delete, name="workspace_person_absence_delete"),
]
