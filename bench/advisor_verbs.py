"""What dropping the verbs that say nothing of the subject (faire, make, do…: ``CONTENT_FREE_VERBS``) changes
in the advisor's proposals, on objective texts in the users' words.

    .venv/bin/python bench/advisor_verbs.py [--data FILE.jsonl] [--half tune|report] [--show 5]

``FILE.jsonl`` holds one objective a line (``{"id": …, "lang": …, "text": …}``; by default the public
SMART set beside the repository, ``../shared/data/smart_public.jsonl``). Its lines are cut in two halves in
file order: the verb list was chosen looking at the first (``tune``), and the figures are reported on the
second (``report``). For each objective the advisor's top-3 tactics and top-3 strategies are compared with
the words of every verb counted (before) and without those verbs (after); the script prints how many lists
change and the first ``--show`` changed pairs, with the verb that had counted.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jalon.engines import advisor as advisor_module
from jalon.engines.advisor import Advisor
from jalon.engines.advisor_model import Advice, Objective
from jalon.engines.metric_match import CONTENT_FREE_VERBS, content_words, subject_words
from jalon.knowledge.engine_input import playbook
from jalon.knowledge.loader import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "smart_public.jsonl"


@contextmanager
def every_word_counted() -> Iterator[None]:
    """The advisor as it was: every content word of the objective and the playbook counts."""
    advisor_module.subject_words = content_words  # type: ignore[attr-defined]
    try:
        yield
    finally:
        advisor_module.subject_words = subject_words  # type: ignore[attr-defined]


def advisors() -> tuple[Advisor, Advisor]:
    """The advisor as it was (build and advise within ``every_word_counted``) and as it is."""
    book = playbook(load_knowledge())
    with every_word_counted():
        before = Advisor(book)
    return before, Advisor(book)


def advice(advisor: Advisor, text: str, *, before: bool) -> Advice:
    if before:
        with every_word_counted():
            return advisor.advise(Objective(text=text))
    return advisor.advise(Objective(text=text))


def top(found: Advice) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (
        tuple(t.tactic_id for t in found.tactics[:3]),
        tuple(s.strategy_id for s in found.strategies[:3]),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--half", choices=("tune", "report"), default="report")
    parser.add_argument("--show", type=int, default=5)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = [
        json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    middle = len(rows) // 2
    chosen = rows[:middle] if args.half == "tune" else rows[middle:]
    before, after = advisors()
    tactics_changed = strategies_changed = with_verb = 0
    shown = 0
    for row in chosen:
        text = row["text"]
        verbs = sorted({w for w in content_words(text) if w in CONTENT_FREE_VERBS})
        with_verb += bool(verbs)
        tactics_before, strategies_before = top(advice(before, text, before=True))
        tactics_after, strategies_after = top(advice(after, text, before=False))
        tactics_changed += tactics_before != tactics_after
        strategies_changed += strategies_before != strategies_after
        if (tactics_before, strategies_before) != (tactics_after, strategies_after) and shown < args.show:
            shown += 1
            print(f"{row['id']} ({row['lang']}) {text}")
            print(f"  content-free verbs in the text: {', '.join(verbs) or '—'}")
            print(f"  tactics    before: {', '.join(tactics_before) or '—'}")
            print(f"             after:  {', '.join(tactics_after) or '—'}")
            if strategies_before != strategies_after:
                print(f"  strategies before: {', '.join(strategies_before) or '—'}")
                print(f"             after:  {', '.join(strategies_after) or '—'}")
    print(
        f"{args.half} half: {len(chosen)} objectives, {with_verb} with a content-free verb; "
        f"top-3 tactics changed for {tactics_changed}, top-3 strategies for {strategies_changed}"
    )


if __name__ == "__main__":
    main()
