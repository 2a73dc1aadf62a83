"""The team (people, absences, assignments) and the workload heatmap of a roadmap.

Every page costs a fixed number of queries: people with their absences (two), every assignment of the
roadmap with its activity as plain values (one), the themes for the filter (one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalon.accounts.auth import current_user
from jalon.accounts.models import User
from jalon.editing import only, save_new
from jalon.errors import NeedsConfirmation, ValidationFailed
from jalon.formatting import format_number
from jalon.planning import queries, services, workload
from jalon.planning.forms_people import AbsenceForm, AssignmentForm, DeleteForm, NewPersonForm, PersonForm
from jalon.planning.models import Absence, Assignment, Person, Status, Theme
from jalon.planning.pages import roadmap_page
from jalon.strategy.forms import Submission, submit
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import NotFound, require, require_actor

MAX_WEEKS = 157  # three years: beyond that the grid is no longer readable on a screen
HOLIDAY_LANGUAGES = {"fr": "fr", "en": "en_US"}


# Loading the team and its work ----------------------------------------------------------------------


@dataclass
class Team:
    """The people of a roadmap and everything assigned to them, loaded once."""

    people: list[Person]
    bookings: list[workload.Booking]
    themes_of: dict[str, set[int | None]] = field(default_factory=dict)  # person key -> theme ids

    def availability(self) -> list[workload.Availability]:
        return [
            workload.Availability(
                p.key, p.capacity_hours_per_week, tuple((a.start, a.end) for a in p.absences.all())
            )
            for p in self.people
        ]


def load_team(roadmap: Roadmap) -> Team:
    """People and their absences (two queries), assignments with their activity's dates (one).

    Dropped activities load nobody; activities without dates cannot be placed on a week.
    """
    people = list(queries.people_of(roadmap))
    keys = {person.pk: person.key for person in people}
    rows = (
        Assignment.objects.filter(
            activity__roadmap=roadmap, activity__start__isnull=False, activity__end__isnull=False
        )
        .exclude(activity__status=Status.DROPPED)
        .values_list(
            "person_id",
            "hours_per_week",
            "activity__key",
            "activity__title",
            "activity__start",
            "activity__end",
            "activity__theme_id",
        )
        .order_by("activity__start", "id")
    )
    team = Team(people, [])
    for person_id, hours, key, title, start, end, theme_id in rows:
        person_key = keys.get(person_id)
        if person_key is None or start is None or end is None:
            continue
        team.bookings.append(workload.Booking(person_key, key, title, start, end, hours))
        team.themes_of.setdefault(person_key, set()).add(theme_id)
    return team


def _weeks(roadmap: Roadmap, bookings: list[workload.Booking]) -> list[date]:
    """The horizon's weeks, widened to the weeks that have work (at most ``MAX_WEEKS``)."""
    first = min([roadmap.start, *(b.start for b in bookings)])
    last = max([roadmap.end, *(b.end for b in bookings)])
    return workload.weeks_between(first, last)[:MAX_WEEKS]


# The heatmap as the page shows it ------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    monday: date
    number: int
    title: str
    holiday: bool


@dataclass(frozen=True)
class Month:
    label: str
    span: int


@dataclass
class Row:
    person: Person
    cells: SafeString
    overloaded: int = 0
    excess_hours: float = 0.0
    peak_ratio: float = 0.0


@dataclass(frozen=True)
class Overload:
    person: Person
    week: date
    hours: str
    capacity: str
    causes: list[str]


class Numbers:
    """``format_number`` with a memory: a grid repeats the same few values thousands of times."""

    def __init__(self) -> None:
        self.known: dict[float, str] = {}

    def __call__(self, value: float) -> str:
        value = round(value, 1)
        text = self.known.get(value)
        if text is None:
            text = self.known[value] = format_number(value, decimals=1)
        return text


def _step(cell: workload.Cell) -> str:
    """The colour step of a cell: up to half, up to 80 %, up to capacity, beyond it."""
    if cell.overloaded:
        return "wl-over"
    if cell.hours <= 0:
        return "wl-away" if cell.capacity_hours <= 0 else "wl-0"
    ratio = cell.ratio
    return "wl-1" if ratio <= 0.5 else "wl-2" if ratio <= 0.8 else "wl-3"


