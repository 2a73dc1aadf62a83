"""Work booked on the workspace's other roadmaps: a person belongs to the workspace and may work on several
roadmaps (``Staffing``), so their hours on roadmap B are capacity already used when roadmap A's workload,
assignment warnings and scheduler count. One query whatever the number of roadmaps or people.

Counted as the workload page counts its own roadmap: every assignment of an activity with both dates, done
ones included (the hours were worked), dropped ones left out (they load nobody); the hours of a week are
the workload engine's (``jalon.engines.workload``: working days of the week, public holidays deducted). An
archived roadmap's work that is not done loads nobody either: the roadmap is read-only and out of the list,
a plan that will not run (its done work was worked, and counts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db.models import Q, QuerySet

from jalon.engines import workload
from jalon.planning.models import Assignment, Person, Status
from jalon.strategy.models import Roadmap

BOOKING_FIELDS = (
    "person_id", "hours_per_week", "activity__key", "activity__title", "activity__start", "activity__end",
)  # fmt: skip
"""The values of an assignment that make a ``workload.Booking`` (the person's id, not yet their key)."""


def loading(assignments: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """The assignments that load someone's weeks, as the workload counts them: the activity has both dates
    and is not dropped (a done one was worked, so it counts)."""
    return assignments.filter(activity__start__isnull=False, activity__end__isnull=False).exclude(
        activity__status=Status.DROPPED
    )


def other_roadmaps_bookings(
    roadmap: Roadmap, people: Iterable[Person], *, first: date | None = None, last: date | None = None
) -> list[workload.Booking]:
    """The assignments of ``people`` on the other roadmaps of ``roadmap``'s workspace, as the workload
    engine's bookings (``Booking.roadmap``: the other roadmap's title), those that touch ``first..last``
    when given. One query."""
    keys = {person.pk: person.key for person in people}
    if not keys:
        return []
    rows = loading(
        Assignment.objects.filter(person_id__in=keys, activity__roadmap__workspace_id=roadmap.workspace_id)
    ).exclude(activity__roadmap_id=roadmap.pk)
    rows = rows.exclude(Q(activity__roadmap__archived_at__isnull=False) & ~Q(activity__status=Status.DONE))
    if first is not None:
        rows = rows.filter(activity__end__gte=first)
    if last is not None:
        rows = rows.filter(activity__start__lte=last)
    values = rows.values_list(*BOOKING_FIELDS, "activity__roadmap__title")
    return [
        workload.Booking(keys[person_id], key, title, start, end, hours, other)
        for person_id, hours, key, title, start, end, other in values.order_by(
            "activity__roadmap__title", "activity__start", "id"
        )
        if start is not None and end is not None
    ]


def hours_by_roadmap(person: Person, first: date, last: date) -> dict[int, float]:
    """roadmap id -> the hours ``person`` is booked on it from ``first`` to ``last`` (a month, say), counted
    as the workload engine counts them (working days, public holidays deducted). One query."""
    rows = loading(
        Assignment.objects.filter(person=person, activity__start__lte=last, activity__end__gte=first)
    )
    bookings = [
        workload.Booking(person.key, key, "", start, end, hours, str(roadmap_id))
        for _id, hours, key, _title, start, end, roadmap_id in rows.values_list(
            *BOOKING_FIELDS, "activity__roadmap_id"
        ).order_by()
        if start is not None and end is not None
    ]
    totals = hours_between(bookings, first, last).get(person.key, {})
    return {int(roadmap): hours for roadmap, hours in totals.items()}


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
