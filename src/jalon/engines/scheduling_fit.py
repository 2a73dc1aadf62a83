"""What does not fit in its window or before the plan's end, and the changes that would let it fit.

Windows (an activity's earliest start and latest finish) and the plan's end are hard: the scheduler never
places an activity outside them, so a plan where something cannot fit is infeasible, and these conflicts
say what and why instead of dropping it silently:

- before any search (``unreachable_windows``): an activity whose dependencies alone (from earliest starts
  and pinned activities, with unlimited hands) end after its window or the end. Only a later end, freeing
  a pinned predecessor or leaving it out helps; capacity does not.
- after the search proved that no plan fits (``explain_unfit``): one CP-SAT model where every activity
  may be left out, minimising the value given up (the portfolio's value; an activity needs its
  predecessors), says which activities do not fit together with the others. The fixes, in the order a
  marketing team would try them: the least extra hours per day, per person, that let everything fit; a
  later end (the earliest that lets everything fit, windows kept); leaving out the activities of least
  value. No fix ever moves a window.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from ortools.sat.python import cp_model

from jalon.engines.scheduling_model import (
    UNITS_PER_HOUR,
    Compiled,
    build_model,
    earliest_finishes,
    greedy_starts,
    person_load,
    start_range,
)
from jalon.engines.scheduling_types import Conflict, ConflictCode, Fix, FixCode

__all__ = ["explain_unfit", "unreachable_windows"]

WEIGHT_SCALE = 1_000_000
"""Values are scaled to 0..WEIGHT_SCALE (plus one per activity, so that a free activity still counts)."""


def _code(compiled: Compiled, i: int) -> ConflictCode:
    window, bound = compiled.windows[i], compiled.bounds[i]
    return ConflictCode.WINDOW if window is not None and window == bound else ConflictCode.HORIZON


def _limit_date(compiled: Compiled, i: int) -> date | None:
    activity = compiled.activities[i]
    if _code(compiled, i) is ConflictCode.WINDOW:
        return activity.latest_finish
    return compiled.problem.end


def _predecessors(compiled: Compiled) -> list[list[tuple[int, int]]]:
    found: list[list[tuple[int, int]]] = [[] for _ in compiled.durations]
    for i, j, lag in compiled.edges:
        found[j].append((i, lag))
    return found


def _finish_date(compiled: Compiled, finish_index: int) -> date | None:
    """The date of the last working day of an activity finishing at ``finish_index`` (None past the
    calendar)."""
    index = max(0, finish_index - 1)
    return compiled.calendar.date_of(index) if index < compiled.horizon else None


def unreachable_windows(compiled: Compiled) -> tuple[Conflict, ...]:
    """Activities that their dependencies alone push past their window or the end (capacity aside)."""
    ids = [a.id for a in compiled.activities]
    relaxed = earliest_finishes(compiled)
    predecessors = _predecessors(compiled)
    late = {i for i, bound in enumerate(compiled.bounds) if bound is not None and relaxed[i] > bound}
    conflicts: list[Conflict] = []
    for i in sorted(late):
        chain = _relaxed_chain(compiled, relaxed, predecessors, i)
        if any(j in late for j in chain[:-1]):
            continue  # its cause is a predecessor that does not fit either: reported there
        bound = compiled.bounds[i] or 0
        code = _code(compiled, i)
        # A pinned activity past its own window may move into it once free; pinned predecessors that hold
        # it are freed first when they have no window of their own (a seasonal campaign keeps its dates).
        pinned = [j for j in chain if compiled.pinned[j] is not None]
        pinned.sort(key=lambda j: (j != i, compiled.windows[j] is not None))
        fixes: list[Fix] = [Fix(FixCode.UNPIN, ids[j]) for j in pinned]
        if code is ConflictCode.HORIZON:
            fixes.append(
                Fix(FixCode.EXTEND_HORIZON, "", new_deadline=_finish_date(compiled, relaxed[i]),
                    days=relaxed[i] - bound)
            )  # fmt: skip
        fixes.append(_leave_out(compiled, [i, *_dependants(compiled, i)]))
        conflicts.append(
            Conflict(
                code,
                tuple(ids[j] for j in chain),
                deadline_id=ids[i],
                deadline=_limit_date(compiled, i),
                days_late=relaxed[i] - bound,
                fixes=tuple(fixes),
            )
        )
    return tuple(conflicts)


def _relaxed_chain(
    compiled: Compiled, relaxed: Sequence[int], predecessors: Sequence[Sequence[tuple[int, int]]], last: int
) -> list[int]:
    """The dependencies that hold ``last``'s earliest finish, first to last."""
    chain, seen, j = [last], {last}, last
    while compiled.pinned[j] is None:
        start = relaxed[j] - compiled.durations[j]
        tight = [i for i, lag in predecessors[j] if relaxed[i] + lag == start and i not in seen]
        if start <= compiled.releases[j] or not tight:
            break
        j = tight[0]
        seen.add(j)
        chain.append(j)
    return chain[::-1]


