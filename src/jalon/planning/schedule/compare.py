"""A schedule proposal beside the current plan: the moves (old and new dates, stale ones flagged), the
milestones, the person × week load before and after, and the moved activities on two timelines. Read by
the "Plan the schedule" pages (``schedule.views``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from jalon.engines import workload
from jalon.engines.calendar import month_end
from jalon.planning.models import Status
from jalon.planning.people.elsewhere import counts
from jalon.planning.schedule.problem import Plan, runs_past
from jalon.planning.schedule.proposal import Move, Proposal
from jalon.planning.timeline import svg as timeline
from jalon.planning.timeline.model import COMPACT, NO_LANE, Bar, Chart, Frame, Lane, MilestoneMark
from jalon.planning.timeline.reach import clipped, in_sight, reach_of

MAX_WEEKS = 53


@dataclass(frozen=True)
class MoveRow:
    key: str
    title: str
    old_start: date | None
    old_end: date | None
    new_start: date
    new_end: date
    stale: bool
    """The activity changed (or disappeared) since the proposal was computed."""

    @property
    def shift_days(self) -> int | None:
        return None if self.old_start is None else (self.new_start - self.old_start).days


@dataclass(frozen=True)
class MilestoneRow:
    title: str
    due: date
    current_finish: date | None
    proposed_finish: date | None
    late_days: int
    """Working days late in the proposal."""

    @property
    def currently_late(self) -> bool:
        return self.current_finish is not None and self.current_finish > self.due


@dataclass(frozen=True)
class HeatCell:
    week: date
    hours: float
    capacity: float

    @property
    def overloaded(self) -> bool:
        return workload.is_overloaded(self.hours, self.capacity)

    @property
    def percent(self) -> int | None:
        return None if self.capacity <= 0 else round(100 * self.hours / self.capacity)

    @property
    def level(self) -> int:
        """0 free, 1 up to half, 2 up to 80 %, 3 full, 4 overloaded."""
        if self.overloaded:
            return 4
        return 0 if self.hours <= 0 else workload.load_step(self.hours, self.capacity)


@dataclass(frozen=True)
class HeatRow:
    name: str
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class OverloadRow:
    name: str
    week: date
    before: HeatCell
    after: HeatCell


@dataclass(frozen=True)
class Comparison:
    moves: list[MoveRow]
    milestones: list[MilestoneRow]
    weeks: list[date]
    before: list[HeatRow]
    after: list[HeatRow]
    overloads: list[OverloadRow]
    current_finish: date | None
    proposed_finish: date | None

    @property
    def stale(self) -> bool:
        return any(move.stale for move in self.moves)

    @property
    def overloaded_before(self) -> int:
        return sum(1 for row in self.overloads if row.before.overloaded)

    @property
    def overloaded_after(self) -> int:
        return sum(1 for row in self.overloads if row.after.overloaded)


def compare(plan: Plan, proposal: Proposal) -> Comparison:
    """The proposal beside the plan it was computed on: moves, milestones, and the person × week load of
    both. Once applied, "before" is the plan as it was (the moves' old dates) and "after" the plan now; a
    move is stale when its activity changed since it was computed (once applied, when its dates moved since:
    an undo puts back the dates only)."""
    current = {a.key: a for a in plan.activities}
    applied = proposal.applied_versions if proposal.applied is not None else None
    undone = proposal.undone is not None

    dates = proposal.applied_dates()

    def stale(move: Move) -> bool:
        if undone:
            return False  # history now: the page no longer offers anything to apply or undo
        activity = current.get(move.key)
        if activity is None:
            return True
        if applied is not None:  # the undo puts the dates back: only dates moved since stand in its way
            return (activity.start, activity.end) != dates.get(move.key)
        return activity.version != move.version

    moves = [
        MoveRow(m.key, m.title, m.old_start, m.old_end, m.new_start, m.new_end, stale=stale(m))
        for m in proposal.moves
    ]
    moved = {m.key: (m.new_start, m.new_end) for m in moves}
    was = {m.key: (m.old_start, m.old_end) for m in moves}
    # The work still to do: done activities load nobody any more (the scheduler ignores them too), nor do
    # activities dated wholly beyond the reach (``elsewhere.counts``, the workload pages' rule); one running
    # past it loads the weeks within it (``_grid`` keeps to the reach).
    reach = reach_of(plan.roadmap)
    live = [
        a
        for a in plan.activities
        if a.status not in (Status.DROPPED, Status.DONE) and counts(a.start, a.end, reach)
    ]
    if applied is not None and not undone:
        before = {a.pk: was.get(a.key, (a.start, a.end)) for a in live}
        after = {a.pk: (a.start, a.end) for a in live}
    else:
        before = {a.pk: (a.start, a.end) for a in live}
        after = {a.pk: moved.get(a.key, (a.start, a.end)) for a in live}
    weeks, before_rows, after_rows, overloads = _heatmaps(plan, proposal.start, before, after)
    # the finish is that of the work the scheduler may place: an activity running past the reach (held
    # where it is, ``LeftOut.RUNS_PAST``) would give both plans its end, years away, and hide the change
    placed = {a.pk for a in live if not runs_past(a, reach)}
    return Comparison(
        moves=moves,
        milestones=_milestone_rows(plan, proposal, before, after),
        weeks=weeks,
        before=before_rows,
        after=after_rows,
        overloads=overloads,
        current_finish=_finish(before, placed),
        proposed_finish=_finish(after, placed),
    )


Dates = Mapping[int, tuple[date | None, date | None]]


def _finish(dates: Dates, placed: set[int]) -> date | None:
    """The last end among the ``placed`` activities."""
    return max((end for pk, (_s, end) in dates.items() if end is not None and pk in placed), default=None)


def _milestone_rows(plan: Plan, proposal: Proposal, before: Dates, after: Dates) -> list[MilestoneRow]:
    lateness = proposal.result.lateness_days_by_milestone
    rows = []
    for milestone in plan.milestones:
        if milestone.key not in lateness:
            continue
        members = [i for i in plan.milestone_activities.get(milestone.pk, []) if i in before]
        rows.append(
            MilestoneRow(
                milestone.title,
                milestone.date,
                max((e for i in members if (e := before[i][1]) is not None), default=None),
                max((e for i in members if (e := after[i][1]) is not None), default=None),
                int(lateness[milestone.key]),
            )
        )
    return rows


def _grid(plan: Plan, dates: Dates) -> dict[str, dict[date, workload.Cell]]:
    by_id = plan.activity_by_id
    people = {p.pk: p for p in plan.people}
    bookings = []
    for assignment in plan.assignments:
        first, last = dates.get(assignment.activity_id, (None, None))
        if first is None or last is None or assignment.person_id not in people:
            continue
        activity = by_id[assignment.activity_id]
        person = people[assignment.person_id]
        bookings.append(
            workload.Booking(person.key, activity.key, activity.title, first, last, assignment.hours_per_week)
        )
    bookings += [b for b in plan.elsewhere if b.start <= plan.roadmap.end]  # other roadmaps' hours: not free
    availability = [
        workload.Availability(
            p.key, p.capacity_hours_per_week, tuple((a.start, a.end) for a in plan.absences.get(p.pk, []))
        )
        for p in plan.people
    ]
    return workload.workload(availability, bookings, weeks_within=reach_of(plan.roadmap))


def _heatmaps(
    plan: Plan, start: date, before: Dates, after: Dates
) -> tuple[list[date], list[HeatRow], list[HeatRow], list[OverloadRow]]:
    grids = (_grid(plan, before), _grid(plan, after))
    first = workload.monday(start)
    seen = {week for grid in grids for cells in grid.values() for week in cells if week >= first}
    weeks = [first + timedelta(weeks=i) for i in range(((max(seen) - first).days // 7 + 1) if seen else 0)]
    weeks = weeks[:MAX_WEEKS]
    rows: tuple[list[HeatRow], list[HeatRow]] = ([], [])
    overloads: list[OverloadRow] = []
    for person in plan.people:
        availability = workload.Availability(
            person.key,
            person.capacity_hours_per_week,
            tuple((a.start, a.end) for a in plan.absences.get(person.pk, [])),
        )
        pair = []
        for grid, target in zip(grids, rows, strict=True):
            cells = tuple(_cell(grid.get(person.key, {}), week, availability) for week in weeks)
            target.append(HeatRow(person.name, cells))
            pair.append(cells)
        overloads += [
            OverloadRow(person.name, week, b, a)
            for week, b, a in zip(weeks, pair[0], pair[1], strict=True)
            if b.overloaded or a.overloaded
        ]
    return weeks, rows[0], rows[1], overloads


def _cell(cells: Mapping[date, workload.Cell], week: date, person: workload.Availability) -> HeatCell:
    found = cells.get(week)
    if found is None:
        return HeatCell(week, 0.0, workload.capacity_in_week(person, week))  # public holidays included
    return HeatCell(week, found.hours, found.capacity_hours)


# The moved activities on the timeline, now and proposed -------------------------------------------------

TIMELINE_BARS = 40
CURRENT_COLOUR, PROPOSED_COLOUR = "#6b7280", "#1d4ed8"


def timelines(plan: Plan, moves: list[MoveRow]) -> tuple[str, str] | None:
    """Two SVG timelines of the moved activities (lanes by owner) on the same dates: now and proposed."""
    shown = moves[:TIMELINE_BARS]
    if not shown:
        return None
    by_key = {a.key: a for a in plan.activities}
    people = {p.pk: p for p in plan.people}
    statuses = {str(value): str(label) for value, label in Status.choices}

    def owner(key: str) -> tuple[str, str]:
        found = by_key.get(key)
        person = people.get(found.owner_id) if found is not None and found.owner_id else None
        return (person.key, person.name) if person else (NO_LANE, _("No owner"))

    def bar(move: MoveRow, proposed: bool) -> Bar:
        status = by_key[move.key].status if move.key in by_key else Status.PLANNED
        lane, name = owner(move.key)
        return Bar(
            key=move.key,
            title=move.title,
            start=move.new_start if proposed else move.old_start,
            end=move.new_end if proposed else move.old_end,
            colour=PROPOSED_COLOUR if proposed else CURRENT_COLOUR,
            status=status,
            status_label=statuses.get(status, ""),
            owner=name,
            lanes=(lane,),
        )

    reach = reach_of(plan.roadmap)  # a date typed centuries away is not drawn, as on the timelines

    def bars(proposed: bool) -> tuple[Bar, ...]:
        drawn = (bar(move, proposed) for move in shown)
        return tuple(b for b in drawn if in_sight(b.start, b.end, reach))

    now, new = bars(False), bars(True)
    lanes = tuple(Lane(key, name) for key, name in dict(owner(m.key) for m in shown).items())
    days = [d for b in (*now, *new) for d in (b.start, b.end) if d is not None]
    if not days:
        return None
    first, last = clipped(min(days), max(days), reach)  # a bar running past the reach is clipped there
    marks = tuple(MilestoneMark(m.key, m.title, m.date) for m in plan.milestones if first <= m.date <= last)
    span = (last - first).days
    zoom = "month" if span <= 120 else "quarter" if span <= 400 else "year"
    frame = Frame(
        first.replace(day=1), month_end(last.year, last.month), zoom, plan.roadmap.fiscal_year_start_month
    )
    return (
        timeline.render(Chart(_("Current plan"), lanes, now, marks), frame,
                        layout=COMPACT, ids="schedule-now"),
        timeline.render(Chart(_("Proposed plan"), lanes, new, marks), frame,
                        layout=COMPACT, ids="schedule-new"),
    )  # fmt: skip
