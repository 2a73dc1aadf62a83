"""Benchmark of a KPI's page at real sizes: its weight and server time at 50, 500 and 5,000 measurements.

    .venv/bin/python bench/kpi_pages.py [--sizes 50 500 5000] [--repeat 10] [--compare ../main/src]

A daily KPI with N measurements (the last one yesterday, its deadline six months ahead, so the page also
forecasts it) is built for each N in a fresh SQLite database; its page is then requested ``--repeat``
times by an editor (the heaviest view: the correction links and the forms to add measurements) through
Django's test client (full middleware, templates and database, no network), after one warm-up request.
Printed per N: the page's size in kB, the number of <form> elements and the median / p95 server time.
``--compare SRC`` runs the same measurement on another checkout's ``src`` (``main``'s) in a subprocess
and prints its figures beside these: the same machine, the same run. The bar: under 100 kB at every N.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve()
SIZE_BAR_KB = 100.0


def _setup() -> None:
    os.environ["JALON_HOME"] = tempfile.mkdtemp(prefix="jalon-bench-kpi-pages-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    os.environ["JALON_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(sizes: list[int], repeat: int) -> dict[int, dict[str, float]]:
    """N -> kB, forms, median ms, p95 ms."""
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from jalon.accounts.models import User
    from jalon.demo.synthetic import create_synthetic
    from jalon.strategy import services
    from jalon.strategy.kpis import services as measurements

    user = User.objects.create_user(email="bench@jalon.local", password="bench-password-1", language="fr")
    roadmap = create_synthetic(n=10, workspace_slug="bench", owner=user)
    today = timezone.localdate()
    urls = {}
    for n in sizes:
        started = time.perf_counter()
        kpi = services.create_kpi(
            actor=user, roadmap=roadmap, key=f"daily-{n}", name=f"Daily {n}", unit="",
            target=2000.0, target_date=today + timedelta(days=182), frequency="daily",
        )  # fmt: skip
        rows = [(today - timedelta(days=n - k), 1000.0 + (k * 37) % 101 + k / 10) for k in range(n)]
        measurements.add_measurements(actor=user, kpi=kpi, rows=rows, source="bench")
        urls[n] = reverse("kpi", args=[roadmap.workspace.slug, roadmap.slug, kpi.key])
        print(f"  built N={n} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    client = Client()
    client.force_login(user)
    results = {}
    for n, url in urls.items():
        first = client.get(url)
        assert first.status_code == 200, url
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        body = response.content
        results[n] = {
            "kb": len(body) / 1000,
            "forms": body.count(b"<form"),
            "median": statistics.median(samples),
            "p95": _p95(samples),
        }
    return results


def _row(figures: dict[str, float]) -> str:
    return (
        f"{figures['kb']:8.1f} kB {int(figures['forms']):5d} forms "
        f"{figures['median']:7.0f}/{figures['p95']:5.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--compare", default=None, help="another checkout's src directory (main's)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    other = None
    if args.compare:  # first, so that both runs meet the same machine
        command = [sys.executable, str(HERE), "--json", "--repeat", str(args.repeat), "--sizes"]
        environment = {**os.environ, "PYTHONPATH": str(Path(args.compare).resolve())}
        answer = subprocess.run(
            [*command, *map(str, args.sizes)], env=environment, capture_output=True, text=True, check=True
        )
        other = {int(n): figures for n, figures in json.loads(answer.stdout).items()}
    _setup()
    results = measure(args.sizes, args.repeat)
    if args.json:
        print(json.dumps(results))
        return 0
    load = os.getloadavg()[0]
    print(f"A KPI's page (editor), load {load:.2f}; cells: size, <form>s, median/p95 server time")
    print(f"{'N':>6}  {'this checkout':<38}" + (f"  {args.compare}" if other else ""))
    ok = True
    for n in args.sizes:
        ok &= results[n]["kb"] <= SIZE_BAR_KB
        print(f"{n:>6}  {_row(results[n]):<38}" + (f"  {_row(other[n])}" if other else ""))
    print(f"bar: under {SIZE_BAR_KB:.0f} kB at every size: {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    if "PYTHONPATH" not in os.environ:
        sys.path.insert(0, str(HERE.parent.parent / "src"))
    raise SystemExit(main())
