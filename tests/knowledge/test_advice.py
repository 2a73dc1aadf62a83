"""The advisor on the real playbook: the Cloud Kicks objectives, the benchmarks and their sources."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from jalon.demo.loader import DEMO_FILE
from jalon.engines.advisor_model import Objective
from jalon.knowledge.advice import advice_report
from jalon.knowledge.loader import load_knowledge

CART_SENTENCE = "Réduire l’abandon de panier"


def demo_objective(key: str) -> Objective:
    """An objective of the Cloud Kicks demo as a roadmap would hand it to the advisor."""
    data = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    item = next(o for o in data["objectives"] if o["key"] == key)
    measurable = item.get("measurable") or {}
    direction = measurable.get("direction")
    return Objective(
        text=item["title"],
        metric_text=measurable.get("metric", ""),
        direction=direction if direction in ("increase", "decrease") else None,
        term=item.get("term"),
    )


def proposed_tactics(report: dict[str, Any]) -> list[str]:
    return [t["id"] for s in report["strategies"] for t in s["tactics"]]


@pytest.fixture(scope="module")
def cart_report() -> dict[str, Any]:
    objective = demo_objective("abandon-panier")
    assert objective.text == CART_SENTENCE
    return advice_report(objective, lang="fr", sector="fashion")


def test_cloud_kicks_cart_abandonment_gets_abandoned_cart_emails_express_checkout_and_reassurance(
    cart_report: dict[str, Any],
) -> None:
    tactics = proposed_tactics(cart_report)
    assert {"abandoned-cart-email-series", "express-checkout", "trust-signals-checkout"} <= set(tactics)
    assert cart_report["metric"]["id"] == "cart_abandonment_rate"
    assert cart_report["direction"] == "decrease"


def test_cloud_kicks_cart_abandonment_strategies_all_serve_that_goal_first(
    cart_report: dict[str, Any],
) -> None:
    first_three = [s["id"] for s in cart_report["strategies"][:3]]
    assert set(first_three) == {"recover-abandoned-carts", "simplify-checkout", "reassure-at-checkout"}
    assert all(s["why"] for s in cart_report["strategies"])
    assert all(t["why"] for s in cart_report["strategies"] for t in s["tactics"])


def test_cloud_kicks_cart_abandonment_comes_with_a_sourced_fashion_benchmark(
    cart_report: dict[str, Any],
) -> None:
    benchmarks = cart_report["benchmarks"]
    assert benchmarks["metric"] == "cart_abandonment_rate" and benchmarks["unit"] == "%"
    assert not benchmarks["fallbacks"]["sector"]
    assert benchmarks["points"] and 0 < benchmarks["low"] <= benchmarks["high"] <= 100
    for point in benchmarks["points"]:
        assert point["source"]["url"].startswith("https://")
        assert 1990 <= point["source"]["year"] <= 2100
        assert point["source"]["publisher"] and point["source"]["sample"] and point["source"]["read_on"]


def test_the_bare_sentence_gets_the_same_tactics_and_a_benchmark_across_sectors() -> None:
    report = advice_report(Objective(text=CART_SENTENCE), lang="fr")
    assert {"abandoned-cart-email-series", "express-checkout", "trust-signals-checkout"} <= set(
        proposed_tactics(report)
    )
    ids = {p["id"] for p in report["benchmarks"]["points"]}
    assert "baymard-2021-cart-abandonment" in ids
    assert report["benchmarks"]["low"] < report["benchmarks"]["high"]  # the sources disagree: a range


def test_a_french_report_is_all_french_and_an_english_one_all_english() -> None:
    knowledge = load_knowledge()
    for lang in ("fr", "en"):
        report = advice_report(Objective(text=CART_SENTENCE), lang=lang)
        for strategy in report["strategies"]:
            assert strategy["title"] == knowledge.strategies[strategy["id"]].title.get(lang)
            for tactic in strategy["tactics"]:
                assert tactic["description"] == knowledge.tactics[tactic["id"]].description.get(lang)
        assert report["metric"]["name"] == knowledge.metrics["cart_abandonment_rate"].name.get(lang)
    english = advice_report(Objective(text=CART_SENTENCE), lang="en")
    assert "Abandoned-cart email sequence" in [
        t["title"] for s in english["strategies"] for t in s["tactics"]
    ]
    assert all("panier" not in why for s in english["strategies"] for why in s["why"] if "“" not in why)


def test_an_english_objective_is_advised_too() -> None:
    report = advice_report(Objective(text="Increase our newsletter open rate"), lang="en")
    assert report["metric"]["id"] == "email_open_rate" and report["direction"] == "increase"
    assert "email-authentication" in proposed_tactics(report)
    assert all(p["source"]["url"] for p in report["benchmarks"]["points"])


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("architecture-donnees", "data-architecture-map"),
        ("centre-preferences", "preference-centre"),
        ("canal-mobile", "new-channel-opportunity-study"),
        ("valeur-vie-client", "rfm-segmentation"),
        ("parcours-achat", "journey-mapping-workshops"),
    ],
)
def test_every_cloud_kicks_objective_gets_a_fitting_tactic(key: str, expected: str) -> None:
    report = advice_report(demo_objective(key), lang="fr", sector="fashion")
    assert expected in proposed_tactics(report)


def test_a_tactic_already_in_the_roadmap_is_flagged_and_pushed_down() -> None:
    objective = Objective(text=CART_SENTENCE, existing_titles=("Séquence d'e-mails de panier abandonné",))
    report = advice_report(objective, lang="fr")
    recover = next(s for s in report["strategies"] if s["id"] == "recover-abandoned-carts")
    emails = [t for t in recover["tactics"] if t["id"] == "abandoned-cart-email-series"]
    assert not emails or emails[0]["in_roadmap"]
    assert recover["tactics"][0]["id"] != "abandoned-cart-email-series"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        advice_report(Objective(text=CART_SENTENCE), lang="de")
