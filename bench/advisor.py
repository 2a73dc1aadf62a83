"""Benchmark of the advisor (issue 20): KPI matching accuracy and speed, and advice latency.

    .venv/bin/python bench/advisor.py [--repeat N]

Accuracy is measured on the labelled KPI phrasings in ``tests/knowledge/fixtures/kpi_phrases.jsonl``
(French and English, with plurals, missing accents, typos), beside a plain baseline measured in the
same run: lower-case substring search of every synonym, the longest synonym found wins. Speed is
measured in CPU time of this process (steadier than wall time on a shared machine): matches per
second, then the time to advise on each Cloud Kicks objective, both with a fresh index (no text
seen before). The machine is shared; report the load (``uptime``) with the figures.

Then the labelled objectives (``--objectives dev``, the default; ``heldout`` or ``both``; a second writer's
part ``A`` and held-out part ``B``, or ``second``; a third writer's ``C``, never tuned on; ``tuning`` all but
parts B and C; ``all`` five; ``none`` to skip):
KPI accuracy, ours and the baseline's, the share of objectives whose top 3 strategies hold an acceptable
one, and the share given nothing. Tune on the development half; score the held-out half once, at the end
of a change (docs/advisor.md, *How well it does on objectives nobody tuned it on*). ``--before main`` prints
the same figures for another revision's code first, in the same run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from jalon.engines.advisor import Advisor
from jalon.engines.advisor_model import Objective
from jalon.engines.metric_match import MetricIndex
from jalon.knowledge.engine_input import metric_entries, playbook
from jalon.knowledge.loader import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "knowledge" / "fixtures"
PHRASES = FIXTURES / "kpi_phrases.jsonl"
# objectives written for this purpose and split once (bench/objectives_set.py): tune on dev, not on held-out
OBJECTIVE_SETS = {"dev": FIXTURES / "objectives_dev.jsonl", "heldout": FIXTURES / "objectives_heldout.jsonl"}
# a second writer's 240 (bench/objectives_second_set.py): part A to tune on, part B held out
OBJECTIVE_SETS |= {"A": FIXTURES / "objectives_b_dev.jsonl", "B": FIXTURES / "objectives_b_heldout.jsonl"}
# a third writer's 150 (bench/objectives_third_set.py): set C, all held out, measured only
OBJECTIVE_SETS |= {"C": FIXTURES / "objectives_c.jsonl"}
GROUPS = {
    "both": ["dev", "heldout"],
    "second": ["A", "B"],
    "tuning": ["dev", "heldout", "A"],  # while changing: every set but the one held out last
    "all": ["dev", "heldout", "A", "B", "C"],
}
DEMO = ROOT / "src" / "jalon" / "demo" / "cloud-kicks.yaml"


def baseline_matcher() -> Any:
    synonyms = sorted(
        (
            (phrase.lower(), entry.id)
            for entry in metric_entries(load_knowledge())
            for phrase in entry.phrases
        ),
        key=lambda item: -len(item[0]),
    )

    def match(text: str) -> str | None:
        lowered = text.lower()
        return next((metric for phrase, metric in synonyms if phrase in lowered), None)

    return match


def objective_scores(advisor: Advisor, baseline: Any, rows: list[dict[str, Any]]) -> dict[str, float]:
    """KPI accuracy (ours and the baseline's: a `none` row is right when no KPI is named), then among the
    objectives that have a KPI, the share whose top 3 strategies hold an acceptable one and the share with
    no strategy proposed."""
    ours = plain = top3 = empty = with_kpi = 0
    for row in rows:
        advice = advisor.advise(Objective(text=row["text"]))
        expected = set(row["kpi"]) - {"none"}
        found = advice.metric.metric_id if advice.metric else None
        ours += found in expected if expected else found is None
        guess = baseline(row["text"])
        plain += guess in expected if expected else guess is None
        if expected:
            with_kpi += 1
            top3 += any(s.strategy_id in row["strategies"] for s in advice.strategies[:3])
            empty += not advice.strategies
    size = max(len(rows), 1)
    return {
        "kpi": ours / size,
        "baseline": plain / size,
        "top3": top3 / max(with_kpi, 1),
        "nothing": empty / max(with_kpi, 1),
        "n": len(rows),
    }


WIDTHS = (4, 9, 13, 21, 8)
SHARES = ("kpi", "baseline", "top3", "nothing")


def print_objective_scores(advisor: Advisor, baseline: Any, names: list[str]) -> None:
    header = ("n", "KPI ours", "KPI baseline", "strategy ok in top 3", "nothing")
    print(f"\n{'objectives':<11}" + " ".join(f"{h:>{w}}" for h, w in zip(header, WIDTHS, strict=True)))
    for name in names:
        path = OBJECTIVE_SETS[name]
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for lang in ("fr", "en", "all"):
            subset = [r for r in rows if lang in ("all", r["lang"])]
            s = objective_scores(advisor, baseline, subset)
            cells = [f"{s['n']:>{WIDTHS[0]}}"]
            cells += [f"{s[k]:>{w}.1%}" for k, w in zip(SHARES, WIDTHS[1:], strict=True)]
            print(f"{name + ' ' + lang:<11}" + " ".join(cells))


def print_before(revision: str, objectives: str) -> None:
    """The same figures with the code and knowledge of git ``revision`` (its ``src/`` extracted to a
    temporary folder, imported first), so a change is read before and after in one run, on one machine."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], check=True, capture_output=True
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        env = os.environ | {"PYTHONPATH": str(Path(folder) / "src")}
        print(f"=== before: {revision} ===", flush=True)
        command = [sys.executable, __file__, "--repeat", "1", "--objectives", objectives]
        subprocess.run(command, check=True, env=env)
    print("\n=== after: the working tree ===", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--objectives",
        choices=(*OBJECTIVE_SETS, *GROUPS, "none"),
        default="dev",
        help="which labelled objectives to score (held-out: once, at the end of a change)",
    )
    parser.add_argument(
        "--before",
        metavar="REVISION",
        help="print the figures of a git revision's code first (e.g. main), then the working tree's",
    )
    args = parser.parse_args()
    if args.before:
        print_before(args.before, args.objectives)
    rows = [json.loads(line) for line in PHRASES.read_text(encoding="utf-8").splitlines() if line.strip()]

    started = time.process_time()
    knowledge = load_knowledge()
    load_s = time.process_time() - started
    started = time.process_time()
    book = playbook(knowledge)
    Advisor(book)
    build_s = time.process_time() - started
    entries = metric_entries(knowledge)
    baseline = baseline_matcher()
    # the index remembers texts it has matched: every repeat gets a fresh one, so the figures are cold
    fresh: list[MetricIndex] = [MetricIndex.build(entries)]

    def ours(text: str) -> str | None:
        found = fresh[-1].match(text)
        return found.metric_id if found else None

    print(f"load {os.getloadavg()[0]:.2f} (1-minute average; the machine is shared)")
    print(f"knowledge files read and checked in {load_s * 1000:.0f} ms")
    print(f"advisor built in {build_s * 1000:.0f} ms")
    print(f"{'matcher':<10} {'lang':<4} {'correct':>8} {'accuracy':>9} {'matches/s':>10}")  # per CPU second
    for name, matcher in (("ours", ours), ("baseline", baseline)):
        for lang in ("fr", "en"):
            subset = [r for r in rows if r["lang"] == lang]
            correct = sum(matcher(r["text"]) == r["metric"] for r in subset)
            timings = []
            for _ in range(args.repeat):
                fresh.append(MetricIndex.build(entries))
                tick = time.process_time()
                for row in subset:
                    matcher(row["text"])
                timings.append(time.process_time() - tick)
            rate = len(subset) / statistics.median(timings)
            share = correct / len(subset)
            print(f"{name:<10} {lang:<4} {correct:>4}/{len(subset):<3} {share:>9.1%} {rate:>10.0f}")

    demo = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    print(f"\n{'Cloud Kicks objective':<30} {'status':<10} {'median ms':>9}")  # CPU
    for item in demo["objectives"]:
        measurable = item.get("measurable") or {}
        objective = Objective(
            text=item["title"], metric_text=measurable.get("metric", ""), term=item.get("term")
        )
        timings = []
        for _ in range(args.repeat):
            advisor = Advisor(book)
            tick = time.process_time()
            advice = advisor.advise(objective)
            timings.append(time.process_time() - tick)
        print(f"{item['key']:<30} {advice.status.value:<10} {statistics.median(timings) * 1000:>9.1f}")

    if args.objectives != "none":
        names = GROUPS.get(args.objectives, [args.objectives])
        print_objective_scores(Advisor(book), baseline, names)


if __name__ == "__main__":
    main()
