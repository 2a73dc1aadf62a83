"""Attaching a large new data file to a KPI runs as a background job: the file is saved first, the reader
goes to the job's page, and the job attaches it all or nothing (a failing one leaves the source, its file
and the measurements as they were, and says why in the reader's language). Small files stay inline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.strategy.kpis import source_jobs, source_services
from jalon.strategy.models import KPI, KPISource
from tests.engines.samples import CDNOW_SAMPLE
from tests.strategy.kpi_sources import WEEKLY_ACTIVE, WEEKLY_REVENUE, kpi, upload

# The child's code run in this process, without a new interpreter's start (tests/strategy/conftest.py)
pytestmark = pytest.mark.usefixtures("source_in_this_process")

__all__ = ["kpi"]

PAGE = "/w/cloud-kicks/r/cloud-kicks/kpis/"


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large, so the 400-order sample is attached by the job."""
    monkeypatch.setattr(source_services, "BACKGROUND_FROM_BYTES", 0)


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_a_large_new_file_is_saved_then_attached_by_a_job_and_the_reader_lands_on_the_kpi(
    kpi: KPI, client: Client, members: Any, large: None, settings: Any
) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "fr"
    started = client.post(f"{PAGE}revenue/source/", {"file": upload(), "query": WEEKLY_REVENUE})
    job = Job.objects.get(kind=source_jobs.JOB_KIND)
    assert started.status_code == 302 and started["Location"] == f"{PAGE}source-jobs/{job.pk}/"
    assert not KPISource.objects.exists() and not kpi.measurements.exists()  # not attached yet
    (saved,) = files(Path(settings.MEDIA_ROOT))
    assert saved.startswith(f"kpi-sources/{kpi.pk}/") and job.params["file"] == saved
    waiting = client.get(started["Location"]).content.decode()
    assert 'id="source-progress-bar"' in waiting
    assert jobs.run_queued() == 1
    shown = client.get(started["Location"], follow=True)
    assert shown.redirect_chain[-1][0] == f"{PAGE}revenue/"
    count = kpi.measurements.count()
    assert count > 0 and f"Actualisé\u00a0: {count} mesures" in shown.content.decode().replace("\u202f", " ")
    source = KPISource.objects.get(kpi=kpi)
    assert (source.stored_path, source.file_name, source.query) == (saved, "orders.txt", WEEKLY_REVENUE)


def test_a_small_new_file_is_still_attached_in_the_request(kpi: KPI, client: Client, members: Any) -> None:
    client.force_login(members["editor"])
    response = client.post(f"{PAGE}revenue/source/", {"file": upload(), "query": WEEKLY_REVENUE})
    assert response["Location"] == f"{PAGE}revenue/"
    assert KPISource.objects.filter(kpi=kpi).exists() and not Job.objects.exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Rien n’a été changé\u00a0: "), ("en", "Nothing was changed: ")],
)
def test_a_failing_attach_job_changes_nothing_and_says_why_in_the_readers_language(
    kpi: KPI, client: Client, members: Any, large: None, settings: Any, language: str, words: str
) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_ACTIVE)
    before = (
        list(KPISource.objects.values_list("stored_path", "file_name", "query", "version", "error")),
        sorted(kpi.measurements.values_list("date", "value")),
        files(Path(settings.MEDIA_ROOT)),
    )
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = language
    other = SimpleUploadedFile("autre.txt", CDNOW_SAMPLE.read_bytes())
    started = client.post(f"{PAGE}revenue/source/", {"file": other, "query": "select 1"})
    assert jobs.run_queued() == 1
    assert Job.objects.get(kind=source_jobs.JOB_KIND).status == JobStatus.FAILED
    after = (
        list(KPISource.objects.values_list("stored_path", "file_name", "query", "version", "error")),
        sorted(kpi.measurements.values_list("date", "value")),
        files(Path(settings.MEDIA_ROOT)),
    )
    assert after == before  # the new file is gone too
    page = client.get(started["Location"]).content.decode().replace("&#x27;", "'").replace("&#39;", "'")
    assert 'id="source-problems"' in page and words in page


def test_a_file_the_page_refuses_starts_no_job_and_keeps_nothing(
    kpi: KPI, client: Client, members: Any, large: None, settings: Any
) -> None:
    client.force_login(members["editor"])
    response = client.post(
        f"{PAGE}revenue/source/", {"file": SimpleUploadedFile("notes.pdf", b"%PDF-1.4"), "query": "x"}
    )
    assert response.status_code == 422 and not Job.objects.exists()
    assert files(Path(settings.MEDIA_ROOT)) == []


def test_only_editors_start_an_attach_job_and_another_workspace_cannot_see_it(
    kpi: KPI, client: Client, members: Any, large: None
) -> None:
    client.force_login(members["viewer"])
    assert (
        client.post(f"{PAGE}revenue/source/", {"file": upload(), "query": WEEKLY_REVENUE}).status_code == 403
    )
    assert not Job.objects.exists()
    client.force_login(members["editor"])
    started = client.post(f"{PAGE}revenue/source/", {"file": upload(), "query": WEEKLY_REVENUE})
    client.force_login(members["outsider"])
    assert client.get(started["Location"]).status_code == 404
    assert client.get(started["Location"] + "status/").status_code == 404


def test_an_attach_job_never_takes_another_kpis_file(kpi: KPI, members: Any, settings: Any) -> None:
    kept = source_services.keep_file(actor=members["editor"], kpi=kpi, upload=upload())
    stranger = source_services.KeptFile("x.txt", kept.stored.replace(f"/{kpi.pk}/", f"/{kpi.pk + 1}/"))
    params = source_jobs.job_params(kpi, "en", attach=(stranger, WEEKLY_REVENUE))
    job = jobs.start_job(
        kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=members["editor"], params=params, inline=True
    )
    assert job.status == JobStatus.FAILED and not KPISource.objects.exists()