def _dependants(compiled: Compiled, root: int) -> list[int]:
    """Every activity that depends on ``root``, directly or not: leaving it out leaves them out too."""
    successors: list[list[int]] = [[] for _ in compiled.durations]
    for i, j, _lag in compiled.edges:
        successors[i].append(j)
    found: list[int] = []
    todo, seen = [root], {root}
    while todo:
        for j in successors[todo.pop()]:
            if j not in seen:
                seen.add(j)
                found.append(j)
                todo.append(j)
    return sorted(found)


def _leave_out(compiled: Compiled, group: Sequence[int]) -> Fix:
    value = sum(compiled.activities[i].value for i in group)
    return Fix(FixCode.LEAVE_OUT, compiled.activities[group[0]].id, value=value)


# After the search: which activities do not fit together ----------------------------------------------


def explain_unfit(compiled: Compiled, *, deadline: float, seed: int) -> tuple[Conflict, ...]:
    """Conflicts for a problem the search proved infeasible (windows, the end and capacity together)."""
    ids = [a.id for a in compiled.activities]
    left_out = _least_value_left_out(compiled, deadline=_share(deadline, 0.5), seed=seed)
    if not left_out:
        left_out = _greedy_misfits(compiled)
    if not left_out:
        return (Conflict(ConflictCode.HORIZON, tuple(ids), fixes=()),)
    extra = least_extra_capacity(compiled, deadline=_share(deadline, 0.5), seed=seed)
    horizon_bound = any(_code(compiled, i) is ConflictCode.HORIZON for i in left_out)
    new_end = _earliest_end(compiled, deadline=deadline, seed=seed) if horizon_bound else None
    people = [p.id for p in compiled.people]
    predecessors = _predecessors(compiled)
    conflicts: list[Conflict] = []
    for root in sorted(left_out):
        if any(i in left_out for i, _lag in predecessors[root]):
            continue  # left out because a predecessor is: named in that one's conflict
        group = [root, *(j for j in _dependants(compiled, root) if j in left_out)]
        bounded = [i for i in group if compiled.bounds[i] is not None] or [root]
        named = next((i for i in bounded if _code(compiled, i) is ConflictCode.WINDOW), bounded[0])
        code = _code(compiled, named) if compiled.bounds[named] is not None else ConflictCode.HORIZON
        fixes = extra_capacity_fixes(compiled, extra)
        if code is ConflictCode.HORIZON and new_end is not None and compiled.problem.end is not None:
            fixes.append(
                Fix(FixCode.EXTEND_HORIZON, "", new_deadline=new_end,
                    days=max(0, compiled.calendar.count_until(new_end) - (compiled.end or 0)))
            )  # fmt: skip
        fixes.append(_leave_out(compiled, group))
        involved = {k for i in group for k, units in compiled.demands[i] if units > 0}
        conflicts.append(
            Conflict(
                code,
                tuple(ids[i] for i in group),
                tuple(people[k] for k in sorted(involved)),
                deadline_id=ids[named],
                deadline=_limit_date(compiled, named),
                fixes=tuple(fixes),
            )
        )
    return tuple(conflicts)


def _share(deadline: float, share: float) -> float:
    now = time.perf_counter()
    return now + max(0.05, (deadline - now) * share)


def _solver(deadline: float, seed: int, *, at_least: float = 0.05) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(at_least, deadline - time.perf_counter())
    return solver


