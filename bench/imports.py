"""Benchmark of the imports: how long they take, and how long they keep other writers out.

SQLite lets one writer at a time, so what matters to the other people on the server is how long an
import holds the write lock. A watcher thread tries a write every few milliseconds on its own connection
(``BEGIN IMMEDIATE`` with no busy timeout) and reports the longest stretch it was refused.

1. A 5,000-row Jalon CSV into the Cloud Kicks roadmap: our import (read and check in memory, then one
   transaction of bulk inserts) beside the previous approach measured in the same run (one transaction
   around row-by-row service calls: each activity validated, saved and its history recorded, each
   dependency checked for cycles against the whole roadmap).
2. A 1,000-activity roadmap file (``jalon demo --synthetic``'s, exported) imported into a new workspace,
   then again over it as a confirmed replace-import (the replaced roadmap is exported and kept first).

    .venv/bin/python bench/imports.py [--rows 5000] [--activities 1000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any


def _setup() -> None:
    os.environ["JALON_HOME"] = tempfile.mkdtemp(prefix="jalon-bench-imports-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class Watcher:
    """Another writer: the longest time it could not write while the block ran."""

    def __init__(self, path: str) -> None:
        self.path, self.longest_s, self.stop = path, 0.0, threading.Event()

    def run(self) -> None:
        other = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        refused_since: float | None = None
        while not self.stop.is_set():
            now = time.perf_counter()
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                if refused_since is not None:
                    self.longest_s = max(self.longest_s, now - refused_since)
                refused_since = None
            except sqlite3.OperationalError:
                refused_since = refused_since if refused_since is not None else now
            time.sleep(0.002)
        if refused_since is not None:
            self.longest_s = max(self.longest_s, time.perf_counter() - refused_since)
        other.close()


@contextmanager
def watched() -> Iterator[Watcher]:
    from django.db import connection

    watcher = Watcher(connection.settings_dict["NAME"])
    thread = threading.Thread(target=watcher.run)
    thread.start()
    try:
        yield watcher
    finally:
        watcher.stop.set()
        thread.join()


def backlog_csv(rows: int, *, themes: list[str], people: list[str]) -> str:
    """A Jalon backlog CSV: titles, themes, owners, dates, figures and dependencies on earlier rows."""
    lines = ["key,title,theme,owner,status,start,end,effort_days,cost,value,dependencies"]
    start = date(2026, 3, 2)
    for i in range(rows):
        first = start + timedelta(days=i % 200)
        after = f"b{max(0, i - 1 - i % 7)}" if i and i % 3 == 0 else ""
        lines.append(
            f"b{i},Activity {i},{themes[i % len(themes)]},{people[i % len(people)]},planned,"
            f"{first.isoformat()},{(first + timedelta(days=14)).isoformat()},{1 + i % 9},{500 + i},"
            f"{1000 + 3 * i},{after}"
        )
    return "\n".join(lines) + "\n"


def previous_import(*, roadmap: Any, text: str) -> int:
    """The import before issue 13: the same reading, then row by row through the services in one
    transaction (the write lock held for all of it)."""
    from django.db import transaction

    from jalon.documents.csv_import import plan_import
    from jalon.planning import services as planning
    from jalon.planning.models import Activity

    plan = plan_import(text, roadmap=roadmap)
    with transaction.atomic():
        created: dict[str, Any] = {}
        for row in plan.rows:
            created[row.key] = planning.create(
                Activity, actor=None, roadmap=roadmap, key=row.key, **row.fields
            )
        for row in plan.rows:
            for key, lag in row.after:
                planning.add_dependency(
                    actor=None, predecessor=created[key], successor=created[row.key], lag_days=lag
                )
    return len(created)


def timed(run: Callable[[], Any]) -> tuple[float, float]:
    with watched() as watcher:
        started = time.perf_counter()
        run()
        elapsed = time.perf_counter() - started
    return elapsed, watcher.longest_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--activities", type=int, default=1000)
    args = parser.parse_args()
    _setup()
    from jalon.demo.loader import load_demo
    from jalon.demo.synthetic import create_synthetic
    from jalon.documents.csv_write import import_activities
    from jalon.documents.services import export_roadmap, import_roadmap
    from jalon.workspaces.models import Workspace

    ours_demo = load_demo(workspace_slug="ours", password="bench-password").roadmap
    theirs_demo = load_demo(workspace_slug="previous", password="bench-password").roadmap
    themes = list(ours_demo.themes.values_list("key", flat=True))
    people = list(ours_demo.people.values_list("name", flat=True))
    text = backlog_csv(args.rows, themes=themes, people=people)

    print(f"CSV import of {args.rows} rows into Cloud Kicks (SQLite, WAL):")
    print(f"  {'approach':<44} {'total':>9} {'others locked out':>18}")
    before_s, before_lock_s = timed(lambda: previous_import(roadmap=theirs_demo, text=text))
    print(f"  {'previous: row by row in one transaction':<44} {before_s:>8.2f}s {before_lock_s:>17.2f}s")
    ours_s, ours_lock_s = timed(lambda: import_activities(actor=None, roadmap=ours_demo, text=text))
    print(f"  {'ours: checked in memory, then bulk inserts':<44} {ours_s:>8.2f}s {ours_lock_s:>17.2f}s")
    assert ours_demo.activities.count() == theirs_demo.activities.count()
    print(f"  others wait {before_lock_s / max(ours_lock_s, 1e-3):.0f}x less, the import runs "
          f"{before_s / ours_s:.1f}x faster")  # fmt: skip

    synthetic = create_synthetic(n=args.activities, workspace_slug="bench", seed=0)
    exported = export_roadmap(actor=None, roadmap=synthetic, fmt="json")
    target = Workspace.objects.create(slug="copy", name="Copy")
    file_s, file_lock_s = timed(
        lambda: import_roadmap(actor=None, workspace=target, text=exported, fmt="json")
    )
    print(f"Roadmap file of {args.activities} activities into a new workspace: {file_s:.2f}s, "
          f"others locked out {file_lock_s:.2f}s at most")  # fmt: skip
    again_s, again_lock_s = timed(
        lambda: import_roadmap(
            actor=None, workspace=target, text=exported, fmt="json", replace=True, confirmed=True
        )
    )
    print(f"The same file replacing that roadmap (its previous version kept): {again_s:.2f}s, "
          f"others locked out {again_lock_s:.2f}s at most")  # fmt: skip


if __name__ == "__main__":
    main()
