"""The achievable verdict: judged only from evidence (baseline, KPI history, a published range).

Required pace = (target level − current value) / months left. With two dated measurements or more, the
least-squares trend per month and the spread of the month-normalised changes say whether that pace is
on track, ambitious (within trend + one spread) or out of reach. The trend carried to the deadline is a
projection: it is kept within what the unit allows (a percentage stays within 0–100 %, a count or an
amount never goes below zero) and every reason that shows it says how it was made.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from jalon.engines.forecast_model import AT_RISK_ODDS, ON_TRACK_ODDS
from jalon.engines.smart_messages import format_number, text
from jalon.engines.smart_types import CoachContext, Criterion, Evidence, ForecastEvidence, Lang, Target

__all__ = ["judge_achievable", "target_level"]

_DAYS_PER_MONTH = 365.25 / 12
_PERCENT_UNITS = {"%", "pts"}
_MAINTAIN_BAND = 0.10  # a bare level to keep is held within 10 % of it


def _history_pace(history: Sequence[tuple[date, float]]) -> tuple[float | None, float | None]:
    """Least-squares slope per month and the spread (stdev) of month-normalised changes."""
    points = sorted(history)
    if len(points) < 2:
        return None, None
    xs = [(day - points[0][0]).days / _DAYS_PER_MONTH for day, _ in points]
    ys = [value for _, value in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    var_x = sum((x - mean_x) ** 2 for x in xs)
    if var_x == 0:
        return None, None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var_x
    changes = [(ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]) for i in range(1, len(xs)) if xs[i] > xs[i - 1]]
    spread = statistics.stdev(changes) if len(changes) >= 2 else 0.0
    return slope, spread


def target_level(target: Target, baseline: float) -> float:
    """The level a target asks for: the value itself, or the baseline moved by a relative change."""
    if not target.relative:
        return target.value
    sign = -1.0 if target.direction == "decrease" else 1.0
    if target.unit == "%":
        return baseline * (1 + sign * target.value / 100)
    return baseline + sign * target.value


def _bounds(unit: str, level_unit: str) -> tuple[float, float]:
    """What values the KPI can take: a percentage between 0 and 100, anything else at least 0."""
    if unit in _PERCENT_UNITS or level_unit in _PERCENT_UNITS:
        return 0.0, 100.0
    return 0.0, math.inf


def _maintain(
    target: Target,
    current: float,
    level: float,
    projected: float | None,
    slope: float | None,
    values: dict[str, str],
    fmt: Callable[[float], str],
    fmt_pace: Callable[[float], str],
    lang: Lang,
    how: Callable[[], str],
) -> Criterion:
    """A level to keep is judged by the objective's side of it, never by whichever side the value is on.

    "At least 300" (a floor) is held when the value is at or above 300, "under 2 %" (a ceiling) when it is
    at or below; a bare level ("garder 300 adhérents") is held when the value is already within
    ``_MAINTAIN_BAND`` of it. A level not held today is not sustainable: it has to be reached first.
    """
    band = abs(level) * _MAINTAIN_BAND
    if target.bound == "floor":
        now_ok = current >= level
    elif target.bound == "ceiling":
        now_ok = current <= level
    else:
        now_ok = abs(current - level) <= band
    if not now_ok:
        return Criterion(False, text("achievable.maintain_not_held", lang, **values))
    if projected is None:
        return Criterion(None, text("achievable.baseline_only", lang, **values))
    if target.bound == "floor":
        holds = projected >= level
    elif target.bound == "ceiling":
        holds = projected <= level
    else:  # near the level today: held while the trend stays within the band or on today's side
        holds = abs(projected - level) <= band or (projected - level) * (current - level) >= 0
    key = "achievable.maintain_ok" if holds else "achievable.maintain_drift"
    shown = {"projected": fmt(projected), "observed": fmt_pace(slope or 0.0), "how": how(), **values}
    return Criterion(holds, text(key, lang, **shown))


def judge_achievable(
    target: Target | None,
    deadline: date | None,
    text_baseline: float | None,
    ctx: CoachContext,
    today: date,
    lang: Lang,
) -> tuple[Criterion, Evidence]:
    if target is None or deadline is None:
        return Criterion(None, text("achievable.no_target", lang)), Evidence()
    history = sorted(ctx.history)
    current = history[-1][1] if history else ctx.baseline if ctx.baseline is not None else text_baseline
    if current is None:
        return Criterion(None, text("achievable.no_evidence", lang)), Evidence()
    baseline = ctx.baseline if ctx.baseline is not None else text_baseline
    level = target_level(target, baseline if baseline is not None else current)
    months = (deadline - today).days / _DAYS_PER_MONTH
    if months <= 0:
        return Criterion(None, text("achievable.past", lang)), Evidence(baseline=current, target_level=level)
    unit = (
        target.unit if not (target.relative and target.unit == "%") else (ctx.kpi_unit or ctx.unit or "count")
    )
    unit = "%" if unit == "pts" else unit
    low, high = _bounds(unit, ctx.kpi_unit.strip() or ctx.unit.strip())

    def fmt(value: float) -> str:
        return format_number(value, lang, unit)

    def fmt_pace(value: float) -> str:
        return format_number(value, lang, "pts" if unit == "%" else unit)

    required = (level - current) / months
    slope, spread = _history_pace(history)
    raw = current + slope * months if slope is not None else None
    projected = min(max(raw, low), high) if raw is not None else None
    bounded = raw is not None and projected != raw
    evidence = Evidence(current, level, required, slope, spread, projected, bounded, len(history), unit)
    values = {"baseline": fmt(current), "level": fmt(level), "required": fmt_pace(required)}
    if ctx.forecast is not None:  # the forecast engine's odds: the same answer as every other page
        if ctx.forecast.projection is not None:  # and its projection, which the verdict quotes
            evidence = replace(evidence, projected=ctx.forecast.projection, projection_bounded=False)
        return _by_forecast(ctx.forecast, values, fmt, lang), evidence
    if target.direction == "maintain":
        limit = fmt(high if raw and raw > high else low)
        how = lambda: _how(len(history), bounded, limit, lang)  # noqa: E731
        return _maintain(target, current, level, projected, slope, values, fmt, fmt_pace, lang, how), evidence
    want = 1.0 if level >= current else -1.0
    if target.direction == "decrease":
        want = -1.0
    elif target.direction == "increase":
        want = 1.0
    if (level - current) * want <= 0:
        return Criterion(True, text("achievable.met", lang, **values)), evidence
    bench = ctx.benchmark
    if slope is None or projected is None or spread is None:
        if bench is not None:
            value = level if bench.per == "level" else abs(required)
            inside = bench.low <= value <= bench.high
            if bench.per == "level":
                inside = value <= bench.high if want > 0 else value >= bench.low
            key = "achievable.benchmark_in" if inside else "achievable.benchmark_out"
            shown = {"low": fmt(bench.low), "high": fmt(bench.high), "value": fmt(value)}
            said = text(key, lang, **shown)
            if bench.source:
                said += " " + text("achievable.benchmark_source", lang, source=bench.source)
            return Criterion(inside, said), evidence
        return Criterion(None, text("achievable.baseline_only", lang, **values)), evidence
    limit = fmt(high if raw is not None and raw > high else low)
    numbers = {
        **values,
        "observed": fmt_pace(slope),
        "spread": fmt_pace(spread),
        "projected": fmt(projected),
        "how": _how(len(history), bounded, limit, lang),
    }
    if (projected - level) * want >= 0:
        return Criterion(True, text("achievable.on_track", lang, **numbers)), evidence
    if required * want <= slope * want + spread:
        return Criterion(True, text("achievable.ambitious", lang, **numbers)), evidence
    return Criterion(False, text("achievable.out_of_reach", lang, **numbers)), evidence


def _by_forecast(
    forecast: ForecastEvidence, values: dict[str, str], fmt: Callable[[float], str], lang: Lang
) -> Criterion:
    odds = format_number(round(forecast.probability * 100), lang, "%")
    shown = {
        **values,
        "odds": odds,
        "points": forecast.points,
        "projected": fmt(forecast.projection) if forecast.projection is not None else "—",
        "low": fmt(forecast.low) if forecast.low is not None else "—",
        "high": fmt(forecast.high) if forecast.high is not None else "—",
    }
    if forecast.probability >= ON_TRACK_ODDS:
        return Criterion(True, text("achievable.forecast_likely", lang, **shown))
    if forecast.probability >= AT_RISK_ODDS:
        return Criterion(True, text("achievable.forecast_ambitious", lang, **shown))
    return Criterion(False, text("achievable.forecast_unlikely", lang, **shown))


def _how(count: int, bounded: bool, limit: str, lang: Lang) -> str:
    """How the projection was made: the trend of N measurements, stopped at a limit when it had to be."""
    how = text("projection.trend", lang, count=count)
    return how + (text("projection.bounded", lang, limit=limit) if bounded else "")
