"""The roadmap scheduler's model: problem -> integer working-day data -> greedy start -> CP-SAT stages.

Capacities are counted in hundredths of an hour so that "3.5 h/day" and "a 40 % share" stay exact
enough as integers. A person's lower availability on some days (part-time weekday, absence) becomes a
fixed interval that eats the difference in their cumulative constraint.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from jalon.engines import graph
from jalon.engines.scheduling_calendar import WorkingCalendar, working_days_needed
from jalon.engines.scheduling_types import Activity, Milestone, Person, Problem
from jalon.engines.status import Status

__all__ = [
    "Compiled",
    "Outcome",
    "build_model",
    "compile_problem",
    "earliest_finishes",
    "greedy_starts",
    "optimise",
    "person_load",
]

UNITS_PER_HOUR = 100


@dataclass(frozen=True)
class Compiled:
    problem: Problem
    calendar: WorkingCalendar
    horizon: int
    durations: tuple[int, ...]
    releases: tuple[int, ...]
    pinned: tuple[int | None, ...]
    current: tuple[int | None, ...]
    deadlines: tuple[int | None, ...]
    """Per activity: how many working days it may use before its own deadline (finish index bound)."""
    windows: tuple[int | None, ...]
    """Per activity: the finish index bound of its latest finish (hard)."""
    bounds: tuple[int | None, ...]
    """Per activity: the hard finish index bound, its window's or the plan end's (not for pinned ones)."""
    end: int | None
    """The plan end's finish index bound."""
    milestone_deadlines: tuple[int, ...]
    milestone_members: tuple[tuple[int, ...], ...]
    edges: tuple[tuple[int, int, int], ...]
    """(predecessor, successor, lag_days)."""
    demands: tuple[tuple[tuple[int, int], ...], ...]
    """Per activity: (person index, units per day)."""
    capacities: tuple[int, ...]
    available: tuple[tuple[int, ...], ...]
    """Per person, per working-day index: units available that day."""

    @property
    def activities(self) -> tuple[Activity, ...]:
        return self.problem.activities

    @property
    def milestones(self) -> tuple[Milestone, ...]:
        return self.problem.milestones

    @property
    def people(self) -> tuple[Person, ...]:
        return self.problem.people

    def activity_lateness(self, i: int, starts: Sequence[int]) -> int:
        limits = [self.milestone_deadlines[k] for k, m in enumerate(self.milestone_members) if i in m]
        if self.deadlines[i] is not None:
            limits.append(self.deadlines[i] or 0)
        finish = starts[i] + self.durations[i]
        return max([0, *(finish - limit for limit in limits)])

    def milestone_lateness(self, k: int, starts: Sequence[int]) -> int:
        limit = self.milestone_deadlines[k]
        return max([0, *(starts[i] + self.durations[i] - limit for i in self.milestone_members[k])])

    def total_lateness(self, starts: Sequence[int]) -> int:
        own = sum(
            max(0, starts[i] + self.durations[i] - limit)
            for i, limit in enumerate(self.deadlines)
            if limit is not None
        )
        return own + sum(self.milestone_lateness(k, starts) for k in range(len(self.milestone_members)))

    def makespan(self, starts: Sequence[int]) -> int:
        return max((s + d for s, d in zip(starts, self.durations, strict=True)), default=0)

    def moved(self, i: int, starts: Sequence[int]) -> int:
        current = self.current[i]
        return 0 if current is None else abs(starts[i] - current)


