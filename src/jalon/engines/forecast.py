"""KPI history -> projection at the deadline, an interval, and the odds of reaching the target.

``forecast(observations, target=..., deadline=..., seed=...)`` takes dated measurements (irregular dates
allowed), puts them on an equally spaced grid (``forecast_dates``), fits the combination of simple
exponential smoothing, a damped trend and Theta (``forecast_methods``), and reads calibrated quantiles
and probabilities off it (``forecast_calibration``: constants fitted on the training parts of the M3
competition). It says which method it used and why (proportional or additive changes, seasonality,
trend, level shift). Below ``MIN_POINTS`` measurements it gives no odds, only the pace the target needs
beside the pace seen so far, and so does a KPI whose every measurement used is zero (``NO_MOVEMENT``:
nothing to estimate a spread from). Given ``bounds`` (the values the KPI can take: 0 for a count, 0-100
for a rate in %), the forecast is censored to them: the interval, the odds and the simulated paths
never leave the range, and a target outside it has odds of 0 or 1. ``forecast_values`` is the same
engine on equally spaced values (the command line's batch mode and the benchmark), with the same rule for
a series at zero all along (no odds). ``combine_odds``
gives an objective's odds from its KPIs'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from jalon.engines import forecast_model
from jalon.engines.forecast_calibration import (
    CalibrationClass,
    calibration_class,
    exceedance,
    quantiles,
    scales,
    standard_table,
)
from jalon.engines.forecast_constants import LEVELS
from jalon.engines.forecast_dates import SEASON_LENGTH, Grid, Step, regularise, step_dates, steps_to
from jalon.engines.forecast_methods import CoreFit, fit_core
from jalon.engines.forecast_model import *  # noqa: F403 (the data types are this module's API too)
from jalon.engines.forecast_model import (
    Bounds,
    Direction,
    Explanation,
    InvalidSeriesError,
    Method,
    Pace,
    Reason,
    Result,
    Status,
    StepForecast,
    Target,
)
from jalon.engines.forecast_paths import CombinedOdds, combine_odds, uniform_paths
from jalon.engines.limits import NUMBER_LIMIT

__all__ = [
    *forecast_model.__all__,
    "MIN_POINTS",
    "CombinedOdds",
    "SeriesForecast",
    "Step",
    "combine_odds",
    "forecast",
    "forecast_values",
]

Array = NDArray[np.float64]
MIN_POINTS = 5
MAX_ABS_VALUE = NUMBER_LIMIT  # beyond it a value is a typing error, and squares of it would overflow
MAX_RESULT = 1e300
MAX_HORIZON = 1000
DEFAULT_PATHS = 20_000
MIN_PATHS = 1_000
MAX_PATH_STEPS = 1_000_000
DAYS_PER_MONTH = 365.25 / 12
# A trend is named only when it is significant (|t| > 2) and moved the KPI by more than 2 % over its history.
MATERIAL_TREND = 0.02
_CLASS_OF_STEP = {
    Step.YEAR: CalibrationClass.YEARLY,
    Step.QUARTER: CalibrationClass.QUARTERLY,
    Step.MONTH: CalibrationClass.MONTHLY,
    Step.WEEK: CalibrationClass.OTHER,
    Step.DAY: CalibrationClass.OTHER,
}


@dataclass(frozen=True)
class SeriesForecast:
    """Equally spaced forecast: the central projection (median) and the interval at every step, and
    P(value at the last step >= threshold) per threshold (<= for a decrease)."""

    projection: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    probabilities: tuple[float, ...]
    fit: CoreFit
    calibration: CalibrationClass
    # FORECAST, or NO_MOVEMENT (zero all along: no odds, ``probabilities`` empty), as ``forecast`` says it
    status: Status = Status.FORECAST


def _check_level(level: float) -> None:
    if not 0.0 < level < 1.0:
        raise InvalidSeriesError("the interval level must be between 0 and 1")


def _to_working(fit: CoreFit, values: Array) -> Array:
    if not fit.log_scale:
        return values
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(values > 0, np.log(np.where(values > 0, values, 1.0)), -np.inf)


def _from_working(fit: CoreFit, values: Array) -> Array:
    """Back to the KPI's units; wildly erratic positive series could overflow, so results stay finite."""
    if not fit.log_scale:
        return values
    with np.errstate(over="ignore"):
        return np.minimum(np.exp(values), MAX_RESULT)


def _interval(fit: CoreFit, kind: CalibrationClass, level: float) -> Array:
    levels = np.array([0.5, (1 - level) / 2, (1 + level) / 2])
    return _from_working(fit, quantiles(fit, kind, levels))


