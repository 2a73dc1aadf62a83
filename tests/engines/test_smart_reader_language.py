"""Issue 17, items 3-5, over every labelled objective: the reader's language, no rule codes, figures."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from jalon.engines.smart import CoachContext, Verdict, coach, coach_many
from jalon.engines.smart_messages import _TEXTS

pytestmark = pytest.mark.engine

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = ("smart_corpus.jsonl", "smart_fresh.jsonl", "smart_probe.jsonl", "smart_cases.jsonl")
RULE_CODE = re.compile(r"\b[a-z]+_[a-z_]+(?::[\w-]+)?\b|\b(?:date|in_\w+):\S")


def _template(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_]+\}", pattern)
    return re.compile(".*".join(re.escape(part) for part in parts), re.DOTALL)


TEMPLATES = {lang: [_template(pair[i]) for pair in _TEXTS.values()] for i, lang in enumerate(("fr", "en"))}


def _rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for name in SOURCES:
        lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
        rows += [json.loads(line) for line in lines[::4] if line.strip()]
    return rows


def _shown(verdict: Verdict) -> list[str]:
    criteria = (
        verdict.specific,
        verdict.measurable,
        verdict.time_bound,
        verdict.relevant,
        verdict.achievable,
    )
    shown = [criterion.reason for criterion in criteria]
    shown += [verdict.suggestion, *verdict.warnings, *verdict.conflicts, verdict.deadline_label or ""]
    return shown


@pytest.mark.parametrize("reader", ["fr", "en"])
def test_every_reason_of_every_labelled_objective_is_in_the_readers_language(reader: str) -> None:
    rows = _rows()
    assert len(rows) > 300 and {row["lang"] for row in rows} == {"fr", "en"}
    for verdict, row in zip(coach_many(rows, reader_lang=reader), rows, strict=True):  # type: ignore[arg-type]
        for criterion in (verdict.specific, verdict.measurable, verdict.time_bound, verdict.relevant):
            assert any(t.fullmatch(criterion.reason) for t in TEMPLATES[reader]), (
                row["id"],
                criterion.reason,
            )
            other = "en" if reader == "fr" else "fr"
            own = any(t.fullmatch(criterion.reason) for t in TEMPLATES[reader])
            assert own or not any(t.fullmatch(criterion.reason) for t in TEMPLATES[other])


@pytest.mark.parametrize("reader", ["fr", "en"])
def test_no_rule_code_reaches_a_reader_for_any_labelled_objective(reader: str) -> None:
    rows = _rows()
    for verdict, row in zip(coach_many(rows, reader_lang=reader), rows, strict=True):  # type: ignore[arg-type]
        for shown in _shown(verdict):
            assert not RULE_CODE.search(shown), (row["id"], shown)
        if verdict.deadline is not None:
            assert verdict.deadline_label and str(verdict.deadline.year) in verdict.deadline_label


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Click & collect to reach 30% of online orders by June 2026, cutting delivery costs.", "en"),
        ("Conversion gratuit → payant : de 3 % à 5 % d'ici fin juin 2026.", "fr"),
    ],
)
def test_a_target_read_from_the_new_phrasings_still_meets_the_fields_as_one_source_of_truth(
    text: str, lang: str
) -> None:
    context = CoachContext(target=28.0, unit="%", deadline=date(2026, 9, 30))
    verdict = coach(text, lang=lang, today=date(2026, 3, 2), context=context)  # type: ignore[arg-type]
    assert verdict.target is not None and verdict.target.value == 28
    assert verdict.deadline == date(2026, 9, 30)
    assert len(verdict.conflicts) == 2
    assert any("28" in c for c in verdict.conflicts)


def test_a_projection_on_a_count_never_goes_below_zero_and_says_so() -> None:
    history = [(date(2026, 1, 31), 300.0), (date(2026, 2, 28), 150.0), (date(2026, 3, 31), 20.0)]
    verdict = coach(
        "Atteindre 300 adhérents actifs d'ici fin décembre 2026, pour les cotisations.",
        lang="en",
        today=date(2026, 4, 1),
        context=CoachContext(history=history, baseline=20.0, target=300.0),
    )
    assert verdict.evidence.projected == 0
    assert verdict.evidence.projection_bounded is True
    assert verdict.achievable.ok is False
    assert "3 measurements" in verdict.achievable.reason
