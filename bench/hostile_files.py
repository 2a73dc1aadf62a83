"""Benchmark of hostile files (issue 13, item 1): how long the readers take to refuse each one, beside a
plain baseline (reading the Cloud Kicks demo file, which is accepted).

    .venv/bin/python bench/hostile_files.py [--repeat 3]

Each hostile file is read by the same code as `jalon import` and the web import (``roadmap_file.parse``)
or the CSV import (``csv_import.plan_import`` against an empty roadmap); the figure is the best of
``--repeat`` runs. The bar: each is refused within the time it takes to read the demo file ten times
(the owner cell of 130,000 blanks took 29 s, the alias bomb 38 s then ran out of memory, before the fix;
nesting 100,000 deep crashed the process).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable

BAR_RATIO = 10.0


def _setup() -> None:
    os.environ["JALON_HOME"] = tempfile.mkdtemp(prefix="jalon-bench-hostile-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            run()
        except Exception as error:
            if type(error).__name__ not in ("FileProblems", "CsvProblems"):
                raise
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    _setup()
    from datetime import date

    from jalon.demo.loader import DEMO_FILE
    from jalon.documents.csv_import import plan_import
    from jalon.documents.roadmap_file import parse
    from jalon.strategy.models import Roadmap
    from jalon.workspaces.models import Workspace

    workspace = Workspace.objects.create(slug="bench", name="Bench")
    roadmap = Roadmap.objects.create(
        workspace=workspace,
        slug="r",
        title="R",
        type="campaign",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )
    demo = DEMO_FILE.read_text(encoding="utf-8")
    bomb = "".join(
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}' if n else 'lol'] * 10)}]\n" for n in range(10)
    )  # fmt: skip
    yaml_files = {
        "alias bomb (626 bytes, 10^10 items)": bomb + "format: *a9\n",
        "alias bomb in a review snapshot": demo
        + "reviews:\n- {key: q, title: Q, held_on: 2026-04-01, snapshot: {x: *a9}}\n",
        "YAML nested 100,000 deep": "format: jalon/1\nroadmap: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "a 5,000-digit integer": "format: jalon/1\nroadmap: {fiscal_year_start_month: " + "7" * 5000 + "}\n",
        "impossible dates": demo.replace("2027-01-31", "2027-02-30"),
    }
    json_files = {"JSON nested 100,000 deep": '{"roadmap": ' + "[" * 100_000 + "]" * 100_000 + "}"}
    csv_files = {
        "CSV owner of 130,000 blanks": "Card Name,Members\nAudit,a" + " " * 130_000 + "b\n",
        "CSV cell of 200,000 characters": 'Card Name,Card Description\nAudit,"' + "x" * 200_000 + '"\n',
        "CSV lag of 20 digits": "key,title,dependencies\na,A,b+99999999999999999999\nb,B,\n",
    }
    import yaml

    from jalon.documents.safe_load import load

    baseline = _best(lambda: parse(demo, "yaml"), args.repeat)
    print(f"baseline: reading the demo file ({len(demo):,} characters): {baseline * 1000:8.1f} ms")
    ours = _best(lambda: load(demo, "yaml"), args.repeat)
    libyaml = _best(lambda: yaml.load(demo, Loader=yaml.CSafeLoader), args.repeat)
    print(
        f"  of which YAML: our bounded loader {ours * 1000:.1f} ms,"
        f" libyaml's CSafeLoader {libyaml * 1000:.1f} ms (no bounds: it crashes at 100,000 levels)"
    )
    worst = 0.0
    rows = [(name, lambda text=text: parse(text, "yaml")) for name, text in yaml_files.items()]
    rows += [(name, lambda text=text: parse(text, "json")) for name, text in json_files.items()]
    rows += [(name, lambda text=text: plan_import(text, roadmap=roadmap)) for name, text in csv_files.items()]
    for name, run in rows:
        seconds = _best(run, args.repeat)
        worst = max(worst, seconds / baseline)
        print(f"{name:<40} {seconds * 1000:8.1f} ms  ({seconds / baseline:5.2f}× the baseline)")
    ok = worst <= BAR_RATIO
    print(f"worst: {worst:.2f}× the baseline (bar {BAR_RATIO:.0f}×): {'ok' if ok else 'TOO SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
