"""A KPI that has not moved is not certain to stay put: odds strictly between 0 and 1, an interval."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalon.engines.forecast import Reason, Target, forecast, forecast_values
from jalon.engines.forecast_calibration import FLAT_STEP_SCALE

pytestmark = pytest.mark.engine
START = date(2026, 1, 5)
settle = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Zero all along gives no odds at all (test_forecast_bounds.py); below zero, changes are in units.
levels = st.one_of(st.floats(min_value=1e-6, max_value=1e9), st.floats(min_value=-1e9, max_value=-1e-6))
# A target that differs from the level by 0.1 % to 10 % of its size.
moves = st.one_of(st.floats(0.001, 0.1), st.floats(-0.1, -0.001))


def flat(level: float, count: int, gap_days: int = 7) -> list[tuple[date, float]]:
    return [(START + timedelta(days=gap_days * k), level) for k in range(count)]


def aside(level: float, move: float) -> float:
    return level + move * (abs(level) or 1.0)


@settle
@given(levels, moves, st.integers(5, 40), st.integers(4, 52))
def test_a_flat_series_gets_odds_strictly_between_zero_and_one(
    level: float, move: float, count: int, weeks_ahead: int
) -> None:
    history = flat(level, count)
    deadline = history[-1][0] + timedelta(weeks=weeks_ahead)
    for target in (Target.at_least(aside(level, move)), Target.at_most(aside(level, move))):
        result = forecast(history, target=target, deadline=deadline)
        assert result.probability is not None
        assert 0.0 < result.probability < 1.0
        assert result.low is not None and result.high is not None
        assert result.low < level < result.high


@settle
@given(levels, st.lists(moves, min_size=2, max_size=6), st.integers(5, 40), st.integers(1, 30))
def test_a_flat_series_odds_never_rise_when_the_target_rises(
    level: float, some: list[float], count: int, horizon: int
) -> None:
    targets = sorted(aside(level, move) for move in some)
    result = forecast_values([level] * count, season_length=1, horizon=horizon, thresholds=targets)
    assert all(a >= b for a, b in pairwise(result.probabilities))
    assert all(0.0 < p < 1.0 for p in result.probabilities)


def test_a_flat_series_is_projected_at_its_level_with_the_usual_weekly_spread() -> None:
    history = flat(1200.0, 8)
    result = forecast(history, target=Target.at_least(1210), deadline=date(2026, 6, 30))
    assert result.projection == pytest.approx(1200.0)
    assert result.low is not None and result.high is not None
    # 25 weeks ahead: the usual weekly step (0.94 %) grown like a random walk, about 8 % either side.
    assert 1080 < result.low < 1120 and 1280 < result.high < 1320
    assert 0.3 < (result.probability or 0.0) < 0.5  # a little above the level: less than even odds
    assert result.method is not None
    assert Reason.NO_MOVEMENT in {reason.code for reason in result.method.reasons}


def test_a_series_that_moved_keeps_its_own_spread() -> None:
    history = [(day, 1200.0 + (k % 2) * 5) for k, (day, _value) in enumerate(flat(0.0, 8))]
    result = forecast(history, target=Target.at_least(1210), deadline=date(2026, 6, 30))
    assert result.method is not None
    assert Reason.NO_MOVEMENT not in {reason.code for reason in result.method.reasons}


def test_the_usual_spread_is_wider_for_yearly_than_for_weekly_kpis() -> None:
    assert FLAT_STEP_SCALE["other"] < FLAT_STEP_SCALE["quarterly"] < FLAT_STEP_SCALE["yearly"]


def test_equally_spaced_values_at_zero_all_along_get_no_odds_like_dated_ones() -> None:
    """One rule for both entries (``forecast`` and ``forecast_values``): zero all along gives no odds."""
    from jalon.engines.status import Status

    dated = forecast(flat(0.0, 8), target=Target.at_least(50.0), deadline=START + timedelta(weeks=20))
    spaced = forecast_values([0.0] * 8, season_length=52, horizon=12, thresholds=[50.0])
    assert dated.status is spaced.status is Status.NO_MOVEMENT
    assert dated.probability is None and spaced.probabilities == ()
    moved = forecast_values([0.0] * 7 + [1.0], season_length=52, horizon=12, thresholds=[50.0])
    assert moved.status is Status.FORECAST and len(moved.probabilities) == 1
