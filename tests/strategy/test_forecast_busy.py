"""The KPIs' forecasts stored by the background job (``kpi_forecasts``, after an import) while another
connection writes for longer than SQLite's busy timeout (the next import, a long save): the job waits its turn
(``busy.patiently``) and stores every forecast, where it used to log "database is locked" and drop them; a
page's own store, which a person waits for, still gives up after the busy timeout, without an error."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.db import OperationalError

from jalon import busy
from jalon.jobs.models import Job, JobStatus
from jalon.jobs.registry import JobContext
from jalon.jobs.services import run_queued, start_job
from jalon.strategy import queries
from jalon.strategy.kpis import forecast_store, forecasting
from jalon.strategy.models import StoredForecast
from tests.server.test_busy import another_writer, short_busy_timeout

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite"
    ),
]
__all__ = ["short_busy_timeout"]  # the fixture, used by name below
HELD_S = 1.0  # the other writer's transaction: longer than the shortened busy timeout (0.3 s)


def _forecast_kpis(demo: Any) -> list[Any]:
    """The demo's KPIs that have a forecast to store."""
    return [kpi for kpi in queries.kpis_with_measurements(demo.roadmap) if forecasting.inputs_of(kpi)]


def test_the_forecast_job_s_stores_wait_for_a_longer_write_instead_of_being_dropped(
    demo: Any, short_busy_timeout: None
) -> None:
    StoredForecast.objects.all().delete()
    forecasting.FORECASTS.clear()
    context = JobContext(0, forecast_store.JOB_KIND, {}, demo.roadmap, None, lambda *_a, **_k: None)
    with another_writer(release_after_s=HELD_S):
        computed = forecast_store.refresh_job(context)["computed"]
    assert computed == len(_forecast_kpis(demo)) > 0
    assert StoredForecast.objects.filter(kpi__roadmap=demo.roadmap).count() == computed  # none dropped


def test_the_forecast_job_waits_for_a_longer_write_and_stores_every_forecast(
    demo: Any, monkeypatch: pytest.MonkeyPatch, short_busy_timeout: None
) -> None:
    monkeypatch.setattr("jalon.jobs.runner.wake", lambda: None)  # the job run below, in this thread
    StoredForecast.objects.all().delete()
    forecasting.FORECASTS.clear()
    start_job(kind=forecast_store.JOB_KIND, roadmap=demo.roadmap, actor=None)
    started = time.monotonic()
    with another_writer(release_after_s=HELD_S):
        assert run_queued() == 1
    assert time.monotonic() - started >= HELD_S  # it waited for the other write...
    job = Job.objects.get(kind=forecast_store.JOB_KIND)
    assert job.status == JobStatus.DONE
    assert StoredForecast.objects.filter(kpi__roadmap=demo.roadmap).count() == len(_forecast_kpis(demo)) > 0


def test_a_page_s_store_gives_up_after_the_busy_timeout_without_an_error(
    demo: Any, short_busy_timeout: None
) -> None:
    StoredForecast.objects.all().delete()
    forecasting.FORECASTS.clear()
    kpi = _forecast_kpis(demo)[0]
    with another_writer():
        result = forecasting.kpi_forecast(kpi)  # what a page shows: computed, its store skipped
    assert result is not None and not StoredForecast.objects.exists()


def test_patiently_runs_a_write_again_while_sqlite_is_busy_and_no_other_error() -> None:
    tries: list[int] = []

    def write() -> str:
        tries.append(1)
        if len(tries) < 3:
            raise OperationalError("database is locked")
        return "written"

    def broken() -> str:
        tries.append(1)
        raise OperationalError("no such table: x")

    assert busy.patiently(write, within_s=5) == "written" and len(tries) == 3
    tries.clear()
    with pytest.raises(OperationalError, match="no such table"):
        busy.patiently(broken, within_s=5)
    assert len(tries) == 1  # not tried again: only a busy database is
    tries.clear()
    with pytest.raises(OperationalError, match="locked"):
        busy.patiently(write, within_s=0)  # a page's store: no patience beyond the busy timeout
    assert len(tries) == 1
