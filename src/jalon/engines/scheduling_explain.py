"""Why a plan cannot meet its deadlines, and the smallest change that would fix it.

Conflicts are structured (a code, ids, numbers) so that the web pages and the command line translate
them. Three kinds of reasons:

- the problem itself is impossible (a dependency cycle, a demand above a person's capacity, pinned
  activities that overload someone or break a dependency): ``Status.INFEASIBLE``;
- a deadline is earlier than its chain of dependencies allows, whatever the capacity
  (``DEADLINE_UNREACHABLE``): only a later deadline, or shorter activities, fix it;
- a deadline would be reachable with more hands (``DEADLINE_OVERLOAD``): the fixes are the least extra
  hours per day, per person, that let every deadline hold (one CP-SAT model where capacity may grow),
  or moving the deadline to the planned finish;
- an activity cannot fit in its window (``WINDOW``) or before the plan's end (``HORIZON``):
  ``Status.INFEASIBLE``, see ``scheduling_fit``. Windows are never broken by a fix.

Fixes come in the order a marketing team would try them: extra capacity first, then a later deadline or
end, then leaving out what is worth least; unpinning an activity with a window (a seasonal campaign)
comes last.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from jalon.engines.scheduling_fit import (
    explain_unfit,
    extra_capacity_fixes,
    least_extra_capacity,
    unreachable_windows,
)
from jalon.engines.scheduling_model import Compiled, earliest_finishes
from jalon.engines.scheduling_types import Conflict, ConflictCode, Fix, FixCode

__all__ = ["explain", "static_conflicts"]


def static_conflicts(compiled: Compiled) -> tuple[Conflict, ...]:
    """Reasons the problem is impossible before any search."""
    ids = [a.id for a in compiled.activities]
    people = [p.id for p in compiled.people]
    cycle = _cycle(len(ids), compiled.edges)
    if cycle:
        return (
            Conflict(
                ConflictCode.DEPENDENCY_CYCLE,
                tuple(ids[i] for i in cycle),
                fixes=(Fix(FixCode.REMOVE_DEPENDENCY, ids[cycle[0]]),),
            ),
        )
    conflicts: list[Conflict] = []
    for i, demands in enumerate(compiled.demands):
        for k, units in demands:
            if units > compiled.capacities[k] and compiled.durations[i] > 0:
                missing = (units - compiled.capacities[k]) / 100
                conflicts.append(
                    Conflict(
                        ConflictCode.DEMAND_EXCEEDS_CAPACITY,
                        (ids[i],),
                        (people[k],),
                        fixes=(Fix(FixCode.EXTRA_CAPACITY, people[k], hours_per_day=missing),),
                    )
                )
    pinned = [i for i, p in enumerate(compiled.pinned) if p is not None]
    for i, j, lag in compiled.edges:
        start_i, start_j = compiled.pinned[i], compiled.pinned[j]
        if start_i is not None and start_j is not None and start_j < start_i + compiled.durations[i] + lag:
            late = start_i + compiled.durations[i] + lag - start_j
            # Unpin the one without a window first: a seasonal campaign keeps its dates if it can.
            order = sorted((j, i), key=lambda a: compiled.windows[a] is not None)
            conflicts.append(
                Conflict(
                    ConflictCode.PINNED_DEPENDENCY,
                    (ids[i], ids[j]),
                    fixes=tuple(Fix(FixCode.UNPIN, ids[a], days=late) for a in order),
                )
            )
    for k in range(len(compiled.capacities)):
        load: dict[int, list[int]] = {}
        for i in pinned:
            for person, _units in compiled.demands[i]:
                if person == k:
                    start = compiled.pinned[i] or 0
                    for t in range(start, start + compiled.durations[i]):
                        load.setdefault(t, []).append(i)
        for t in sorted(load):
            used = sum(u for i in load[t] for person, u in compiled.demands[i] if person == k)
            if used > compiled.available[k][t]:
                extra = (used - compiled.available[k][t]) / 100
                conflicts.append(
                    Conflict(
                        ConflictCode.PINNED_OVERLOAD,
                        tuple(ids[i] for i in load[t]),
                        (people[k],),
                        fixes=(
                            Fix(FixCode.EXTRA_CAPACITY, people[k], hours_per_day=extra),
                            *(Fix(FixCode.UNPIN, ids[i]) for i in unpin_order(compiled, load[t])),
                        ),
                    )
                )
                break
    return tuple(conflicts) + unreachable_windows(compiled)


def unpin_order(compiled: Compiled, activities: Sequence[int]) -> list[int]:
    """Pinned activities to free, those without a window (not seasonal) first, latest pinned first."""
    return sorted(reversed(activities), key=lambda i: compiled.windows[i] is not None)


def _cycle(n: int, edges: Sequence[tuple[int, int, int]]) -> list[int]:
    successors: list[list[int]] = [[] for _ in range(n)]
    for i, j, _ in edges:
        successors[i].append(j)
    state = [0] * n
    for root in range(n):
        if state[root]:
            continue
        stack: list[tuple[int, int]] = [(root, 0)]
        path: list[int] = []
        while stack:
            node, child = stack.pop()
            if child == 0:
                state[node] = 1
                path.append(node)
            if child < len(successors[node]):
                stack.append((node, child + 1))
                nxt = successors[node][child]
                if state[nxt] == 1:
                    return path[path.index(nxt) :]
                if state[nxt] == 0:
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return []


def _deadlines(compiled: Compiled) -> list[tuple[str, date, int, tuple[int, ...]]]:
    """(deadline id, date, finish bound, activities) for milestones and activities' own deadlines."""
    found = [
        (m.id, m.deadline, compiled.milestone_deadlines[k], compiled.milestone_members[k])
        for k, m in enumerate(compiled.milestones)
    ]
    for i, activity in enumerate(compiled.activities):
        limit = compiled.deadlines[i]
        if limit is not None and activity.deadline is not None:
            found.append((activity.id, activity.deadline, limit, (i,)))
    return found


