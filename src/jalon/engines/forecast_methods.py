"""The numeric core of the forecast: equally spaced values in, a projection path and its error scales out.

Three simple methods, each fitted by a vectorised grid search on the in-sample one-step error, are
averaged (a combination beats any one of them on the M3 competition, and is hard to break):

* simple exponential smoothing (SES): the level, no trend;
* Holt's linear trend, damped (the trend fades out);
* Theta (Hyndman & Billah's form: SES with half the slope of the linear regression as drift).

Before that, the series is put on a log scale when every value is positive (multiplicative errors:
a KPI that doubles is as uncertain in percent, not in units), deseasonalised by classical decomposition
when there are two full seasons and the seasonal pattern is strong, and cut after a level shift when
enough points follow it. The error scales come from the combination's own in-sample errors at every
horizon (rolling origins over the history), which ``forecast_calibration`` turns into quantiles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["CoreFit", "fit_core", "is_flat", "level_shift_index", "season_strength"]

Array = NDArray[np.float64]

# Seasonal strength (Wang, Smith & Hyndman 2006) above which the seasonal pattern is removed. Chosen on
# the training parts of M3 (the rolling origins of bench/forecast_calibrate.py), not on the test parts.
SEASON_STRENGTH_MIN = 0.3
# A jump in the series counts as a level shift when it is this many robust standard deviations of the
# other steps, and the segment after it is used alone when it holds this many points.
SHIFT_SIGMAS = 6.0
SHIFT_MIN_POINTS = 8

_SES_ALPHAS: Array = np.concatenate([np.linspace(0.02, 0.3, 15), np.linspace(0.35, 1.0, 14)])


def _damped_grid() -> tuple[Array, Array, Array]:
    alphas, betas, phis = [], [], []
    for alpha in np.linspace(0.05, 1.0, 12):
        for share in (0.02, 0.1, 0.3, 0.6):
            for phi in (0.8, 0.9, 0.95, 0.98):
                alphas.append(alpha)
                betas.append(share * alpha)
                phis.append(phi)
    return np.array(alphas), np.array(betas), np.array(phis)


_DAMPED_ALPHA, _DAMPED_BETA, _DAMPED_PHI = _damped_grid()


@dataclass(frozen=True)
class CoreFit:
    """A fitted series, in working units (logs when ``log_scale``), for ``horizon`` steps ahead.

    ``in_sample_rmse``, ``random_walk_scale`` and ``disagreement`` are the three error-scale features
    the calibration combines: the combination's in-sample error at each horizon, its one-step error
    grown like a random walk, and how far apart the three methods' forecasts are.
    """

    log_scale: bool
    point: Array
    in_sample_rmse: Array
    random_walk_scale: Array
    disagreement: Array
    seasonal: bool
    season_strength: float
    shift_index: int | None
    shift_used: bool
    points_used: int
    slope_per_step: float
    slope_t_value: float
    last_level: float
    total_slope_share: float
    """The trend's change over the history used, as a share of the level (in logs: roughly a percentage)."""
    flat: bool = False
    """Every value used is the same: its own errors are all zero, and say nothing of its spread."""


def season_strength(z: Array, season_length: int) -> float:
    """1 - Var(remainder) / Var(seasonal + remainder) after a centred moving average (0 when too short)."""
    m = season_length
    if m <= 1 or len(z) < 2 * m:
        return 0.0
    detrended, positions = _detrended(z, m)
    if detrended.size == 0 or detrended.var() <= 0:
        return 0.0
    index = _seasonal_index(detrended, positions, m)
    remainder = detrended - index[positions]
    return float(max(0.0, 1.0 - remainder.var() / detrended.var()))


def _detrended(z: Array, m: int) -> tuple[Array, NDArray[np.int64]]:
    weights = np.r_[0.5, np.ones(m - 1), 0.5] / m if m % 2 == 0 else np.ones(m) / m
    average = np.convolve(z, weights, mode="valid")
    offset = (len(weights) - 1) // 2
    positions = np.arange(offset, offset + len(average)) % m
    return z[offset : offset + len(average)] - average, positions


def _seasonal_index(detrended: Array, positions: NDArray[np.int64], m: int) -> Array:
    sums = np.bincount(positions, weights=detrended, minlength=m)
    counts = np.maximum(np.bincount(positions, minlength=m), 1)
    index = sums / counts
    return np.asarray(index - index.mean(), dtype=np.float64)


def seasonally_adjusted(z: Array, m: int, horizon: int) -> tuple[Array, Array]:
    """``z`` without its seasonal pattern, and that pattern over the ``horizon`` steps that follow."""
    detrended, positions = _detrended(z, m)
    index = _seasonal_index(detrended, positions, m)
    n = len(z)
    return z - index[np.arange(n) % m], index[np.arange(n, n + horizon) % m]


def level_shift_index(z: Array) -> int | None:
    """The index where a lasting jump starts, or None: one step far larger than all the others."""
    if len(z) < 6:
        return None
    steps = np.diff(z)
    median = float(np.median(steps))
    spread = 1.4826 * float(np.median(np.abs(steps - median)))
    if spread <= 0:
        spread = float(np.std(steps)) or 1.0
    k = int(np.argmax(np.abs(steps - median)))
    if abs(steps[k] - median) <= SHIFT_SIGMAS * spread:
        return None
    before, after = z[max(0, k - 2) : k + 1], z[k + 1 : k + 4]
    # A spike that comes straight back is an outlier, not a new level.
    if abs(after.mean() - before.mean()) < 0.5 * abs(steps[k]):
        return None
    return k + 1


