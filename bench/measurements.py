"""Benchmark of adding measurements in bulk (pasted, CSV or XLSX): time and SQL queries for 5,000 rows.

    .venv/bin/python bench/measurements.py [--rows 5000] [--database-url URL]

A KPI receives ``--rows`` daily measurements at once, then the same days again with new values (every
row replaces one), as ``strategy.kpis.services.add_measurements`` writes them from the measurements page.
The bar: the query count does not grow with the rows (a fixed handful), each addition under 2 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from pages import _setup  # the planning pages' benchmark: a fresh database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    _setup(args.database_url)
    from django.db import connection

    from jalon.accounts.models import User
    from jalon.strategy import services
    from jalon.strategy.kpis.services import add_measurements
    from jalon.workspaces.models import Membership, Role, Workspace

    owner = User.objects.create_user(email="bench@jalon.local", password="bench-password-1")
    workspace = Workspace.objects.create(slug="bench", name="Bench")
    Membership.objects.create(workspace=workspace, user=owner, role=Role.OWNER)
    roadmap = services.create_roadmap(
        actor=owner, workspace=workspace, slug="bench", title="Bench", type="strategic",
        start=date(2026, 1, 1), end=date(2026, 12, 31),
    )  # fmt: skip
    kpi = services.create_kpi(actor=owner, roadmap=roadmap, key="rate", name="Rate", frequency="daily")
    days = [date(2010, 1, 1) + timedelta(days=n) for n in range(args.rows)]
    failed = False
    for label, value in (("new days", 1.0), ("known days", 2.0)):
        queries = 0

        def counting(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            started = time.perf_counter()
            add_measurements(actor=owner, kpi=kpi, rows=[(day, value) for day in days])
            elapsed = time.perf_counter() - started
        print(f"{args.rows} rows, {label}: {elapsed:.2f} s, {queries} queries ({connection.vendor})")
        failed |= elapsed > 2.0 or queries > 20
    assert kpi.measurements.count() == args.rows
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    raise SystemExit(main())
