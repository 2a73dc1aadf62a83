"""The forecast engine applied to KPIs and objectives: the one place every page gets its odds from.

A KPI is forecast when it has a target (a value, or a band), a deadline after its last measurement (its
target date, else its objective's deadline) that has not passed (a day gone has no odds: the KPI page says
whether the target was met) and measurements; below the engine's minimum it gets the pace comparison
instead of odds, and so does a KPI at zero all along. The forecast stays within the values the KPI can
take (``ranges``: 0 for a count, 0-100 for a rate in %). An objective's odds are its KPIs' combined by
``combine_odds`` (the KPIs are assumed to move together with a correlation of 0.5). Seeded: the same data
give the same odds everywhere.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.utils import timezone

from jalon.engines import forecast as engine
from jalon.engines import forecast_model as engine_model
from jalon.engines.memo import Memo
from jalon.strategy.kpis.forecast_rows import store, stored
from jalon.strategy.kpis.ranges import kpi_bounds
from jalon.strategy.models import KPI, KPIDirection, Objective

SEED = 0
# The engine is seeded: the same measurements, target, deadline and range give the same forecast, and the
# same odds the same combination. Pages ask again and again (the roadmap page coaches every objective; the
# dashboard, the executive view and the KPI pages show the same KPIs): each answer is kept in this process,
# keyed on all it was computed from, so a page of 450 KPIs shown again computes nothing, and a new
# measurement is a new key. The measurements are kept as a digest, not as themselves (a KPI of 5,000
# measurements would hold them all in the key), and a thousand answers at most: a forecast holds its path
# (up to a thousand steps), so the memo stays within some tens of MB.
FORECASTS: Memo[tuple[object, ...], engine.Result | None] = Memo(1024)
COMBINED: Memo[tuple[float, ...], float] = Memo(1024)
# The odds band an objective's status follows when there are odds (else the elapsed-time rule).
ON_TRACK_ODDS = engine_model.ON_TRACK_ODDS
AT_RISK_ODDS = engine_model.AT_RISK_ODDS


def target_of(kpi: KPI, objective: Objective | None = None) -> engine.Target | None:
    direction = KPIDirection(kpi.direction).forecast_direction
    if direction is engine_model.Direction.BAND:
        if kpi.target_low is None or kpi.target_high is None:
            return None
        return engine.Target.between(kpi.target_low, kpi.target_high)
    value = kpi.target
    if value is None and objective is not None:
        value = objective.target
    if value is None:
        return None
    return engine.Target(direction, value=value)


@dataclass(frozen=True)
class Inputs:
    """All a KPI's forecast is computed from, and its key (``digest``: the key as text, stored with the
    forecast in the database)."""

    observations: list[tuple[date, float]]
    target: engine.Target
    deadline: date
    bounds: engine.Bounds | None

    @property
    def key(self) -> tuple[object, ...]:
        measured = hashlib.sha256(repr(self.observations).encode()).digest()
        return (measured, self.target, self.deadline, self.bounds)

    @property
    def digest(self) -> str:
        return hashlib.sha256(repr((self.key, ENGINE_CODE, SEED)).encode()).hexdigest()


def _engine_code() -> str:
    """The digest of the forecast engine's code (``engines/forecast*.py``): a stored forecast is read only
    when this code computed it, so an upgrade that changes the engine's answers, or its results' JSON,
    computes them again instead of showing the old ones (or failing to read them)."""
    folder = Path(engine.__file__).parent
    code = hashlib.sha256()
    for path in sorted(folder.glob("forecast*.py")):
        code.update(path.name.encode() + b"\0" + path.read_bytes())
    return code.hexdigest()


ENGINE_CODE = _engine_code()


def inputs_of(kpi: KPI, *, as_of: date | None = None) -> Inputs | None:
    """What the KPI's forecast is computed from (its measurements up to ``as_of`` when given), or None when
    it has no target, deadline or measurement to go on, or its deadline is before that day (or today)."""
    objective = kpi.objective if kpi.objective_id else None
    target = target_of(kpi, objective)
    deadline = kpi.deadline
    observations = [(m.date, m.value) for m in kpi.measurements.all() if as_of is None or m.date <= as_of]
    if target is None or deadline is None or not observations:
        return None
    if deadline <= max(day for day, _value in observations) or deadline < (as_of or timezone.localdate()):
        return None
    bounds = kpi_bounds(kpi, [value for _day, value in observations], target)
    return Inputs(observations, target, deadline, bounds)


def computed(inputs: Inputs) -> engine.Result | None:
    """The engine's answer, computed now (None when it refuses the series)."""
    try:
        return engine.forecast(
            inputs.observations,
            target=inputs.target,
            deadline=inputs.deadline,
            seed=SEED,
            bounds=inputs.bounds,
        )
    except engine.InvalidSeriesError:
        return None


def kpi_forecast(kpi: KPI, *, as_of: date | None = None) -> engine.Result | None:
    """The engine's result for a KPI (from its measurements up to ``as_of`` when given, else today's), or
    None when it has no target, deadline or measurement to go on, or its deadline is before that day.

    Today's forecast is read from the database when it was stored for the same inputs (the KPIs of
    ``queries.kpis_with_measurements`` come with it: no query), else computed and stored
    (``forecast_store``)."""
    inputs = inputs_of(kpi, as_of=as_of)
    if inputs is None:
        return None
    key = inputs.key
    try:
        return FORECASTS[key]  # None is an answer too (no odds for this series)
    except KeyError:
        pass
    if as_of is not None:
        return FORECASTS.remember(key, computed(inputs))
    kept = stored(kpi, inputs)
    if kept is not None:
        result = engine.Result.from_json(kept.result) if kept.result is not None else None
    else:
        result = store(kpi, inputs, computed(inputs))
    return FORECASTS.remember(key, result)


@dataclass(frozen=True)
class ObjectiveOdds:
    """The odds that every forecast KPI of an objective meets its target by its deadline."""

    probability: float
    kpis: int

    @property
    def status(self) -> str:
        if self.probability >= ON_TRACK_ODDS:
            return "on_track"
        return "at_risk" if self.probability >= AT_RISK_ODDS else "off_track"


def objective_odds(
    kpis: list[KPI], *, as_of: date | None = None, forecasts: dict[int, engine.Result | None] | None = None
) -> ObjectiveOdds | None:
    """None when none of the KPIs has odds (not enough data): the caller falls back on its own rule.
    ``forecasts`` (KPI id -> result) reuses forecasts a page already made."""
    known = forecasts or {}
    results = [known[kpi.pk] if kpi.pk in known else kpi_forecast(kpi, as_of=as_of) for kpi in kpis]
    chances = [r.probability for r in results if r is not None and r.probability is not None]
    if not chances:
        return None
    key = tuple(chances)
    probability = COMBINED.get(key)
    if probability is None:
        probability = COMBINED.remember(key, engine.combine_odds(chances, seed=SEED).probability)
    return ObjectiveOdds(probability, len(chances))
