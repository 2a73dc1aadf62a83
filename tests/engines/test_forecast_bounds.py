"""A KPI's range (a count never below 0, a rate in % within 0-100): the forecast never leaves it, the odds
of a target outside it are 0 or 1, and a KPI at zero all along gets no odds instead of a verdict."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalon.engines.forecast import (
    Bounds,
    Direction,
    InvalidSeriesError,
    Reason,
    Status,
    Target,
    forecast,
    forecast_values,
)

pytestmark = pytest.mark.engine
START = date(2026, 1, 5)
settle = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
counts = st.lists(st.integers(0, 60).map(float), min_size=5, max_size=40)
rates = st.lists(st.floats(0.0, 100.0), min_size=5, max_size=40)
COUNT = Bounds(0.0, None)
RATE = Bounds(0.0, 100.0)


def weekly(numbers: list[float]) -> list[tuple[date, float]]:
    return [(START + timedelta(weeks=k), v) for k, v in enumerate(numbers)]


def leads() -> list[tuple[date, float]]:
    """Ten weeks of a few leads, zeros among them: changes in units, an interval reaching below zero."""
    return weekly([3.0, 0.0, 5.0, 1.0, 0.0, 4.0, 2.0, 0.0, 6.0, 1.0])


@settle
@given(st.one_of(counts.map(lambda c: (c, COUNT)), rates.map(lambda r: (r, RATE))), st.integers(1, 30))
def test_the_interval_never_leaves_the_range_at_any_step(
    case: tuple[list[float], Bounds], horizon: int
) -> None:
    numbers, bounds = case
    result = forecast_values(numbers, season_length=1, horizon=horizon, bounds=bounds)
    for low, mid, high in zip(result.low, result.projection, result.high, strict=True):
        assert bounds.contains(low) and bounds.contains(mid) and bounds.contains(high)
        assert low <= mid <= high


@settle
@given(rates, st.integers(1, 24), st.lists(st.floats(-50.0, 150.0), min_size=2, max_size=8))
def test_odds_never_rise_when_the_target_rises_even_across_the_range_ends(
    numbers: list[float], horizon: int, targets: list[float]
) -> None:
    ordered = sorted(targets)
    up = forecast_values(numbers, season_length=1, horizon=horizon, thresholds=ordered, bounds=RATE)
    assert all(0.0 <= p <= 1.0 for p in up.probabilities)
    assert all(a >= b for a, b in pairwise(up.probabilities))
    down = forecast_values(
        numbers, season_length=1, horizon=horizon, thresholds=ordered, bounds=RATE,
        direction=Direction.DECREASE,
    )  # fmt: skip
    assert all(a <= b for a, b in pairwise(down.probabilities))


@settle
@given(rates, st.integers(1, 24), st.floats(0.001, 1e6))
def test_a_target_outside_the_range_has_odds_of_zero_or_one(
    numbers: list[float], horizon: int, beyond: float
) -> None:
    cuts = [-beyond, 0.0, 100.0 + beyond]
    up = forecast_values(numbers, season_length=1, horizon=horizon, thresholds=cuts, bounds=RATE)
    if up.status is Status.NO_MOVEMENT:  # zero all along: no odds at all, the rule of ``forecast``
        assert up.probabilities == () and numbers[-1] == 0.0
        return
    assert up.probabilities[0] == 1.0  # at least a negative rate: certain
    assert up.probabilities[1] == 1.0  # at least 0 %: certain
    assert up.probabilities[2] == 0.0  # above 100 %: impossible
    down = forecast_values(
        numbers, season_length=1, horizon=horizon, thresholds=cuts, bounds=RATE,
        direction=Direction.DECREASE,
    )  # fmt: skip
    assert down.probabilities[0] == 0.0
    assert down.probabilities[2] == 1.0


@settle
@given(st.lists(st.floats(1.0, 1e6), min_size=5, max_size=40), st.integers(1, 24), st.floats(1.0, 1e6))
def test_a_range_the_forecast_stays_inside_changes_nothing(
    numbers: list[float], horizon: int, target: float
) -> None:
    """Every value positive: changes in percent never reach zero, so a floor at zero cuts nothing (the M3
    benchmark, all positive, passes no range at all)."""
    plain = forecast_values(numbers, season_length=1, horizon=horizon, thresholds=[target])
    floored = forecast_values(numbers, season_length=1, horizon=horizon, thresholds=[target], bounds=COUNT)
    assert floored.projection == plain.projection
    assert floored.low == plain.low and floored.high == plain.high
    assert floored.probabilities == plain.probabilities


def test_a_count_s_interval_stops_at_zero_and_says_so() -> None:
    deadline = date(2026, 6, 30)
    plain = forecast(leads(), target=Target.at_least(3), deadline=deadline)
    counted = forecast(leads(), target=Target.at_least(3), deadline=deadline, bounds=COUNT)
    assert plain.low is not None and plain.low < 0  # the unbounded engine said « −6 to 7 leads »
    assert counted.low == 0.0
    assert counted.high == plain.high and counted.projection == plain.projection
    assert counted.probability == plain.probability  # a target inside the range keeps its odds
    assert all(step.low >= 0.0 for step in counted.path)
    assert counted.method is not None
    cut = [r for r in counted.method.reasons if r.code is Reason.RANGE_LOW]
    assert [r.value for r in cut] == [0.0]


def test_simulated_paths_stay_inside_the_range() -> None:
    deadline = date(2026, 6, 30)
    below = forecast(leads(), target=Target.at_most(-1), deadline=deadline, bounds=COUNT)
    assert below.probability == 0.0 and below.path_probability == 0.0
    floor = forecast(leads(), target=Target.at_least(0), deadline=deadline, bounds=COUNT)
    assert floor.probability == 1.0 and floor.path_probability == 1.0
    unbounded = forecast(leads(), target=Target.at_most(-1), deadline=deadline)
    assert (unbounded.path_probability or 0.0) > 0.3  # without the range, most paths went negative


def test_a_band_covering_the_whole_range_is_certain() -> None:
    result = forecast(leads(), target=Target.between(-5, 1e6), deadline=date(2026, 6, 30), bounds=COUNT)
    assert result.probability == 1.0
    assert result.path_probability == 1.0


def test_the_same_data_and_seed_give_the_same_bounded_answer() -> None:
    runs = [
        forecast(leads(), target=Target.at_least(4), deadline=date(2026, 6, 30), bounds=COUNT, seed=7)
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_a_rate_s_interval_stops_at_one_hundred_percent() -> None:
    history = weekly([97.0, 100.0, 92.0, 99.0, 100.0, 95.0, 100.0, 98.0])
    plain = forecast(history, target=Target.at_least(99), deadline=date(2026, 9, 30))
    rate = forecast(history, target=Target.at_least(99), deadline=date(2026, 9, 30), bounds=RATE)
    assert plain.high is not None and plain.high > 100
    assert rate.high == 100.0
    assert rate.method is not None
    assert Reason.RANGE_HIGH in {r.code for r in rate.method.reasons}


def test_a_kpi_at_zero_all_along_gets_no_odds_but_the_pace_it_needs() -> None:
    history = weekly([0.0] * 8)
    result = forecast(history, target=Target.at_least(50), deadline=date(2026, 6, 30), bounds=COUNT)
    assert result.status is Status.NO_MOVEMENT
    assert result.probability is None and result.path_probability is None
    assert result.low is None and result.path == ()
    assert result.pace is not None and result.pace.required_per_month > 0
    assert result.pace.observed_per_month == 0.0
    assert result.method is not None
    assert Reason.NO_MOVEMENT in {r.code for r in result.method.reasons}


def test_a_measurement_outside_the_range_is_refused() -> None:
    with pytest.raises(InvalidSeriesError, match="outside the range"):
        forecast(weekly([3.0, -1.0, 2.0, 4.0, 5.0]), target=Target.at_least(3), deadline=date(2026, 6, 30),
                 bounds=COUNT)  # fmt: skip
    with pytest.raises(InvalidSeriesError, match="outside the range"):
        forecast_values([50.0, 101.0, 60.0, 70.0, 80.0], season_length=1, horizon=3, bounds=RATE)


@pytest.mark.parametrize("bounds", [Bounds(5.0, 5.0), Bounds(10.0, 0.0), Bounds(float("nan"), None)])
def test_a_range_that_is_empty_or_not_a_number_is_refused(bounds: Bounds) -> None:
    with pytest.raises(InvalidSeriesError, match="range"):
        forecast_values([1.0, 2.0, 3.0, 4.0, 5.0], season_length=1, horizon=3, bounds=bounds)
