"""From a fitted series to calibrated quantiles and probabilities.

Each method's error scale at each horizon is ``exp(b0) * rmse * (rw / rmse)**b1 * (dis / rmse)**b2``
(degree one in the series' units, so it holds for additive series too), and its standardised errors
follow an empirical quantile table: every method is calibrated alone. The forecast's distribution pools
the three (a mixture: each probability is the average of the methods' probabilities; a quantile is read
off the pooled distribution function). The constants were fitted per calibration class and method on the
*training* parts of the M3 competition with rolling origins (the last horizon of each training part, and
earlier cuts), by ``bench/forecast_calibrate.py``, which writes ``forecast_constants.py``; the test parts
were never used.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from jalon.engines.forecast_constants import LEVELS, QUANTILES, SCALE
from jalon.engines.forecast_methods import CoreFit

__all__ = ["CalibrationClass", "calibration_class", "exceedance", "quantiles", "sample"]

Array = NDArray[np.float64]
_LEVELS: Array = np.array(LEVELS, dtype=np.float64)


class CalibrationClass(StrEnum):
    """Which M3 family a series is calibrated on: its measurement step decides."""

    YEARLY = "yearly"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    OTHER = "other"


def calibration_class(season_length: int, frequency: str | None = None) -> CalibrationClass:
    """The class named by ``frequency`` when it is one, else the one its season length suggests."""
    if frequency in {c.value for c in CalibrationClass}:
        return CalibrationClass(frequency)
    if season_length == 4:
        return CalibrationClass.QUARTERLY
    if season_length == 12:
        return CalibrationClass.MONTHLY
    if season_length == 1:
        return CalibrationClass.YEARLY
    return CalibrationClass.OTHER


def _scales(fit: CoreFit, kind: CalibrationClass) -> Array:
    """Each method's error scale at each horizon, shape (methods, horizon), in working units."""
    coefficients = np.array(SCALE[kind.value], dtype=np.float64)
    rmse = fit.in_sample_rmse
    log_scale = (
        np.log(rmse)
        + coefficients[:, 0, None]
        + coefficients[:, 1, None] * np.log(fit.random_walk_scale / rmse)
        + coefficients[:, 2, None] * np.log(fit.disagreement / rmse)
    )
    return np.asarray(np.exp(log_scale), dtype=np.float64)


def _tables(kind: CalibrationClass) -> Array:
    return np.array(QUANTILES[kind.value], dtype=np.float64)


def _below(points: Array, scales: Array, tables: Array, values: Array) -> Array:
    """The pooled P(value <= x) for ``values`` of shape (horizon, k), given each method's ``points`` and
    ``scales`` of shape (methods, horizon) and its quantile table."""
    total = np.zeros_like(values)
    for point, scale, table in zip(points, scales, tables, strict=True):
        standard = (values - point[:, None]) / scale[:, None]
        total += np.interp(standard, table, _LEVELS, left=0.0, right=1.0)
    return np.asarray(total / len(tables), dtype=np.float64)


def _pooled(fit: CoreFit, kind: CalibrationClass) -> tuple[Array, Array]:
    """The pooled distribution function at every method's quantiles, shape (horizon, methods x levels),
    sorted: between these knots it is linear, so interpolating them reads its quantiles exactly."""
    scales, tables = _scales(fit, kind), _tables(kind)
    knots = fit.points[:, :, None] + scales[:, :, None] * tables[:, None, :]
    knots = np.sort(np.moveaxis(knots, 0, 1).reshape(knots.shape[1], -1), axis=1)
    return knots, np.maximum.accumulate(_below(fit.points, scales, tables, knots), axis=1)


def quantiles(fit: CoreFit, kind: CalibrationClass, levels: Array) -> Array:
    """Quantiles at ``levels`` for every horizon, shape (horizon, len(levels)), in working units."""
    return sample(fit, kind, np.broadcast_to(levels[:, None], (len(levels), len(fit.points[0])))).T


def sample(fit: CoreFit, kind: CalibrationClass, uniforms: Array) -> Array:
    """The pooled quantile function at ``uniforms`` (rows of one level per horizon), same shape."""
    knots, below = _pooled(fit, kind)
    out = np.empty(uniforms.shape, dtype=np.float64)
    for step in range(uniforms.shape[1]):
        out[:, step] = np.interp(uniforms[:, step], below[step], knots[step])
    return out


def exceedance(fit: CoreFit, kind: CalibrationClass, step: int, thresholds: Array) -> Array:
    """P(value at ``step`` (0-based) >= each threshold), thresholds in working units."""
    at = slice(step, step + 1)
    below = _below(fit.points[:, at], _scales(fit, kind)[:, at], _tables(kind), thresholds[None, :])
    return np.asarray(1.0 - below[0], dtype=np.float64)
