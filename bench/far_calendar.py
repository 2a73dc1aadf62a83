"""Benchmark of the scheduler's own calendar given far dates (1900-2200 are valid input): seconds and peak
memory of ``jalon schedule solve`` on a JSON problem of 40 activities and 4 people, as typed and with one
absence until 2200 (a typo's year) and one window until 2200 added.

    .venv/bin/python bench/far_calendar.py [--repeat 3]
    PYTHONPATH=/work/main/src .venv/bin/python bench/far_calendar.py   # the same on another checkout

Each case compiles the problem (``compile_problem``: the calendar, each person's days) and solves it
(``solve``, 10 s at most); the median wall-clock seconds of ``--repeat`` runs after a warm-up, the peak of
Python's allocations (tracemalloc) in one more run, the process's peak resident memory so far (OR-Tools'
C++ memory included; cases run in this order) and the compiled calendar's working days are printed
beside ``BEFORE``: the same cases measured before the calendar was sized by the work it must place (main at
34d148dd, the second command above, the same machine).
"""

from __future__ import annotations

import argparse
import os
import resource
from typing import Any

from far_spans import measure  # the far dates' pages benchmark: median seconds, peak MB

BEFORE = {  # case -> (seconds, peak MB, working days, RSS MB) at 34d148dd, 6 December 2026, load 4.3
    "as typed": (0.017, 0.1, 379, 181),
    "absence until 2200": (0.263, 7.9, 63936, 195),
    "window until 2200": (0.222, 7.8, 63931, 196),
}


def problem(*, absence: bool = False, window: bool = False) -> dict[str, Any]:
    """40 activities of 2 to 6 days in 4 chains of 10, one person each, from 1 June 2026."""
    people = [{"id": f"p{k}", "capacity_hours_per_day": 7} for k in range(4)]
    if absence:
        people[0]["absences"] = [{"start": "2026-12-21", "end": "2200-12-25"}]
    activities: list[dict[str, Any]] = []
    for n in range(40):
        chain, step = divmod(n, 10)
        demand = {"person": f"p{chain}", "hours_per_day": 7}
        item: dict[str, Any] = {"id": f"a{n}", "duration_days": 2 + n % 5, "demands": [demand]}
        if step:
            item["after"] = [f"a{n - 1}"]
        activities.append(item)
    if window:
        activities[5]["latest_finish"] = "2200-12-31"
    return {"start": "2026-06-01", "end": "2026-12-31", "people": people, "activities": activities}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from jalon.cli.schedule import problem_from_json
    from jalon.engines.scheduling import solve
    from jalon.engines.scheduling_model import compile_problem

    cases = {
        "as typed": problem(),
        "absence until 2200": problem(absence=True),
        "window until 2200": problem(window=True),
    }
    print(f"40 activities, 4 people; median of {args.repeat} runs; load average {os.getloadavg()[0]:.1f}")
    print(f"{'case':<20}{'days':>8}{'seconds':>9}{'peak MB':>9}{'RSS MB':>8}"
          f"{'before d':>10}{'before s':>10}{'before MB':>10}{'RSS MB':>8}")  # fmt: skip
    for name, data in cases.items():
        engine_problem = problem_from_json(data)
        days = len(compile_problem(engine_problem).calendar)
        seconds, peak = measure(lambda p=engine_problem: solve(p, time_limit=10.0), args.repeat)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        old_seconds, old_peak, old_days, old_rss = BEFORE[name]
        print(f"{name:<20}{days:>8}{seconds:>9.3f}{peak:>9.1f}{rss:>8.0f}"
              f"{old_days:>10}{old_seconds:>10.3f}{old_peak:>10.1f}{old_rss:>8.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
