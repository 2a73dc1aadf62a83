"""Benchmark of the scheduling engine, each figure beside its baselines measured in the same run.

    python bench/scheduling.py                 # J30 (480 × 1 s), J120 sample (60 × 10 s), roadmap
    python bench/scheduling.py --full          # J120 on all 600 instances
    python bench/scheduling.py --sample 20     # quick: 20 instances per set
    python bench/scheduling.py --sets j30 --no-baselines

Every solver runs on one thread, one after the other. Baselines: CP-SAT with default parameters on the
plain model (intervals, cumulative, precedences, horizon = sum of durations), and a serial
schedule-generation scheme with 1,000 regret-biased latest-finish-time samples (no improvement pass).
Time limits are wall-clock: the machine's load average is printed beside each figure, since a busy
machine gives every method worse figures.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from ortools.sat.python import cp_model

from jalon.engines import scheduling
from jalon.engines.scheduling_heuristics import biased_list, latest_finishes, serial_sgs
from jalon.engines.scheduling_rcpsp import RcpspInstance

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "psplib"
LIMITS_S = {"j30": 1.0, "j60": 10.0, "j120": 10.0}
J120_SAMPLE = 60


def cpsat_defaults(instance: RcpspInstance, *, time_limit: float, seed: int) -> int | None:
    """The plain CP-SAT model, default search, one worker: the solver baseline."""
    model = cp_model.CpModel()
    horizon = sum(instance.durations)
    starts = [model.new_int_var(0, horizon, f"s{i}") for i in range(len(instance.durations))]
    intervals = [
        model.new_fixed_size_interval_var(s, d, f"x{i}")
        for i, (s, d) in enumerate(zip(starts, instance.durations, strict=True))
    ]
    for i, succ in enumerate(instance.successors):
        for j in succ:
            model.add(starts[j] >= starts[i] + instance.durations[i])
    for k, capacity in enumerate(instance.capacities):
        model.add_cumulative(intervals, [row[k] for row in instance.demands], capacity)
    makespan = model.new_int_var(0, horizon, "makespan")
    for s, d in zip(starts, instance.durations, strict=True):
        model.add(makespan >= s + d)
    model.minimize(makespan)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = time_limit
    code = solver.solve(model)
    return round(solver.objective_value) if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def sgs_samples(instance: RcpspInstance, *, samples: int = 1000, seed: int = 0) -> int:
    """Best makespan over regret-biased LFT activity lists decoded by the serial SGS."""
    network = instance.network()
    rng = np.random.default_rng(seed)
    horizon = int(network.durations.sum()) + 1
    latest = latest_finishes(network, horizon=horizon)
    preds = network.predecessors()
    best = horizon
    for _ in range(samples):
        order = biased_list(latest, network, preds, rng)
        best = min(best, int((serial_sgs(network, order, horizon=horizon) + network.durations).max()))
    return best


def instances(name: str, *, sample: int | None) -> list[Path]:
    files = sorted((DATA / name).iterdir(), key=lambda p: int(p.stem.split("_")[1]))
    if sample is None or sample >= len(files):
        return files
    step = len(files) / sample
    return [files[int(k * step)] for k in range(sample)]


def run_set(
    name: str, files: list[Path], bks: dict[tuple[str, str], int], *, baselines: bool, sgs_every: int
) -> None:
    limit = LIMITS_S[name]
    methods: dict[str, Callable[[RcpspInstance], int | None]] = {
        "jalon": lambda inst: scheduling.solve_rcpsp(inst, time_limit=limit, seed=0).makespan,
    }
    if baselines:
        methods["cp-sat defaults"] = lambda inst: cpsat_defaults(inst, time_limit=limit, seed=0)
        methods["serial SGS ×1000"] = lambda inst: sgs_samples(inst)
    gaps: dict[str, list[float]] = {m: [] for m in methods}
    at_best: dict[str, int] = dict.fromkeys(methods, 0)
    seconds: dict[str, float] = dict.fromkeys(methods, 0.0)
    loads: list[float] = [os.getloadavg()[0]]
    for count, path in enumerate(files, 1):
        instance = scheduling.parse_psplib(path.read_text(), name=path.name)
        best = bks[(name, path.name)]
        for method, run in methods.items():
            if method.startswith("serial") and (count - 1) % sgs_every:
                continue
            clock = time.perf_counter()
            makespan = run(instance)
            seconds[method] += time.perf_counter() - clock
            value = makespan if makespan is not None else sum(instance.durations)
            gaps[method].append(100.0 * (value - best) / best)
            at_best[method] += value <= best
        loads.append(os.getloadavg()[0])
        if count % 20 == 0:
            print(
                f"  {name} {count}/{len(files)}: jalon {statistics.mean(gaps['jalon']):.3f} %",
                file=sys.stderr,
                flush=True,
            )
    what = "optimum" if name == "j30" else "best known"
    print(
        f"{name.upper()} — {len(files)} instances, {limit:g} s each, one thread; gap to the {what} "
        f"(machine load, 1-min average: mean {statistics.mean(loads):.2f}, max {max(loads):.2f} "
        f"on {os.cpu_count()} cores):"
    )
    for method in methods:
        runs = len(gaps[method])
        same = ""
        if runs != len(files):
            subset = gaps["jalon"][::sgs_every]
            same = f"   (one instance in {sgs_every}; jalon on the same: {statistics.mean(subset):.3f} %)"
        print(
            f"  {method:<18} mean gap {statistics.mean(gaps[method]):6.3f} %   at {what}: "
            f"{at_best[method]:>3}/{runs}   mean time {seconds[method] / runs:5.2f} s{same}"
        )
    sys.stdout.flush()


def roadmap(*, activities: int, people: int, seed: int) -> scheduling.Problem:
    """A deterministic marketing roadmap: campaigns of chained activities sharing a team."""
    rng = random.Random(seed)
    start = date(2027, 1, 4)
    team = tuple(
        scheduling.Person(
            f"p{k}",
            capacity_hours_per_day=7.0 if k % 4 else 3.5,
            absences=(
                scheduling.Absence(
                    start + timedelta(days=rng.randrange(0, 200)),
                    start + timedelta(days=rng.randrange(200, 210)),
                ),
            ),
        )
        for k in range(people)
    )
    items: list[scheduling.Activity] = []
    milestones: list[scheduling.Milestone] = []
    for n in range(activities):
        campaign = n // 10
        dependencies = ()
        if n % 10:
            dependencies = (
                scheduling.Dependency(
                    f"a{n - 1 - rng.randrange(0, min(3, n % 10))}", lag_days=rng.choice((0, 0, 1, 2))
                ),
            )
        demands = tuple(
            scheduling.Demand(f"p{k}", hours_per_day=rng.choice((1.0, 2.0, 3.5)))
            for k in rng.sample(range(people), rng.choice((1, 1, 2)))
        )
        items.append(
            scheduling.Activity(
                f"a{n}",
                rng.randint(1, 8),
                demands,
                dependencies,
                earliest_start=start + timedelta(days=7 * (campaign % 8)),
            )
        )
        if n % 10 == 9:
            milestones.append(
                scheduling.Milestone(f"m{campaign}", start + timedelta(days=60 + 12 * campaign), (f"a{n}",))
            )
    return scheduling.Problem(start=start, activities=tuple(items), people=team, milestones=tuple(milestones))


def overload_days(problem: scheduling.Problem, result: scheduling.Result) -> int:
    """Person-days above capacity, recomputed from dates (independent of the engine's model)."""
    from jalon.engines.scheduling_calendar import WorkingCalendar

    calendar = WorkingCalendar.build(problem.start, count=2000, country=problem.holidays_country)
    people = {p.id: p for p in problem.people}
    load: dict[tuple[str, date], float] = {}
    for activity, placed in zip(problem.activities, result.activities, strict=True):
        first = calendar.index_on_or_after(placed.start)
        for t in range(first, first + activity.duration_days):
            for demand in activity.demands:
                person = people[demand.person_id]
                hours = (
                    demand.hours_per_day
                    if demand.hours_per_day is not None
                    else (demand.share or 0) * person.capacity_hours_per_day
                )
                load[(person.id, calendar.date_of(t))] = (
                    load.get((person.id, calendar.date_of(t)), 0.0) + hours
                )
    over = 0
    for (person_id, day), hours in load.items():
        person = people[person_id]
        away = any(a.start <= day <= a.end for a in person.absences)
        over += hours > (0.0 if away else person.capacity_hours_per_day) + 1e-6
    return over


def run_roadmap() -> None:
    problem = roadmap(activities=300, people=15, seed=7)
    clock = time.perf_counter()
    result = scheduling.solve(problem, time_limit=4.0, seed=0)
    seconds = time.perf_counter() - clock
    print(
        f"ROADMAP — 300 activities, 15 people (load {os.getloadavg()[0]:.2f}): "
        f"{result.status.value} in {seconds:.2f} s, "
        f"overloaded person-days {overload_days(problem, result)}, lateness {result.lateness_days} d, "
        f"makespan {result.makespan_days} d, {len(result.conflicts)} conflicts"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=None, help="instances per set (evenly spaced)")
    parser.add_argument("--full", action="store_true", help="J120 on all 600 instances")
    parser.add_argument("--sets", default="j30,j120,roadmap", help="comma-separated: j30, j60, j120, roadmap")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument(
        "--sgs-every", type=int, default=4, help="run the slow SGS baseline on every k-th instance"
    )
    args = parser.parse_args()
    bks = {(r["set"], r["instance"]): int(r["bks"]) for r in csv.DictReader((DATA / "bks.csv").open())}
    for name in args.sets.split(","):
        if name == "roadmap":
            run_roadmap()
            continue
        sample = args.sample
        if name == "j120" and sample is None and not args.full:
            sample = J120_SAMPLE
        run_set(
            name,
            instances(name, sample=sample),
            bks,
            baselines=not args.no_baselines,
            sgs_every=args.sgs_every,
        )


if __name__ == "__main__":
    main()
