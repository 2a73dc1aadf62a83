"""Background jobs: queued -> running -> done with progress, failures recorded with a message for the
user, each job run exactly once, interrupted jobs noticed, and jobs kept inside their workspace."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from jalon.accounts.models import User
from jalon.engines.scheduling_types import InvalidProblemError, ProblemCode
from jalon.jobs import registry, runner, services
from jalon.jobs.models import Job, JobStatus
from jalon.jobs.registry import JobFailed
from jalon.refusals import refusal_message
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import Forbidden, NotFound
from tests.factories import Team, make_roadmap

seen_while_running: list[tuple[str, int, str]] = []


@registry.register("test-progress")
def progressing(context: registry.JobContext) -> dict[str, Any]:
    context.progress(30, gettext_noop("Activities to schedule: {count}."), count=3)
    job = Job.objects.get(pk=context.job_id)
    seen_while_running.append((job.status, job.progress, job.message_text))
    return {"answer": context.params["question"] * 2}


@registry.register("test-refuses")
def refusing(context: registry.JobContext) -> None:
    """Refuses as the scheduler's job does: the engine's code, worded where the job is read."""
    message, params = refusal_message(InvalidProblemError(ProblemCode.NEGATIVE_LAG, activity="brief"))
    raise JobFailed(message, **params)


@registry.register("test-crashes")
def crashing(context: registry.JobContext) -> None:
    raise RuntimeError("database on fire")


@pytest.fixture
def members(team: Team) -> dict[str, User]:
    """One user per role of a small team, and an outsider: jobs do not need the demo."""
    return team.users


@pytest.fixture
def owner(members: dict[str, User]) -> User:
    return members["owner"]


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    return make_roadmap(team.workspace, team.owner)


def start(roadmap: Roadmap, owner: User, kind: str = "test-progress", **params: Any) -> Job:
    return services.start_job(kind=kind, roadmap=roadmap, actor=owner, params=params or {"question": 21})


def test_a_job_goes_from_queued_to_running_to_done_with_its_progress(roadmap, owner):
    seen_while_running.clear()
    job = start(roadmap, owner)
    assert (job.status, job.progress) == (JobStatus.QUEUED, 0)
    with translation.override("en"):
        assert services.run_queued() == 1
        job.refresh_from_db()
        assert seen_while_running == [(JobStatus.RUNNING, 30, "Activities to schedule: 3.")]
        assert (job.status, job.progress, job.result, job.message_text) == (
            JobStatus.DONE, 100, {"answer": 42}, "Done."
        )  # fmt: skip
    assert job.started_at is not None and job.finished_at is not None
    assert job.created_at <= job.started_at <= job.finished_at
    assert (job.workspace, job.roadmap, job.actor) == (roadmap.workspace, roadmap, owner)


def test_a_refusal_fails_the_job_with_its_message_in_the_readers_language(roadmap, owner):
    job = start(roadmap, owner, "test-refuses")
    services.run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.result is None
    with translation.override("en"):
        assert job.message_text == "Activity brief: a lag cannot be negative."
    with translation.override("fr"):
        assert job.message_text == "Activité brief\u00a0: un décalage ne peut pas être négatif."


def test_an_unexpected_error_fails_the_job_and_keeps_the_details_for_operators(roadmap, owner):
    job = start(roadmap, owner, "test-crashes")
    services.run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == services.UNEXPECTED
    assert "RuntimeError: database on fire" in job.error


def test_inline_runs_the_job_before_returning(roadmap, owner):
    job = services.start_job(
        kind="test-progress", roadmap=roadmap, actor=owner, params={"question": 2}, inline=True
    )
    assert (job.status, job.result) == (JobStatus.DONE, {"answer": 4})


def test_a_job_is_claimed_only_once(roadmap, owner):
    job = start(roadmap, owner)
    assert services.claim(job.pk)
    assert not services.claim(job.pk)
    assert not services.run_job(job.pk)
    assert services.run_queued() == 0


def test_jobs_run_in_the_order_they_were_queued(roadmap, owner):
    first, second = start(roadmap, owner, question=1), start(roadmap, owner, question=2)
    finished: list[int] = []
    services.run_queued(on_finished=lambda job: finished.append(job.pk))
    assert finished == [first.pk, second.pk]


def test_a_running_job_silent_for_too_long_was_interrupted(roadmap, owner):
    job = start(roadmap, owner)
    services.claim(job.pk)
    assert services.recover_stale() == 0
    assert services.recover_stale(now=timezone.now() + services.STALE_AFTER + timedelta(seconds=1)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == services.INTERRUPTED


def test_starting_a_job_wakes_the_job_thread_once_the_transaction_commits(
    roadmap, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        start(roadmap, owner)
    assert callbacks == [runner.wake]


def test_an_unknown_kind_is_refused_before_anything_is_written(roadmap, owner):
    with pytest.raises(registry.UnknownJobKind):
        start(roadmap, owner, "no-such-kind")
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("role", "error"), [("viewer", Forbidden), ("stakeholder", Forbidden), ("outsider", NotFound)]
)
def test_only_editors_start_jobs(roadmap, members, role, error):
    with pytest.raises(error):
        start(roadmap, members[role])
    assert not Job.objects.exists()


def test_a_job_is_seen_only_through_its_own_roadmap(roadmap, members):
    job = start(roadmap, members["owner"])
    assert services.job_for(members["viewer"], roadmap, job.pk) == job
    with pytest.raises(NotFound):
        services.job_for(members["outsider"], roadmap, job.pk)
    theirs = Roadmap.objects.create(
        workspace=members["outsider"].workspaces.get(), slug="x", title="X", type="strategic",
        start=roadmap.start, end=roadmap.end,
    )  # fmt: skip
    with pytest.raises(NotFound):
        services.job_for(members["outsider"], theirs, job.pk)


@pytest.mark.django_db(transaction=True)
def test_the_web_process_runs_queued_jobs_in_a_thread_of_its_own(roadmap, owner):
    job = start(roadmap, owner)  # autocommit: the thread is woken at once
    deadline = time.monotonic() + 20
    while Job.objects.get(pk=job.pk).status != JobStatus.DONE and time.monotonic() < deadline:
        time.sleep(0.1)
    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.DONE, {"answer": 42})


def test_jalon_worker_once_runs_the_queue_and_prints_a_line_per_job(roadmap, owner):
    from typer.testing import CliRunner

    from jalon.cli import app

    job = start(roadmap, owner)
    outcome = CliRunner().invoke(app, ["worker", "--once"])
    assert outcome.exit_code == 0, outcome.output
    assert f"{job.pk} (test-progress)" in outcome.output
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


@pytest.mark.django_db(transaction=True)
def test_the_job_thread_writes_while_a_page_is_still_reading_the_jobs_table(roadmap, owner, monkeypatch):
    """The cause of the old flaky `database table is locked: jobs_job` in recover_stale: tests ran on an
    in-memory shared-cache SQLite database, where a reader's table lock makes another connection's write
    fail at once. Jalon's SQLite is a file in WAL mode, where readers never block a writer; tests use the
    same, so a job thread's write succeeds while another connection is halfway through a read."""
    from django.db import connection

    monkeypatch.setattr(runner, "wake", lambda: None)
    for job in (start(roadmap, owner, question=1), start(roadmap, owner, question=2)):
        services.claim(job.pk)
    with connection.cursor() as reading:
        reading.execute("SELECT id FROM jobs_job")
        reading.fetchone()  # the statement is still open: a shared-cache table lock would be held
        outcome: list[object] = []

        def recover() -> None:
            from django.db import connection as thread_connection

            try:
                outcome.append(services.recover_stale(now=timezone.now() + timedelta(days=1)))
            except Exception as error:
                outcome.append(error)
            finally:
                thread_connection.close()

        import threading

        thread = threading.Thread(target=recover)
        thread.start()
        thread.join(30)
    assert outcome == [2]  # both running jobs, silent for a day, were marked interrupted
