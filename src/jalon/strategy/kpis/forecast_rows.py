"""Each KPI's forecast kept in the database (``StoredForecast``), so that the first view of a page does not
compute the forecasts of every KPI it shows (a consultancy's roadmap page: 450 KPIs, 16 s).

A row holds the engine's result as JSON (``Result.as_json``, read back by ``Result.from_json``: the same
numbers) and the digest of everything it was computed from (measurements, target, deadline, range). It is
read only when that digest is the one of the KPI's data now: a measurement added, edited or deleted, a
target or deadline changed, changes the digest, and the forecast is computed again and the row rewritten.
A stale row is therefore never shown, whichever way the data changed (a page, an import, a copy, a KPI
source's refresh, the database edited by hand); the write paths only compute the new forecast ahead of the
next view (``forecast_store``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import DatabaseError, transaction

from jalon.busy import patiently
from jalon.engines import forecast as engine
from jalon.strategy.models import KPI, StoredForecast

if TYPE_CHECKING:
    from jalon.strategy.kpis.forecasting import Inputs

logger = logging.getLogger(__name__)


def stored(kpi: KPI, inputs: Inputs) -> StoredForecast | None:
    """The KPI's stored forecast when it was computed from ``inputs`` (its digest), else None: the one rule
    that keeps a stale row from being read. Read with the KPI by ``queries.kpis_with_measurements``, else
    one query."""
    try:
        kept = kpi.stored_forecast
    except StoredForecast.DoesNotExist:
        return None
    return kept if kept.key == inputs.digest else None


def store(
    kpi: KPI, inputs: Inputs, result: engine.Result | None, *, patience_s: float = 0.0
) -> engine.Result | None:
    """Keep ``result`` as the KPI's forecast for ``inputs``; return it. While SQLite is busy with another
    connection's write the store waits the busy timeout, tried again for ``patience_s`` (a background job,
    which nobody waits for, waits its turn: ``busy.patiently``). A write that fails all the same (the KPI
    deleted meanwhile, a page's store past the busy timeout) is logged and skipped: the next view computes
    it again."""
    row = StoredForecast(kpi_id=kpi.pk, key=inputs.digest, result=result.as_json() if result else None)

    def write() -> None:
        with transaction.atomic():
            StoredForecast.objects.update_or_create(
                kpi_id=kpi.pk, defaults={"key": row.key, "result": row.result}
            )

    try:
        patiently(write, within_s=patience_s)
    except DatabaseError:
        logger.warning("forecast of KPI %s not stored", kpi.pk, exc_info=True)
    else:
        kpi.stored_forecast = row
    return result
