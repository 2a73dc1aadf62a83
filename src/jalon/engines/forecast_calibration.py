"""From a fitted series to calibrated quantiles and probabilities.

The combination's error scale at each horizon is ``exp(b0) * rmse * (rw / rmse)**b1 * (dis / rmse)**b2``
(degree one in the series' units, so it holds for additive series too), and the standardised errors
follow an empirical quantile table. Both were fitted per calibration class on the *training* parts of
the M3 competition with rolling origins (the last horizon of each training part, and earlier cuts), by
``bench/forecast_calibrate.py``, which writes ``forecast_constants.py``; the test parts were never used.

A series that never moved (every value the same) has no errors of its own to scale: a KPI flat for eight
weeks is not certain to stay put. Its one-step scale is then the *usual* one of its class, the median
calibrated one-step scale of the class's M3 training parts (``bench/forecast_flat_scale.py`` measures it;
all M3 series are positive, so it is a relative change), grown like a random walk over the horizon, and
its errors are symmetric (the calibration's lean, fitted on series that moved, would move the projection
of one that never did). In units (a flat series at zero or below) it is taken relative to the level, or
to one unit at zero. No M3 series is flat, so this changes none of the benchmark's figures.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from jalon.engines.forecast_constants import LEVELS, QUANTILES, SCALE
from jalon.engines.forecast_methods import CoreFit

__all__ = [
    "FLAT_STEP_SCALE",
    "CalibrationClass",
    "calibration_class",
    "exceedance",
    "quantiles",
    "scales",
    "standard_table",
]

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


# Median calibrated one-step scale of the M3 training parts, per class (bench/forecast_flat_scale.py).
FLAT_STEP_SCALE = {"monthly": 0.0325, "other": 0.0094, "quarterly": 0.0223, "yearly": 0.0539}


def scales(fit: CoreFit, kind: CalibrationClass) -> Array:
    """The error scale at each horizon, in working units."""
    if fit.flat:
        size = 1.0 if fit.log_scale else (abs(fit.last_level) or 1.0)
        growth = np.sqrt(np.arange(1, len(fit.point) + 1, dtype=np.float64))
        return np.asarray(FLAT_STEP_SCALE[kind.value] * size * growth, dtype=np.float64)
    b0, b_walk, b_disagree = SCALE[kind.value]
    rmse = fit.in_sample_rmse
    log_scale = (
        np.log(rmse)
        + b0
        + b_walk * np.log(fit.random_walk_scale / rmse)
        + b_disagree * np.log(fit.disagreement / rmse)
    )
    return np.asarray(np.exp(log_scale), dtype=np.float64)


def standard_table(fit: CoreFit, kind: CalibrationClass) -> Array:
    """The standardised errors' quantiles at ``LEVELS``: the class's table, made symmetric around zero for
    a flat series (``LEVELS`` is symmetric around 0.5)."""
    table = np.array(QUANTILES[kind.value], dtype=np.float64)
    return (table - table[::-1]) / 2 if fit.flat else table


def quantiles(fit: CoreFit, kind: CalibrationClass, levels: Array) -> Array:
    """Quantiles at ``levels`` for every horizon, shape (horizon, len(levels)), in working units."""
    standard = np.interp(levels, _LEVELS, standard_table(fit, kind))
    return np.asarray(fit.point[:, None] + scales(fit, kind)[:, None] * standard[None, :], dtype=np.float64)


def exceedance(fit: CoreFit, kind: CalibrationClass, step: int, thresholds: Array) -> Array:
    """P(value at ``step`` (0-based) >= each threshold), thresholds in working units."""
    scale = scales(fit, kind)[step]
    standard = (thresholds - fit.point[step]) / scale
    below = np.interp(standard, standard_table(fit, kind), _LEVELS, left=0.0, right=1.0)
    return np.asarray(1.0 - below, dtype=np.float64)
