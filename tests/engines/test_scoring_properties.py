"""Properties of the prioritisation scores, on generated inputs (bounded example counts): each score
grows with what should raise it and falls with what should lower it, stays within its bounds, and the
ranking is a stable order by score."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon.engines.scoring import (
    Criterion,
    IceInput,
    ImpactFeasibility,
    Quadrant,
    RiceInput,
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

bounded = settings(max_examples=80, deadline=None)

reach = st.floats(0, 1e6)
rice_impact = st.floats(0, 3)
fraction = st.floats(0, 1)
effort = st.floats(0.01, 1e3)
tenth = st.floats(1, 10)
fifth = st.floats(1, 5)
points = st.floats(0, 1e4)
size = st.floats(0.01, 1e4)


@bounded
@given(reach, rice_impact, fraction, effort, effort)
def test_rice_falls_as_effort_grows(people, impact, confidence, small, large) -> None:
    small, large = sorted((small, large))
    cheap = rice_score(RiceInput(people, impact, confidence, small))
    dear = rice_score(RiceInput(people, impact, confidence, large))
    assert cheap >= dear >= 0


@bounded
@given(reach, reach, rice_impact, fraction, effort)
def test_rice_grows_with_reach(low, high, impact, confidence, months) -> None:
    low, high = sorted((low, high))
    assert rice_score(RiceInput(low, impact, confidence, months)) <= rice_score(
        RiceInput(high, impact, confidence, months)
    )


@bounded
@given(tenth, tenth, tenth, tenth)
def test_ice_is_between_1_and_1000_and_grows_with_each_factor(impact, confidence, ease, more) -> None:
    score = ice_score(IceInput(impact, confidence, ease))
    assert 1 <= score <= 1000
    better = max(impact, more)
    assert ice_score(IceInput(better, confidence, ease)) >= score
    assert ice_score(IceInput(impact, confidence, max(ease, more))) >= score


@bounded
@given(points, points, points, size, size)
def test_wsjf_grows_with_the_cost_of_delay_and_falls_with_the_job_size(
    value, time, risk, small, large
) -> None:
    small, large = sorted((small, large))
    item = WsjfInput(value, time, risk, small)
    assert wsjf_score(item) == pytest.approx(item.cost_of_delay / small)
    assert wsjf_score(item) >= wsjf_score(WsjfInput(value, time, risk, large)) >= 0
    assert wsjf_score(WsjfInput(value + 1, time, risk, small)) > wsjf_score(item)


@bounded
@given(st.floats(-1e6, 1e6), st.floats(0, 1e6))
def test_cost_benefit_has_the_sign_of_the_value_and_a_free_gain_is_infinite(value, cost) -> None:
    ratio = cost_benefit_ratio(value_eur=value, cost_eur=cost)
    if cost == 0:
        assert ratio == (math.inf if value > 0 else 0.0)
    else:
        assert math.copysign(1, ratio) == math.copysign(1, value) or ratio == 0


@bounded
@given(fifth, fifth, st.floats(1, 5))
def test_impact_feasibility_quadrant_agrees_with_the_threshold(impact, feasibility, threshold) -> None:
    item = ImpactFeasibility(impact, feasibility)
    assert 1 <= impact_feasibility_score(item) <= 25
    cell = quadrant(item, threshold=threshold)
    assert (cell in (Quadrant.QUICK_WIN, Quadrant.MAJOR_PROJECT)) == (impact >= threshold)
    assert (cell in (Quadrant.QUICK_WIN, Quadrant.FILL_IN)) == (feasibility >= threshold)


criteria = st.lists(
    st.tuples(st.floats(0, 10), st.floats(-100, 100), st.floats(0.5, 100), st.booleans()),
    min_size=1,
    max_size=5,
).filter(lambda rows: sum(weight for weight, *_ in rows) > 0)


@bounded
@given(criteria, st.data())
def test_weighted_score_is_between_0_and_100_and_rises_when_a_value_improves(rows, data) -> None:
    defined = [
        Criterion(f"c{n}", weight, low, low + span, higher)
        for n, (weight, low, span, higher) in enumerate(rows)
    ]
    values = {c.name: data.draw(st.floats(c.scale_min, c.scale_max)) for c in defined}
    score = weighted_score(values, criteria=defined)
    assert -1e-9 <= score <= 100 + 1e-9
    first = defined[0]
    best = first.scale_max if first.higher_is_better else first.scale_min
    assert weighted_score({**values, first.name: best}, criteria=defined) >= score - 1e-9


@bounded
@given(st.lists(st.tuples(st.integers(0, 20), st.integers()), max_size=30))
def test_rank_orders_by_score_and_keeps_the_order_of_ties(items) -> None:
    ranked = rank(items, score=lambda item: item[0])
    assert sorted(ranked) == sorted(items)
    assert all(a[0] >= b[0] for a, b in pairwise(ranked))
    for score in {item[0] for item in items}:
        assert [i for i in ranked if i[0] == score] == [i for i in items if i[0] == score]
