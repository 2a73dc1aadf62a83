"""Benchmark of the planning pages at scale (issue 5): p95 answer time and SQL queries per page.

    .venv/bin/python bench/pages.py [--sizes 10 1000] [--repeat 40] [--database-url URL]

For each size N, ``jalon demo --synthetic N`` builds a roadmap (themes, people, N activities with
assignments and dependencies) in a fresh database; each page is then requested ``--repeat`` times
through Django's test client (full middleware, templates and database, no network), after two
warm-up requests, the sizes taking turns. The bar: p95 ≤ 150 ms at N = 1,000, the same query count for
every N, and page time (median) at N = 1,000 at most 4× that at N = 10 (the small roadmap is the
baseline measured in the same run). Pages that memoise what they draw are measured warm (as readers
meet them after a first view) and cold (every memo emptied before each request); the bar holds for both.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PAGES = ("timeline", "executive", "backlog", "workload", "portfolio")
# The operational view, the backlog, the workload and the portfolio page memoise what they draw (chart,
# bars and list rows; table rows; heatmap; the table of activities to choose from), keyed on everything it
# shows: a page is measured as readers meet it after a first
# view ("warm"), and "cold", with every memo emptied before each request (the first view after a start,
# or after everything on the page changed).
MODES = ("warm", "cold")
P95_BAR_MS = 150.0
RATIO_BAR = 4.0


def _setup(database_url: str | None, home: str | None = None) -> None:
    """Django on a fresh JALON_HOME (or ``home``, an earlier run's), its database migrated; on PostgreSQL, a
    disposable database emptied first. bench/all_pages.py starts the same way."""
    os.environ["JALON_HOME"] = home or tempfile.mkdtemp(prefix="jalon-bench-pages-")
    if database_url:
        os.environ["JALON_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    os.environ["JALON_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    import django

    django.setup()
    from django.core.management import call_command

    if database_url:  # a disposable database: start from nothing
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def forget_drawings() -> None:
    from jalon.planning.backlog import table as backlog_table
    from jalon.planning.people import workload_grid
    from jalon.planning.portfolio import table as portfolio_table
    from jalon.planning.timeline import listing as timeline_list
    from jalon.planning.timeline import svg as timeline

    memos = (
        timeline._draw, timeline._bar, timeline_list._row, backlog_table._cells, workload_grid._draw,
        portfolio_table._writer,
    )  # fmt: skip
    for memo in memos:
        memo.cache_clear()


Figures = tuple[float, float, int]  # median ms, p95 ms, SQL queries


def measure(sizes: list[int], repeat: int) -> dict[tuple[str, str], dict[int, Figures]]:
    """(page, mode) -> size -> figures. The sizes take turns request by request, so that a slower moment
    of the machine weighs on both sides of the ratio alike."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from jalon.accounts.models import User
    from jalon.demo.synthetic import create_synthetic
    from jalon.wsgi import keep_startup_objects_out_of_full_collections

    user = User.objects.create_user(email="bench@jalon.local", password="bench-password-1", language="fr")
    roadmaps = {}
    for n in sizes:
        started = time.perf_counter()
        roadmaps[n] = create_synthetic(n=n, workspace_slug="bench", owner=user)
        print(f"  built N={n} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    keep_startup_objects_out_of_full_collections()  # as the server does once started (jalon.wsgi)
    client = Client()
    client.force_login(user)
    results: dict[tuple[str, str], dict[int, Figures]] = {}
    for page in PAGES:
        urls = {n: reverse(page, args=[r.workspace.slug, r.slug]) for n, r in roadmaps.items()}
        for mode in MODES:
            queries: dict[int, int] = {}
            for n, url in urls.items():
                for _warm_up in range(2):
                    assert client.get(url).status_code == 200, url
                with CaptureQueriesContext(connection) as captured:
                    client.get(url)
                queries[n] = len(captured)  # read now: the next request clears Django's query log
            samples: dict[int, list[float]] = {n: [] for n in sizes}
            for _ in range(repeat):
                for n, url in urls.items():
                    if mode == "cold":
                        forget_drawings()
                    start = time.perf_counter()
                    response = client.get(url)
                    samples[n].append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200
            results[page, mode] = {
                n: (statistics.median(samples[n]), _p95(samples[n]), queries[n]) for n in sizes
            }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--database-url", default=None, help="a disposable PostgreSQL database")
    args = parser.parse_args()
    _setup(args.database_url)
    results = measure(args.sizes, args.repeat)
    small, large = min(args.sizes), max(args.sizes)
    print(f"Planning pages, load {os.getloadavg()[0]:.2f} (p95 bar {P95_BAR_MS:.0f} ms at N={large}, "
          f"≤ {RATIO_BAR:.0f}× N={small}, same query count)")  # fmt: skip
    print(f"{'page':<17} " + " ".join(f"{'N=' + str(n):>24}" for n in args.sizes) + f" {'ratio':>7}  verdict")
    ok = True
    for (page, mode), figures in results.items():
        cells = [f"{med:7.1f}/{p95:7.1f} ms {q:3d} q" for med, p95, q in (figures[n] for n in args.sizes)]
        ratio = figures[large][0] / figures[small][0]  # medians: one slow request is not a trend
        same_queries = len({figures[n][2] for n in args.sizes}) == 1
        passed = figures[large][1] <= P95_BAR_MS and ratio <= RATIO_BAR and same_queries
        ok &= passed
        verdict = "ok" if passed else "MISSED"
        name = page if mode == "warm" else f"{page} (cold)"
        print(f"{name:<17} " + " ".join(f"{c:>24}" for c in cells) + f" {ratio:6.1f}×  {verdict}")
    print(
        "(cells: median/p95 ms and SQL queries per request;"
        " peers: Leantime's board takes 10 s+ at 2,851 tickets)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    raise SystemExit(main())
