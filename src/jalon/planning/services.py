"""Use cases on what a roadmap plans: themes, activities and their dependencies, milestones, people,
absences and assignments, risks and the communication plan.

Every function checks permission, runs in one transaction, validates and records history. Views, the
importers and the command line all call these; nobody writes planning models directly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, TypeVar, overload

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.engines import workload
from jalon.engines.graph import reaches
from jalon.errors import NeedsConfirmation, ValidationFailed
from jalon.formatting import format_long_date, format_number
from jalon.history.services import apply_changes, delete_recorded, record
from jalon.keys import free_key
from jalon.planning.models import (
    Absence,
    Activity,
    Assignment,
    CommunicationItem,
    Dependency,
    Milestone,
    Person,
    Review,
    Risk,
    Status,
    Theme,
)
from jalon.planning.people import services as team
from jalon.planning.people.elsewhere import booking, bookings_of, other_roadmaps_bookings
from jalon.planning.timeline.reach import Reach, reach_of
from jalon.planning.windows import WINDOW_FIELDS, window_problems
from jalon.services import only, save_new
from jalon.strategy.models import InRoadmap, Objective, Roadmap, Tactic
from jalon.workspaces.permissions import require_actor

T = TypeVar("T", bound=InRoadmap)

FIELDS: dict[type[InRoadmap], frozenset[str]] = {
    Theme: frozenset({"name", "colour", "budget", "is_maintenance"}),
    Activity: frozenset({
        "title", "description", "theme", "objectives", "tactic", "audience", "channel", "owner", "status",
        "start", "end", "pinned", "not_before", "must_finish_by", "effort_days", "cost", "spent", "value",
        "impact", "feasibility", "confidence",
    }),
    Milestone: frozenset({"title", "date", "reached_on", "objectives", "activities"}),
    Risk: frozenset({"title", "description", "probability", "impact", "owner", "contingency", "status"}),
    CommunicationItem: frozenset({"audience", "message", "channel", "frequency", "owner", "next_date"}),
    Review: frozenset({"title", "held_on", "decisions", "notes"}),
}  # fmt: skip
MANY_TO_MANY = frozenset({"objectives", "activities"})


def _roadmap_id_of(value: models.Model, roadmap: Roadmap) -> int | None:
    if isinstance(value, Person):  # people belong to the workspace: on the roadmap's team, they are in it
        return roadmap.pk if team.is_on_team(roadmap, value) else None
    if isinstance(value, Tactic):
        return value.strategy.roadmap_id
    return int(value.roadmap_id)  # type: ignore[attr-defined]


def _check_same_roadmap(roadmap: Roadmap, values: Mapping[str, Any]) -> None:
    """Links (theme, owner, tactic, objectives, activities) may only point inside the same roadmap,
    which also keeps another workspace's objects out of reach."""
    for name, value in values.items():
        linked = value if name in MANY_TO_MANY else [value]
        for item in linked or ():
            if isinstance(item, models.Model) and _roadmap_id_of(item, roadmap) != roadmap.pk:
                raise ValidationFailed({name: [_("This must belong to the same roadmap.")]})


def _with_duration(values: dict[str, Any], current: Activity | None = None) -> dict[str, Any]:
    """``duration_days`` (calendar days, start included) is another way to give the end."""
    duration = values.pop("duration_days", None)
    if duration is None:
        return values
    start = values.get("start", current.start if current else None)
    if start is None:
        raise ValidationFailed({"duration_days": [_("Give a start date with the duration.")]})
    if int(duration) < 1:
        raise ValidationFailed({"duration_days": [_("The duration must be at least one day.")]})
    values["end"] = start + timedelta(days=int(duration) - 1)
    return values


def _check_window(values: Mapping[str, Any], current: Activity | None) -> None:
    """Dates inside the window, and the window in order (the fields not changed keep their values)."""
    if not any(name in values for name in WINDOW_FIELDS):
        return
    dates = {name: values.get(name, getattr(current, name, None)) for name in WINDOW_FIELDS}
    if all(value is None or isinstance(value, date) for value in dates.values()):
        problems = window_problems(**dates)
        if problems:
            raise ValidationFailed(problems)


