"""A background job whose rows a KPI's rule refuses (a value beyond its typed range) says why in each
reader's language: the refusal was kept as text in the language of whoever started the job, so a French
reader of an English editor's job read English on a French page (and the reverse)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.strategy import services
from jalon.strategy.kpis import source_jobs, source_services
from jalon.strategy.models import KPI
from tests.engines.samples import CDNOW_SAMPLE
from tests.strategy.kpi_sources import WEEKLY_REVENUE, kpi, upload

# The child's code run in this process, without a new interpreter's start (tests/strategy/conftest.py)
pytestmark = pytest.mark.usefixtures("source_in_this_process")

__all__ = ["kpi"]

PAGE = "/w/cloud-kicks/r/cloud-kicks/kpis/"
DOUBLED = WEEKLY_REVENUE.replace("sum(dollar_value)", "sum(dollar_value) * 2")
WORDS = {
    "fr": ("hors des valeurs possibles de cet indicateur", "outside this KPI"),
    "en": ("outside this KPI's possible values", "hors des valeurs possibles"),
}


def capped(kpi: KPI, members: Any) -> None:
    """``kpi`` measured from its source, then capped at its highest measurement: twice the file's values
    are beyond its typed range."""
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    top = max(kpi.measurements.values_list("value", flat=True))
    services.update_kpi(
        actor=members["owner"], kpi=kpi, expected_version=kpi.version, changes={"highest_possible": top}
    )


def job_page(client: Client, job: Job, reader: Any, language: str) -> str:
    client.force_login(reader)
    client.cookies["jalon_language"] = language
    page = client.get(f"{PAGE}source-jobs/{job.pk}/")
    assert page.status_code == 200
    return page.content.decode().replace("&#x27;", "'").replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(("started_in", "read_in"), [("en", "fr"), ("fr", "en")])
def test_a_refresh_job_refused_by_the_kpi_s_range_says_why_in_each_reader_s_language(
    kpi: KPI, client: Client, members: Any, started_in: str, read_in: str
) -> None:
    capped(kpi, members)
    job = jobs.start_job(
        kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=members["editor"],
        params=source_jobs.job_params(kpi, started_in, query=DOUBLED), inline=True,
    )  # fmt: skip
    assert job.status == JobStatus.FAILED
    said, other = WORDS[read_in]
    page = job_page(client, job, members["viewer"], read_in)
    assert said in page and other not in page
    with translation.override(read_in):
        assert said in source_jobs.failure_text(job) and other not in source_jobs.failure_text(job)


@pytest.mark.parametrize(("started_in", "read_in"), [("en", "fr"), ("fr", "en")])
def test_an_attach_job_refused_by_the_kpi_s_range_says_why_in_each_reader_s_language(
    kpi: KPI, client: Client, members: Any, started_in: str, read_in: str
) -> None:
    capped(kpi, members)
    kept = source_services.keep_file(
        actor=members["editor"], kpi=kpi, upload=SimpleUploadedFile("autre.txt", CDNOW_SAMPLE.read_bytes())
    )
    job = jobs.start_job(
        kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=members["editor"],
        params=source_jobs.job_params(kpi, started_in, attach=(kept, DOUBLED)), inline=True,
    )  # fmt: skip
    assert job.status == JobStatus.FAILED
    said, other = WORDS[read_in]
    page = job_page(client, job, members["viewer"], read_in)
    assert said in page and other not in page
    prefix = {"fr": "Rien n'a été changé : ", "en": "Nothing was changed: "}[read_in]
    with translation.override(read_in):
        text = source_jobs.failure_text(job).replace("’", "'").replace("\u00a0", " ")
    assert text.startswith(prefix) and said in text
