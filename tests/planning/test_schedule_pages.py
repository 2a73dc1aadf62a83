"""The "Plan the schedule" page: editors run and apply, readers read, outsiders find nothing; a large
roadmap is scheduled in the background with a progress bar the page polls."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.planning.schedule import run as scheduler
from tests.planning.schedule_support import START, activity, make_roadmap, person, week


@pytest.fixture
def members(team):
    """One user per role in a workspace of their own: these tests do not need the demo."""
    return team.users


@pytest.fixture
def roadmap(roadmap, owner):
    """The empty 2030 roadmap of tests/planning/conftest.py, with Ann full time on two activities."""
    found = roadmap
    ann = person(found, owner, "ann")
    for key in ("emailing", "landing-page"):
        activity(found, owner, key, week(0), people={ann: 35})
    return found


def url(roadmap, name="schedule", *args):
    return reverse(name, args=[roadmap.workspace.slug, roadmap.slug, *args])


def run(client, roadmap):
    return client.post(url(roadmap, "schedule_run"), {"start": START.isoformat()})


def job_of(roadmap) -> Job:
    return Job.objects.get(roadmap=roadmap)


def test_an_editor_runs_the_scheduler_and_sees_the_proposal(client, members, roadmap):
    members["editor"].language = "en"
    members["editor"].save(update_fields=["language"])
    client.force_login(members["editor"])
    response = run(client, roadmap)
    job = job_of(roadmap)
    assert response.status_code == 302 and response["Location"] == url(roadmap, "schedule_job", job.pk)
    page = client.get(response["Location"], headers={"Accept-Language": "en"}).content.decode()
    assert job.status == JobStatus.DONE
    assert 'id="move-landing-page"' in page or 'id="move-emailing"' in page
    assert "Apply the proposal (1 move)" in page
    assert 'id="heat-before"' in page and 'id="heat-after"' in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2  # the moved activity, now and proposed


def test_applying_from_the_page_moves_the_activity(client, members, roadmap):
    client.force_login(members["owner"])
    run(client, roadmap)
    job = job_of(roadmap)
    assert job.result is not None
    (move,) = job.result["moves"]
    response = client.post(url(roadmap, "schedule_apply", job.pk), follow=True)
    assert response.status_code == 200
    assert Activity.objects.get(roadmap=roadmap, key=move["key"]).start == week(1)
    assert "Apply the proposal" not in response.content.decode()


def test_a_stale_proposal_is_refused_with_409_and_nothing_moves(client, members, roadmap):
    client.force_login(members["owner"])
    run(client, roadmap)
    job = job_of(roadmap)
    assert job.result is not None
    (move,) = job.result["moves"]
    item = Activity.objects.get(roadmap=roadmap, key=move["key"])
    services.update(item, actor=members["owner"], expected_version=item.version, changes={"title": "Other"})
    response = client.post(url(roadmap, "schedule_apply", job.pk))
    assert response.status_code == 409
    assert Activity.objects.get(pk=item.pk).start == week(0)


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_see_the_page_and_proposals_but_cannot_run_or_apply(client, members, roadmap, role):
    job = scheduler.run_schedule(actor=members["owner"], roadmap=roadmap, start=START)
    client.force_login(members[role])
    page = client.get(url(roadmap))
    assert page.status_code == 200 and b'action="' + url(roadmap, "schedule_run").encode() not in page.content
    assert client.get(url(roadmap, "schedule_job", job.pk)).status_code == 200
    assert run(client, roadmap).status_code == 403
    assert client.post(url(roadmap, "schedule_apply", job.pk)).status_code == 403
    assert Job.objects.count() == 1 and Activity.objects.get(roadmap=roadmap, key="emailing").start == week(0)


def test_an_outsider_finds_nothing(client, members, roadmap):
    job = scheduler.run_schedule(actor=members["owner"], roadmap=roadmap, start=START)
    client.force_login(members["outsider"])
    for address in (
        url(roadmap),
        url(roadmap, "schedule_job", job.pk),
        url(roadmap, "schedule_job_status", job.pk),
    ):
        assert client.get(address).status_code == 404
    assert run(client, roadmap).status_code == 404
    assert client.post(url(roadmap, "schedule_apply", job.pk)).status_code == 404


def test_a_job_of_another_workspace_is_not_found(client, members, roadmap, make_user):
    from jalon.workspaces.models import Membership

    outsider = members["outsider"]
    theirs = make_roadmap(outsider.workspaces.get(), outsider, slug="theirs")
    job = jobs.start_job(kind="schedule", roadmap=theirs, actor=outsider, params={"start": "2030-04-01"})
    Membership.objects.create(workspace=roadmap.workspace, user=outsider, role="viewer")
    client.force_login(outsider)
    assert client.get(url(roadmap, "schedule_job", job.pk)).status_code == 404


def test_a_large_roadmap_is_scheduled_in_the_background_with_a_progress_bar(
    client, members, roadmap, monkeypatch
):
    monkeypatch.setattr(scheduler, "INLINE_MAX_ACTIVITIES", 1)
    members["owner"].language = "en"
    members["owner"].save(update_fields=["language"])
    client.force_login(members["owner"])
    response = run(client, roadmap)
    job = job_of(roadmap)
    assert job.status == JobStatus.QUEUED and job.params["seconds"] == scheduler.BACKGROUND_SECONDS
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'<progress id="schedule-progress-bar" max="100" value="0"', page)
    assert 'hx-trigger="every 1s"' in page
    status = url(roadmap, "schedule_job_status", job.pk)
    assert "<progress" in client.get(status, headers={"HX-Request": "true"}).content.decode()
    jobs.run_queued()
    finished = client.get(status, headers={"HX-Request": "true"})
    assert finished.status_code == 200 and finished["HX-Refresh"] == "true"
    assert client.get(status)["Location"] == url(roadmap, "schedule_job", job.pk)
    assert (
        "Apply the proposal"
        in client.get(
            url(roadmap, "schedule_job", job.pk), headers={"Accept-Language": "en"}
        ).content.decode()
    )


def test_a_bad_start_date_is_refused_with_422(client, members, roadmap):
    client.force_login(members["owner"])
    response = client.post(url(roadmap, "schedule_run"), {"start": "not a date"})
    assert response.status_code == 422 and not Job.objects.exists()


def test_the_proposal_page_costs_the_same_queries_whatever_the_roadmap_size(
    client, members, roadmap, django_assert_max_num_queries
):
    owner = members["owner"]
    client.force_login(owner)
    job = scheduler.run_schedule(actor=owner, roadmap=roadmap, start=START)
    client.get(url(roadmap, "schedule_job", job.pk))  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url(roadmap, "schedule_job", job.pk))
    ann = roadmap.people.get(key="ann")
    for i in range(15):
        activity(roadmap, owner, f"extra-{i}", week(i), people={ann: 5})
    bigger = scheduler.run_schedule(actor=owner, roadmap=roadmap, start=START)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(roadmap, "schedule_job", bigger.pk))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            "“Landing page” may start 2 days before “Emailing” ends: "
            "the scheduler starts it after, with a lag of 0.",
        ),
        (
            "fr",
            "«\u00a0Landing page\u00a0» peut commencer 2\u00a0jours avant la fin de "
            "«\u00a0Emailing\u00a0»\u00a0: le planificateur la place après, avec un décalage de 0.",
        ),
    ],
)
def test_the_page_says_which_overlap_the_scheduler_will_not_plan(client, members, roadmap, language, words):
    """A negative lag lets the successor start before its predecessor ends; the engine overlaps no two linked
    activities, so the page names each such link before the run instead of planning it silently with 0."""
    landing, emailing = (Activity.objects.get(roadmap=roadmap, key=k) for k in ("landing-page", "emailing"))
    services.add_dependency(actor=members["owner"], predecessor=emailing, successor=landing, lag_days=-2)
    members["viewer"].language = language
    members["viewer"].save(update_fields=["language"])
    client.force_login(members["viewer"])
    page = client.get(url(roadmap)).content.decode()
    note = re.search(r'<ul class="schedule-overlaps"[^>]*>(.*?)</ul>', page, re.S)
    assert note is not None and html.unescape(note[1]) == f"<li>{words}</li>"


def test_the_page_has_no_overlap_note_when_every_lag_is_zero_or_more(client, members, roadmap):
    client.force_login(members["viewer"])
    assert "schedule-overlaps" not in client.get(url(roadmap)).content.decode()


def test_a_proposal_without_assignments_says_an_owner_is_not_one_and_where_to_assign(client, team, owner):
    """The first hour gave activities an owner and found the workload empty, told only to « give activities
    their team members »: the page says that an owner is no assignment, and which form makes one."""
    found = make_roadmap(team.workspace, owner, slug="sans-affectation")
    lea = person(found, owner, "lea")
    activity(found, owner, "emailing", week(0), owner=lea)
    client.force_login(team.owner)
    page = " ".join(html.unescape(client.get(run(client, found)["Location"]).content.decode()).split())
    assert "le responsable d’une activité n’est pas une affectation" in page
    assert "« Affecter un membre de l’équipe »" in page
