"""Benchmark of the SMART coach (issues 4 and 17): accuracy per criterion and for deadlines, and speed.

    .venv/bin/python bench/smart.py [--repeat N]

Accuracy is printed for every labelled set, each beside the always-"yes" baseline measured on the same
rows (every criterion answered "yes"; for deadlines the baseline answers "no deadline"):

- the public set ``../shared/data/smart_public.jsonl`` (60 rows);
- the held-out third of ``tests/engines/fixtures/smart_corpus.jsonl`` (a hash of the id decides, see
  ``tools/smart_corpus.py``) plus the fresh batch ``smart_fresh.jsonl`` written after tuning: never tuned on;
- the development two-thirds of the corpus, and the team's first cases (``smart_cases.jsonl``).

Only aggregate figures are printed for the held-out rows. Speed is single-process, single-thread, CPU time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from jalon.engines.smart import coach

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "engines" / "fixtures"
PUBLIC = ROOT.parent / "shared" / "data" / "smart_public.jsonl"
sys.path.insert(0, str(ROOT / "tools"))
from smart_corpus import held_out  # noqa: E402

CRITERIA = ("specific", "measurable", "time_bound", "relevant")
COLUMNS = (*CRITERIA, "deadline")
Judge = Callable[[dict[str, Any]], dict[str, Any]]


def always_yes(row: dict[str, Any]) -> dict[str, Any]:
    """The plain baseline: every criterion passes, and no deadline is ever found."""
    return {**dict.fromkeys(CRITERIA, True), "deadline": None}


def ours(row: dict[str, Any]) -> dict[str, Any]:
    verdict = coach(
        row["text"],
        lang=row["lang"],
        today=date.fromisoformat(row["today"]),
        fiscal_year_start_month=row["fiscal_year_start"],
        text_lang=row["lang"],
    )
    result: dict[str, Any] = {name: getattr(verdict, name).ok for name in CRITERIA}
    result["deadline"] = verdict.deadline.isoformat() if verdict.deadline else None
    return result


def load(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def accuracy(rows: list[dict[str, Any]], judge: Judge) -> dict[str, float]:
    results = [judge(row) for row in rows]
    pairs = list(zip(results, rows, strict=True))
    figures = {name: sum(r[name] == row["labels"][name] for r, row in pairs) / len(rows) for name in CRITERIA}
    figures["deadline"] = sum(r["deadline"] == row["deadline"] for r, row in pairs) / len(rows)
    return figures


def report(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n{title}")
    print(f"  {'subset':<6} {'n':>4}  " + "  ".join(f"{c:>24}" for c in COLUMNS))
    for lang in ("fr", "en", "all"):
        subset = [row for row in rows if lang == "all" or row["lang"] == lang]
        if not subset:
            continue
        mine, naive = accuracy(subset, ours), accuracy(subset, always_yes)
        cells = "  ".join(f"{mine[c]:>8.1%} (always-yes {naive[c]:>5.1%})" for c in COLUMNS)
        print(f"  {lang:<6} {len(subset):>4}  {cells}")


def speed(rows: list[dict[str, Any]], repeat: int) -> None:
    batch = rows * repeat
    for name, judge in (("ours", ours), ("always-yes", always_yes)):
        start, cpu = time.perf_counter(), time.process_time()
        for row in batch:
            judge(row)
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"  throughput {name:<10} {len(batch) / max(used, 1e-9):>10,.0f} statements per CPU-second "
            f"({len(batch) / elapsed:,.0f}/s wall clock; {len(batch)} statements)"
        )
    latencies = []
    for row in rows * 3:
        start = time.thread_time()
        ours(row)
        latencies.append((time.thread_time() - start) * 1000)
    latencies.sort()
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
    print(
        f"  latency ours (CPU): median {statistics.median(latencies):.3f} ms, p99 {p99:.3f} ms, "
        f"max {latencies[-1]:.3f} ms  (bar: p99 under 50 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--repeat", type=int, default=10, help="copies of every labelled row in the speed batch"
    )
    args = parser.parse_args()
    public = load(PUBLIC)
    corpus = load(FIXTURES / "smart_corpus.jsonl")
    fresh = load(FIXTURES / "smart_fresh.jsonl")
    held = [row for row in corpus if held_out(row["id"])]
    development = [row for row in corpus if not held_out(row["id"])]
    report(f"Public set ({PUBLIC.name}): ours (always-yes baseline)", public)
    report(f"Held-out third of the corpus ({len(held)} rows), never tuned on", held)
    if fresh:
        report(f"Fresh batch written after tuning ({len(fresh)} rows), never tuned on", fresh)
        report("Held-out in all (held-out third + fresh batch)", held + fresh)
    report(f"Development two-thirds of the corpus ({len(development)} rows)", development)
    report("Team's first cases (smart_cases.jsonl)", load(FIXTURES / "smart_cases.jsonl"))
    print("\nSpeed (one process, one thread; CPU time, so other load on the machine is not counted)")
    speed(public + corpus + fresh, args.repeat)


if __name__ == "__main__":
    main()