def _weights(compiled: Compiled) -> list[int]:
    """What leaving each activity out costs: its value scaled, plus one; a pinned one costs more than all
    the others together (it is left out only when nothing else helps)."""
    values = [max(0.0, a.value) for a in compiled.activities]
    top = max(values, default=0.0)
    weights = [1 + (round(WEIGHT_SCALE * v / top) if top > 0 else 0) for v in values]
    heavy = sum(weights) + 1
    return [heavy if compiled.pinned[i] is not None else w for i, w in enumerate(weights)]


def _least_value_left_out(compiled: Compiled, *, deadline: float, seed: int) -> set[int]:
    """The activities to leave out, of least total value, so that the others fit (empty if unknown)."""
    model = cp_model.CpModel()
    n = len(compiled.durations)
    present = [model.new_bool_var(f"p{i}") for i in range(n)]
    starts: list[cp_model.IntVar] = []
    intervals = []
    for i, duration in enumerate(compiled.durations):
        low, high, fits = start_range(compiled, i)
        if not fits:
            model.add(present[i] == 0)
        starts.append(model.new_int_var(low, high, f"s{i}"))
        intervals.append(model.new_optional_fixed_size_interval_var(starts[i], duration, present[i], f"x{i}"))
    for i, j, lag in compiled.edges:
        model.add_implication(present[j], present[i])
        model.add(starts[j] >= starts[i] + compiled.durations[i] + lag).only_enforce_if(present[j])
    for k, capacity in enumerate(compiled.capacities):
        boxes, heights = person_load(model, compiled, k, intervals)
        if boxes:
            model.add_cumulative(boxes, heights, capacity)
    weights = _weights(compiled)
    model.minimize(sum(w * (1 - p) for w, p in zip(weights, present, strict=True)))
    hint = greedy_starts(compiled, past_bounds=True)
    if hint is not None:
        for i, value in enumerate(hint):
            fits = compiled.bounds[i] is None or value + compiled.durations[i] <= (compiled.bounds[i] or 0)
            model.add_hint(present[i], fits)
    solver = _solver(deadline, seed)
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return set()
    return {i for i in range(n) if not solver.value(present[i])}


def _greedy_misfits(compiled: Compiled) -> set[int]:
    """When the model finds nothing in time: what a serial schedule places past its window or the end."""
    starts = greedy_starts(compiled, past_bounds=True)
    if starts is None:
        return set()
    return {
        i
        for i, bound in enumerate(compiled.bounds)
        if bound is not None and starts[i] + compiled.durations[i] > bound
    }


def least_extra_capacity(
    compiled: Compiled,
    *,
    deadline: float,
    seed: int,
    hard_deadlines: Sequence[int | None] | None = None,
    at_least: float = 0.05,
) -> dict[int, int] | None:
    """Least total extra units per day, per person, that let every activity fit (windows kept) and, with
    ``hard_deadlines``, finish by those bounds; None when the search finds none in time (``at_least``
    seconds even when ``deadline`` has passed)."""
    built = build_model(compiled, hard_deadlines=hard_deadlines, extra_capacity=True)
    built.model.minimize(sum(built.extra, cp_model.LinearExpr.constant(0)))
    solver = _solver(deadline, seed, at_least=at_least)
    if solver.solve(built.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {k: solver.value(v) for k, v in enumerate(built.extra)}


def extra_capacity_fixes(compiled: Compiled, extra: Mapping[int, int] | None) -> list[Fix]:
    """A fix for each person ``extra`` (units per day, by person) gives more hours per day, in their order."""
    return [
        Fix(FixCode.EXTRA_CAPACITY, compiled.people[k].id, hours_per_day=units / UNITS_PER_HOUR)
        for k, units in sorted((extra or {}).items())
        if units > 0
    ]


def _earliest_end(compiled: Compiled, *, deadline: float, seed: int) -> date | None:
    """The earliest plan end that lets everything fit with today's capacity (windows kept)."""
    free = replace(compiled, bounds=compiled.windows, end=None)
    built = build_model(free)
    last = built.model.new_int_var(0, compiled.horizon, "last")
    for i, start in enumerate(built.starts):
        if compiled.pinned[i] is None:
            built.model.add(last >= start + compiled.durations[i])
    built.model.minimize(last)
    solver = _solver(deadline, seed)
    if solver.solve(built.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return _finish_date(compiled, solver.value(last))