def _causes(cell: workload.Cell, fmt: Numbers) -> list[str]:
    hours: dict[str, float] = {}
    titles: dict[str, str] = {}
    for load in cell.loads:
        hours[load.activity_key] = hours.get(load.activity_key, 0.0) + load.hours
        titles[load.activity_key] = load.activity_title
    ranked = sorted(hours, key=lambda key: -hours[key])
    return [_("{activity}: {hours} h").format(activity=titles[key], hours=fmt(hours[key])) for key in ranked]


class Grid:
    """Turns heatmap cells into table cells. Built as strings in Python: a year for thirty people is
    1,560 cells, and a template loop would cost more than the rest of the page together."""

    def __init__(self, weeks: list[Week]) -> None:
        self.weeks = weeks
        self.fmt = Numbers()
        self.away = escape(_("away"))
        self.overloaded_text = escape(_("overloaded"))

    def row(self, person: Person, cells: list[workload.Cell]) -> Row:
        name = person.name
        parts: list[str] = []
        row = Row(person, SafeString(""))
        for week, cell in zip(self.weeks, cells, strict=True):
            parts.append(self.cell(name, week, cell))
            if cell.overloaded:
                row.overloaded += 1
                row.excess_hours += cell.excess_hours
            row.peak_ratio = max(row.peak_ratio, cell.ratio)
        row.cells = mark_safe("".join(parts))  # every text in it was escaped above
        return row

    def cell(self, name: str, week: Week, cell: workload.Cell) -> str:
        step = _step(cell)
        if step == "wl-0":
            return '<td class="wl wl-0"></td>'
        if step == "wl-away":
            return f'<td class="wl wl-away" title="{escape(name)} · {week.title}">{self.away}</td>'
        fmt = self.fmt
        amount = f"{fmt(cell.hours)}/{fmt(cell.capacity_hours)}"
        causes = _causes(cell, fmt)
        summary = _("{person}, {week}: {hours} h for {capacity} h available").format(
            person=name, week=week.title, hours=fmt(cell.hours), capacity=fmt(cell.capacity_hours)
        )
        title = escape(f"{summary} — {', '.join(causes)}")
        if not cell.overloaded:
            return f'<td class="wl {step}" title="{title}">{amount}</td>'
        items = "".join(f"<li>{escape(cause)}</li>" for cause in causes)
        return (
            f'<td class="wl wl-over" data-overloaded="true" data-week="{week.monday.isoformat()}">'
            f'<details><summary title="{title}"><span aria-hidden="true">▲ </span>{amount}'
            f'<span class="visually-hidden"> {self.overloaded_text}</span></summary>'
            f'<ul class="wl-causes">{items}</ul></details></td>'
        )


def _holiday_names(closed: frozenset[date]) -> dict[date, str]:
    if not closed:
        return {}
    import holidays  # the table of names is only needed for the header of holiday weeks

    language = HOLIDAY_LANGUAGES.get((get_language() or "fr")[:2], "fr")
    years = sorted({day.year for day in closed})
    names = holidays.country_holidays(workload.DEFAULT_COUNTRY, years=years, language=language)
    return {day: str(names.get(day, "")) for day in closed}


def _columns(weeks: list[date], closed: frozenset[date]) -> tuple[list[Week], list[Month]]:
    names = _holiday_names(closed)
    columns: list[Week] = []
    months: list[Month] = []
    for monday in weeks:
        title = _("week of {date}").format(date=date_format(monday, "SHORT_DATE_FORMAT"))
        off = [day for day in sorted(closed) if monday <= day <= monday + timedelta(days=4)]
        if off:
            title += " — " + ", ".join(
                _("public holiday: {name} ({date})").format(
                    name=names.get(day, ""), date=date_format(day, "SHORT_DATE_FORMAT")
                )
                for day in off
            )
        columns.append(Week(monday, monday.isocalendar().week, title, bool(off)))
        label = date_format(monday, "YEAR_MONTH_FORMAT")
        if months and months[-1].label == label:
            months[-1] = Month(label, months[-1].span + 1)
        else:
            months.append(Month(label, 1))
    return columns, months


@dataclass
class WorkloadView:
    weeks: list[Week]
    months: list[Month]
    rows: list[Row]
    overloads: list[Overload]

    @property
    def first_week(self) -> date | None:
        return self.weeks[0].monday if self.weeks else None

    @property
    def last_week(self) -> date | None:
        return self.weeks[-1].monday if self.weeks else None

    @property
    def overloaded_cells(self) -> int:
        return len(self.overloads)

    @property
    def most_overloaded(self) -> Row | None:
        rows = [row for row in self.rows if row.overloaded]
        return max(rows, key=lambda r: (r.overloaded, r.excess_hours), default=None)


