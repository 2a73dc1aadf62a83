"""A KPI's direction is stored in the forecast engine's own words: the model's choices take their values from
``engines.forecast_model.Direction`` and ``KPIDirection.forecast_direction`` is the one mapping."""

from __future__ import annotations

import pytest

from jalon.engines.forecast_model import Direction
from jalon.strategy.kpis.forecasting import target_of
from jalon.strategy.models import KPI, KPIDirection


def test_kpi_directions_are_the_forecast_engines_directions() -> None:
    assert set(KPIDirection.values) == {direction.value for direction in Direction}


@pytest.mark.parametrize("direction", list(KPIDirection))
def test_each_kpi_direction_maps_to_the_engine_direction_of_the_same_value(direction: KPIDirection) -> None:
    assert direction.forecast_direction is Direction(direction.value)


@pytest.mark.parametrize(
    ("direction", "expected"),
    [(KPIDirection.INCREASE, Direction.INCREASE), (KPIDirection.DECREASE, Direction.DECREASE)],
)
def test_a_kpi_target_asks_the_engine_for_its_own_direction(direction: str, expected: Direction) -> None:
    target = target_of(KPI(direction=direction, target=50.0))
    assert target is not None
    assert (target.direction, target.value) == (expected, 50.0)


def test_a_band_kpi_target_asks_the_engine_to_stay_within_the_band() -> None:
    target = target_of(KPI(direction=KPIDirection.BAND, target_low=10.0, target_high=20.0))
    assert target is not None
    assert (target.direction, target.low, target.high) == (Direction.BAND, 10.0, 20.0)
