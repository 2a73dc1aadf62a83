"""Properties of the forecast engine, on any series hypothesis can think of."""

from __future__ import annotations

import math
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalon.engines.forecast import Direction, Status, Target, combine_odds, forecast, forecast_values

pytestmark = pytest.mark.engine
START = date(2024, 1, 1)

values = st.lists(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False), min_size=5, max_size=40
)
positive_values = st.lists(st.floats(min_value=1e-9, max_value=1e12), min_size=5, max_size=40)
series = st.one_of(values, positive_values)
settle = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def measurements(numbers: list[float], gap_days: int = 30) -> list[tuple[date, float]]:
    return [(START + timedelta(days=gap_days * k), v) for k, v in enumerate(numbers)]


@settle
@given(series, st.integers(1, 12), st.sampled_from([1, 4, 12]), st.lists(st.floats(-2e6, 2e6), min_size=2))
def test_probability_never_rises_when_the_target_rises(
    numbers: list[float], horizon: int, season: int, targets: list[float]
) -> None:
    ordered = sorted(targets)
    result = forecast_values(numbers, season_length=season, horizon=horizon, thresholds=ordered)
    chances = result.probabilities
    assert all(0.0 <= p <= 1.0 for p in chances)
    assert all(a >= b - 1e-12 for a, b in pairwise(chances))


@settle
@given(series, st.integers(1, 12), st.floats(-2e6, 2e6))
def test_decrease_odds_are_the_complement_of_increase_odds(
    numbers: list[float], horizon: int, target: float
) -> None:
    up = forecast_values(numbers, season_length=1, horizon=horizon, thresholds=[target])
    down = forecast_values(
        numbers, season_length=1, horizon=horizon, thresholds=[target], direction=Direction.DECREASE
    )
    assert up.projection == down.projection
    if up.status is Status.NO_MOVEMENT:  # zero all along: no odds either way, the rule of ``forecast``
        assert up.probabilities == down.probabilities == () and numbers[-1] == 0.0
        return
    assert up.probabilities[0] + down.probabilities[0] == pytest.approx(1.0, abs=1e-12)


@settle
@given(series, st.integers(1, 24), st.sampled_from([1, 4, 12]), st.floats(0.5, 0.98))
def test_every_interval_holds_the_projection(
    numbers: list[float], horizon: int, season: int, level: float
) -> None:
    result = forecast_values(numbers, season_length=season, horizon=horizon, level=level)
    for low, middle, high in zip(result.low, result.projection, result.high, strict=True):
        assert low <= middle <= high
        assert all(math.isfinite(v) for v in (low, middle, high))


@settle
@given(series, st.integers(0, 2**31), st.floats(-2e6, 2e6))
def test_the_same_seed_gives_the_same_result(numbers: list[float], seed: int, target: float) -> None:
    observations = measurements(numbers)
    deadline = observations[-1][0] + timedelta(days=200)
    first = forecast(observations, target=Target.at_least(target), deadline=deadline, seed=seed, paths=2000)
    again = forecast(observations, target=Target.at_least(target), deadline=deadline, seed=seed, paths=2000)
    assert first == again


@settle
@given(series, st.floats(-2e6, 2e6), st.floats(0, 1e6))
def test_a_band_is_the_odds_of_its_high_end_minus_those_of_its_low_end(
    numbers: list[float], low: float, width: float
) -> None:
    observations = measurements(numbers)
    deadline = observations[-1][0] + timedelta(days=150)
    band = forecast(observations, target=Target.between(low, low + width), deadline=deadline, paths=500)
    above_low = forecast(observations, target=Target.at_least(low), deadline=deadline, paths=500)
    above_high = forecast(observations, target=Target.at_least(low + width), deadline=deadline, paths=500)
    if band.status is Status.NO_MOVEMENT:  # zero all along: no odds for any target (test_forecast_bounds)
        assert {band.probability, above_low.probability, above_high.probability} == {None}
        return
    assert band.probability is not None and above_low.probability is not None
    assert above_high.probability is not None
    assert band.probability == pytest.approx(
        max(0.0, above_low.probability - above_high.probability), abs=1e-9
    )
    assert 0.0 <= band.probability <= 1.0
    # The whole-path figure can only be harder than being inside on the deadline alone (up to sampling).
    assert band.path_probability is not None and band.path_probability <= band.probability + 0.1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=6), st.floats(0, 1), st.integers(0, 1000))
def test_combined_odds_lie_between_the_bounds_every_dependence_allows(
    chances: list[float], correlation: float, seed: int
) -> None:
    odds = combine_odds(chances, correlation=correlation, samples=5000, seed=seed)
    assert odds.lowest - 1e-12 <= odds.probability <= odds.highest + 1e-12
    assert odds.lowest <= odds.independent + 1e-12 <= odds.highest + 2e-12
    assert odds == combine_odds(chances, correlation=correlation, samples=5000, seed=seed)
