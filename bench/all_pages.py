"""Benchmark of every page at a consultancy's size: server time, SQL queries and weight of each GET page.

    .venv/bin/python bench/all_pages.py [--repeat 10] [--database-url URL] [--only ROUTE ...] [--documents]

Two workspaces are built in a fresh database by ``jalon.demo.consultancy``: one at about the Cloud Kicks
demo's size (``DEMO_SIZE``, the baseline of the same run) and one at a consultancy's (``CONSULTANCY``: 150
objectives with sub-objectives and 3 KPIs of 24 measurements each, 60 strategies, 1,000 activities, 300
risks, 200 milestones, 40 people, 25 personas, 40 journey steps, 400 plan actions, 120 stakeholders, a
change log of 20,000 rows, 30 roadmaps in the workspace, 10 workspaces on the server). Each is read by an
editor of its workspace alone. The pages are not listed by hand: from the home page and the workspace's,
every link and htmx ``hx-get`` is followed (``tests.hostile_forms.crawl``, one page per route of the URL
configuration), and each route found at both sizes is requested ``--repeat`` times through Django's test
client after a warm-up. The bar at the large size: the same query count as at the demo size (no N+1),
p95 ≤ 300 ms, ≤ 300 kB. ``--documents`` also makes the PDF report, the deck, the workbook and the Markdown
deliverable of both roadmaps (seconds and peak memory, tracemalloc).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pages import _p95, _setup  # bench/pages.py: bench/ is the script's folder

P95_BAR_MS = 300.0
WEIGHT_BAR_KB = 300.0
SIZES = ("demo", "large")


@dataclass
class Figures:
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    kb: float
    first_ms: float | None  # the walk's first visit (None with --home: the walk of an earlier run)


def build() -> dict[str, tuple[object, object]]:
    """size -> (editor, roadmap)."""
    from jalon.accounts.models import User
    from jalon.demo.consultancy import CONSULTANCY, DEMO_SIZE, create_consultancy
    from jalon.strategy.models import Roadmap
    from jalon.workspaces.models import Role
    from jalon.workspaces.services import set_membership

    built = {}
    for name, size in zip(SIZES, (DEMO_SIZE, CONSULTANCY), strict=True):
        editor = User.objects.filter(email=f"{name}@jalon.local").first()
        if editor is not None:  # --home of an earlier run: its workspaces as they were built
            built[name] = (editor, Roadmap.objects.get(workspace__slug=f"bench-{name}", slug="consultancy"))
            continue
        started = time.perf_counter()
        roadmap = create_consultancy(size=size, workspace_slug=f"bench-{name}", seed=0)
        editor = User.objects.create_user(
            email=f"{name}@jalon.local", password="bench-password-1", language="fr"
        )
        set_membership(actor=None, workspace=roadmap.workspace, user=editor, role=Role.EDITOR)
        print(f"  built {name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        built[name] = (editor, roadmap)
    stored_forecasts()
    return built


def stored_forecasts() -> None:
    """Let the import's background job store the KPIs' forecasts, as the server's job thread does after an
    import (``strategy.kpis.forecast_store``), then forget what this process remembers of them: the walk's
    first visits are those of a server process that has not shown these roadmaps yet."""
    from jalon.jobs.models import Job, JobStatus
    from jalon.jobs.services import run_queued
    from jalon.strategy.kpis import forecasting

    started = time.perf_counter()
    run_queued()
    live = Job.objects.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING))
    while live.exists():  # one the job thread took before this one could
        time.sleep(0.5)
    forecasting.FORECASTS.clear()
    forecasting.COMBINED.clear()
    print(f"  forecasts stored in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _kb(response: Any) -> float:
    return 0.0 if response.streaming else len(response.content) / 1024


class Recorded:
    """What each request of the walk cost: url -> (ms, queries, kB), the walk's own first visit."""

    def __init__(self, client: Any) -> None:
        from django.db import connection
        from django.http import HttpResponseNotFound
        from django.test.utils import CaptureQueriesContext

        self.figures: dict[str, tuple[float, int, float]] = {}
        get = client.get

        def timed(url: str, *args: Any, **kwargs: Any) -> Any:
            if url.startswith(("/static/", "/media/")):  # files, not pages
                return HttpResponseNotFound()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = get(url, *args, **kwargs)
            figures = ((time.perf_counter() - started) * 1000, len(captured), _kb(response))
            self.figures[url] = figures
            ms, queries, kb = figures
            print(f"    {response.status_code} {ms:8.0f} ms {queries:4d} q {kb:6.0f} kB {url}",
                  file=sys.stderr, flush=True)  # fmt: skip
            return response

        client.get = timed


def pages(client: object, workspace: str) -> dict[str, str]:
    """route -> one URL of it, as an editor reaches them by following links (``first``: url -> the walk's
    figures of its first visit)."""
    from tests.hostile_forms import crawl, route

    get = client.get  # type: ignore[attr-defined]
    recorded = Recorded(client)  # the walk said as it goes (a slow page is seen before the end)
    found = crawl(client, ["/", f"/w/{workspace}/"], ("/",))  # type: ignore[arg-type]
    client.get = get  # type: ignore[attr-defined]  # the timed requests after it, without the recording
    urls: dict[str, str] = {}
    for url in found.pages:
        if url.startswith(("/static/", "/media/")):
            continue
        key = route(url) + ("?" if "?" in url else "")
        urls.setdefault(key, url)
    first.update(recorded.figures)
    return urls


