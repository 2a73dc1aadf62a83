"""Write a third writer's labelled objectives as set C (docs/advisor.md, *A third writer, measured only*).

    .venv/bin/python bench/objectives_third_set.py

Reads ``bench/objectives_third_writer.txt`` (150 objectives, half French, half English, written before the
other sets, their fixtures or the knowledge's synonyms were read; labelled afterwards against
``metrics.yaml``) and writes ``tests/knowledge/fixtures/objectives_c.jsonl`` in the order written, with
no split: the whole set is held out, measured and never tuned on. The acceptable strategies follow the
second set's rule (``bench/objectives_second_set.py``), so the figures of the three writers compare.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from objectives_second_set import FIXTURES, rows

TABLE = Path(__file__).with_name("objectives_third_writer.txt")


def main() -> None:
    every = rows(TABLE)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in every)
    (FIXTURES / "objectives_c.jsonl").write_text(text, encoding="utf-8")
    print("objectives_c.jsonl", len(every))


if __name__ == "__main__":
    main()