def compile_problem(problem: Problem) -> Compiled:
    activities = problem.activities
    index = {a.id: i for i, a in enumerate(activities)}
    person_index = {p.id: k for k, p in enumerate(problem.people)}
    rough = WorkingCalendar.build(
        problem.start, count=1, country=problem.holidays_country, extra_holidays=problem.extra_holidays
    )
    placed = [d for a in activities for d in (a.earliest_start, a.current_start) if d is not None]
    work = sum(a.duration_days + max((d.lag_days for d in a.dependencies), default=0) for a in activities)
    span = working_days_needed(
        rough.days[0],
        max([*placed, *([] if problem.end is None else [problem.end])], default=problem.start),
        work,
        windows=[a.latest_finish for a in activities if a.latest_finish is not None],
        absences=[(x.start, x.end) for p in problem.people for x in p.absences],
    )
    calendar = WorkingCalendar.build(
        problem.start, count=span, country=problem.holidays_country, extra_holidays=problem.extra_holidays
    )
    horizon = len(calendar)
    current = tuple(
        None if a.current_start is None else min(calendar.index_on_or_after(a.current_start), horizon - 1)
        for a in activities
    )
    windows = tuple(
        None if a.latest_finish is None else calendar.count_until(a.latest_finish) for a in activities
    )
    end = None if problem.end is None else calendar.count_until(problem.end)
    return Compiled(
        problem=problem,
        calendar=calendar,
        horizon=horizon,
        durations=tuple(a.duration_days for a in activities),
        releases=tuple(
            0 if a.earliest_start is None else calendar.index_on_or_after(a.earliest_start)
            for a in activities
        ),
        pinned=tuple(current[i] if a.pinned else None for i, a in enumerate(activities)),
        current=current,
        deadlines=tuple(None if a.deadline is None else calendar.count_until(a.deadline) for a in activities),
        windows=windows,
        bounds=tuple(_tightest(windows[i], None if a.pinned else end) for i, a in enumerate(activities)),
        end=end,
        milestone_deadlines=tuple(calendar.count_until(m.deadline) for m in problem.milestones),
        milestone_members=tuple(tuple(index[i] for i in m.activity_ids) for m in problem.milestones),
        edges=tuple(
            (index[d.predecessor_id], j, d.lag_days) for j, a in enumerate(activities) for d in a.dependencies
        ),
        demands=tuple(
            tuple(
                (person_index[d.person_id], _units(d, problem.people[person_index[d.person_id]]))
                for d in a.demands
            )
            for a in activities
        ),
        capacities=tuple(_hours(p.capacity_hours_per_day) for p in problem.people),
        available=tuple(_availability(p, calendar) for p in problem.people),
    )


def earliest_finishes(compiled: Compiled) -> list[int]:
    """Finish indices if people had unlimited capacity (dependencies, earliest starts, pins only)."""
    n = len(compiled.durations)
    starts: list[int] = [
        pinned if (pinned := compiled.pinned[i]) is not None else compiled.releases[i] for i in range(n)
    ]
    for _ in range(n):
        changed = False
        for i, j, lag in compiled.edges:
            if compiled.pinned[j] is None and starts[j] < starts[i] + compiled.durations[i] + lag:
                starts[j] = starts[i] + compiled.durations[i] + lag
                changed = True
        if not changed:
            break
    return [s + d for s, d in zip(starts, compiled.durations, strict=True)]


def _tightest(*bounds: int | None) -> int | None:
    known = [b for b in bounds if b is not None]
    return min(known) if known else None


def _hours(hours: float) -> int:
    return round(hours * UNITS_PER_HOUR)


def _units(demand: object, person: Person) -> int:
    hours = getattr(demand, "hours_per_day", None)
    if hours is not None:
        return _hours(hours)
    return round(float(getattr(demand, "share", 0.0) or 0.0) * _hours(person.capacity_hours_per_day))


def _availability(person: Person, calendar: WorkingCalendar) -> tuple[int, ...]:
    capacity = _hours(person.capacity_hours_per_day)
    available = [capacity if day.weekday() in person.working_weekdays else 0 for day in calendar.days]
    for absence in person.absences:
        first = calendar.index_on_or_after(absence.start)
        last = calendar.count_until(absence.end)
        for t in range(first, last):
            away = capacity if absence.hours_per_day is None else _hours(absence.hours_per_day)
            available[t] = max(0, available[t] - away)
    return tuple(available)


@dataclass
class Built:
    """A CP-SAT model of a compiled problem, with handles on the variables the stages need."""

    model: cp_model.CpModel
    starts: list[cp_model.IntVar]
    lateness: cp_model.LinearExpr
    makespan: cp_model.IntVar
    moves: cp_model.LinearExpr
    extra: list[cp_model.IntVar]


