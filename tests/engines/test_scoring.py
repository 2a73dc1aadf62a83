"""The prioritisation scores: each formula, its scale checks, the 2×2 quadrants and the custom score."""

from __future__ import annotations

import math

import pytest

from jalon.engines.scoring import (
    Criterion,
    IceInput,
    ImpactFeasibility,
    Quadrant,
    RiceInput,
    ScoringError,
    WsjfInput,
    cost_benefit_ratio,
    ice_score,
    impact_feasibility_score,
    quadrant,
    rank,
    rice_score,
    weighted_score,
    wsjf_score,
)


def test_rice_is_reach_times_impact_times_confidence_over_effort() -> None:
    item = RiceInput(reach_per_quarter=2000, impact=2, confidence=0.8, effort_person_months=4)
    assert rice_score(item) == pytest.approx(800.0)


def test_rice_refuses_zero_effort_and_confidence_above_one() -> None:
    with pytest.raises(ScoringError):
        RiceInput(reach_per_quarter=10, impact=1, confidence=0.5, effort_person_months=0)
    with pytest.raises(ScoringError):
        RiceInput(reach_per_quarter=10, impact=1, confidence=1.5, effort_person_months=1)


def test_ice_is_the_product_so_one_weak_criterion_sinks_it() -> None:
    assert ice_score(IceInput(impact=8, confidence=5, ease=10)) == 400
    assert ice_score(IceInput(impact=10, confidence=10, ease=1)) < ice_score(
        IceInput(impact=5, confidence=5, ease=5)
    )


def test_ice_refuses_values_off_the_one_to_ten_scale() -> None:
    with pytest.raises(ScoringError):
        IceInput(impact=0, confidence=5, ease=5)


def test_wsjf_divides_cost_of_delay_by_job_size() -> None:
    item = WsjfInput(business_value=8, time_criticality=5, risk_reduction=2, job_size=3)
    assert item.cost_of_delay == 15
    assert wsjf_score(item) == pytest.approx(5.0)


def test_cost_benefit_is_value_per_euro_and_free_valuable_work_ranks_first() -> None:
    assert cost_benefit_ratio(value_eur=30_000, cost_eur=12_000) == pytest.approx(2.5)
    assert cost_benefit_ratio(value_eur=1, cost_eur=0) == math.inf
    assert cost_benefit_ratio(value_eur=0, cost_eur=0) == 0.0
    with pytest.raises(ScoringError):
        cost_benefit_ratio(value_eur=1, cost_eur=-1)


@pytest.mark.parametrize(
    ("impact", "feasibility", "expected"),
    [
        (5, 5, Quadrant.QUICK_WIN),
        (5, 1, Quadrant.MAJOR_PROJECT),
        (1, 5, Quadrant.FILL_IN),
        (1, 1, Quadrant.MONEY_PIT),
        (3, 3, Quadrant.QUICK_WIN),
        (2.9, 3, Quadrant.FILL_IN),
    ],
)
def test_quadrant_places_each_corner_and_counts_the_threshold_as_high(
    impact: float, feasibility: float, expected: Quadrant
) -> None:
    assert quadrant(ImpactFeasibility(impact=impact, feasibility=feasibility)) is expected


def test_impact_times_feasibility_multiplies_both_axes() -> None:
    assert impact_feasibility_score(ImpactFeasibility(impact=4, feasibility=2.5)) == 10


def test_weighted_score_normalises_each_scale_and_reverses_lower_is_better() -> None:
    criteria = [
        Criterion("reach", weight=3, scale_min=0, scale_max=10),
        Criterion("risk", weight=1, scale_min=1, scale_max=5, higher_is_better=False),
    ]
    assert weighted_score({"reach": 10, "risk": 1}, criteria=criteria) == pytest.approx(100.0)
    assert weighted_score({"reach": 0, "risk": 5}, criteria=criteria) == pytest.approx(0.0)
    assert weighted_score({"reach": 5, "risk": 3}, criteria=criteria) == pytest.approx(50.0)
    assert weighted_score({"reach": 10, "risk": 5}, criteria=criteria) == pytest.approx(75.0)


def test_weighted_score_names_missing_and_unknown_criteria() -> None:
    criteria = [Criterion("reach", weight=1)]
    with pytest.raises(ScoringError, match="missing values for: reach"):
        weighted_score({}, criteria=criteria)
    with pytest.raises(ScoringError, match="unknown criteria: cost"):
        weighted_score({"reach": 1, "cost": 2}, criteria=criteria)
    with pytest.raises(ScoringError):
        weighted_score({"reach": 11}, criteria=criteria)


def test_weighted_score_needs_a_positive_total_weight() -> None:
    with pytest.raises(ScoringError):
        weighted_score({"reach": 1}, criteria=[Criterion("reach", weight=0)])


def test_rank_puts_the_best_first_and_keeps_backlog_order_on_ties() -> None:
    backlog = [("a", 1.0), ("b", 3.0), ("c", 1.0), ("d", 2.0)]
    assert [name for name, _ in rank(backlog, score=lambda item: item[1])] == ["b", "d", "a", "c"]