def _censored(values: Array, bounds: Bounds | None) -> Array:
    """Values moved inside the range (a quantile of the censored distribution is the clipped quantile)."""
    if bounds is None:
        return values
    low = -np.inf if bounds.low is None else bounds.low
    high = np.inf if bounds.high is None else bounds.high
    return np.clip(values, low, high)


def _at_least(fit: CoreFit, kind: CalibrationClass, step: int, cuts: Array, bounds: Bounds | None) -> Array:
    """P(value at ``step`` >= each cut): certain at or below the range's low end, nil above its high end."""
    chances = exceedance(fit, kind, step, _to_working(fit, cuts))
    if bounds is not None and bounds.low is not None:
        chances = np.where(cuts <= bounds.low, 1.0, chances)
    if bounds is not None and bounds.high is not None:
        chances = np.where(cuts > bounds.high, 0.0, chances)
    return chances


def _above(fit: CoreFit, kind: CalibrationClass, step: int, cuts: Array, bounds: Bounds | None) -> Array:
    """P(value at ``step`` > each cut): certain below the range's low end, nil at or above its high end."""
    chances = exceedance(fit, kind, step, _to_working(fit, cuts))
    if bounds is not None and bounds.low is not None:
        chances = np.where(cuts < bounds.low, 1.0, chances)
    if bounds is not None and bounds.high is not None:
        chances = np.where(cuts >= bounds.high, 0.0, chances)
    return chances


def _check_bounds(series: Array, bounds: Bounds | None) -> None:
    if bounds is None:
        return
    bounds.check()
    if not all(bounds.contains(float(v)) for v in series):
        raise InvalidSeriesError("a measurement lies outside the range of possible values")


def forecast_values(
    values: Sequence[float],
    *,
    season_length: int,
    horizon: int,
    level: float = 0.8,
    thresholds: Sequence[float] = (),
    direction: Direction = Direction.INCREASE,
    frequency: str | None = None,
    bounds: Bounds | None = None,
) -> SeriesForecast:
    """Forecast ``horizon`` steps of equally spaced ``values`` (at least ``MIN_POINTS``, all finite),
    censored to ``bounds`` when given (every value must lie inside them)."""
    series = np.asarray(values, dtype=np.float64)
    if series.ndim != 1 or len(series) < MIN_POINTS or not np.all(np.abs(series) <= MAX_ABS_VALUE):
        raise InvalidSeriesError(f"need at least {MIN_POINTS} finite values of at most {MAX_ABS_VALUE:g}")
    if not 1 <= horizon <= MAX_HORIZON or season_length < 1:
        raise InvalidSeriesError("horizon or season length out of range")
    if direction is Direction.BAND:
        raise InvalidSeriesError("equally spaced forecasts take thresholds, not a band")
    _check_level(level)
    _check_bounds(series, bounds)
    fit = fit_core(series, season_length=season_length, horizon=horizon)
    kind = calibration_class(season_length, frequency)
    interval = _censored(_interval(fit, kind, level), bounds)
    cuts = np.asarray(thresholds, dtype=np.float64)
    if not np.all(np.isfinite(cuts)):
        raise InvalidSeriesError("thresholds must be finite numbers")
    status = Status.NO_MOVEMENT if _zero_all_along(fit) else Status.FORECAST
    if not cuts.size or status is Status.NO_MOVEMENT:
        chances = np.zeros(0)
    elif direction is Direction.INCREASE:
        chances = _at_least(fit, kind, horizon - 1, cuts, bounds)
    else:
        chances = 1.0 - _above(fit, kind, horizon - 1, cuts, bounds)
    return SeriesForecast(
        projection=tuple(float(v) for v in interval[:, 0]),
        low=tuple(float(v) for v in interval[:, 1]),
        high=tuple(float(v) for v in interval[:, 2]),
        probabilities=tuple(float(p) for p in chances),
        fit=fit,
        calibration=kind,
        status=status,
    )


def _zero_all_along(fit: CoreFit) -> bool:
    """Zero all along (a channel not launched yet): a spread of "one unit" would give odds of 0 % to any
    target far above, a verdict the history cannot support; the pace says what the target needs."""
    return fit.flat and not fit.log_scale and fit.last_level == 0.0