def _chain(compiled: Compiled, starts: Sequence[int], last: int) -> tuple[list[int], set[int]]:
    """Walk back from ``last`` through what held each start: a dependency, a busy person, an absence."""
    predecessors: dict[int, list[tuple[int, int]]] = {}
    for i, j, lag in compiled.edges:
        predecessors.setdefault(j, []).append((i, lag))
    chain: list[int] = [last]
    people: set[int] = set()
    seen = {last}
    j = last
    while True:
        start = starts[j]
        if start <= compiled.releases[j] or compiled.pinned[j] is not None:
            break
        tight = [i for i, lag in predecessors.get(j, []) if starts[i] + compiled.durations[i] + lag == start]
        if tight:
            j = tight[0]
        else:
            needs = {k for k, u in compiled.demands[j] if u > 0}
            blockers = [
                (i, k)
                for i in range(len(starts))
                for k, u in compiled.demands[i]
                if k in needs and u > 0 and i not in seen and starts[i] + compiled.durations[i] == start
            ]
            people.update(
                k for k in needs if start > 0 and compiled.available[k][start - 1] < compiled.capacities[k]
            )
            if not blockers:
                people.update(needs)
                break
            j, k = blockers[0]
            people.add(k)
        if j in seen:
            break
        seen.add(j)
        chain.append(j)
    return chain[::-1], people


def explain(
    compiled: Compiled, starts: Sequence[int] | None, *, deadline: float, seed: int
) -> tuple[Conflict, ...]:
    """Conflicts for the deadlines ``starts`` misses (or, with None, for an infeasible problem)."""
    ids = [a.id for a in compiled.activities]
    people = [p.id for p in compiled.people]
    if starts is None:
        return explain_unfit(compiled, deadline=deadline, seed=seed)
    relaxed = earliest_finishes(compiled)
    conflicts: list[Conflict] = []
    overloaded: list[tuple[int, list[int], set[int], str, date, int]] = []
    for deadline_id, when, limit, members in _deadlines(compiled):
        late = max([0, *(starts[i] + compiled.durations[i] - limit for i in members)])
        if late == 0:
            continue
        last = max(members, key=lambda i: starts[i] + compiled.durations[i])
        chain, involved = _chain(compiled, starts, last)
        best_finish = max(relaxed[i] for i in members)
        if best_finish > limit:
            conflicts.append(
                Conflict(
                    ConflictCode.DEADLINE_UNREACHABLE,
                    tuple(ids[i] for i in chain),
                    (),
                    deadline_id,
                    when,
                    late,
                    (_move_deadline(compiled, starts, deadline_id, last, late),),
                )
            )
        else:
            overloaded.append((len(conflicts), chain, involved, deadline_id, when, late))
            conflicts.append(Conflict(ConflictCode.DEADLINE_OVERLOAD, (), (), deadline_id, when, late))
    if overloaded:
        bounds = _reachable_bounds(compiled, relaxed)
        extra = least_extra_capacity(
            compiled, deadline=deadline, seed=seed, hard_deadlines=bounds, at_least=0.2
        )
        for position, chain, involved, deadline_id, when, late in overloaded:
            last = chain[-1]
            helpers = {k for k, units in (extra or {}).items() if units > 0}
            named = involved if involved else helpers
            remedies = extra_capacity_fixes(compiled, extra)
            remedies.append(_move_deadline(compiled, starts, deadline_id, last, late))
            conflicts[position] = Conflict(
                ConflictCode.DEADLINE_OVERLOAD,
                tuple(ids[i] for i in chain),
                tuple(people[k] for k in sorted(named)),
                deadline_id,
                when,
                late,
                tuple(remedies),
            )
    return tuple(conflicts)


def _move_deadline(compiled: Compiled, starts: Sequence[int], deadline_id: str, last: int, late: int) -> Fix:
    """The fix that moves the deadline ``late`` days, to the day activity ``last`` finishes in ``starts``."""
    finish = compiled.calendar.date_of(max(starts[last], starts[last] + compiled.durations[last] - 1))
    return Fix(FixCode.MOVE_DEADLINE, deadline_id, new_deadline=finish, days=late)


def _reachable_bounds(compiled: Compiled, relaxed: Sequence[int]) -> list[int | None]:
    """Per activity, the earliest of its deadlines, each pushed back to what its dependencies allow
    (``relaxed``): the finish bounds that more hands can make every reachable deadline hold."""
    bounds: list[int | None] = [None] * len(compiled.durations)
    for _, _, limit, members in _deadlines(compiled):
        for i in members:
            reachable = max(limit, relaxed[i])
            bounds[i] = reachable if bounds[i] is None else min(bounds[i] or 0, reachable)
    return bounds
