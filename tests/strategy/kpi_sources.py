"""KPIs and the files their measurements come from, for the tests of a KPI's source."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jalon.strategy import services
from jalon.strategy.models import KPI
from tests.engines.samples import CDNOW_SAMPLE

WEEKLY_REVENUE = """
    select date_trunc('week', strptime(cast(date as varchar), '%Y%m%d'))::date as week, sum(dollar_value)
    from data group by week order by week
"""


WEEKLY_ACTIVE = """
    select date_trunc('week', strptime(cast(date as varchar), '%Y%m%d'))::date as week,
           count(distinct customer_id)
    from data group by week order by week
"""


@pytest.fixture
def kpi(members, settings, tmp_path) -> KPI:
    settings.MEDIA_ROOT = tmp_path
    return services.create_kpi(
        actor=members["owner"], roadmap=KPI.objects.first().roadmap, key="revenue", name="Revenue",  # type: ignore[union-attr]
        frequency="weekly",
    )  # fmt: skip


def upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("orders.txt", CDNOW_SAMPLE.read_bytes())


def worker_once(
    kpi: KPI, actor: object, started_in: str, language: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """A refresh job of ``kpi``'s source started by ``actor`` in ``started_in``, then ``jalon worker --once``
    with ``JALON_LANGUAGE=language``: the job's id and the command's output."""
    from typer.testing import CliRunner

    from jalon.cli import app
    from jalon.jobs.services import start_job
    from jalon.strategy.kpis import source_jobs

    job = start_job(
        kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=actor,  # type: ignore[arg-type]
        params=source_jobs.job_params(kpi, started_in),
    )  # fmt: skip
    monkeypatch.setenv("JALON_LANGUAGE", language)
    outcome = CliRunner().invoke(app, ["worker", "--once"])
    assert outcome.exit_code == 0, outcome.output
    return job.pk, outcome.output
