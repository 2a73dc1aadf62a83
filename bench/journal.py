"""Benchmark of a roadmap's change log at 10,000 changes: answer time and SQL queries per page.

    .venv/bin/python bench/journal.py [--changes 10000] [--repeat 30] [--database-url URL]
    .venv/bin/python bench/journal.py --csv-changes 100000 [--database-url URL]

``jalon demo --synthetic 500`` builds a roadmap (themes, people, 500 activities); then ``--changes``
edits of its activities, themes and of the roadmap (cost, status, theme, dates, descriptions, a few
deletions), by four people over 90 days, are written as the services record them. Each page is requested
``--repeat`` times through Django's test client after two warm-up requests: the first page, a middle one,
the last one, the pages filtered by person, by kind and by period, and the CSV export of the whole log.
The bar: p95 ≤ 150 ms for every page (the export aside), the same query count on every page.

``--csv-changes`` measures the CSV export alone at scale instead: the log of that many changes downloaded
to its last byte (median of three), the peak of Python's memory while it is made and read (``tracemalloc``,
one more download), and its rows. The export is streamed a batch of changes at a time: its memory stays that
of a batch whatever the log's length.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from pages import _p95, _setup  # the planning pages' benchmark: a fresh database, its p95

P95_BAR_MS = 150.0


def build(changes: int) -> tuple[Any, list[Any]]:
    """The roadmap and its four editors, with ``changes`` recorded changes spread over 90 days."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from jalon.accounts.models import User
    from jalon.demo.synthetic import create_synthetic
    from jalon.history.models import Change
    from jalon.planning.models import Activity, Theme
    from jalon.workspaces.models import Membership, Role

    owner = User.objects.create_user(email="bench@jalon.local", password="bench-password-1", language="fr")
    roadmap = create_synthetic(n=500, workspace_slug="bench", owner=owner)
    people = [owner]
    for n in range(3):
        user = User.objects.create_user(email=f"editor{n}@jalon.local", password="bench-password-1")
        Membership.objects.create(workspace=roadmap.workspace, user=user, role=Role.EDITOR)
        people.append(user)
    rng = random.Random(0)
    activities = list(Activity.objects.filter(roadmap=roadmap).values_list("pk", "title"))
    themes = list(Theme.objects.filter(roadmap=roadmap).values_list("pk", "name"))
    kinds = {model: ContentType.objects.get_for_model(model) for model in (Activity, Theme)}
    now = timezone.now()
    rows = []
    for n in range(changes):
        at = now - timedelta(minutes=rng.randrange(90 * 24 * 60))
        actor = rng.choice([*people, None])
        if n % 10 == 9:
            pk, name = rng.choice(themes)
            budgets = [str(rng.randrange(10_000)), str(rng.randrange(10_000))]
            rows.append(Change(workspace=roadmap.workspace, roadmap=roadmap, label=name,
                               content_type=kinds[Theme], object_id=pk, version=n, actor=actor, at=at,
                               fields={"budget": budgets}))  # fmt: skip
            continue
        pk, title = rng.choice(activities)
        fields = rng.choice([
            {"cost": [f"{rng.randrange(5000)}.50", f"{rng.randrange(5000)}"]},
            {"status": ["idea", "planned"]},
            {"theme": [themes[0][0], rng.choice(themes)[0]]},
            {"start": ["2026-03-02", "2026-04-06"], "end": ["2026-03-06", "2026-04-10"]},
            {"description": ["", "Un texte assez long pour être raccourci. " * 8]},
            {"title": [title, None]},
        ])  # fmt: skip
        rows.append(Change(workspace=roadmap.workspace, roadmap=roadmap, label=title,
                           content_type=kinds[Activity], object_id=pk, version=n, actor=actor, at=at,
                           fields=fields))  # fmt: skip
    Change.objects.bulk_create(rows, batch_size=1000)
    _set_times(rows)
    return roadmap, people


