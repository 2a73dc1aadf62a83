"""Running the portfolio's background jobs in the tests."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.planning.portfolio import runs as portfolio_runs
from tests.planning.portfolio_pages import RULES, URL


@pytest.fixture
def background(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run goes to the background, whatever the roadmap's size."""
    monkeypatch.setattr(portfolio_runs, "INLINE_MAX_CANDIDATES", 1)


def run_url(job: Job, tail: str = "") -> str:
    return f"{URL}runs/{job.pk}/{tail}"


def queue(client: Client, rules: dict[str, Any] | None = None) -> Job:
    response = client.post(URL, rules or RULES)
    job = Job.objects.filter(kind=portfolio_runs.JOB_KIND).latest("pk")
    assert response.status_code == 303 and response["Location"] == run_url(job)
    return job


def finished(client: Client) -> Job:
    job = queue(client)
    jobs.run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    return job
