"""Benchmark of the work counted over an activity typed centuries long (an activity may be dated from 1900
to 2200): seconds and peak memory of the workload, team and person pages, the assignment warning, the
portfolio's plan and problem and the scheduler's, for 200 activities of which 10 span 1900–2200.

    .venv/bin/python bench/far_spans.py [--repeat 3] [--far 10]

The synthetic roadmap of ``jalon demo --synthetic 200`` (owners, assignments, dependencies) is loaded into a
fresh SQLite database, with a second roadmap of 50 activities in the same workspace sharing its team (its
work is "booked elsewhere" for the first); then ``--far`` of the first roadmap's assigned activities (and
``--far-elsewhere`` of the second's) are dated from 1 January 1900 to 31 December 2200. Each step runs once
to warm up, then ``--repeat`` times: the median wall-clock seconds, and the peak of Python's allocations
(tracemalloc) in one more run, printed beside ``BEFORE``: the same steps measured before the scheduler kept
to the roadmap's reach (main at 39120a6c, same run of this script, the same machine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from typing import Any

FAR_START, FAR_END = date(1900, 1, 1), date(2200, 12, 31)
BEFORE = {  # step -> (seconds, peak MB) at 39120a6c, 6 December 2026, load average 13.9 on 2 cores
    "workload page": (0.090, 0.8),
    "team page": (0.152, 0.6),
    "person page": (0.709, 2.0),
    "assignment warning": (0.071, 0.2),  # on a far activity: it now returns at once (it loads no week)
    "portfolio plan + problem": (0.370, 2.9),
    "schedule plan + problem": (15.466, 12.9),  # 3.4 s on a quiet machine
}


def setup(prefix: str = "jalon-bench-far-") -> None:
    """Django on a fresh JALON_HOME: a fresh SQLite database, or the ``JALON_DATABASE_URL`` one, migrated."""
    os.environ["JALON_HOME"] = tempfile.mkdtemp(prefix=prefix)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def measure(step: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median seconds of ``repeat`` runs after a warm-up, and the peak MB Python allocated in one run."""
    step()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--far", type=int, default=10)
    parser.add_argument("--far-elsewhere", type=int, default=5)
    args = parser.parse_args()
    setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from jalon.demo.loader import demo_owner
    from jalon.demo.synthetic import create_synthetic
    from jalon.planning import services
    from jalon.planning.models import Activity, Assignment
    from jalon.planning.portfolio.problem import Rules, build_problem
    from jalon.planning.portfolio.problem import load_plan as portfolio_plan
    from jalon.planning.schedule.problem import build_problem as schedule_problem
    from jalon.planning.schedule.problem import load_plan as schedule_plan

    setup_test_environment()
    owner, _password = demo_owner(password="bench-far-spans")
    roadmap = create_synthetic(n=200, workspace_slug="far", seed=0, owner=owner)
    other = create_synthetic(n=50, workspace_slug="far", seed=1, owner=owner)
    for person in other.people.all():  # one team: the other roadmap's hours are booked elsewhere
        roadmap.people.add(person)
    far = []
    for plan, count in ((roadmap, args.far), (other, args.far_elsewhere)):
        assigned = Activity.objects.filter(roadmap=plan, assignments__isnull=False).distinct()
        typed = list(assigned.order_by("position")[:count].values_list("pk", flat=True)) if count else []
        Activity.objects.filter(pk__in=typed).update(start=FAR_START, end=FAR_END)
        far += typed if plan == roadmap else []
    sample = (  # an assignment on a far activity (any, without)
        Assignment.objects.filter(activity__roadmap=roadmap)
        .order_by("activity__start" if far else "id", "id")
        .select_related("person", "activity")
        .first()
    )
    assert sample is not None
    client = Client()
    client.force_login(owner)
    base = f"/w/{roadmap.workspace.slug}/r/{roadmap.slug}/"

    def page(path: str) -> Callable[[], Any]:
        def get() -> None:
            response = client.get(base + path)
            assert response.status_code == 200, (path, response.status_code)

        return get

    steps: dict[str, Callable[[], Any]] = {
        "workload page": page("workload/"),
        "team page": page("people/"),
        "person page": page(f"people/{sample.person.key}/"),
        "assignment warning": lambda: services.assignment_warnings(sample.person, sample.activity, 40.0),
        "portfolio plan + problem": lambda: build_problem(portfolio_plan(roadmap), Rules(budget_eur=1e6)),
        "schedule plan + problem": lambda: schedule_problem(schedule_plan(roadmap), start=roadmap.start),
    }
    print(f"200 activities, {len(far)} of them from {FAR_START} to {FAR_END} ({args.far_elsewhere} of the 50"
          f" of the other roadmap too); median of {args.repeat} runs")  # fmt: skip
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'step':<28}{'seconds':>10}{'peak MB':>10}{'before s':>10}{'before MB':>10}")
    for name, step in steps.items():
        seconds, peak = measure(step, args.repeat)
        old_seconds, old_peak = BEFORE.get(name, (float("nan"), float("nan")))
        print(f"{name:<28}{seconds:>10.3f}{peak:>10.1f}{old_seconds:>10.3f}{old_peak:>10.1f}")


if __name__ == "__main__":
    main()