def check_reached(
    roadmap: Roadmap, values: Mapping[str, Any], current: Milestone | None, *, from_start: bool = True
) -> None:
    """A milestone is reached on a day the roadmap has lived: not after today (a typing slip, which would
    show it reached, and never missed, until then), not before the roadmap's start (1900 for a milestone of
    2027), or, for a milestone dated before the start (a budget signed off before the plan begins), not
    before its own date. Checked when the reached day changes only: a start moved later since does not lock
    the milestone's other fields. ``from_start=False`` (a roadmap file) keeps "not after today" only: the
    file of a roadmap whose start moved later after a milestone was reached must import again."""
    reached = values.get("reached_on")
    if not isinstance(reached, date) or (current is not None and current.reached_on == reached):
        return
    today = timezone.localdate()  # read at call time: one place a test moves the day
    due = values.get("date", current.date if current else None)
    if reached > today:
        message = _(
            "A milestone cannot be reached after today (%(today)s): leave the date empty until it is."
        ) % {"today": date_format(today, "SHORT_DATE_FORMAT")}
    elif not from_start:
        return
    elif isinstance(due, date) and due < roadmap.start:  # a milestone of before the plan: its own date
        if reached >= due:
            return
        message = _(
            "This milestone is dated before the roadmap's start: choose its date ({date}) or a later day."
        ).format(date=date_format(due, "SHORT_DATE_FORMAT"))
    elif reached < roadmap.start:
        message = _(
            "A milestone is reached once the roadmap has begun: choose its start ({start}) or a later day."
        ).format(start=date_format(roadmap.start, "SHORT_DATE_FORMAT"))
    else:
        return
    raise ValidationFailed({"reached_on": [message]})


PIN_FIELDS = ("pinned", "start", "end")


def check_pinned(values: Mapping[str, Any], current: Activity | None) -> None:
    """Pinned means the scheduler does not move the activity: it keeps its start and its end, so it needs
    both (with a start alone, or none, the scheduler would place it anyway, and the pin would promise what
    nobody keeps). Checked when the pin or the dates change: an activity pinned without dates before this
    rule can still have its other fields edited."""
    if not any(name in values and values[name] != getattr(current, name, None) for name in PIN_FIELDS):
        return
    pinned, start, end = (values.get(name, getattr(current, name, None)) for name in PIN_FIELDS)
    if pinned and (start is None or end is None):
        raise ValidationFailed({"pinned": [_(
            "A pinned activity keeps its dates, which the scheduler does not move: give it a start and an "
            "end (or a duration) to pin it."
        )]})  # fmt: skip


