"""A large KPI source is refreshed from the page by a background job: the page shows its progress while it
runs, then the measurements written or the query's error in words; small files stay inline."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.strategy.kpis import source_jobs, source_services
from jalon.strategy.models import KPI, KPISource
from tests.strategy.kpi_sources import WEEKLY_REVENUE, kpi, upload

# The child's code run in this process, without a new interpreter's start (tests/strategy/conftest.py)
pytestmark = pytest.mark.usefixtures("source_in_this_process")

__all__ = ["kpi"]  # the fixture, shared with the inline refresh's tests

PAGE = "/w/cloud-kicks/r/cloud-kicks/kpis/"


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large, so the 400-order sample goes through the job."""
    monkeypatch.setattr(source_services, "BACKGROUND_FROM_BYTES", 0)


def test_only_files_from_the_size_limit_are_refreshed_in_the_background(
    kpi: KPI, members: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not source_services.refreshes_in_background(kpi)  # no source yet
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    size = len(upload().read())
    monkeypatch.setattr(source_services, "BACKGROUND_FROM_BYTES", size + 1)
    assert not source_services.refreshes_in_background(kpi)
    monkeypatch.setattr(source_services, "BACKGROUND_FROM_BYTES", size)
    assert source_services.refreshes_in_background(kpi)


def test_the_refresh_job_writes_the_measurements_and_reports_its_stages(
    kpi: KPI, members: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    seen: list[tuple[int, str]] = []
    original = jobs._reporter

    def spying(job_id: int) -> Any:
        report = original(job_id)

        def progress(percent: int, message: str = "", /, **params: Any) -> None:
            seen.append((percent, message))
            report(percent, message, **params)

        return progress

    monkeypatch.setattr(jobs, "_reporter", spying)
    job = jobs.start_job(
        kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=members["editor"],
        params=source_jobs.job_params(kpi, "en"), inline=True,
    )  # fmt: skip
    assert job.status == JobStatus.DONE and job.progress == 100
    assert job.result_data == {"kpi": "revenue", "count": kpi.measurements.count()}
    assert kpi.measurements.count() > 0
    assert [percent for percent, _message in seen] == [5, 40, 80]
    assert KPISource.objects.get(kpi=kpi).refreshed_at is not None


def test_a_failing_refresh_job_keeps_the_measurements_and_says_why_in_the_readers_language(
    kpi: KPI, members: Any
) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    before = kpi.measurements.count()
    KPISource.objects.filter(kpi=kpi).update(query="select 1")  # a kept query that fails now
    job = jobs.start_job(
        kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=members["editor"],
        params=source_jobs.job_params(kpi, "en"), inline=True,
    )  # fmt: skip
    assert job.status == JobStatus.FAILED and kpi.measurements.count() == before > 0
    with translation.override("fr"):  # started by an English reader, read by a French one: all French
        assert "deux colonnes" in source_services.last_error(KPISource.objects.get(kpi=kpi))
        said = source_jobs.failure_text(job)
        assert said.startswith("Rien n’a été actualisé") and "deux colonnes" in said and "two" not in said
    with translation.override("en"):
        said = source_jobs.failure_text(job)
        assert said.startswith("Nothing was refreshed: The query must return two columns")


def test_a_viewer_cannot_start_a_refresh_job(kpi: KPI, members: Any) -> None:
    from jalon.workspaces.permissions import Forbidden

    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    with pytest.raises(Forbidden):
        jobs.start_job(
            kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=members["viewer"],
            params=source_jobs.job_params(kpi, "en"),
        )  # fmt: skip
    assert not Job.objects.exists()


def test_the_page_starts_the_job_shows_its_progress_then_the_measurements(
    kpi: KPI, client: Client, members: Any, large: None
) -> None:
    client.force_login(members["editor"])
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    kpi.measurements.all().delete()
    started = client.post(f"{PAGE}revenue/source/", {"refresh_only": "1"})
    job = Job.objects.get(kind=source_jobs.JOB_KIND)
    assert started.status_code == 302 and started["Location"] == f"{PAGE}source-jobs/{job.pk}/"
    assert not kpi.measurements.exists()  # the job has not run yet

    waiting = client.get(started["Location"])
    assert waiting.status_code == 200
    assert 'id="source-progress"' in waiting.content.decode()
    assert f'hx-get="{PAGE}source-jobs/{job.pk}/status/"' in waiting.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in waiting.content.decode()  # without JavaScript
    polled = client.get(f"{PAGE}source-jobs/{job.pk}/status/", headers={"HX-Request": "true"})
    assert polled.status_code == 200 and "<progress" in polled.content.decode()

    assert jobs.run_job(job.pk)
    finished = client.get(f"{PAGE}source-jobs/{job.pk}/status/", headers={"HX-Request": "true"})
    assert finished["HX-Refresh"] == "true"
    shown = client.get(started["Location"], follow=True)
    assert shown.redirect_chain[-1][0] == f"{PAGE}revenue/"
    count = kpi.measurements.count()
    assert count > 0 and f"Actualisé\u00a0: {count} mesures" in shown.content.decode().replace("\u202f", " ")


def test_the_page_shows_a_failed_jobs_error_in_words(
    kpi: KPI, client: Client, members: Any, large: None
) -> None:
    client.force_login(members["editor"])
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    started = client.post(f"{PAGE}revenue/source/", {"query": "select 1"})  # the query only: run, refused
    jobs.run_job(Job.objects.get(kind=source_jobs.JOB_KIND).pk)
    page = client.get(started["Location"])
    assert page.status_code == 200
    assert 'id="source-problems"' in page.content.decode()
    assert "La requête doit renvoyer deux colonnes" in page.content.decode()
    assert KPISource.objects.get(kpi=kpi).query == WEEKLY_REVENUE  # the working query is kept


def test_a_job_of_another_kpi_page_or_roadmap_is_not_found(kpi: KPI, client: Client, members: Any) -> None:
    client.force_login(members["outsider"])
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    job = jobs.start_job(
        kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=members["editor"],
        params=source_jobs.job_params(kpi, "en"),
    )  # fmt: skip
    assert client.get(f"{PAGE}source-jobs/{job.pk}/").status_code == 404
    client.force_login(members["viewer"])
    assert client.get(f"{PAGE}source-jobs/{job.pk}/").status_code == 200
    assert client.get(f"{PAGE}source-jobs/{job.pk + 1}/").status_code == 404
