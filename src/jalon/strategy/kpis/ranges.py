"""The values a KPI can take, for its forecast: a count or an amount never goes below 0, a rate in % stays
within 0-100.

A KPI's own ``lowest_possible`` / ``highest_possible`` come first; an end left empty follows the unit:
``%`` gives 0 to 100, any other unit but points (an NPS, a score in points may be negative) gives 0 and
no top, no unit gives no range. An end from the unit is set aside when a value the KPI already holds
(a measurement, the baseline, a target, a band's end) lies beyond it: a growth rate in % of 150, or a
margin in € of −20, says the unit's guess does not fit that KPI. A typed end is kept, the target's odds
then being 0 or 1, except past a measurement (the forecast cannot rule out what was measured).
"""

from __future__ import annotations

from collections.abc import Sequence

from jalon.engines import forecast as engine
from jalon.strategy.models import KPI

# Units of a figure that may be negative: its unit says nothing of a floor.
SIGNED_UNITS = frozenset({"pt", "pts", "point", "points", "°", "°c", "°f"})


def unit_range(unit: str) -> tuple[float | None, float | None]:
    """The range a unit implies: ``%`` 0-100, points or no unit nothing, any other unit a floor at 0."""
    unit = unit.strip().lower()
    if unit == "%":
        return 0.0, 100.0
    if not unit or unit in SIGNED_UNITS:
        return None, None
    return 0.0, None


def kpi_bounds(kpi: KPI, values: Sequence[float], target: engine.Target | None) -> engine.Bounds | None:
    """The range the KPI's forecast is censored to, given its measurements ``values`` (None: no range)."""
    by_unit = unit_range(kpi.unit)
    held = [*values, *(v for v in (kpi.baseline,) if v is not None)]
    if target is not None:
        held += [v for v in (target.value, target.low, target.high) if v is not None]
    low, high = kpi.lowest_possible, kpi.highest_possible
    if low is None and by_unit[0] is not None and all(v >= by_unit[0] for v in held):
        low = by_unit[0]
    if high is None and by_unit[1] is not None and all(v <= by_unit[1] for v in held):
        high = by_unit[1]
    if low is not None and any(v < low for v in values):
        low = None
    if high is not None and any(v > high for v in values):
        high = None
    if low is not None and high is not None and low >= high:
        return None
    return None if low is None and high is None else engine.Bounds(low, high)
