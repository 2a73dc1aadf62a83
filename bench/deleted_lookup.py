"""Benchmark of the lookup that tells a save it reached an item deleted meanwhile (``history.deleted``):
seconds and peak memory of ``_deletion`` on a roadmap whose change log holds ``--rows`` changes naming a
key (half of them creations, half deletions, of ``--rows``/2 activities), for a key deleted first (the
oldest row) and a key never used.

    .venv/bin/python bench/deleted_lookup.py [--rows 100000] [--repeat 3]

A fresh SQLite database, or the PostgreSQL database of ``JALON_DATABASE_URL`` (migrated, and its change
log for the bench's roadmap replaced). The median of ``--repeat`` runs after a warm-up; the peak of
Python's allocations (tracemalloc) in one more run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from far_spans import measure, setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup("jalon-bench-deleted-")
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from jalon.demo.loader import demo_owner
    from jalon.history.deleted import _deletion
    from jalon.history.models import Change
    from jalon.planning.models import Activity
    from jalon.strategy.models import Roadmap
    from jalon.workspaces.models import Workspace

    owner, _password = demo_owner(password="bench-deleted-lookup")
    workspace, _new = Workspace.objects.get_or_create(slug="bench-deleted", defaults={"name": "Bench"})
    roadmap = Roadmap.objects.filter(workspace=workspace, slug="log").first()
    if roadmap is None:
        roadmap = Roadmap.objects.create(
            workspace=workspace, slug="log", title="Log", start="2027-01-01", end="2027-12-31"
        )
    Change.objects.filter(roadmap=roadmap).delete()
    kind = ContentType.objects.get_for_model(Activity)
    items = args.rows // 2
    rows = [
        Change(workspace=workspace, roadmap=roadmap, label=f"Activity {n}", content_type=kind, object_id=n,
               version=version, actor=owner,
               fields={"key": [None, f"a{n}"], "title": [None, f"Activity {n}"]} if version == 1
               else {"key": [f"a{n}", None], "title": [f"Activity {n}", None]})
        for n in range(items)
        for version in (1, 2)
    ]  # fmt: skip
    Change.objects.bulk_create(rows, batch_size=5_000)
    print(f"{Change.objects.filter(roadmap=roadmap).count():,} changes naming a key, {connection.vendor}")
    print(f"{'lookup':<28}{'seconds':>10}{'peak MB':>10}")
    for name, keys in (("deleted key (oldest)", ["a0"]), ("unknown key", ["nothing-here"])):
        seconds, peak = measure(lambda keys=keys: _deletion(roadmap, keys), args.repeat)
        print(f"{name:<28}{seconds:>10.3f}{peak:>10.1f}")


if __name__ == "__main__":
    main()
