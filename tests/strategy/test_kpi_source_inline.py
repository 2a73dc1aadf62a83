"""A small file's run holds the page for at most ``INLINE_SECONDS``: past it, DuckDB is stopped and the same
run is handed over to a background job, whatever the file's size said (a Parquet file of 48 kB took 28 s
under load). Nothing is kept by the stopped run, and no error is kept for it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jalon.jobs.models import Job
from jalon.strategy.kpis import source_jobs, source_services
from jalon.strategy.kpis.sources import RunsLong, SourceError, run_query
from jalon.strategy.models import KPI, KPISource
from tests.engines.samples import CDNOW_SAMPLE
from tests.strategy.kpi_sources import WEEKLY_REVENUE, kpi, upload

__all__ = ["kpi"]

PAGE = "/w/cloud-kicks/r/cloud-kicks/kpis/revenue/"
BUDGET = 0.5
# 400 orders joined to themselves three times: 25 billion rows, minutes of work over a file of 12 kB
SLOW = """
    select strptime(cast(a.date as varchar), '%Y%m%d')::date, count(*)
    from data a, data b, data c, data d group by 1
"""


@pytest.fixture
def budget(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setattr(source_services, "INLINE_SECONDS", BUDGET)
    return BUDGET


def _parquet(tmp_path: Path) -> SimpleUploadedFile:
    """The 400-order sample as a Parquet file (a few kB)."""
    target = tmp_path / "orders.parquet"
    rows = [line.split() for line in CDNOW_SAMPLE.read_text().splitlines()[1:] if line.strip()]
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE t (customer_id VARCHAR, date INTEGER, number_of_cds INTEGER, dollar_value DOUBLE)"
    )
    connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
    connection.execute("COPY t TO ? (FORMAT parquet)", [str(target)])
    connection.close()
    assert target.stat().st_size < source_services.BACKGROUND_FROM_BYTES  # small by its size
    return SimpleUploadedFile("orders.parquet", target.read_bytes())


def test_a_run_past_its_budget_is_stopped_and_said_to_run_long_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "orders.txt"
    path.write_bytes(CDNOW_SAMPLE.read_bytes())
    started = time.monotonic()
    with pytest.raises(RunsLong) as caught:
        run_query(path, SLOW, budget=BUDGET)
    assert time.monotonic() - started < BUDGET + 5 and not isinstance(caught.value, SourceError)


@pytest.mark.parametrize("kind", ["text", "parquet"])
def test_a_small_new_file_whose_run_takes_too_long_is_handed_over_to_a_job(
    kpi: KPI, client: Client, members: Any, budget: float, tmp_path: Path, settings: Any, kind: str
) -> None:
    client.force_login(members["editor"])
    sent = upload() if kind == "text" else _parquet(tmp_path)
    started = time.monotonic()
    response = client.post(f"{PAGE}source/", {"file": sent, "query": SLOW})
    waited = time.monotonic() - started
    job = Job.objects.get(kind=source_jobs.JOB_KIND)
    assert response.status_code == 302 and response["Location"].endswith(f"/source-jobs/{job.pk}/")
    assert waited < budget + 5  # the page was not held for the query's full minute
    assert not KPISource.objects.exists() and not kpi.measurements.exists()  # nothing kept inline
    assert job.params["query"] == SLOW and job.params["name"] == sent.name
    kept = Path(settings.MEDIA_ROOT) / job.params["file"]
    assert kept.read_bytes()[:4] == (b"PAR1" if kind == "parquet" else CDNOW_SAMPLE.read_bytes()[:4])


def test_a_refresh_that_takes_too_long_is_handed_over_and_keeps_no_error(
    kpi: KPI, client: Client, members: Any, budget: float
) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    KPISource.objects.filter(kpi=kpi).update(query=SLOW)  # a kept query that has become slow
    written = list(kpi.measurements.values_list("date", "value"))
    client.force_login(members["editor"])
    response = client.post(f"{PAGE}source/", {"refresh_only": "1"})
    job = Job.objects.get(kind=source_jobs.JOB_KIND)
    assert response.status_code == 302 and response["Location"].endswith(f"/source-jobs/{job.pk}/")
    assert "query" not in job.params and not source_jobs.changes_source(job.params)  # a refresh
    assert KPISource.objects.get(kpi=kpi).error == ""
    assert list(kpi.measurements.values_list("date", "value")) == written


def test_a_small_quick_file_is_still_attached_within_the_request(
    kpi: KPI, client: Client, members: Any, budget: float
) -> None:
    client.force_login(members["editor"])
    response = client.post(f"{PAGE}source/", {"file": upload(), "query": WEEKLY_REVENUE})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not Job.objects.exists() and kpi.measurements.exists()