def _split(
    kind: type[InRoadmap], fields: Mapping[str, Any], current: Any = None
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    allowed = FIELDS[kind] | ({"duration_days"} if kind is Activity else set())
    values = only(allowed, fields)
    if kind is Activity:
        values = _with_duration(values, current)
        _check_window(values, current)
        check_pinned(values, current)
    many = {name: list(values.pop(name)) for name in list(values) if name in MANY_TO_MANY}
    return values, many


def _set_many(item: InRoadmap, many: Mapping[str, list[Any]], *, actor: User | None) -> None:
    if not many:
        return
    before = {name: sorted(o.key for o in getattr(item, name).all()) for name in many}
    for name, objects in many.items():
        getattr(item, name).set(objects)
    after = {name: sorted(o.key for o in objects) for name, objects in many.items()}
    if after != before:
        record(item, actor=actor, before=before, after=after)


@overload
def create(
    kind: type[Person], /, *, actor: User | None, roadmap: Roadmap, key: str = "", **fields: Any
) -> Person: ...
@overload
def create(kind: type[T], /, *, actor: User | None, roadmap: Roadmap, key: str = "", **fields: Any) -> T: ...
def create(
    kind: type[T] | type[Person], /, *, actor: User | None, roadmap: Roadmap, key: str = "", **fields: Any
) -> T | Person:
    """Add a theme, activity, milestone, person, risk, communication item or review to a roadmap.

    ``key`` blank: made from its title (a theme's or person's name, a communication item's channel). A
    person joins the workspace's team and this roadmap's (``team.create_person``)."""
    if issubclass(kind, Person):  # people belong to the workspace (a Person is no InRoadmap)
        return team.create_person(
            actor=actor, workspace=roadmap.workspace, roadmap=roadmap, key=key, **fields
        )
    require_actor(actor, "edit", roadmap)
    if not key:
        source = next((str(fields[f]) for f in ("title", "name", "channel") if fields.get(f)), "")
        items = kind._default_manager.filter(roadmap=roadmap)
        key = free_key(items, source, fallback=kind.__name__.lower())
    values, many = _split(kind, kind.new_fields(roadmap, fields))
    _check_same_roadmap(roadmap, values | many)
    if kind is Milestone:
        check_reached(roadmap, values, None)
    with transaction.atomic():
        position = kind._default_manager.filter(roadmap=roadmap).count()
        item = kind(roadmap=roadmap, key=key, position=position, **values)
        save_new(item, actor=actor)
        _set_many(item, many, actor=actor)
    return item


@overload
def update(
    item: Person, *, actor: User | None, expected_version: int, changes: Mapping[str, Any]
) -> Person: ...
@overload
def update(item: T, *, actor: User | None, expected_version: int, changes: Mapping[str, Any]) -> T: ...
def update(
    item: T | Person, *, actor: User | None, expected_version: int, changes: Mapping[str, Any]
) -> T | Person:
    """Save changes if nobody saved since ``expected_version`` (else ``Conflict``)."""
    if isinstance(item, Person):
        return team.update_person(item, actor=actor, expected_version=expected_version, changes=changes)
    require_actor(actor, "edit", item.roadmap)
    values, many = _split(type(item), changes, item)
    _check_same_roadmap(item.roadmap, values | many)
    if isinstance(item, Milestone):
        check_reached(item.roadmap, values, item)
    with transaction.atomic():
        saved = apply_changes(item, actor=actor, expected_version=expected_version, changes=values)
        _set_many(saved, many, actor=actor)
    return saved


def delete(item: InRoadmap | Person, *, actor: User | None) -> None:
    if isinstance(item, Person):
        team.delete_person(item, actor=actor)
        return
    require_actor(actor, "edit", item.roadmap)
    delete_recorded(item, actor=actor, named_by="key")


# Dependencies -------------------------------------------------------------------------------------


def _reaches(roadmap: Roadmap, start: Activity, goal: Activity) -> bool:
    """Whether ``goal`` already follows ``start`` through the roadmap's dependencies."""
    successors: dict[int, list[int]] = defaultdict(list)
    links = Dependency.objects.filter(successor__roadmap=roadmap).values_list("predecessor", "successor")
    for predecessor, successor in links:
        successors[predecessor].append(successor)
    return reaches(successors, start.pk, goal.pk)


def add_dependency(
    *, actor: User | None, predecessor: Activity, successor: Activity, lag_days: int = 0
) -> Dependency:
    """``successor`` starts after ``predecessor`` ends (plus ``lag_days``); cycles are refused."""
    require_actor(actor, "edit", successor.roadmap)
    if predecessor.roadmap_id != successor.roadmap_id:
        raise ValidationFailed({"predecessor": [_("This must belong to the same roadmap.")]})
    if predecessor.pk == successor.pk or _reaches(successor.roadmap, successor, predecessor):
        raise ValidationFailed({"predecessor": [_("This dependency would make a cycle.")]})
    with transaction.atomic():
        dependency, _created = Dependency.objects.update_or_create(
            predecessor=predecessor, successor=successor, defaults={"lag_days": lag_days}
        )
        record(
            successor, actor=actor, before={"after": None}, after={"after": f"{predecessor.key}+{lag_days}"}
        )
    return dependency


def remove_dependency(*, actor: User | None, dependency: Dependency) -> None:
    successor = dependency.successor
    require_actor(actor, "edit", successor.roadmap)
    with transaction.atomic():
        record(successor, actor=actor, before={"after": dependency.predecessor.key}, after={"after": None})
        dependency.delete()


def broken_dependencies(activity: Activity, *, start: date | None, end: date | None) -> list[str]:
    """What moving ``activity`` to ``start..end`` would break, in words (empty when nothing)."""
    problems: list[str] = []
    if start is not None:
        for link in activity.predecessor_links.select_related("predecessor"):
            before = link.predecessor
            if before.end is not None and start < link.earliest_successor_start(before.end):
                problems.append(
                    _("{activity} would start before {other} ends (it may start on {date}).").format(
                        activity=activity.title, other=before.title,
                        date=format_long_date(link.earliest_successor_start(before.end)),
                    )
                )  # fmt: skip
    if end is not None:
        for link in activity.successor_links.select_related("successor"):
            after = link.successor
            if after.start is not None and after.start < link.earliest_successor_start(end):
                problems.append(
                    _("{other} starts on {date}, before {activity} would end.").format(
                        other=after.title,
                        date=format_long_date(after.start),
                        activity=activity.title,
                    )
                )
    return problems


def move_activity(
    *,
    actor: User | None,
    activity: Activity,
    expected_version: int,
    start: date,
    end: date,
    confirm: bool = False,
) -> Activity:
    """Move or resize an activity; the dependencies it would break are shown first."""
    require_actor(actor, "edit", activity.roadmap)
    if end < start:
        raise ValidationFailed({"end": [_("The end must not be before the start.")]})
    problems = broken_dependencies(activity, start=start, end=end)
    if problems and not confirm:
        raise NeedsConfirmation(problems)
    return update(
        activity, actor=actor, expected_version=expected_version, changes={"start": start, "end": end}
    )


# People, absences and assignments -----------------------------------------------------------------


def add_absence(*, actor: User | None, person: Person, start: date, end: date, note: str = "") -> Absence:
    require_actor(actor, "edit", person.workspace)
    absence = Absence(person=person, start=start, end=end, note=note)
    with transaction.atomic():
        absence.full_clean()  # raises on end before start
        absence.save()
        record(person, actor=actor, before={"absence": None}, after={"absence": f"{start}..{end}"})
    return absence


def remove_absence(*, actor: User | None, absence: Absence) -> None:
    require_actor(actor, "edit", absence.person.workspace)
    with transaction.atomic():
        recorded = f"{absence.start}..{absence.end}"
        record(absence.person, actor=actor, before={"absence": recorded}, after={"absence": None})
        absence.delete()


def _overload_warnings(
    person: Person, bookings: list[workload.Booking], activity_key: str, reach: Reach
) -> list[str]:
    """The weeks within ``reach`` (``reach_of``) that the activity ``activity_key`` overloads ``person``
    in: overloaded weeks it has no hours in are someone else's story, told on the workload page; weeks
    beyond the reach, of an activity typed centuries long, are counted nowhere."""
    availability = workload.Availability(
        person.key, person.capacity_hours_per_week, tuple((a.start, a.end) for a in person.absences.all())
    )
    grid = workload.workload([availability], bookings, weeks_within=reach)
    overloads = [
        (week, cell)
        for week, cell in workload.overloaded_weeks(grid, person.key)
        if any(
            load.activity_key == activity_key and not load.roadmap and load.hours > 0 for load in cell.loads
        )
    ]
    return [
        _("{person} would work {hours} h in the week of {week} capacity {capacity} h ({activities}).")
        .format(
            person=person.name, hours=format_number(cell.hours, decimals=1), week=format_long_date(week),
            capacity=format_number(cell.capacity_hours, decimals=1),
            activities=", ".join(sorted({load.activity_title for load in cell.loads})),
        )
        for week, cell in overloads
    ]  # fmt: skip


def assignment_warnings(person: Person, activity: Activity, hours_per_week: float) -> list[str]:
    """The overloads that giving ``person`` ``hours_per_week`` on ``activity`` would cause (a dropped
    activity loads nobody); the person's hours on the workspace's other roadmaps count, as in the
    workload view, and the activities named say which roadmap they are on. Every activity loads the weeks
    of its part within the reach (``elsewhere.loaded``, the rule of every page): one wholly beyond it loads
    no week, so warns of none."""
    if activity.status == Status.DROPPED:
        return []
    reach = reach_of(activity.roadmap)
    title, start, end = activity.title, activity.start, activity.end
    mine = booking(person.key, activity.key, title, start, end, hours_per_week, reach)
    if mine is None:
        return []
    on_roadmap = person.assignments.filter(activity__roadmap_id=activity.roadmap_id)
    bookings = bookings_of(on_roadmap.exclude(activity=activity), {person.pk: person.key})
    bookings += [
        b._replace(activity_title=f"{b.activity_title} ({b.roadmap})")
        for b in other_roadmaps_bookings(activity.roadmap, [person], first=mine.start, last=mine.end)
    ]
    bookings.append(mine)
    return _overload_warnings(person, bookings, activity.key, reach)


def assign(
    *, actor: User | None, activity: Activity, person: Person, hours_per_week: float, confirm: bool = False
) -> Assignment:
    """Put ``person`` on ``activity``; an assignment beyond their capacity is shown first (the overloads are
    not looked for once confirmed: reading the person's weeks on every roadmap was a third of the time of
    `jalon demo --synthetic 1000`, whose assignments are all confirmed)."""
    require_actor(actor, "edit", activity.roadmap)
    if not team.is_on_team(activity.roadmap, person):
        raise ValidationFailed({"person": [_("This person is not on this roadmap's team.")]})
    if hours_per_week < 0:
        raise ValidationFailed({"hours_per_week": [_("Hours per week cannot be negative.")]})
    if not confirm and (warnings := assignment_warnings(person, activity, hours_per_week)):
        raise NeedsConfirmation(warnings)
    with transaction.atomic():
        assignment, _created = Assignment.objects.update_or_create(
            activity=activity, person=person, defaults={"hours_per_week": hours_per_week}
        )
        record(activity, actor=actor, before={person.key: None}, after={person.key: hours_per_week})
    return assignment


def unassign(*, actor: User | None, assignment: Assignment) -> None:
    activity = assignment.activity
    require_actor(actor, "edit", activity.roadmap)
    with transaction.atomic():
        record(activity, actor=actor, before={assignment.person.key: assignment.hours_per_week},
               after={assignment.person.key: None})  # fmt: skip
        assignment.delete()


def roadmap_objectives(roadmap: Roadmap, keys: list[str]) -> list[Objective]:
    """The roadmap's objectives with these keys (an unknown key is a field error)."""
    found = {o.key: o for o in roadmap.objectives.filter(key__in=keys)}
    missing = [key for key in keys if key not in found]
    if missing:
        raise ValidationFailed({"objectives": [_("Unknown objective {key}.").format(key=missing[0])]})
    return [found[key] for key in keys]
