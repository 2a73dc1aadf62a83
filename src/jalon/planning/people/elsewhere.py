"""Work booked on the workspace's other roadmaps: a person belongs to the workspace and may work on several
roadmaps (``Staffing``), so their hours on roadmap B are capacity already used when roadmap A's workload,
assignment warnings and scheduler count. One query whatever the number of roadmaps or people.

Counted as the workload page counts its own roadmap: every assignment of an activity with both dates, done
ones included (the hours were worked), dropped ones left out (they load nobody); the hours of a week are
the workload engine's (``jalon.engines.workload``: working days of the week, public holidays deducted). An
archived roadmap's work that is not done loads nobody either: the roadmap is read-only and out of the list,
a plan that will not run (its done work was worked, and counts).

Reach (``loaded``): the one rule of every page that counts a person's weeks (the workload page, the
person's page, the Team tab, the workspace's page of the person, the assignment warning, the scheduler, the
portfolio's capacity). An activity loads the weeks of its part within its own roadmap's reach
(``jalon.planning.timeline.reach``: the horizon and 12 months either side, the timelines' rule), each week
as the workload engine counts it: social media kept up from 2024 to 2028 on a 2026 plan loads its hours in
every week of 2025 to 2027, the same hours a week as an activity within the reach would, and none beyond,
as a timeline draws its part within the reach. The reach is counted in whole weeks (from the Monday of
its first week to the Sunday of its last), so that a week at its edge holds what any other week does. An
activity wholly beyond the reach, a typo's 1900 or 2200, loads no week at all, on its roadmap or any
other: its real dates are unknown. The pages name it instead, where its dates can be corrected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from django.db.models import Q, QuerySet

from jalon.engines import workload
from jalon.planning.models import Assignment, Person, Status
from jalon.planning.timeline.reach import Reach, clipped, in_sight, reach_of
from jalon.strategy.models import Roadmap

BOOKING_FIELDS = (
    "person_id", "hours_per_week", "activity__key", "activity__title", "activity__start", "activity__end",
)  # fmt: skip
"""The values of an assignment that make a ``workload.Booking`` (the person's id, not yet their key)."""
HORIZON_FIELDS = ("activity__roadmap__start", "activity__roadmap__end")
"""The values of an assignment that give its roadmap's reach (``reach_of_horizon``)."""


class _Horizon(NamedTuple):
    start: date
    end: date


def counts(start: date | None, end: date | None, reach: Reach) -> bool:
    """Whether an activity from ``start`` to ``end`` may load anyone's weeks: in sight of ``reach``, its
    roadmap's (``reach_of``), if only in part (``loaded`` says which weeks); wholly beyond it, it loads no
    week (see the module's note). An undated one may (it loads no week until it has dates)."""
    return in_sight(start, end, reach)


def weeks_of(reach: Reach) -> Reach:
    """``reach`` in whole weeks: from the Monday of its first week to the Sunday of its last."""
    return workload.monday(reach[0]), workload.monday(reach[1]) + timedelta(days=6)


def loaded(start: date | None, end: date | None, reach: Reach) -> tuple[date, date] | None:
    """The dates over which an activity from ``start`` to ``end`` loads weeks: its part within the whole
    weeks of ``reach`` (``weeks_of``), or None when it has no dates or lies wholly beyond ``reach``."""
    if start is None or end is None or not in_sight(start, end, reach):
        return None
    return clipped(start, end, weeks_of(reach))


def booking(
    person: str,
    key: str,
    title: str,
    start: date | None,
    end: date | None,
    hours: float,
    reach: Reach,
    roadmap: str = "",
) -> workload.Booking | None:
    """The workload engine's booking of an assignment (``person``'s key, the activity's key, title and
    dates, ``hours`` a week), over the weeks it loads (``loaded``); None when it loads none."""
    part = loaded(start, end, reach)
    if part is None:
        return None
    return workload.Booking(person, key, title, part[0], part[1], hours, roadmap)


def reach_of_horizon(start: date, end: date) -> Reach:
    """The reach of a roadmap from ``start`` to ``end`` (``reach_of``), from a row's values."""
    return reach_of(_Horizon(start, end))


def loading(assignments: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """The assignments that load someone's weeks, as the workload counts them: the activity has both dates
    and is not dropped (a done one was worked, so it counts)."""
    return assignments.filter(activity__start__isnull=False, activity__end__isnull=False).exclude(
        activity__status=Status.DROPPED
    )


def bookings_of(
    assignments: QuerySet[Assignment], keys: Mapping[int, str], label: str | None = None
) -> list[workload.Booking]:
    """The workload engine's bookings of those of ``assignments`` that load someone's weeks (``loading``),
    in their order: each with its person's key (``keys``: person id -> key), over the weeks it loads within
    its own roadmap's reach (``loaded``); ``Booking.roadmap`` is the value of the field ``label`` (the
    roadmap's title, its id), empty without one. The one way every page builds a person's bookings from
    rows. One query."""
    extra = (label,) if label else ()
    found = (
        booking(keys[person_id], key, title, start, end, hours, reach_of_horizon(low, high), *map(str, rest))
        for person_id, hours, key, title, start, end, low, high, *rest in loading(assignments).values_list(
            *BOOKING_FIELDS, *HORIZON_FIELDS, *extra
        )
    )
    return [b for b in found if b is not None]


def other_roadmaps_bookings(
    roadmap: Roadmap, people: Iterable[Person], *, first: date | None = None, last: date | None = None
) -> list[workload.Booking]:
    """The assignments of ``people`` on the other roadmaps of ``roadmap``'s workspace, as the workload
    engine's bookings (``Booking.roadmap``: the other roadmap's title), those that touch ``first..last``
    when given. One query."""
    keys = {person.pk: person.key for person in people}
    if not keys:
        return []
    rows = Assignment.objects.filter(
        person_id__in=keys, activity__roadmap__workspace_id=roadmap.workspace_id
    ).exclude(activity__roadmap_id=roadmap.pk)
    rows = rows.exclude(Q(activity__roadmap__archived_at__isnull=False) & ~Q(activity__status=Status.DONE))
    if first is not None:
        rows = rows.filter(activity__end__gte=first)
    if last is not None:
        rows = rows.filter(activity__start__lte=last)
    ordered = rows.order_by("activity__roadmap__title", "activity__start", "id")
    return bookings_of(ordered, keys, "activity__roadmap__title")


def hours_by_roadmap(person: Person, first: date, last: date) -> dict[int, float]:
    """roadmap id -> the hours ``person`` is booked on it from ``first`` to ``last`` (a month, say), counted
    as the workload engine counts them (working days, public holidays deducted), each activity over the
    weeks it loads (``loaded``). One query."""
    rows = Assignment.objects.filter(person=person, activity__start__lte=last, activity__end__gte=first)
    bookings = bookings_of(rows.order_by(), {person.pk: person.key}, "activity__roadmap_id")
    totals = hours_between(bookings, first, last).get(person.key, {})
    return {int(roadmap): hours for roadmap, hours in totals.items()}


def far_activities(person: Person) -> list[tuple[str, str, str, date]]:
    """(roadmap slug, activity key, title, start) of the activities assigned to ``person`` that lie wholly
    beyond their roadmap's reach, so load no week (``loaded``): the pages name them, the earliest first.
    An archived roadmap's work not done is left out, as it loads nobody anyway. One query."""
    rows = loading(Assignment.objects.filter(person=person)).exclude(
        Q(activity__roadmap__archived_at__isnull=False) & ~Q(activity__status=Status.DONE)
    )
    values = rows.values_list(
        "activity__roadmap__slug", "activity__key", "activity__title", "activity__start", "activity__end",
        *HORIZON_FIELDS,
    ).order_by("activity__start", "id")  # fmt: skip
    return [
        (slug, key, title, start)
        for slug, key, title, start, end, low, high in values
        if start is not None and not counts(start, end, reach_of_horizon(low, high))
    ]


def hours_between(
    bookings: Iterable[workload.Booking], first: date, last: date
) -> dict[str, dict[str, float]]:
    """person key -> ``Booking.roadmap`` -> the hours booked from ``first`` to ``last`` (a month, a fiscal
    quarter), counted as the workload engine counts them: the part of each booking within those dates, on
    their working days (public holidays deducted). No query."""
    inside = workload.within(bookings, first, last)
    people = [workload.Availability(key, 0.0) for key in {booking.person_key for booking in inside}]
    totals: dict[str, dict[str, float]] = {}
    for key, row in workload.workload(people, inside).items():
        mine = totals.setdefault(key, {})
        for cell in row.values():
            for load in cell.loads:
                mine[load.roadmap] = mine.get(load.roadmap, 0.0) + load.hours
    return totals


def hours_by_week(
    bookings: Sequence[workload.Booking],
    people: Sequence[workload.Availability],
    weeks_within: tuple[date, date] | None = None,
) -> dict[str, dict[date, float]]:
    """person key -> Monday -> hours booked that week, in the workload engine's units (only the weeks
    touching ``weeks_within`` when given)."""
    grid = workload.workload(people, bookings, weeks_within=weeks_within)
    return {key: {week: cell.hours for week, cell in sorted(row.items())} for key, row in grid.items()}


def booked_hours_by_week(
    roadmap: Roadmap, people: Sequence[Person], first: date, last: date
) -> dict[str, dict[date, float]]:
    """The hours ``people`` are booked on the workspace's other roadmaps, each week from ``first`` to
    ``last`` (weeks without such work are left out). One query."""
    bookings = other_roadmaps_bookings(roadmap, people, first=first, last=last)
    availability = [workload.Availability(p.key, p.capacity_hours_per_week) for p in people]
    start = workload.monday(first)
    return {
        key: {week: hours for week, hours in weeks.items() if start <= week <= last}
        for key, weeks in hours_by_week(bookings, availability, (first, last)).items()
    }


def by_roadmap(loads: Iterable[workload.Load]) -> list[tuple[str, float]]:
    """(other roadmap's title, hours) of a cell's loads from other roadmaps, the heaviest first."""
    totals: dict[str, float] = {}
    for load in loads:
        if load.roadmap:
            totals[load.roadmap] = totals.get(load.roadmap, 0.0) + load.hours
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))
