"""Benchmark of the SMART coach (issue 4): accuracy per criterion and language, deadlines, speed.

    .venv/bin/python bench/smart.py [--repeat N]

Accuracy is measured on ``../shared/data/smart_public.jsonl`` (development set) and on the team's own
cases (``tests/engines/fixtures/smart_cases.jsonl``). Each figure is printed beside a naive keyword
baseline measured in the same run. Throughput is single-process, single-thread.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from jalon.engines.smart import coach

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT.parent / "shared" / "data" / "smart_public.jsonl"
OWN = ROOT / "tests" / "engines" / "fixtures" / "smart_cases.jsonl"
CRITERIA = ("specific", "measurable", "time_bound", "relevant")

_DIGIT = re.compile(r"\d")
_WHEN = re.compile(r"\b(by|before|within|until|d'ici|d’ici|avant|dans|sous|fin)\b", re.IGNORECASE)
_WHY = re.compile(r"\b(to|so|because|pour|afin|car)\b", re.IGNORECASE)
_VERB = re.compile(
    r"\b(increase|grow|reduce|reach|augmenter|réduire|atteindre|baisser|lancer|launch)\b", re.I
)


def baseline(row: dict[str, Any]) -> dict[str, Any]:
    """A naive keyword judge: what a regex-in-an-afternoon would do."""
    text = row["text"]
    return {
        "specific": bool(_DIGIT.search(text) or _VERB.search(text)),
        "measurable": bool(_DIGIT.search(text)),
        "time_bound": bool(_WHEN.search(text)),
        "relevant": bool(_WHY.search(text)),
        "deadline": None,
    }


def ours(row: dict[str, Any]) -> dict[str, Any]:
    verdict = coach(
        row["text"],
        lang=row["lang"],
        today=date.fromisoformat(row["today"]),
        fiscal_year_start_month=row["fiscal_year_start"],
    )
    result: dict[str, Any] = {name: getattr(verdict, name).ok for name in CRITERIA}
    result["deadline"] = verdict.deadline.isoformat() if verdict.deadline else None
    return result


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def accuracy(
    rows: list[dict[str, Any]], judge: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, float]:
    results = [judge(row) for row in rows]
    figures = {
        name: sum(r[name] == row["labels"][name] for r, row in zip(results, rows, strict=True)) / len(rows)
        for name in CRITERIA
    }
    figures["deadline"] = sum(
        r["deadline"] == row["deadline"] for r, row in zip(results, rows, strict=True)
    ) / len(rows)
    return figures


def report(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n{title}")
    print(f"  {'subset':<8} {'n':>4}  " + "  ".join(f"{c:>20}" for c in (*CRITERIA, "deadline")))
    for lang in ("fr", "en", "all"):
        subset = [row for row in rows if lang == "all" or row["lang"] == lang]
        mine, naive = accuracy(subset, ours), accuracy(subset, baseline)
        cells = "  ".join(f"{mine[c]:>8.1%} (base {naive[c]:>5.1%})" for c in (*CRITERIA, "deadline"))
        print(f"  {lang:<8} {len(subset):>4}  {cells}")


def speed(rows: list[dict[str, Any]], repeat: int) -> None:
    batch = rows * repeat
    for name, judge in (("ours", ours), ("baseline", baseline)):
        start, cpu = time.perf_counter(), time.process_time()
        for row in batch:
            judge(row)
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"  throughput {name:<9} {len(batch) / used:>10,.0f} statements per CPU-second "
            f"({len(batch) / elapsed:,.0f}/s wall clock; {len(batch)} statements)"
        )
    latencies = []
    for row in rows * 5:
        start = time.thread_time()
        ours(row)
        latencies.append((time.thread_time() - start) * 1000)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"  latency ours (CPU): median {statistics.median(latencies):.3f} ms, p99 {p99:.3f} ms, "
        f"max {latencies[-1]:.3f} ms  (bar: 50 ms per request)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200, help="copies of the public set in the speed batch")
    args = parser.parse_args()
    public = load(PUBLIC)
    report(f"Public development set ({PUBLIC.name}): accuracy, ours (naive keyword baseline)", public)
    report(f"Team's own cases ({OWN.name}): accuracy, ours (naive keyword baseline)", load(OWN))
    print("\nSpeed (one process, one thread; CPU time, so other load on the machine is not counted)")
    speed(public, args.repeat)


if __name__ == "__main__":
    main()
