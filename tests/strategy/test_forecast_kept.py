"""A KPI's forecast is computed once per process for what it was computed from: the roadmap page coaching
every objective, shown again, forecasts nothing again (at a consultancy's 450 KPIs it took 20 s a view); a new
measurement is a new forecast. The Monte Carlo draws shared between forecasts cannot be changed by one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import numpy as np
import pytest
from django.test import Client

from jalon.engines import forecast as engine
from jalon.engines.forecast_paths import uniform_paths
from jalon.strategy.kpis import forecasting
from jalon.strategy.models import KPI, Measurement

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every call the pages make to the forecast engine, from an empty memo."""
    calls: list[Any] = []
    real = engine.forecast

    def forecast(*args: Any, **kwargs: Any) -> engine.Result:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "forecast", forecast)  # the module forecasting calls through
    forecasting.FORECASTS.clear()
    forecasting.COMBINED.clear()
    yield calls
    forecasting.FORECASTS.clear()
    forecasting.COMBINED.clear()


def test_the_roadmap_page_shown_again_forecasts_no_kpi_again(
    client: Client, members: dict[str, Any], counted: list[Any]
) -> None:
    client.force_login(members["viewer"])
    first = client.get(ROADMAP)
    assert first.status_code == 200 and counted  # the demo's KPIs were forecast for the coach's verdicts
    made = len(counted)
    again = client.get(ROADMAP)
    assert again.status_code == 200
    assert len(counted) == made


def test_a_new_measurement_is_forecast_afresh_and_gives_the_engines_own_answer(
    demo: Any, counted: list[Any]
) -> None:
    kpi = KPI.objects.prefetch_related("measurements").get(key="taux-conversion")
    before = forecasting.kpi_forecast(kpi)
    assert before is not None and len(counted) == 1
    assert forecasting.kpi_forecast(KPI.objects.prefetch_related("measurements").get(pk=kpi.pk)) == before
    assert len(counted) == 1

    last = kpi.measurements.order_by("-date").first()
    assert last is not None
    Measurement.objects.create(kpi=kpi, date=last.date + timedelta(days=1), value=last.value * 1.5)
    after = forecasting.kpi_forecast(KPI.objects.prefetch_related("measurements").get(pk=kpi.pk))
    assert len(counted) == 2 and after is not None and after != before
    forecasting.FORECASTS.clear()
    assert forecasting.kpi_forecast(KPI.objects.prefetch_related("measurements").get(pk=kpi.pk)) == after


def test_the_shared_monte_carlo_draws_are_the_same_and_cannot_be_written() -> None:
    draws = uniform_paths(500, 40, seed=3)
    assert uniform_paths(500, 40, seed=3) is draws
    assert not np.array_equal(uniform_paths(500, 40, seed=4), draws)
    with pytest.raises(ValueError):
        draws[0, 0] = 0.5
