"""What the playbook says on objectives beyond e-commerce conversion: win-back, B2B leads, events,
social communities and review ratings, each told apart from its near neighbour. The labelled objectives
that measure this are in fixtures/objectives_*.jsonl (scored by bench/advisor.py, not here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jalon.engines.advisor_model import Advice, Objective
from jalon.knowledge.engine_input import packaged_advisor
from jalon.knowledge.loader import load_knowledge

FIXTURES = Path(__file__).parent / "fixtures"


def advice(text: str) -> Advice:
    return packaged_advisor().advise(Objective(text=text))


def top_strategies(found: Advice, count: int = 3) -> list[str]:
    return [s.strategy_id for s in found.strategies[:count]]


@pytest.mark.parametrize(
    "text",
    ["Faire revenir les clients qui n’ont pas acheté depuis un an", "Reduce the share of inactive customers"],
)
def test_an_objective_about_lapsed_customers_is_read_as_winning_them_back(text: str) -> None:
    found = advice(text)
    assert found.metric is not None and found.metric.metric_id == "reactivation_rate"
    assert found.direction == "increase" and top_strategies(found)[0] == "reactivate-lapsed"


# followers on a social network are not reachable contacts; the rating of reviews is not how many are left
@pytest.mark.parametrize(
    ("text", "metric", "strategy"),
    [
        ("Augmenter le nombre d’abonnés Instagram de 30 %", "social_followers", "build-social-community"),
        ("Grow our newsletter subscribers", "contact_base_size", "capture-site-visitors"),
        ("Améliorer la note moyenne des avis Google", "average_rating", "collect-reviews"),
        ("Collect more customer reviews", "review_rate", "collect-reviews"),
    ],
)
def test_a_metric_is_told_apart_from_its_near_neighbour(text: str, metric: str, strategy: str) -> None:
    found = advice(text)
    assert found.metric is not None and found.metric.metric_id == metric
    assert strategy in top_strategies(found)


@pytest.mark.parametrize(
    "text",
    ["Grow qualified leads from webinars by 40% this year", "Générer 300 leads qualifiés par trimestre"],
)
def test_a_b2b_lead_objective_gets_the_lead_generation_strategies(text: str) -> None:
    found = advice(text)
    assert found.metric is not None and found.metric.metric_id == "qualified_leads"
    assert {"attract-leads-with-content", "nurture-and-qualify-leads"} & set(top_strategies(found))


def test_fewer_no_shows_means_a_higher_attendance_rate_and_events_are_filled_by_their_strategy() -> None:
    found = advice("Réduire les no-show de nos ateliers")
    assert found.metric is not None and found.metric.metric_id == "event_attendance_rate"
    assert found.direction == "increase" and top_strategies(found)[0] == "promote-events"


def rows(name: str) -> list[dict[str, Any]]:
    text = (FIXTURES / f"objectives_{name}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_the_labelled_objectives_are_split_into_two_disjoint_halves_in_both_languages() -> None:
    dev, heldout = rows("dev"), rows("heldout")
    assert abs(len(dev) - len(heldout)) <= 1 and len(dev) + len(heldout) >= 200
    assert not {r["text"] for r in dev} & {r["text"] for r in heldout}
    for half in (dev, heldout):
        assert {r["lang"] for r in half} == {"fr", "en"}


def test_every_label_names_a_metric_strategy_and_goal_of_the_knowledge() -> None:
    knowledge = load_knowledge()
    for row in rows("dev") + rows("heldout") + rows("c"):
        assert set(row["kpi"]) <= set(knowledge.metrics) or row["kpi"] == ["none"], row["text"]
        assert set(row["strategies"]) <= set(knowledge.strategies), row["text"]
        assert set(row["goals"]) <= set(knowledge.goals), row["text"]
        assert bool(row["strategies"]) == (row["kpi"] != ["none"]), row["text"]
