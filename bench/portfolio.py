"""Benchmark of the portfolio optimiser.

1. The 270 Chu–Beasley multidimensional knapsack instances (OR-Library ``mknapcb1..9``), each with the
   same time limit on one thread: mean gap to the published best values for our solver beside three
   baselines measured in the same run: CP-SAT with default parameters (one worker), a greedy fill by
   value per capacity-normalised weight, and HiGHS with default options (one thread). HiGHS runs in a
   subprocess because it must never share a process with OR-Tools (google/or-tools#5246).
2. A 200-activity portfolio shaped like a real roadmap (themes with budget ranges, team capacity per
   quarter, requires/excludes/at-most rules, objectives to cover): time to proven optimality.

    .venv/bin/python bench/portfolio.py                       # full run (~15 min)
    .venv/bin/python bench/portfolio.py --sample 3 --files 1,5,9
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "mkp"
SHAPES = {1: (5, 100), 2: (5, 250), 3: (5, 500), 4: (10, 100), 5: (10, 250), 6: (10, 500)}
SHAPES |= {7: (30, 100), 8: (30, 250), 9: (30, 500)}


# --- shared by the parent and the HiGHS worker (no OR-Tools import here) ------------------------------


def read_instances(path: Path) -> list[tuple[list[int], list[list[int]], list[int]]]:
    numbers = [int(token) for token in path.read_text().split()]
    cursor = 1
    instances = []
    for _ in range(numbers[0]):
        n, m = numbers[cursor], numbers[cursor + 1]
        cursor += 3
        values = numbers[cursor : cursor + n]
        cursor += n
        weights = [numbers[cursor + i * n : cursor + (i + 1) * n] for i in range(m)]
        cursor += m * n
        capacities = numbers[cursor : cursor + m]
        cursor += m
        instances.append((values, weights, capacities))
    return instances


def highs_worker(path: Path, indices: Sequence[int], seconds: float) -> None:
    import highspy
    import numpy as np

    instances = read_instances(path)
    for index in indices:
        values, weights, capacities = instances[index]
        n, m = len(values), len(capacities)
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("time_limit", seconds)
        h.addCols(n, np.array(values, dtype=float), np.zeros(n), np.ones(n), 0, [], [], [])
        h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger))
        matrix = np.array(weights, dtype=float)
        starts = np.arange(m, dtype=np.int32) * n
        h.addRows(
            m,
            np.full(m, -highspy.kHighsInf),
            np.array(capacities, dtype=float),
            m * n,
            starts,
            np.tile(np.arange(n, dtype=np.int32), m),
            matrix.ravel(),
        )
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        started = time.monotonic()
        h.run()
        info = h.getInfo()
        print(
            json.dumps(
                {
                    "index": index,
                    "value": round(info.objective_function_value),
                    "seconds": time.monotonic() - started,
                }
            ),
            flush=True,
        )


# --- the parent: our solver, CP-SAT defaults and greedy in process ------------------------------------


def best_known() -> dict[tuple[int, int, int], int]:
    table = {}
    for line in (DATA / "best-known.txt").read_text().splitlines():
        match = re.match(r"^(\d+)\.(\d+)-(\d+)\s+(\d+)\s*$", line)
        if match:
            m, n, k, value = map(int, match.groups())
            table[(m, n, k)] = value
    return table


def cpsat_defaults(instance: Any, seconds: float) -> int:
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in instance.values]
    for row, capacity in zip(instance.weights, instance.capacities, strict=True):
        model.add(cp_model.LinearExpr.weighted_sum(x, list(row)) <= capacity)
    model.maximize(cp_model.LinearExpr.weighted_sum(x, list(instance.values)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    status = solver.solve(model)
    return round(solver.objective_value) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else 0


def greedy(instance: Any) -> int:
    """Best value per capacity-normalised weight first, skipping what no longer fits."""
    n = len(instance.values)
    load = [
        sum(row[j] / capacity for row, capacity in zip(instance.weights, instance.capacities, strict=True))
        for j in range(n)
    ]
    slack = list(instance.capacities)
    total = 0
    for j in sorted(range(n), key=lambda j: -instance.values[j] / max(load[j], 1e-12)):
        if all(row[j] <= s for row, s in zip(instance.weights, slack, strict=True)):
            slack = [s - row[j] for row, s in zip(instance.weights, slack, strict=True)]
            total += instance.values[j]
    return total


def run_highs(path: Path, indices: Sequence[int], seconds: float) -> dict[int, int]:
    command = [
        sys.executable,
        __file__,
        "--highs-worker",
        str(path),
        "--time-limit",
        str(seconds),
        "--indices",
        ",".join(map(str, indices)),
    ]
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    except subprocess.CalledProcessError as error:
        print(f"  HiGHS worker failed: {error.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return {}
    return {row["index"]: row["value"] for row in map(json.loads, output.splitlines())}


def gap(best: int, value: int | None) -> float | None:
    return None if value is None else 100.0 * (best - value) / best


def mean(numbers: Sequence[float | None]) -> str:
    kept = [x for x in numbers if x is not None]
    return f"{statistics.fmean(kept):7.3f} %" if kept else "      — "


def bench_mkp(files: Sequence[int], sample: int | None, seconds: float, with_highs: bool) -> None:
    from jalon.engines.portfolio_mkp import parse_orlib_mkp, solve_mkp

    best = best_known()
    names = ("ours", "cpsat", "highs", "greedy")
    overall: dict[str, list[float | None]] = {name: [] for name in names}
    print(f"MKP, {seconds:g} s per instance, one thread; mean gap to the published best values")
    print(f"{'file':<12}{'m×n':>8}{'count':>7}" + "".join(f"{name:>11}" for name in names) + f"{'proven':>8}")
    for number in files:
        path = DATA / f"mknapcb{number}.txt"
        instances = parse_orlib_mkp(path.read_text())
        step = max(1, len(instances) // sample) if sample else 1
        indices = list(range(0, len(instances), step))[: sample or None]
        highs = run_highs(path, indices, seconds) if with_highs else {}
        gaps: dict[str, list[float | None]] = {name: [] for name in names}
        proven = 0
        for index in indices:
            instance = instances[index]
            m, n = len(instance.capacities), len(instance.values)
            target = best[(m, n, index)]
            ours = solve_mkp(instance, time_limit=seconds)
            proven += ours.status.value == "optimal"
            gaps["ours"].append(gap(target, ours.value))
            gaps["cpsat"].append(gap(target, cpsat_defaults(instance, seconds)))
            gaps["highs"].append(gap(target, highs.get(index)) if with_highs else None)
            gaps["greedy"].append(gap(target, greedy(instance)))
        for name in names:
            overall[name] += gaps[name]
        m, n = SHAPES[number]
        print(
            f"{path.name:<12}{f'{m}×{n}':>8}{len(indices):>7}"
            + "".join(f"{mean(gaps[name]):>11}" for name in names)
            + f"{proven:>8}",
            flush=True,
        )
    count = len(overall["ours"])
    print(f"{'overall':<12}{'':>8}{count:>7}" + "".join(f"{mean(overall[name]):>11}" for name in names))


def roadmap_problem(seed: int, size: int = 200) -> Any:
    """A roadmap-shaped portfolio: 6 themes, 4 teams × 4 quarters, dependencies, 8 objectives."""
    import random

    from jalon.engines import portfolio as pf

    rng = random.Random(seed)
    themes = [f"theme{t}" for t in range(6)]
    teams = ["content", "crm", "paid", "events"]
    quarters = ["Q1", "Q2", "Q3", "Q4"]
    activities = []
    for j in range(size):
        cost = rng.randint(2, 60) * 500
        effort = tuple(
            pf.Effort(team, rng.choice(quarters), rng.randint(2, 25))
            for team in rng.sample(teams, rng.randint(1, 2))
        )
        requires = frozenset({f"a{rng.randrange(j)}"}) if j > 10 and rng.random() < 0.15 else frozenset()
        excludes = frozenset({f"a{rng.randrange(j)}"}) if j > 10 and rng.random() < 0.05 else frozenset()
        activities.append(
            pf.Activity(
                id=f"a{j}",
                value=round(cost * rng.uniform(0.5, 3.0) / 100),
                cost_eur=cost,
                theme=themes[j % 6],
                effort=effort,
                objectives=frozenset({f"o{rng.randrange(8)}"}),
                requires=requires - {f"a{j}"},
                excludes=excludes - requires - {f"a{j}"},
                must_do=j in (3, 50),
            )
        )
    total = sum(a.cost_eur for a in activities)
    return pf.Problem(
        activities=tuple(activities),
        budget_eur=round(total * 0.35),
        theme_budgets=tuple(
            pf.ThemeBudget(t, min_eur=total * 0.02, max_eur=total * 0.09, maintenance_eur=total * 0.005)
            for t in themes
        ),
        capacities=tuple(pf.Capacity(team, q, 120) for team in teams for q in quarters),
        at_most=tuple(
            pf.AtMost(f"group{g}", frozenset(f"a{j}" for j in range(g * 20, g * 20 + 8)), 3) for g in range(5)
        ),
        objectives_to_cover=frozenset(f"o{k}" for k in range(8)),
    )


def bench_roadmap(seeds: int) -> None:
    from jalon.engines import portfolio as pf

    print("\n200-activity roadmap portfolio (themes, capacity, dependencies), one worker")
    times = []
    for seed in range(seeds):
        problem = roadmap_problem(seed)
        result = pf.solve(problem, time_limit=10.0, seed=0, explain_reasons=False)
        with_reasons = pf.solve(problem, time_limit=10.0, seed=0)
        times.append(result.solve_seconds)
        explained = sum(r.value_gap_to_flip is not None for r in with_reasons.reasons)
        print(
            f"  seed {seed}: {result.status.value:<9} value {result.objective_value:>9.0f}  "
            f"proof {result.solve_seconds:5.2f} s  with reasons {with_reasons.seconds:5.2f} s "
            f"({explained}/200 exact flip values)"
        )
    print(f"  slowest proof: {max(times):.2f} s (target < 2 s)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", default="1,2,3,4,5,6,7,8,9", help="which mknapcb files, e.g. 1,5,9")
    parser.add_argument("--sample", type=int, default=None, help="instances per file, spread evenly")
    parser.add_argument("--time-limit", type=float, default=1.0, help="seconds per instance")
    parser.add_argument("--no-highs", action="store_true", help="skip the HiGHS baseline")
    parser.add_argument("--roadmap-seeds", type=int, default=5, help="200-activity problems to time")
    parser.add_argument("--highs-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--indices", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.highs_worker:
        highs_worker(args.highs_worker, [int(i) for i in args.indices.split(",")], args.time_limit)
        return
    files = [int(f) for f in args.files.split(",")]
    bench_mkp(files, args.sample, args.time_limit, with_highs=not args.no_highs)
    if args.roadmap_seeds:
        bench_roadmap(args.roadmap_seeds)


if __name__ == "__main__":
    main()
