"""The forecast engine on plain series a marketing team would recognise."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import pytest

from jalon.engines.forecast import (
    InvalidSeriesError,
    Reason,
    Result,
    Status,
    Step,
    Target,
    combine_odds,
    forecast,
    forecast_values,
)
from jalon.engines.forecast_dates import regularise
from jalon.engines.forecast_paths import uniform_paths

pytestmark = pytest.mark.engine


def monthly(values: Sequence[float], start: date = date(2023, 1, 15)) -> list[tuple[date, float]]:
    out = []
    for k, value in enumerate(values):
        index = start.month - 1 + k
        out.append((date(start.year + index // 12, index % 12 + 1, start.day), value))
    return out


def codes(result: Result) -> set[Reason]:
    assert result.method is not None
    return {reason.code for reason in result.method.reasons}


def test_a_steady_climb_is_projected_upwards_with_odds_that_fall_as_the_target_rises() -> None:
    history = monthly([1000 + 40 * k + (15 if k % 2 else -15) for k in range(24)])
    deadline = date(2025, 6, 30)
    near = forecast(history, target=Target.at_least(1900), deadline=deadline)
    far = forecast(history, target=Target.at_least(3000), deadline=deadline)
    assert near.status is Status.FORECAST and near.projection is not None and near.low and near.high
    assert near.projection > history[-1][1]
    assert near.low < near.projection < near.high
    assert near.probability is not None and far.probability is not None
    assert near.probability > 0.5 > far.probability
    assert Reason.TREND_UP in codes(near) and Reason.PROPORTIONAL in codes(near)
    assert near.path[-1].date == date(2025, 6, 15) and near.method and near.method.step is Step.MONTH


def test_a_decrease_target_below_a_falling_kpi_is_likely() -> None:
    history = monthly([8.0 - 0.1 * k for k in range(18)])
    result = forecast(history, target=Target.at_most(7.0), deadline=date(2024, 12, 31))
    assert result.probability is not None and result.probability > 0.6
    assert Reason.TREND_DOWN in codes(result)


def test_two_seasons_of_a_seasonal_kpi_are_deseasonalised_one_season_is_not() -> None:
    pattern = [100, 90, 120, 150, 170, 160, 130, 110, 95, 105, 140, 200]
    long = forecast(monthly(pattern * 3), target=Target.at_least(150), deadline=date(2026, 7, 31))
    short = forecast(monthly(pattern), target=Target.at_least(150), deadline=date(2024, 7, 31))
    assert Reason.SEASONAL in codes(long) and long.method and long.method.seasonal
    assert Reason.SEASONALITY_SHORT in codes(short)
    # The projection follows the season: May is high in the pattern, February low.
    may = next(step for step in long.path if step.date.month == 5)
    february = next(step for step in long.path if step.date.month == 2)
    assert may.projection > 1.5 * february.projection


def test_a_level_shift_is_found_and_only_the_new_level_is_used() -> None:
    values = [100 + (k % 3) for k in range(12)] + [200 + (k % 3) for k in range(12)]
    result = forecast(monthly(values), target=Target.at_least(180), deadline=date(2025, 6, 30))
    assert Reason.LEVEL_SHIFT in codes(result)
    assert result.projection is not None and 185 < result.projection < 215
    assert result.probability is not None and result.probability > 0.8


def test_fewer_than_five_measurements_give_the_pace_required_and_no_odds() -> None:
    history = [(date(2026, 1, 1), 40.0), (date(2026, 3, 2), 42.0), (date(2026, 5, 1), 44.0)]
    result = forecast(history, target=Target.at_least(50.0), deadline=date(2026, 11, 1))
    assert result.status is Status.NOT_ENOUGH_DATA
    assert result.probability is None and result.projection is None and result.method is None
    pace = result.pace
    assert pace is not None and pace.last_value == 44.0
    months_left = (date(2026, 11, 1) - date(2026, 5, 1)).days / (365.25 / 12)
    assert pace.required_per_month == pytest.approx(6.0 / months_left)
    assert pace.observed_per_month == pytest.approx(
        4.0 / ((date(2026, 5, 1) - date(2026, 1, 1)).days / (365.25 / 12))
    )
    assert pace.observed_per_month is not None
    assert pace.at_observed_pace == pytest.approx(44.0 + pace.observed_per_month * months_left)


def test_irregular_dates_are_put_on_a_monthly_grid_and_gaps_are_interpolated() -> None:
    days = [date(2025, 1, 3), date(2025, 2, 20), date(2025, 3, 11), date(2025, 5, 30), date(2025, 6, 2),
            date(2025, 7, 28), date(2025, 8, 8), date(2025, 9, 30)]  # fmt: skip
    history = [(day, 10.0 + k) for k, day in enumerate(days)]
    grid = regularise(history)
    assert grid.step is Step.MONTH and grid.filled == 1  # April is missing
    assert list(grid.values) == [10.0, 11.0, 12.0, 12.5, 13.0, 14.0, 15.0, 16.0, 17.0]
    result = forecast(history, target=Target.at_least(20.0), deadline=date(2026, 1, 31))
    assert result.status is Status.FORECAST and Reason.GAPS_FILLED in codes(result)


def test_a_kpi_with_negative_values_is_modelled_in_units() -> None:
    history = monthly([-5.0, -2.0, 0.0, 3.0, 4.0, 7.0, 9.0, 12.0])
    result = forecast(history, target=Target.at_least(10.0), deadline=date(2024, 1, 31))
    assert Reason.ADDITIVE in codes(result)
    assert result.method is not None and not result.method.proportional


def test_a_result_survives_a_trip_through_json() -> None:
    history = monthly([50 + 2 * k + (k % 4) for k in range(30)])
    result = forecast(history, target=Target.between(100, 120), deadline=date(2026, 3, 31), seed=7)
    back = Result.from_json(json.loads(json.dumps(result.as_json())))
    assert back == result
    assert back.path_probability is not None and 0.0 <= back.path_probability <= 1.0


@pytest.mark.parametrize(
    ("history", "deadline", "target"),
    [
        ([], date(2027, 1, 1), Target.at_least(1.0)),
        ([(date(2026, 1, 1), math.nan)], date(2027, 1, 1), Target.at_least(1.0)),
        ([(date(2026, 1, 1), 1.0)], date(2025, 1, 1), Target.at_least(1.0)),
        ([(date(2026, 1, 1), 1.0)], date(2027, 1, 1), Target.between(5.0, 2.0)),
        ([(date(2026, 1, 1), 1.0)], date(2027, 1, 1), Target.at_least(math.inf)),
    ],
)
def test_unusable_input_is_refused_with_a_clear_error(
    history: list[tuple[date, float]], deadline: date, target: Target
) -> None:
    with pytest.raises(InvalidSeriesError):
        forecast(history, target=target, deadline=deadline)


def test_eighty_percent_intervals_hold_about_eighty_percent_of_a_noisy_growth_future() -> None:
    rng = np.random.default_rng(3)
    inside = total = 0
    steps = np.arange(46)
    for _ in range(200):
        path = 100 * np.exp(0.01 * steps + rng.normal(0.0, 0.05, 46))
        result = forecast_values(path[:40].tolist(), season_length=12, horizon=6, frequency="monthly")
        future = path[40:]
        inside += int(np.sum((future >= np.array(result.low)) & (future <= np.array(result.high))))
        total += len(future)
    assert 0.7 <= inside / total <= 0.9


def test_combined_odds_follow_the_stated_assumption() -> None:
    assert combine_odds([0.8, 0.5], correlation=0.0).probability == pytest.approx(0.4)
    assert combine_odds([0.8, 0.5], correlation=1.0).probability == pytest.approx(0.5)
    middle = combine_odds([0.8, 0.5], correlation=0.5, seed=1)
    assert 0.4 < middle.probability < 0.5
    assert combine_odds([0.3]).probability == pytest.approx(0.3)
    assert combine_odds([]).probability == 1.0
    with pytest.raises(ValueError):
        combine_odds([0.5, 0.5], correlation=1.5)


def test_simulated_paths_keep_each_step_uniform_and_tie_the_steps_together() -> None:
    uniforms = uniform_paths(20_000, 6, seed=5)
    assert uniforms.shape == (20_000, 6)
    assert np.allclose(uniforms.mean(axis=0), 0.5, atol=0.01)
    assert np.corrcoef(uniforms[:, 4], uniforms[:, 5])[0, 1] > 0.8


def test_a_far_deadline_on_weekly_data_is_counted_in_weeks() -> None:
    start = date(2025, 1, 6)
    history = [(start + timedelta(weeks=k), 500.0 + 3 * k + (k % 5)) for k in range(30)]
    result = forecast(history, target=Target.at_least(700.0), deadline=start + timedelta(weeks=60))
    assert result.method is not None and result.method.step is Step.WEEK
    assert len(result.path) == 31 and result.path[-1].date == start + timedelta(weeks=60)


def test_only_the_simulated_figure_depends_on_the_seed() -> None:
    history = monthly([300 + 5 * k + (k % 3) * 4 for k in range(20)])
    first = forecast(history, target=Target.at_least(420), deadline=date(2025, 12, 31), seed=1, paths=4000)
    second = forecast(history, target=Target.at_least(420), deadline=date(2025, 12, 31), seed=2, paths=4000)
    assert first.probability == second.probability and first.path == second.path
    assert first.path_probability != second.path_probability
    # Touching the target once is at least as likely as being above it on the deadline (up to sampling).
    assert first.path_probability is not None and first.probability is not None
    assert first.path_probability >= first.probability - 0.03


def test_daily_data_with_a_deadline_years_away_is_forecast_week_by_week() -> None:
    start = date(2024, 1, 1)
    history = [(start + timedelta(days=k), 50.0 + 0.01 * k + (k % 7)) for k in range(400)]
    result = forecast(history, target=Target.at_least(60.0), deadline=date(2030, 6, 30))
    assert result.method is not None and result.method.step is Step.WEEK
    assert abs((result.path[-1].date - date(2030, 6, 30)).days) <= 3
