"""Write the labelled objectives (issue: the advisor on objectives it has never seen) and split them once.

    .venv/bin/python bench/objectives_set.py

Writes ``tests/knowledge/fixtures/objectives_dev.jsonl`` and ``objectives_heldout.jsonl``: one random
split, seed 20261207, half each. Each row: ``lang``, ``text``, ``kpi`` (the acceptable metric ids, the
first preferred, or ``["none"]`` when the knowledge has no such KPI and should say so), ``strategies``
(acceptable strategy ids) and ``goals`` (their goals). The objectives were written in the words of
marketing managers, CMOs and consultants, with the method guides' vocabulary, before the knowledge was
extended, in ``bench/objectives_written.txt``; ids the knowledge did not have then are in ``PLANNED``.
Run it once: the split is the record.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "knowledge" / "fixtures"
SEED = 20261207
# ids decided before measuring, added to the knowledge afterwards (strategy -> goal; metrics)
PLANNED = {
    "attract-leads-with-content": "generate-leads",
    "nurture-and-qualify-leads": "generate-leads",
    "promote-events": "generate-leads",
    "build-social-community": "grow-awareness",
}
PLANNED_METRICS = (
    "social_followers",
    "average_rating",
    "qualified_leads",
    "lead_conversion_rate",
    "event_registrations",
    "event_attendance_rate",
)


TABLE = Path(__file__).with_name("objectives_written.txt")


def rows() -> list[dict[str, object]]:
    goals = yaml.safe_load((ROOT / "src/jalon/knowledge/data/goals.yaml").read_text(encoding="utf-8"))
    goal_of = {s["id"]: s["goal"] for s in goals["strategies"]} | PLANNED
    groups: dict[str, str] = {}
    out: list[dict[str, object]] = []
    lang = ""
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            name, ids = line[1:].split(":", 1)
            groups[name] = " ".join(groups.get(i, i) for i in ids.split())
            continue
        if line.startswith("["):
            lang = line.strip("[]")
            continue
        text, kpis, strategies = (part.strip() for part in line.split("|"))
        ids = list(dict.fromkeys(s for item in strategies.split() for s in groups.get(item, item).split()))
        unknown = [s for s in ids if s not in goal_of]
        assert not unknown, (text, unknown)
        out.append(
            {
                "lang": lang,
                "text": text,
                "kpi": kpis.split(),
                "strategies": ids,
                "goals": list(dict.fromkeys(goal_of[s] for s in ids)),
            }
        )
    return out


def main() -> None:
    labelled = rows()
    random.Random(SEED).shuffle(labelled)
    half = len(labelled) // 2
    for name, part in (
        ("objectives_dev.jsonl", labelled[:half]),
        ("objectives_heldout.jsonl", labelled[half:]),
    ):
        lines = [json.dumps(row, ensure_ascii=False) for row in part]
        (FIXTURES / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(name, len(part))


if __name__ == "__main__":
    main()