def workload_view(
    roadmap: Roadmap, team: Team, *, person: str = "", theme: Theme | None = None
) -> WorkloadView:
    """The rows the workload page shows, filtered by person key and thematic group."""
    weeks = _weeks(roadmap, team.bookings)
    shown = [
        p for p in team.people
        if (not person or p.key == person) and (theme is None or theme.pk in team.themes_of.get(p.key, ()))
    ]  # fmt: skip
    keys = {p.key for p in shown}
    availability = [a for a in team.availability() if a.person_key in keys]
    bookings = [b for b in team.bookings if b.person_key in keys]
    heat = workload.heatmap(availability, bookings, weeks=weeks)
    columns, months = _columns(weeks, heat.closed)
    grid = Grid(columns)
    rows = [grid.row(p, heat.rows[p.key]) for p in shown]
    by_key = {p.key: p for p in shown}
    overloads = [
        Overload(
            by_key[key], week, grid.fmt(cell.hours), grid.fmt(cell.capacity_hours), _causes(cell, grid.fmt)
        )
        for key, week, cell in sorted(heat.overloaded(), key=lambda item: (item[1], item[0]))
    ]
    return WorkloadView(columns, months, rows, overloads)


# Use cases ----------------------------------------------------------------------------------------


def create_person(*, actor: User | None, roadmap: Roadmap, key: str, **fields: Any) -> Person:
    """``services.create(Person, …)`` for every field: its first parameter is named ``kind`` too, so it
    cannot take a person's kind (team member or agency) as a keyword."""
    require_actor(actor, "edit", roadmap.workspace)
    values = only(services.FIELDS[Person], fields)
    with transaction.atomic():
        person = Person(roadmap=roadmap, key=key, position=roadmap.people.count(), **values)
        save_new(person, actor=actor)
    return person


# Pages --------------------------------------------------------------------------------------------


def _person(roadmap: Roadmap, key: str) -> Person:
    person = roadmap.people.prefetch_related("absences").filter(key=key).first()
    if person is None:
        raise NotFound
    person.roadmap = roadmap
    return person


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
    return render(
        request,
        "planning/workload.html",
        {**context, "view": view, "people": team.people, "themes": themes, "person": person, "theme": theme},
    )


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
            lambda f: create_person(actor=user, roadmap=found, key=f.cleaned_data["key"], **f.changes()),
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
        Overload(person, week, fmt(cell.hours), fmt(cell.capacity_hours), _causes(cell, fmt))
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


def _back_to(person: Person, anchor: str = "") -> HttpResponse:
    roadmap = person.roadmap
    url = reverse("person", args=[roadmap.workspace.slug, roadmap.slug, person.key])
    return redirect(url + (f"#{anchor}" if anchor else ""))


@login_required
def person_page(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """A team member: details, absences, assignments and overloads; POST saves the details."""
    found, context = roadmap_page(request, workspace, roadmap)
    person = _person(found, key)
    if request.method != "POST":
        return _person_page(request, found, context, person)
    user = current_user(request)
    require(user, "edit", found.workspace)
    submission: Submission[PersonForm] = submit(
        PersonForm(request.POST, instance=_person(found, key)),
        lambda f: services.update(
            person, actor=user, expected_version=f.cleaned_data["version"], changes=f.changes()
        ),
    )
    if submission.saved:
        messages.success(request, _("Saved."))
        return _back_to(person)
    forms = PersonForms(edit=submission.form, conflict=submission.conflict)
    return _person_page(request, found, context, person, forms, submission.status)


@login_required
@require_POST
def person_delete(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
    person = _person(found, key)
    form = DeleteForm(request.POST)
    if not form.is_valid() or form.cleaned_data["version"] != person.version:
        return _person_page(request, found, context, person, PersonForms(delete_refused=True), 409)
    services.delete(person, actor=user)
    messages.success(request, _("{name} was removed from the team.").format(name=person.name))
    return redirect("people", workspace=workspace, roadmap=roadmap)


@login_required
@require_POST
def absence_add(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
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
    found, _context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
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
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
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
    found, _context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
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
