"""The same run asked twice — a double click, a second tab, a form sent again over a slow network — is one
job while it is queued or running: the second request gets the first job, and the database refuses a
second live job with the same fingerprint even when two requests race past the look."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from jalon.accounts.models import User
from jalon.jobs import registry, services
from jalon.jobs.models import Job, JobStatus
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap


@registry.register("test-folding")
def answering(context: registry.JobContext) -> dict[str, Any]:
    return {"answer": context.params["question"] * 2}


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    return make_roadmap(team.workspace, team.owner)


def start(roadmap: Roadmap, actor: User, **params: Any) -> Job:
    return services.start_job(kind="test-folding", roadmap=roadmap, actor=actor, params=params)


@pytest.mark.django_db
def test_the_same_run_asked_twice_while_it_is_queued_is_one_job(roadmap, team):
    first = start(roadmap, team.owner, question=21)
    again = start(roadmap, team.owner, question=21)
    assert again.pk == first.pk
    assert Job.objects.count() == 1


@pytest.mark.django_db
def test_the_same_run_asked_while_it_runs_is_the_running_job(roadmap, team):
    first = start(roadmap, team.owner, question=21)
    assert services.claim(first.pk)
    again = start(roadmap, team.owner, question=21)
    assert (again.pk, again.status) == (first.pk, JobStatus.RUNNING)


@pytest.mark.django_db
def test_a_run_asked_again_once_the_first_finished_is_a_new_job(roadmap, team):
    first = start(roadmap, team.owner, question=21)
    services.run_job(first.pk)
    again = services.start_job(
        kind="test-folding", roadmap=roadmap, actor=team.owner, params={"question": 21}, inline=True
    )
    assert again.pk != first.pk
    assert again.result == {"answer": 42}


@pytest.mark.django_db
def test_other_parameters_another_person_or_another_roadmap_make_another_job(roadmap, team):
    first = start(roadmap, team.owner, question=21)
    other_question = start(roadmap, team.owner, question=22)
    other_person = start(roadmap, team.users["editor"], question=21)
    other_roadmap = start(make_roadmap(team.workspace, team.owner, slug="other"), team.owner, question=21)
    assert len({first.pk, other_question.pk, other_person.pk, other_roadmap.pk}) == 4


@pytest.mark.django_db
def test_the_database_refuses_a_second_live_job_with_the_same_fingerprint(roadmap, team):
    first = start(roadmap, team.owner, question=21)
    twin = {
        "workspace": roadmap.workspace, "roadmap": roadmap, "actor": team.owner, "kind": "test-folding",
        "params": {"question": 21}, "fingerprint": first.fingerprint, "updated_at": timezone.now(),
    }  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(**twin)
    Job.objects.create(**twin, status=JobStatus.DONE)  # finished jobs keep their fingerprint freely
    assert Job.objects.filter(fingerprint=first.fingerprint).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_requests_racing_for_the_same_run_make_one_job(team, monkeypatch):
    """The runner thread is kept asleep: woken by the first request's commit, it may finish that run before
    a slowed second request looks, and a run asked once the first finished is rightly a new one."""
    from jalon.jobs import runner

    monkeypatch.setattr(runner, "wake", lambda: None)
    roadmap = make_roadmap(team.workspace, team.owner)
    gate = threading.Barrier(2)
    made: list[int] = []

    def request() -> None:
        try:
            gate.wait(timeout=10)
            made.append(start(roadmap, team.owner, question=21).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(made) == 2 and made[0] == made[1]
    assert Job.objects.count() == 1