def build_model(
    compiled: Compiled, *, hard_deadlines: Sequence[int | None] | None = None, extra_capacity: bool = False
) -> Built:
    """The model; with ``hard_deadlines`` the finish bounds are constraints and capacity may grow."""
    model = cp_model.CpModel()
    horizon = compiled.horizon
    n = len(compiled.durations)
    starts: list[cp_model.IntVar] = []
    intervals = []
    for i, duration in enumerate(compiled.durations):
        latest = hard_deadlines[i] if hard_deadlines is not None else None
        low, high, fits = start_range(compiled, i, latest_finish=latest)
        if not fits:
            model.add_bool_or([])  # nothing fits: the model is infeasible
        starts.append(model.new_int_var(low, high, f"s{i}"))
        intervals.append(model.new_fixed_size_interval_var(starts[i], duration, f"x{i}"))
    for i, j, lag in compiled.edges:
        model.add(starts[j] >= starts[i] + compiled.durations[i] + lag)
    extra: list[cp_model.IntVar] = []
    for k, capacity in enumerate(compiled.capacities):
        grow = model.new_int_var(0, 100 * capacity if extra_capacity else 0, f"extra{k}")
        boxes, heights = person_load(model, compiled, k, intervals, grow=grow if extra_capacity else None)
        if not boxes:
            extra.append(model.new_constant(0))
            continue
        extra.append(grow)
        model.add_cumulative(boxes, heights, grow + capacity)
    finishes = [starts[i] + compiled.durations[i] for i in range(n)]
    late_terms: list[cp_model.IntVar] = []
    for i, limit in enumerate(compiled.deadlines):
        if limit is not None:
            late = model.new_int_var(0, horizon, f"late{i}")
            model.add(late >= finishes[i] - limit)
            late_terms.append(late)
    for k, members in enumerate(compiled.milestone_members):
        late = model.new_int_var(0, horizon, f"mlate{k}")
        for i in members:
            model.add(late >= finishes[i] - compiled.milestone_deadlines[k])
        late_terms.append(late)
    makespan = model.new_int_var(0, horizon, "makespan")
    for finish in finishes:
        model.add(makespan >= finish)
    move_terms: list[cp_model.IntVar] = []
    for i, current in enumerate(compiled.current):
        if current is not None and compiled.pinned[i] is None:
            moved = model.new_int_var(0, horizon, f"moved{i}")
            model.add_abs_equality(moved, starts[i] - current)
            move_terms.append(moved)
    return Built(
        model,
        starts,
        sum(late_terms, cp_model.LinearExpr.constant(0)),
        makespan,
        sum(move_terms, cp_model.LinearExpr.constant(0)),
        extra,
    )


def start_range(compiled: Compiled, i: int, *, latest_finish: int | None = None) -> tuple[int, int, bool]:
    """The first and last day activity ``i`` may start on: its own day when pinned; else from its release
    to the horizon, or to ``latest_finish`` when given. Its window and the plan's end are hard: False when
    they leave no day (the range is then its first day alone)."""
    duration, pinned = compiled.durations[i], compiled.pinned[i]
    low, high = (
        (pinned, pinned) if pinned is not None else (compiled.releases[i], compiled.horizon - duration)
    )
    if latest_finish is not None and pinned is None:
        high = min(high, max(low, latest_finish - duration))
    high = max(low, high)
    bound = compiled.bounds[i]
    if bound is not None:
        high = min(high, bound - duration)
    return (low, high, True) if high >= low else (low, low, False)


def person_load(
    model: cp_model.CpModel,
    compiled: Compiled,
    k: int,
    intervals: Sequence[cp_model.IntervalVar],
    *,
    grow: cp_model.IntVar | None = None,
) -> tuple[list[cp_model.IntervalVar], list[Any]]:
    """What person ``k``'s cumulative holds: the activities that need them (with their units per day) and
    fixed boxes for the days they have less than their capacity; nothing when no activity needs them.
    With ``grow`` (the extra units per day a fix would give them), a day they are away takes the grown
    capacity too: more hours a day never let someone work on a day they are away."""
    users = [
        (i, u)
        for i, demands in enumerate(compiled.demands)
        for person, u in demands
        if person == k and u > 0 and compiled.durations[i] > 0
    ]
    if not users:
        return [], []
    boxes = [intervals[i] for i, _ in users]
    heights: list[Any] = [u for _, u in users]
    for first, length, gap in _reductions(compiled.available[k], compiled.capacities[k]):
        boxes.append(model.new_fixed_size_interval_var(first, length, f"off{k}_{first}"))
        heights.append(grow + gap if grow is not None and gap == compiled.capacities[k] else gap)
    return boxes, heights


def _reductions(available: Sequence[int], capacity: int) -> list[tuple[int, int, int]]:
    """Runs of days where the person has less than their capacity: (first index, length, missing)."""
    runs: list[tuple[int, int, int]] = []
    t = 0
    while t < len(available):
        gap = capacity - available[t]
        end = t
        while end < len(available) and capacity - available[end] == gap:
            end += 1
        if gap > 0:
            runs.append((t, end - t, gap))
        t = end
    return runs


