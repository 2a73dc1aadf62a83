"""KPI names in people's words, French and English, matched against the packaged metric catalogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jalon.engines.metric_match import phrase_key
from jalon.knowledge.engine_input import packaged_advisor

PHRASES = Path(__file__).parent / "fixtures" / "kpi_phrases.jsonl"


def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in PHRASES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("row", rows(), ids=lambda row: f"{row['lang']}:{row['text']}")
def test_a_kpi_named_in_the_users_words_matches_its_metric(row: dict[str, Any]) -> None:
    found = packaged_advisor().metric_index.match(row["text"])
    assert found is not None and found.metric_id == row["metric"]


def test_the_phrases_cover_both_languages() -> None:
    languages = {row["lang"] for row in rows()}
    assert languages == {"fr", "en"}


def test_a_correction_of_a_kpi_name_is_applied_in_either_language() -> None:
    index = packaged_advisor().metric_index
    corrections = {phrase_key("Taux de transfo panier"): "checkout_completion_rate"}
    found = index.match("taux de transfo paniers", corrections=corrections)
    assert found is not None and found.metric_id == "checkout_completion_rate" and found.confidence == 1.0


SECOND_WRITER = Path(__file__).parent / "fixtures" / "objectives_b_dev.jsonl"


def test_the_second_writers_development_objectives_mostly_name_their_kpi() -> None:
    """Part A of the second writer's objectives (docs/advisor.md): a floor under what the change reached,
    so a synonym or a rule that breaks many of them fails here, not only in the bench."""
    advisor = packaged_advisor()
    lines = SECOND_WRITER.read_text(encoding="utf-8").splitlines()
    labelled = [json.loads(line) for line in lines if line.strip()]
    right = 0
    for row in labelled:
        found = advisor.metric_index.match(row["text"])
        expected = set(row["kpi"]) - {"none"}
        right += (found.metric_id in expected) if found and expected else (found is None and not expected)
    assert right / len(labelled) >= 0.85


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Faire progresser le CA de 8 % grâce à un meilleur taux de conversion", "revenue"),
        ("Porter le taux de conversion à 2,5 % pour que le CA progresse", "conversion_rate"),
        ("Lift revenue 5% through a better conversion rate", "revenue"),
        ("Cut churn so that customer lifetime value grows", "churn_rate"),
    ],
)
def test_of_two_kpis_named_the_objectives_is_the_one_it_changes_not_the_one_it_serves(
    text: str, metric: str
) -> None:
    found = packaged_advisor().metric_index.match(text)
    assert found is not None and found.metric_id == metric


@pytest.mark.parametrize(
    "text",
    [
        "Prendre en considération les retours des clients",
        "Take the feedback into consideration",
        "Réduire les impressions papier au siège",
        "Mettre nos produits à portée de main",
        "Que ça avance avant l'été",
    ],
)
def test_a_plain_word_that_a_kpi_name_contains_does_not_name_the_kpi_alone(text: str) -> None:
    assert packaged_advisor().metric_index.match(text) is None
