"""Forecasts computed when a KPI's data change, ahead of the next page view (``forecast_rows`` keeps them).

Every write path calls ``after_commit``: a measurement added, edited or deleted and a KPI edited (one KPI:
its forecast computed as the change is saved, some tens of milliseconds), a roadmap imported, restored or
copied (every KPI: by the background job ``kpi_forecasts`` when there are more than ``MANY``, so the
request does not wait for them), a KPI source refreshed (in its own job). A write path that did not call
it would only cost its next view the computation: a row is read only for the data it was computed from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from jalon.busy import JOB_PATIENCE_S
from jalon.jobs.registry import JobContext
from jalon.strategy import queries
from jalon.strategy.kpis import forecasting
from jalon.strategy.kpis.forecast_rows import store, stored
from jalon.strategy.models import KPI, Roadmap

JOB_KIND = "kpi_forecasts"
MANY = 20
"""More KPIs to forecast than this (some 35 ms each) and they are computed by a background job."""


def refresh(kpi: KPI, *, patience_s: float = 0.0) -> bool:
    """Compute and store the KPI's forecast unless the stored one is for its data now; True when it was.
    ``patience_s``: how long the store keeps trying while another write holds SQLite (``forecast_rows``)."""
    inputs = forecasting.inputs_of(kpi)
    if inputs is None:
        return False
    if stored(kpi, inputs) is not None:
        return False
    key = inputs.key
    result = forecasting.FORECASTS[key] if key in forecasting.FORECASTS else forecasting.computed(inputs)
    forecasting.FORECASTS.remember(key, store(kpi, inputs, result, patience_s=patience_s))
    return True


def refresh_roadmap(roadmap: Roadmap, kpis: Iterable[int] | None = None, *, patience_s: float = 0.0) -> int:
    """``refresh`` for each of the roadmap's KPIs (or those of ``kpis``); how many were computed."""
    found = queries.kpis_with_measurements(roadmap)
    if kpis is not None:
        found = found.filter(pk__in=list(kpis))
    return sum(refresh(kpi, patience_s=patience_s) for kpi in found)


def refresh_job(context: JobContext) -> Mapping[str, Any]:
    """The "kpi_forecasts" job: the roadmap's forecasts that are not stored for its data now. Nobody waits
    for it: a store that finds SQLite busy with another write (the next import, a page's save) waits its
    turn instead of being dropped (``busy.patiently``)."""
    assert context.roadmap is not None
    return {"computed": refresh_roadmap(context.roadmap, patience_s=JOB_PATIENCE_S)}


def after_commit(roadmap: Roadmap, kpis: Iterable[int] | None = None) -> None:
    """Once the transaction commits, compute the forecasts of ``kpis`` (default: all the roadmap's) that its
    writes made stale: here for a few, by a background job for more than ``MANY``."""
    chosen = None if kpis is None else list(kpis)

    def run() -> None:
        if (len(chosen) if chosen is not None else roadmap.kpis.count()) <= MANY:
            refresh_roadmap(roadmap, chosen)
            return
        from jalon.jobs.services import start_job

        start_job(kind=JOB_KIND, roadmap=roadmap, actor=None)

    transaction.on_commit(run, robust=True)  # a failure is logged: the next view computes them