def greedy_starts(compiled: Compiled, *, past_bounds: bool = False) -> tuple[int, ...] | None:
    """A serial schedule: pinned activities first, then by latest finish implied by the windows and the
    deadlines. None when it breaks a window or the end, unless ``past_bounds`` (then it only serves to say
    what does not fit)."""
    n = len(compiled.durations)
    horizon = compiled.horizon
    left = np.asarray(compiled.available, dtype=np.int64).reshape(len(compiled.capacities), horizon)
    successors: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    predecessors: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i, j, lag in compiled.edges:
        successors[i].append((j, lag))
        predecessors[j].append((i, lag))
    latest = [horizon] * n
    for i, limit in enumerate(compiled.deadlines):
        if limit is not None:
            latest[i] = limit
    for i, bound in enumerate(compiled.bounds):
        if bound is not None:
            latest[i] = min(latest[i], bound)
    for k, members in enumerate(compiled.milestone_members):
        for i in members:
            latest[i] = min(latest[i], compiled.milestone_deadlines[k])
    order = graph.topological_order([[j for j, _lag in edges] for edges in successors])
    if order is None:
        return None
    for i in reversed(order):
        for j, lag in successors[i]:
            latest[i] = min(latest[i], latest[j] - compiled.durations[j] - lag)
    starts = [0] * n
    done = [False] * n
    for i in range(n):
        pinned = compiled.pinned[i]
        if pinned is not None:
            starts[i], done[i] = pinned, True
            _reserve(left, compiled, i, pinned)
    remaining = [sum(1 for p, _ in predecessors[j] if not done[p]) for j in range(n)]
    eligible = [j for j in range(n) if not done[j] and remaining[j] == 0]
    while eligible:
        eligible.sort(key=lambda j: (latest[j] - compiled.durations[j], j))
        i = eligible.pop(0)
        earliest = max(
            [compiled.releases[i], *(starts[p] + compiled.durations[p] + lag for p, lag in predecessors[i])]
        )
        t = _first_fit(left, compiled, i, earliest)
        if t is None:
            return None
        starts[i], done[i] = t, True
        _reserve(left, compiled, i, t)
        for j, _ in successors[i]:
            remaining[j] -= 1
            if remaining[j] == 0 and not done[j]:
                eligible.append(j)
    if not all(done):
        return None
    if not past_bounds and any(
        bound is not None and compiled.pinned[i] is None and starts[i] + compiled.durations[i] > bound
        for i, bound in enumerate(compiled.bounds)
    ):
        return None
    return tuple(starts)


def _reserve(left: np.ndarray, compiled: Compiled, i: int, start: int) -> None:
    for person, units in compiled.demands[i]:
        left[person, start : start + compiled.durations[i]] -= units


def _first_fit(left: np.ndarray, compiled: Compiled, i: int, earliest: int) -> int | None:
    duration = compiled.durations[i]
    horizon = compiled.horizon
    if duration == 0 or not compiled.demands[i]:
        return earliest if earliest + duration <= horizon else None
    blocked = np.zeros(horizon, dtype=bool)
    for person, units in compiled.demands[i]:
        blocked |= left[person] < units
    run = np.concatenate(([0], np.cumsum(blocked[earliest:], dtype=np.int64)))
    if run.shape[0] <= duration:
        return None
    free = np.flatnonzero(run[duration:] - run[:-duration] == 0)
    return None if free.size == 0 else earliest + int(free[0])


@dataclass(frozen=True)
class Outcome:
    status: Status
    starts: tuple[int, ...] | None
    proven_infeasible: bool = False


def optimise(
    compiled: Compiled,
    *,
    deadline: float,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    """Lexicographic stages: lateness, then makespan, then moves; each keeps the previous optimum.
    ``progress(done, total)`` hears of each stage finished."""
    built = build_model(compiled)
    incumbent = greedy_starts(compiled)
    all_optimal = True
    stages = [built.lateness, built.makespan, built.moves]
    for stage, objective in enumerate(stages):
        if stage == 2 and not any(c is not None for c in compiled.current):
            break
        built.model.minimize(objective)
        if incumbent is not None:
            built.model.clear_hints()  # type: ignore[no-untyped-call]
            for var, value in zip(built.starts, incumbent, strict=True):
                built.model.add_hint(var, value)
        share = 0.5 if stage < len(stages) - 1 else 1.0
        seconds = max(0.05, (deadline - time.perf_counter()) * share)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = seed
        solver.parameters.max_time_in_seconds = seconds
        code = solver.solve(built.model)
        if code == cp_model.INFEASIBLE:
            return Outcome(Status.INFEASIBLE, None, proven_infeasible=True)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            all_optimal = False
            if incumbent is None:
                return Outcome(Status.TIMED_OUT, None)
            break
        incumbent = tuple(solver.value(v) for v in built.starts)
        all_optimal = all_optimal and code == cp_model.OPTIMAL
        built.model.add(objective <= round(solver.objective_value))
        if progress is not None:
            progress(stage + 1, len(stages))
    if incumbent is None:
        return Outcome(Status.TIMED_OUT, None)
    return Outcome(Status.OPTIMAL if all_optimal else Status.FEASIBLE, incumbent)