def _set_times(rows: list[Any]) -> None:
    """``at`` is ``auto_now_add``: bulk_create wrote now; spread the rows over their days again."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE history_change SET at = %s WHERE id = %s",
            [(row.at, row.pk) for row in rows],
        )


def download(client: Any, address: str) -> bytes:
    """The whole answer, read to its last byte (a streamed one is only made as it is read)."""
    response = client.get(address)
    assert response.status_code == 200, address
    return b"".join(response.streaming_content) if response.streaming else bytes(response.content)


def measure_csv(changes: int) -> tuple[float, float, int]:
    """The CSV export of a log of ``changes`` changes: seconds to its last byte, peak memory (MiB), rows."""
    import tracemalloc

    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    roadmap, people = build(changes)
    print(f"  built {changes} changes in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    client = Client()
    client.force_login(people[0])
    address = reverse("history_journal_csv", args=[roadmap.workspace.slug, roadmap.slug])
    samples = []
    for _ in range(3):
        start = time.perf_counter()
        body = download(client, address)
        samples.append(time.perf_counter() - start)
    tracemalloc.start()
    download(client, address)
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(samples), peak / 2**20, body.count(b"\r\n") - 1


def measure(changes: int, repeat: int) -> list[tuple[str, float, float, int]]:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from jalon.history.models import Change
    from jalon.planning.models import Theme
    from jalon.wsgi import keep_startup_objects_out_of_full_collections

    started = time.perf_counter()
    roadmap, people = build(changes)
    total = Change.objects.filter(roadmap=roadmap).count()
    print(f"  built {total} changes in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    keep_startup_objects_out_of_full_collections()
    client = Client()
    client.force_login(people[0])
    url = reverse("history_journal", args=[roadmap.workspace.slug, roadmap.slug])
    today = timezone.localdate()
    pages = {
        "first page": url,
        "page 100": url + "?page=100",
        "last page": url + "?page=9999",  # past the end: the last page
        "by person": url + f"?actor={people[1].pk}",
        "by kind": url + f"?kind={ContentType.objects.get_for_model(Theme).pk}",
        "by period": url + f"?since={(today - timedelta(days=7)):%d/%m/%Y}&until={today:%d/%m/%Y}",
        "CSV export": reverse("history_journal_csv", args=[roadmap.workspace.slug, roadmap.slug]),
    }
    results = []
    for name, address in pages.items():
        for _warm_up in range(2):
            download(client, address)
        with CaptureQueriesContext(connection) as captured:
            download(client, address)
        queries = len(captured)
        if os.environ.get("JALON_BENCH_QUERIES"):
            for query in captured.captured_queries:
                print(f"    {query['time']} {query['sql'][:160]}", file=sys.stderr)
        samples = []
        for _ in range(repeat if name != "CSV export" else max(3, repeat // 10)):
            start = time.perf_counter()
            download(client, address)
            samples.append((time.perf_counter() - start) * 1000)
        results.append((name, statistics.median(samples), _p95(samples), queries))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default=None, help="a disposable PostgreSQL database")
    parser.add_argument("--csv-changes", type=int, default=0, help="measure the CSV export alone, at scale")
    args = parser.parse_args()
    _setup(args.database_url)
    if args.csv_changes:
        seconds, mebibytes, rows = measure_csv(args.csv_changes)
        said = f"{rows} rows in {seconds:.1f} s, peak {mebibytes:.0f} MiB"
        print(f"CSV export of {args.csv_changes} changes: {said}")
        return 0
    results = measure(args.changes, args.repeat)
    load = os.getloadavg()[0]
    print(f"Change log at {args.changes} changes, load {load:.2f} (p95 bar {P95_BAR_MS:.0f} ms)")
    ok = True
    page_queries = {q for name, _m, _p, q in results if name != "CSV export"}
    for name, median, p95, queries in results:
        passed = name == "CSV export" or p95 <= P95_BAR_MS
        ok &= passed
        print(f"{name:<12} {median:8.1f} / {p95:8.1f} ms {queries:3d} q  {'ok' if passed else 'MISSED'}")
    print(f"(median / p95 ms and SQL queries per request; query counts of the pages: {sorted(page_queries)})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    raise SystemExit(main())
