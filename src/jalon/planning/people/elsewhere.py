"""Work booked on the workspace's other roadmaps: a person belongs to the workspace and may work on several
roadmaps (``Staffing``), so their hours on roadmap B are capacity already used when roadmap A's workload,
assignment warnings and scheduler count. One query whatever the number of roadmaps or people.

Counted as the workload page counts its own roadmap: every assignment of an activity with both dates, done
ones included (the hours were worked), dropped ones left out (they load nobody); the hours of a week are
the workload engine's (``jalon.engines.workload``: working days of the week, public holidays deducted). An
archived roadmap's work that is not done loads nobody either: the roadmap is read-only and out of the list,
a plan that will not run (its done work was worked, and counts).

Far activities (``counts``): the one rule of every page that counts a person's weeks (the workload page,
the person's page, the Team tab, the assignment warning, the scheduler, the portfolio's capacity).
An activity dated beyond its own roadmap's reach (``jalon.planning.timeline.reach``: the horizon and 12
months either side, the timelines' rule), a typo's 1900–2200, loads no week at all, on its roadmap or any
other: its real dates are unknown, and counting it over three centuries (or over a reach) would show every
week overloaded. The pages name it instead, where its dates can be corrected.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from django.db.models import Q, QuerySet

from jalon.engines import workload
from jalon.planning.models import Assignment, Person, Status
from jalon.planning.timeline.reach import Reach, reach_of, within
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
    """Whether an activity from ``start`` to ``end`` may load anyone's weeks: it lies within ``reach``, its
    roadmap's (``reach_of``); beyond it, it loads no week (see the module's note). An undated one may (it
    loads no week until it has dates)."""
    return within(start, end, reach)


def reach_of_horizon(start: date, end: date) -> Reach:
    """The reach of a roadmap from ``start`` to ``end`` (``reach_of``), from a row's values."""
    return reach_of(_Horizon(start, end))


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
    values = rows.values_list(*BOOKING_FIELDS, "activity__roadmap__title", *HORIZON_FIELDS)
    return [
        workload.Booking(keys[person_id], key, title, start, end, hours, other)
        for person_id, hours, key, title, start, end, other, low, high in values.order_by(
            "activity__roadmap__title", "activity__start", "id"
        )
        if start is not None and end is not None and counts(start, end, reach_of_horizon(low, high))
    ]


def hours_by_roadmap(person: Person, first: date, last: date) -> dict[int, float]:
    """roadmap id -> the hours ``person`` is booked on it from ``first`` to ``last`` (a month, say), counted
    as the workload engine counts them (working days, public holidays deducted), far activities left out
    (``counts``). One query."""
    rows = loading(
        Assignment.objects.filter(person=person, activity__start__lte=last, activity__end__gte=first)
    )
    bookings = [
        workload.Booking(person.key, key, "", start, end, hours, str(roadmap_id))
        for _id, hours, key, _title, start, end, roadmap_id, low, high in rows.values_list(
            *BOOKING_FIELDS, "activity__roadmap_id", *HORIZON_FIELDS
        ).order_by()
        if start is not None and end is not None and counts(start, end, reach_of_horizon(low, high))
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
