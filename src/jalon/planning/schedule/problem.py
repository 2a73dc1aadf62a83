"""Plan the schedule of a roadmap ("Planifier"): the roadmap's rows -> the scheduling engine's problem.
Running it is ``schedule.run``; its answer is a ``schedule.proposal.Proposal``; applying it is
``schedule.apply``.

How a roadmap becomes a problem:

- the plan starts on the chosen day (by default the roadmap's start, or today once it has begun); the
  scheduler never puts work before it;
- an activity lasts its working days (Monday–Friday without French public holidays) from start to end;
  without dates, its effort shared by its assignees (``effort_days / assignees``, rounded up); with
  neither it is left out and listed;
- only approved work is scheduled: planned and in-progress activities, and the ideas the user selects
  (those that the last applied portfolio scenario funds are proposed); the other ideas are left out and
  listed, and so are activities whose window closed before the plan starts;
- done activities, and activities that ended before the plan starts, are fixed in the past: they are
  not scheduled (never moved), and their successors start after them; dropped ones are ignored;
- an activity's window is hard: it starts on or after *not before* and ends by *must finish by*; nothing
  the scheduler places ends after the roadmap's end (its horizon); what cannot fit makes the plan
  infeasible, with conflicts naming it and fixes that keep every window (the portfolio's value says what
  to leave out first);
- pinned activities keep their dates (what remains of them from the plan start); in-progress ones too,
  and their people's hours are taken from their capacity as already spent, so an overlap that has
  already started never makes the whole plan impossible;
- finish-to-start dependencies keep their lag, counted in working days (never less than the calendar
  days the dependency asks, so an applied plan breaks no dependency);
- each milestone not reached yet is a deadline for its linked activities;
- people have ``capacity_hours_per_week / 5`` hours a day, minus absences; an assignment of ``h`` hours a
  week asks ``h / 5`` hours on each day of the activity;
- a person's hours booked on the workspace's other roadmaps (``people.elsewhere``, counted as the workload
  page counts them) take their time in that week, whatever day they fall on: the week's free hours
  (``workload.free_hours_by_week``: capacity less those hours, never below zero) are spread evenly over
  the days they work that week and the rest is given to the engine as partial absences, so the plan
  overloads nobody across the workspace and each week leaves the hours the workload page shows;
- the current dates are the reference plan: among equally good plans the engine moves the least;
- the problem keeps to the roadmap's reach (``timeline.reach``: the horizon and 12 months either side, the
  rule of the timelines and the workload pages): an activity dated wholly beyond it (a typo's 2200) or that
  may not start before its end stays where it is, loads nobody and is listed; one that runs past its edge
  (social media kept up from 2024 to 2028) is not moved either, since the scheduler cannot place what it
  cannot see whole: it is held where it is like in-progress work, its hours within the reach taken from its
  people's capacity (as the workload pages count them), its successors waiting for its end, and it is
  listed; a window, an absence or work on other roadmaps reaching beyond it is cut there, so the problem's
  size is that of the reach and the work to place, whatever dates are typed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from jalon.engines import calendar, workload
from jalon.engines import scheduling as engine
from jalon.planning.models import Absence, Activity, Assignment, Dependency, Milestone, Person, Status
from jalon.planning.people.elsewhere import other_roadmaps_bookings
from jalon.planning.timeline.reach import in_sight, reach_of
from jalon.strategy.models import Roadmap

HOLIDAYS_COUNTRY = calendar.DEFAULT_COUNTRY
WORKING_DAYS_PER_WEEK = calendar.DAYS_PER_WEEK
APPROVED = (Status.PLANNED, Status.IN_PROGRESS)
"""Work approved to be done; ideas are scheduled only when selected."""
SCHEDULABLE = (Status.IDEA, *APPROVED)


class LeftOut:
    """Why an activity is not in the plan (the proposal's ``left_out[].reason``)."""

    IDEA = "idea"
    UNSIZED = "unsized"
    WINDOW_CLOSED = "window_closed"
    FAR = "far"
    RUNS_PAST = "runs_past"
    """Held where it is: it runs past the reach (its hours within it are counted, it is not moved)."""


# Reading the roadmap (a fixed number of queries whatever its size) ----------------------------------


@dataclass(frozen=True)
class Plan:
    """Every row the scheduler needs, loaded at once."""

    roadmap: Roadmap
    activities: list[Activity]
    dependencies: list[Dependency]
    assignments: list[Assignment]
    people: list[Person]
    absences: dict[int, list[Absence]]
    milestones: list[Milestone]
    milestone_activities: dict[int, list[int]]
    elsewhere: tuple[workload.Booking, ...] = ()
    """The people's assignments on the workspace's other roadmaps (their hours are not free)."""

    @property
    def activity_by_id(self) -> dict[int, Activity]:
        return {a.pk: a for a in self.activities}


def load_plan(roadmap: Roadmap) -> Plan:
    absences: dict[int, list[Absence]] = defaultdict(list)
    for absence in Absence.objects.filter(person__roadmaps=roadmap).order_by("start"):
        absences[absence.person_id].append(absence)
    links: dict[int, list[int]] = defaultdict(list)
    # Ordered by activity, the order they were created: PostgreSQL returns the links in no fixed order, and
    # the link rows' own order is no better (Django's ``set()`` inserts them from a set of ids), so the
    # problem (and the milestone's activities as the engine sees them) would change from one run to the next.
    through = Milestone.activities.through.objects.filter(milestone__roadmap=roadmap).order_by(
        "milestone_id", "activity_id"
    )
    for milestone_id, activity_id in through.values_list("milestone_id", "activity_id"):
        links[milestone_id].append(activity_id)
    people = list(roadmap.people.all())
    return Plan(
        roadmap=roadmap,
        activities=list(Activity.objects.filter(roadmap=roadmap)),
        dependencies=list(Dependency.objects.filter(successor__roadmap=roadmap)),
        assignments=list(Assignment.objects.filter(activity__roadmap=roadmap)),
        people=people,
        absences=dict(absences),
        milestones=list(Milestone.objects.filter(roadmap=roadmap)),
        milestone_activities=dict(links),
        elsewhere=tuple(other_roadmaps_bookings(roadmap, people)),
    )


def default_start(roadmap: Roadmap, *, today: date) -> date:
    """The roadmap's start, or today once it has begun: the scheduler never plans in the past."""
    return max(roadmap.start, today)


# Models -> engine problem ---------------------------------------------------------------------------


class WorkingDays:
    """The working days of ``jalon.engines.calendar`` (Monday–Friday without public holidays) over the
    plan's span, to turn dates into durations the engine counts."""

    def __init__(self, first: date, last: date, *, country: str | None = HOLIDAYS_COUNTRY) -> None:
        self.closed = calendar.public_holidays(country, first, last)

    def between(self, first: date, last: date) -> int:
        """Working days from ``first`` to ``last``, both included."""
        return calendar.working_days(first, last, closed=self.closed)


@dataclass(frozen=True)
class Built:
    problem: engine.Problem
    start: date
    movable: frozenset[str]
    """Keys of the activities the scheduler may move (the others are fixed)."""
    left_out: tuple[tuple[str, str], ...]
    """(key, ``LeftOut`` reason) of the activities not planned: unselected ideas, activities without dates
    or effort to size them, windows closed before the plan starts."""
    idle_people: tuple[str, ...]
    """Keys of people without capacity: their assignments do not constrain the plan."""


def _span(plan: Plan, start: date) -> tuple[date, date]:
    """The dates the problem may name: the roadmap's reach (``reach_of``), and the plan start."""
    low, high = reach_of(plan.roadmap)
    return min(low, start), max(high, start)


def _far(activity: Activity, span: tuple[date, date]) -> bool:
    """Dated wholly beyond the reach (``in_sight``, the timelines' rule), or not to start before it ends:
    left where it is."""
    if not in_sight(activity.start, activity.end, span):
        return True
    return activity.not_before is not None and activity.not_before > span[1]


def runs_past(activity: Activity, span: tuple[date, date]) -> bool:
    """Dated across one of the edges of ``span`` (the reach): if in sight of it, held where it is
    (``LeftOut.RUNS_PAST``)."""
    start, end = activity.start, activity.end
    return start is not None and end is not None and (start < span[0] or end > span[1])


def _dated(activity: Activity) -> bool:
    return activity.start is not None and activity.end is not None


def _started(activity: Activity) -> bool:
    """In progress with dates: a fact, not a choice. Its hours are taken from its people's capacity and
    it is not scheduled, so an overlap it already causes never makes the whole plan impossible."""
    return activity.status == Status.IN_PROGRESS and _dated(activity)


def _pinned(activity: Activity) -> bool:
    return activity.pinned and _dated(activity) and not _started(activity)


def _over_before(activity: Activity, start: date) -> bool:
    """Done, or fixed and already over when the plan starts: it only holds back its successors."""
    if activity.status == Status.DONE:
        return True
    fixed = _started(activity) or _pinned(activity)
    return fixed and activity.end is not None and activity.end < start


class _Builder:
    """One pass over the plan's rows; ``build_problem`` is its public face."""

    def __init__(
        self, plan: Plan, start: date, country: str | None, *, keep_later: bool, ideas: frozenset[str]
    ) -> None:
        self.plan, self.start, self.keep_later, self.ideas = plan, start, keep_later, ideas
        self.country, self.span = country, _span(plan, start)
        self.days = WorkingDays(*self.span, country=country)
        self.far = {a.pk for a in plan.activities if _far(a, self.span)}
        self.held = {a.pk for a in plan.activities if a.pk not in self.far and runs_past(a, self.span)}
        self.by_id = plan.activity_by_id
        self.people = {p.pk: p for p in plan.people if p.capacity_hours_per_week > 0}
        self.assignees: dict[int, list[Assignment]] = defaultdict(list)
        for assignment in plan.assignments:
            if assignment.person_id in self.people and assignment.hours_per_week > 0:
                self.assignees[assignment.activity_id].append(assignment)
        self.off_days = {  # not those beyond or past the reach: counting their days would walk centuries
            a.pk for a in plan.activities if a.pk not in self.far | self.held and self._off_days_only(a)
        }
        self.outside = (
            self.off_days
            | {a.pk for a in plan.activities if self.approved(a) and (_over_before(a, start) or _started(a))}
            | {a.pk for a in plan.activities if self.approved(a) and a.pk in self.held}
            | {a.pk for a in plan.activities if a.status == Status.DONE}
        ) - self.far
        self.busy: dict[int, list[engine.Absence]] = defaultdict(list)
        self._book_elsewhere()
        self.earliest: dict[int, date] = {}
        self.included: dict[int, engine.Activity] = {}
        self.movable: set[str] = set()
        self.left_out: list[tuple[str, str]] = []

    def approved(self, activity: Activity) -> bool:
        return activity.status in APPROVED or (activity.status == Status.IDEA and activity.key in self.ideas)

    def run(self) -> None:
        for link in self.plan.dependencies:
            before = self.by_id[link.predecessor_id]
            if link.predecessor_id in self.outside and before.end is not None:
                after = link.earliest_successor_start(before.end)
                self.earliest[link.successor_id] = max(
                    after, self.earliest.get(link.successor_id, self.start)
                )
        for activity in self.plan.activities:
            if activity.status == Status.IDEA and not self.approved(activity):
                self.left_out.append((activity.key, LeftOut.IDEA))
                continue
            if activity.status not in SCHEDULABLE or _over_before(activity, self.start):
                continue
            if activity.pk in self.far:
                self.left_out.append((activity.key, LeftOut.FAR))
                continue
            if activity.pk in self.off_days:
                continue  # a weekend or holiday event: it takes no working day, nothing to schedule
            if _started(activity):
                self._take_hours(activity)
            elif activity.pk in self.held:  # not to be placed whole within the reach: held, hours taken
                self._take_hours(activity)
                self.left_out.append((activity.key, LeftOut.RUNS_PAST))
            elif _pinned(activity):
                self._pin(activity)
            else:
                self._schedule(activity)

    def _off_days_only(self, activity: Activity) -> bool:
        if activity.start is None or activity.end is None:
            return False
        return self.days.between(activity.start, activity.end) == 0

    def _demands(self, activity: Activity) -> tuple[engine.Demand, ...]:
        return tuple(
            engine.Demand(
                self.people[a.person_id].key, hours_per_day=a.hours_per_week / WORKING_DAYS_PER_WEEK
            )
            for a in self.assignees[activity.pk]
        )

    def _book_elsewhere(self) -> None:
        """The hours booked on other roadmaps from the plan start take the person's time week by week
        (``workload.free_hours_by_day``, the workload page's rule): each day keeps its share of the week's
        free hours, the rest of its capacity is given to the engine as a partial absence."""
        by_key = {p.key: p for p in self.people.values()}
        bookings: dict[int, list[workload.Booking]] = defaultdict(list)
        for booking in workload.within(self.plan.elsewhere, self.start, self.span[1]):  # cut at the reach
            person = by_key.get(booking.person_key)
            if person is not None and booking.hours_per_week > 0:
                bookings[person.pk].append(booking)
        for pk, mine in bookings.items():
            person = self.people[pk]
            away = tuple((a.start, a.end) for a in self.plan.absences.get(pk, []))
            available = workload.Availability(person.key, person.capacity_hours_per_week, away)
            last = max(booking.end for booking in mine)
            daily = round(person.capacity_hours_per_week / WORKING_DAYS_PER_WEEK * workload.HUNDREDTHS)
            closed = calendar.public_holidays(self.country, self.start, last)
            weeks = workload.free_hours_by_week(available, mine, first=self.start, last=last, closed=closed)
            free = workload.free_hours_by_day(available, weeks, first=self.start, last=last, closed=closed)
            self.busy[pk].extend(_partial_absences(free, daily))

    def _take_hours(self, activity: Activity) -> None:
        assert activity.start is not None and activity.end is not None
        first, last = max(activity.start, self.start), min(activity.end, self.span[1])  # cut at the reach
        if first > last:
            return
        for a in self.assignees[activity.pk]:
            hours = a.hours_per_week / WORKING_DAYS_PER_WEEK
            self.busy[a.person_id].append(engine.Absence(first, last, hours_per_day=hours))

    def _pin(self, activity: Activity) -> None:
        assert activity.start is not None and activity.end is not None
        current = max(activity.start, self.start)  # what remains of it from the plan start
        duration = self.days.between(current, activity.end)
        self.included[activity.pk] = engine.Activity(
            activity.key, duration, self._demands(activity), current_start=current, pinned=True,
            latest_finish=self._window_end(activity), value=activity.value,
        )  # fmt: skip

    def _schedule(self, activity: Activity) -> None:
        duration = _duration(activity, self.days, len(self.assignees[activity.pk]))
        if duration is None:
            self.left_out.append((activity.key, LeftOut.UNSIZED))
            return
        if activity.must_finish_by is not None and activity.must_finish_by < self.start:
            self.left_out.append((activity.key, LeftOut.WINDOW_CLOSED))
            return
        self.movable.add(activity.key)
        earliest = self.earliest.get(activity.pk, self.start)
        if activity.not_before is not None:
            earliest = max(earliest, activity.not_before)
        if self.keep_later and activity.start is not None:
            earliest = max(earliest, activity.start)
        self.included[activity.pk] = engine.Activity(
            activity.key,
            duration,
            self._demands(activity),
            earliest_start=earliest,
            current_start=activity.start,
            latest_finish=self._window_end(activity),
            value=activity.value,
        )

    def _window_end(self, activity: Activity) -> date | None:
        """*Must finish by*, unless beyond the reach: nothing placed or pinned ends there anyway."""
        end = activity.must_finish_by
        return None if end is None or end > self.span[1] else end

    def person(self, person: Person) -> engine.Person:
        low, high = self.span  # an absence typed centuries long is cut at the reach
        away = [
            engine.Absence(max(a.start, low), min(a.end, high))
            for a in self.plan.absences.get(person.pk, [])
            if a.start <= high and a.end >= low
        ]
        return engine.Person(
            person.key,
            capacity_hours_per_day=person.capacity_hours_per_week / WORKING_DAYS_PER_WEEK,
            absences=tuple(away + self.busy.get(person.pk, [])),
        )


def _partial_absences(free: Mapping[date, float], daily_units: int) -> list[engine.Absence]:
    """The hours of each day that are not free, as partial absences; days in a row taking the same hours
    are one absence (the days between them are weekends, holidays or days off: nothing to take there)."""
    runs: list[tuple[date, date, int]] = []
    for day, hours in sorted(free.items()):
        taken = daily_units - round(hours * workload.HUNDREDTHS)
        if taken <= 0:
            runs.append((day, day, 0))  # a day with all its hours free ends a run
        elif runs and runs[-1][2] == taken:
            runs[-1] = (runs[-1][0], day, taken)
        else:
            runs.append((day, day, taken))
    return [
        engine.Absence(first, last, hours_per_day=taken / workload.HUNDREDTHS)
        for first, last, taken in runs
        if taken > 0
    ]


def _idle_people(plan: Plan, builder: _Builder) -> tuple[str, ...]:
    """Who has work on the plan but no capacity to check it against (someone without either is not named)."""
    working = {a.person_id for a in plan.assignments if a.hours_per_week > 0}
    return tuple(p.key for p in plan.people if p.pk not in builder.people and p.pk in working)


def build_problem(
    plan: Plan,
    *,
    start: date,
    country: str | None = HOLIDAYS_COUNTRY,
    keep_later: bool = False,
    ideas: Iterable[str] = (),
) -> Built:
    """The engine's problem for ``plan`` from ``start`` to the roadmap's end; with ``keep_later`` no dated
    activity may start earlier than it does now (it may only be pushed later). ``ideas``: the keys of
    the ideas selected to be planned with the approved work."""
    builder = _Builder(plan, start, country, keep_later=keep_later, ideas=frozenset(ideas))
    builder.run()
    return Built(
        problem=engine.Problem(
            start=start,
            activities=tuple(_with_dependencies(builder.included, plan, builder.by_id)),
            people=tuple(builder.person(p) for p in builder.people.values()),
            milestones=tuple(_milestones(plan, builder.included, builder.by_id)),
            holidays_country=country,
            end=max(plan.roadmap.end, start),
        ),
        start=start,
        movable=frozenset(builder.movable),
        left_out=tuple(builder.left_out),
        idle_people=_idle_people(plan, builder),
    )


def _duration(activity: Activity, days: WorkingDays, assignees: int) -> int | None:
    if activity.start is not None and activity.end is not None:
        return max(1, days.between(activity.start, activity.end))
    if activity.effort_days > 0:
        return max(1, math.ceil(activity.effort_days / max(1, assignees)))
    return None


def _with_dependencies(
    included: Mapping[int, engine.Activity], plan: Plan, by_id: Mapping[int, Activity]
) -> Iterable[engine.Activity]:
    links: dict[int, list[engine.Dependency]] = defaultdict(list)
    for link in plan.dependencies:
        if link.predecessor_id in included and link.successor_id in included:
            links[link.successor_id].append(
                engine.Dependency(by_id[link.predecessor_id].key, lag_days=max(0, link.lag_days))
            )
    for pk, activity in included.items():
        if links[pk]:
            yield replace(activity, dependencies=tuple(links[pk]))
        else:
            yield activity


def _milestones(
    plan: Plan, included: Mapping[int, engine.Activity], by_id: Mapping[int, Activity]
) -> Iterable[engine.Milestone]:
    for milestone in plan.milestones:
        members = [by_id[i].key for i in plan.milestone_activities.get(milestone.pk, []) if i in included]
        if milestone.reached_on is None and members:
            yield engine.Milestone(milestone.key, milestone.date, tuple(members))