def _ses_levels(z: Array, alphas: Array) -> Array:
    levels = np.empty((len(z), len(alphas)))
    level = np.full(len(alphas), z[0])
    levels[0] = level
    for t in range(1, len(z)):
        level = level + alphas * (z[t] - level)
        levels[t] = level
    return levels


def _ses_alpha(z: Array) -> float:
    level = np.full(len(_SES_ALPHAS), z[0])
    sse = np.zeros(len(_SES_ALPHAS))
    for t in range(1, len(z)):
        error = z[t] - level
        sse += error * error
        level = level + _SES_ALPHAS * error
    return float(_SES_ALPHAS[int(np.argmin(sse))])


def _damped_start(z: Array) -> tuple[float, float]:
    k = min(len(z), 10)
    slope, intercept = np.polyfit(np.arange(k, dtype=np.float64), z[:k], 1)
    return float(intercept), float(slope)


def _damped_states(z: Array, alpha: Array, beta: Array, phi: Array) -> tuple[Array, Array, Array]:
    """Levels and slopes after each point, and the in-sample one-step squared error, per grid point."""
    level0, slope0 = _damped_start(z)
    level, slope = np.full(len(alpha), level0), np.full(len(alpha), slope0)
    levels, slopes = np.empty((len(z), len(alpha))), np.empty((len(z), len(alpha)))
    sse = np.zeros(len(alpha))
    for t in range(len(z)):
        predicted = level + phi * slope
        error = z[t] - predicted
        sse += error * error
        level = predicted + alpha * error
        slope = phi * slope + beta * error
        levels[t], slopes[t] = level, slope
    return levels, slopes, sse


def _method_paths(z: Array, horizon: int) -> tuple[Array, float, float]:
    """Forecasts of (SES, damped, Theta) from every origin: shape (3, n, horizon); slope and its t."""
    n = len(z)
    h = np.arange(1, horizon + 1, dtype=np.float64)
    alpha = _ses_alpha(z)
    ses_level = _ses_levels(z, np.array([alpha]))[:, 0]
    levels, slopes, sse = _damped_states(z, _DAMPED_ALPHA, _DAMPED_BETA, _DAMPED_PHI)
    best = int(np.argmin(sse))
    phi = _DAMPED_PHI[best]
    damped = levels[:, best, None] + slopes[:, best, None] * np.cumsum(phi**h)[None, :]
    time = np.arange(n, dtype=np.float64)
    slope, intercept = np.polyfit(time, z, 1) if n > 2 else (0.0, float(z[0]))
    residual = z - (intercept + slope * time)
    spread_time = max(float(np.sum((time - time.mean()) ** 2)), 1e-12)
    spread = float(np.sqrt(np.sum(residual**2) / max(n - 2, 1) / spread_time))
    t_value = float(slope / spread) if spread > 0 else 0.0
    origins = time[:, None]
    drift = slope / 2 * (h[None, :] - 1 + 1 / alpha - (1 - alpha) ** (origins + 1) / alpha)
    theta = ses_level[:, None] + drift
    ses = np.repeat(ses_level[:, None], horizon, axis=1)
    return np.stack([ses, damped, theta]), float(slope), t_value


def _error_scales(z: Array, combined: Array, season_length: int) -> tuple[Array, Array]:
    """Root mean square in-sample error of the combination at each horizon, and its one-step value."""
    n, horizon = combined.shape
    warm = min(max(3, season_length), n // 3)
    rmse = np.empty(horizon)
    for j in range(horizon):
        origins = np.arange(warm, n - j - 1)
        if len(origins) >= 3 or (j == 0 and len(origins) >= 1):
            errors = z[origins + j + 1] - combined[origins, j]
            rmse[j] = np.sqrt(np.mean(errors * errors))
        else:
            rmse[j] = rmse[j - 1] * np.sqrt((j + 1) / j)
    floor = 1e-9 + 1e-6 * float(np.std(z))
    return np.maximum(rmse, floor), np.maximum(rmse[0], floor) * np.sqrt(np.arange(1, horizon + 1))


def fit_core(values: Array, *, season_length: int, horizon: int) -> CoreFit:
    """Fit the combination to ``values`` (at least 3 equally spaced points) for ``horizon`` steps."""
    log_scale = bool(np.all(values > 0))
    z_all = np.log(values) if log_scale else values.astype(np.float64)
    shift = level_shift_index(z_all)
    z = z_all[shift:] if shift is not None and len(z_all) - shift >= SHIFT_MIN_POINTS else z_all
    offset = len(z_all) - len(z)
    n, m = len(z), season_length
    strength = season_strength(z, m)
    seasonal = strength > SEASON_STRENGTH_MIN
    adjusted, future = seasonally_adjusted(z, m, horizon) if seasonal else (z, np.zeros(horizon))
    paths, slope, t_value = _method_paths(adjusted, horizon)
    combined = paths.mean(axis=0)
    rmse, random_walk = _error_scales(adjusted, combined, m)
    disagreement = paths[:, -1, :].std(axis=0) + 1e-6 * rmse[0]
    return CoreFit(
        log_scale=log_scale,
        point=combined[-1] + future,
        in_sample_rmse=rmse,
        random_walk_scale=random_walk,
        disagreement=disagreement,
        seasonal=seasonal,
        season_strength=strength,
        shift_index=shift,
        shift_used=offset > 0,
        points_used=n,
        slope_per_step=slope,
        slope_t_value=t_value,
        last_level=float(z[-1]),
        total_slope_share=abs(slope) * n / (1.0 if log_scale else max(float(np.mean(np.abs(z))), 1e-12)),
        flat=is_flat(z),
    )


def is_flat(z: Array) -> bool:
    """No movement at all: every value equal (to a billionth of their size, rounding aside)."""
    return float(np.ptp(z)) <= 1e-9 * max(1.0, float(np.max(np.abs(z))))
