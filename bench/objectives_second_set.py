"""Split a second writer's labelled objectives once (docs/advisor.md, *A second writer*).

    .venv/bin/python bench/objectives_second_set.py

Reads ``bench/objectives_second_writer.txt`` (240 objectives written by another hand than the first set's,
before that set or the knowledge's synonyms were read) and writes
``tests/knowledge/fixtures/objectives_b_dev.jsonl``
(part A, development) and ``objectives_b_heldout.jsonl`` (part B, held out): one random split, seed
20261208, half each, by language. The rows have the first set's fields: the acceptable strategies are those
that move one of the acceptable KPIs (``goals.yaml``), plus ``EXTRA`` for KPIs no strategy names; for a KPI
only goals list (market share), the strategies of those goals. Run it once: the split is the record.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "knowledge" / "fixtures"
TABLE = Path(__file__).with_name("objectives_second_writer.txt")
SEED = 20261208
# KPIs that no strategy lists: the strategies a marketer would accept for them
EXTRA = {
    "cost_per_click": ["capture-search-demand", "reallocate-budget"],
    "paid_search_ctr": ["capture-search-demand", "test-and-learn"],
    "email_roi": ["send-relevant-content", "measure-attribution", "automate-lifecycle"],
}


def rows(table: Path = TABLE) -> list[dict[str, object]]:
    goals = yaml.safe_load((ROOT / "src/jalon/knowledge/data/goals.yaml").read_text(encoding="utf-8"))
    goal_of = {s["id"]: s["goal"] for s in goals["strategies"]}
    out: list[dict[str, object]] = []
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, kpis, text = line.split("\t")
        kpi = kpis.split()
        strategies = [s["id"] for s in goals["strategies"] if set(s["metrics"]) & set(kpi)]
        strategies += [s for k in kpi for s in EXTRA.get(k, []) if s not in strategies]
        if not strategies:  # a KPI only goals list (market share): the strategies of those goals
            listing = {g["id"] for g in goals["goals"] if set(g["metrics"]) & set(kpi)}
            strategies = [s["id"] for s in goals["strategies"] if s["goal"] in listing]
        found = sorted({goal_of[s] for s in strategies})
        out.append({"lang": lang, "text": text, "kpi": kpi, "strategies": strategies, "goals": found})
    return out


def main() -> None:
    every = rows()
    rng = random.Random(SEED)
    dev: list[dict[str, object]] = []
    held: list[dict[str, object]] = []
    for lang in ("fr", "en"):
        part = [r for r in every if r["lang"] == lang]
        rng.shuffle(part)
        dev += part[: len(part) // 2]
        held += part[len(part) // 2 :]
    for name, part in (("objectives_b_dev.jsonl", dev), ("objectives_b_heldout.jsonl", held)):
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part)
        (FIXTURES / name).write_text(text, encoding="utf-8")
        print(name, len(part))


if __name__ == "__main__":
    main()