def _months(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_MONTH


def _pace(observations: Sequence[tuple[date, float]], target: Target, deadline: date) -> Pace:
    first_date, first_value = observations[0]
    last_date, last_value = observations[-1]
    ahead = max(_months(last_date, deadline), 1 / DAYS_PER_MONTH)
    if target.direction is Direction.BAND:
        low, high = float(target.low or 0.0), float(target.high or 0.0)
        aim = min(max(last_value, low), high)
    else:
        aim = float(target.value or 0.0)
    observed = None
    at_pace = None
    if last_date > first_date:
        observed = (last_value - first_value) / _months(first_date, last_date)
        at_pace = last_value + observed * ahead
    return Pace(last_value, last_date, (aim - last_value) / ahead, observed, at_pace)


def _probability(
    fit: CoreFit, kind: CalibrationClass, step: int, target: Target, bounds: Bounds | None
) -> float:
    if target.direction is Direction.BAND:
        low = _at_least(fit, kind, step, np.array([target.low], dtype=np.float64), bounds)
        high = _above(fit, kind, step, np.array([target.high], dtype=np.float64), bounds)
        return float(max(0.0, low[0] - high[0]))
    cut = np.array([target.value], dtype=np.float64)
    if target.direction is Direction.INCREASE:
        return float(_at_least(fit, kind, step, cut, bounds)[0])
    return float(1.0 - _above(fit, kind, step, cut, bounds)[0])


def _path_probability(
    fit: CoreFit, kind: CalibrationClass, target: Target, paths: int, seed: int, bounds: Bounds | None
) -> float:
    horizon = len(fit.point)
    # Far deadlines on daily data: keep the simulation near a million path-steps (a fraction of a second).
    paths = max(MIN_PATHS, min(paths, MAX_PATH_STEPS // horizon))
    uniforms = uniform_paths(paths, horizon, seed=seed)
    standard = np.interp(uniforms, np.array(LEVELS), standard_table(fit, kind))
    simulated = fit.point[None, :] + scales(fit, kind)[None, :] * standard
    if bounds is not None:
        low = -np.inf if bounds.low is None else _to_working(fit, np.array([bounds.low]))[0]
        high = np.inf if bounds.high is None else _to_working(fit, np.array([bounds.high]))[0]
        simulated = np.clip(simulated, low, high)  # a path stays inside the range
    if target.direction is Direction.BAND:
        ends = _to_working(fit, np.array([target.low, target.high], dtype=np.float64))
        inside = (simulated >= ends[0]) & (simulated <= ends[1])
        return float(np.mean(np.all(inside, axis=1)))
    goal = float(_to_working(fit, np.array([target.value], dtype=np.float64))[0])
    reached = simulated >= goal if target.direction is Direction.INCREASE else simulated <= goal
    return float(np.mean(np.any(reached, axis=1)))


def _reasons(fit: CoreFit, grid: Grid, first_period: date | None) -> tuple[Explanation, ...]:
    season_length = SEASON_LENGTH[grid.step]
    reasons = [Explanation(Reason.PROPORTIONAL if fit.log_scale else Reason.ADDITIVE)]
    if season_length > 1:
        if fit.seasonal:
            reasons.append(Explanation(Reason.SEASONAL, round(fit.season_strength, 2)))
        elif fit.points_used < 2 * season_length:
            reasons.append(Explanation(Reason.SEASONALITY_SHORT, round(fit.points_used / season_length, 1)))
        else:
            reasons.append(Explanation(Reason.SEASONALITY_WEAK, round(fit.season_strength, 2)))
    material = fit.total_slope_share > MATERIAL_TREND
    if material and fit.slope_t_value > 2:
        reasons.append(Explanation(Reason.TREND_UP, round(fit.slope_t_value, 1)))
    elif material and fit.slope_t_value < -2:
        reasons.append(Explanation(Reason.TREND_DOWN, round(fit.slope_t_value, 1)))
    else:
        reasons.append(Explanation(Reason.NO_TREND, round(fit.slope_t_value, 1)))
    if fit.shift_index is not None and first_period is not None:
        code = Reason.LEVEL_SHIFT if fit.shift_used else Reason.LEVEL_SHIFT_KEPT
        reasons.append(Explanation(code, when=first_period))
    if grid.filled:
        reasons.append(Explanation(Reason.GAPS_FILLED, float(grid.filled)))
    if fit.flat:
        reasons.append(Explanation(Reason.NO_MOVEMENT))
    return tuple(reasons)


def _cut(deadline_row: Array, bounds: Bounds | None) -> tuple[Explanation, ...]:
    """Which end of the range cut the interval on the deadline (``deadline_row``: median, low, high)."""
    if bounds is None:
        return ()
    cut = []
    if bounds.low is not None and deadline_row[1] < bounds.low:
        cut.append(Explanation(Reason.RANGE_LOW, bounds.low))
    if bounds.high is not None and deadline_row[2] > bounds.high:
        cut.append(Explanation(Reason.RANGE_HIGH, bounds.high))
    return tuple(cut)


def _validate(
    observations: Sequence[tuple[date, float]], deadline: date, target: Target, level: float
) -> None:
    if not observations:
        raise InvalidSeriesError("no measurements")
    for day, value in observations:
        if not (1900 <= day.year <= 2200) or not abs(value) <= MAX_ABS_VALUE:
            raise InvalidSeriesError(
                "a measurement has a date outside 1900-2200 or a value that is not a number"
            )
    if not 1900 <= deadline.year <= 2200:
        raise InvalidSeriesError("the deadline is outside 1900-2200")
    if deadline <= max(day for day, _ in observations):
        raise InvalidSeriesError("the deadline must come after the last measurement")
    target.check()
    _check_level(level)


def forecast(
    observations: Sequence[tuple[date, float]],
    *,
    target: Target,
    deadline: date,
    level: float = 0.8,
    seed: int = 0,
    paths: int = DEFAULT_PATHS,
    bounds: Bounds | None = None,
) -> Result:
    """The forecast of a KPI to ``deadline`` and its odds of meeting ``target`` (see the module doc),
    censored to ``bounds`` when given (every measurement must lie inside them)."""
    _validate(observations, deadline, target, level)
    _check_bounds(np.array([value for _, value in observations], dtype=np.float64), bounds)
    ordered = sorted(observations, key=lambda item: item[0])
    pace = _pace(ordered, target, deadline)
    points = len({day for day, _ in ordered})
    if points < MIN_POINTS:
        return Result(Status.NOT_ENOUGH_DATA, target, deadline, level, points, pace, seed=seed)
    grid = regularise(ordered)
    horizon = steps_to(grid.last_date, deadline, grid.step)
    if horizon > MAX_HORIZON and grid.step is Step.DAY:
        grid = regularise(ordered, Step.WEEK)  # a deadline years away: daily detail no longer matters
        horizon = steps_to(grid.last_date, deadline, grid.step)
    if horizon > MAX_HORIZON:
        raise InvalidSeriesError("the deadline is too far for the measurement step")
    season_length = SEASON_LENGTH[grid.step]
    fit = fit_core(grid.values, season_length=season_length, horizon=horizon)
    kind = _CLASS_OF_STEP[grid.step]
    raw = _interval(fit, kind, level)
    interval = _censored(raw, bounds)
    dates = step_dates(grid.last_date, grid.step, horizon)
    path = tuple(
        StepForecast(day, float(row[0]), float(row[1]), float(row[2]))
        for day, row in zip(dates, interval, strict=True)
    )
    shift_date = None
    if fit.shift_index is not None:
        back = len(grid.values) - fit.shift_index
        shift_date = step_dates(grid.last_date, grid.step, 1)[0] if back <= 0 else _step_back(grid, back)
    method = Method(
        step=grid.step,
        season_length=season_length,
        proportional=fit.log_scale,
        seasonal=fit.seasonal,
        calibration=kind,
        points_used=fit.points_used,
        reasons=_reasons(fit, grid, shift_date) + _cut(raw[-1], bounds),
    )
    if _zero_all_along(fit):
        return Result(Status.NO_MOVEMENT, target, deadline, level, points, pace, method=method, seed=seed)
    return Result(
        status=Status.FORECAST,
        target=target,
        deadline=deadline,
        level=level,
        points=points,
        pace=pace,
        projection=path[-1].projection,
        low=path[-1].low,
        high=path[-1].high,
        probability=_probability(fit, kind, horizon - 1, target, bounds),
        path_probability=_path_probability(fit, kind, target, paths, seed, bounds),
        path=path,
        method=method,
        seed=seed,
    )


def _step_back(grid: Grid, steps: int) -> date:
    """The date ``steps`` periods before the last measurement (the grid's periods end there)."""
    months = {Step.MONTH: 1, Step.QUARTER: 3, Step.YEAR: 12}
    if grid.step in months:
        index = grid.last_date.year * 12 + grid.last_date.month - 1 - months[grid.step] * steps
        return date(index // 12, index % 12 + 1, 1)
    days = 7 if grid.step is Step.WEEK else 1
    return date.fromordinal(grid.last_date.toordinal() - days * steps)