first: dict[str, tuple[float, int, float]] = {}


def measure(repeat: int, only: list[str]) -> dict[str, dict[str, Figures]]:
    """route -> size -> figures (the routes found at both sizes)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jalon.wsgi import keep_startup_objects_out_of_full_collections

    built = build()
    build_cache.update(built)
    keep_startup_objects_out_of_full_collections()
    clients, found = {}, {}
    walked = Path(os.environ["JALON_HOME"]) / "all_pages_walk.json"  # the walk of an earlier run (--home)
    if walked.exists():
        found = json.loads(walked.read_text())
    for name, (editor, roadmap) in built.items():
        client = Client()
        client.force_login(editor)  # type: ignore[arg-type]
        clients[name] = client
        if name not in found:
            found[name] = pages(client, roadmap.workspace.slug)  # type: ignore[attr-defined]
    walked.write_text(json.dumps(found))
    routes = sorted(set(found["demo"]) & set(found["large"]))
    if only:
        routes = [r for r in routes if any(o in r for o in only)]
    for name in SIZES:
        missing = sorted(set(found[name]) - set(routes))
        if missing and not only:
            print(f"  only at the {name} size: {', '.join(missing)}", file=sys.stderr)
    results: dict[str, dict[str, Figures]] = {}
    for key in routes:
        results[key] = {}
        for name in SIZES:
            client, url = clients[name], found[name][key]
            client.get(url)  # warm-up
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            queries, kb = len(captured), _kb(response)
            samples = []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
            seen = first.get(url)
            results[key][name] = Figures(
                url, statistics.median(samples), _p95(samples), queries, kb, seen[0] if seen else None
            )
    return results


def report(results: dict[str, dict[str, Figures]]) -> bool:
    print(f"Every page, load {os.getloadavg()[0]:.2f} (bar at the large size: same queries as the demo size, "
          f"p95 ≤ {P95_BAR_MS:.0f} ms, ≤ {WEIGHT_BAR_KB:.0f} kB)")  # fmt: skip
    print(
        f"{'route':<40} {'demo med/p95 ms':>16} {'q':>4} {'kB':>5}   "
        f"{'large 1st ms':>12} {'med/p95 ms':>17} {'q':>4} {'kB':>6}  verdict"
    )
    ok = True
    for key, by_size in results.items():
        small, large = by_size["demo"], by_size["large"]
        faults = []
        if large.queries != small.queries:
            faults.append("queries")
        if large.p95_ms > P95_BAR_MS:
            faults.append("time")
        if large.kb > WEIGHT_BAR_KB:
            faults.append("weight")
        ok &= not faults
        print(
            f"{key[:40]:<40} {small.median_ms:7.1f}/{small.p95_ms:7.1f} {small.queries:4d} {small.kb:5.0f}   "
            f"{_ms(large.first_ms):>12} {large.median_ms:8.1f}/{large.p95_ms:7.1f} {large.queries:4d} "
            f"{large.kb:6.0f}  " + ("ok" if not faults else "MISSED: " + ", ".join(faults))
        )
    return ok


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def documents() -> None:
    """Seconds and peak Python memory of each document of both roadmaps."""
    import tracemalloc

    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    print(f"{'documents':<20} {'format':<9} {'seconds':>8} {'peak MB':>8} {'kB':>7}")
    for name, (_editor, roadmap) in build_cache.items():
        for fmt in ("pdf", "pptx", "xlsx", "md"):
            tracemalloc.start()
            started = time.perf_counter()
            made = render_report(actor=None, roadmap=roadmap, fmt=fmt, options=ReportOptions())  # type: ignore[arg-type]
            seconds = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            print(f"{name:<20} {fmt:<9} {seconds:8.2f} {peak:8.1f} {len(made.content) / 1024:7.0f}")


build_cache: dict[str, tuple[object, object]] = {}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--database-url", default=None, help="a disposable PostgreSQL database")
    parser.add_argument("--only", nargs="*", default=[], help="only the routes whose name holds one of these")
    parser.add_argument("--documents", action="store_true", help="also the documents, time and memory")
    parser.add_argument(
        "--home", help="the JALON_HOME of an earlier run on SQLite, its roadmaps not built again"
    )
    args = parser.parse_args()
    _setup(args.database_url, args.home)
    print(f"  JALON_HOME={os.environ['JALON_HOME']}", file=sys.stderr)
    ok = report(measure(args.repeat, args.only))
    print(
        "(cells: median/p95 ms of the server's answer through the test client, SQL queries, kB of the page)"
    )
    if args.documents:
        documents()
    return 0 if ok else 1


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.path[:0] = [str(root / "src"), str(root)]
    raise SystemExit(main())
