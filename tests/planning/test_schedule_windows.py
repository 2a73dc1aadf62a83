"""Planifier with marketing sense: windows and the roadmap's end reach the engine, only approved work is
planned (the rest is listed with its reason), what does not fit is explained with fixes that keep the
windows, an applied plan shows as applied, and *Undo the schedule* restores every date from the history."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from jalon.errors import Conflict, ValidationFailed
from jalon.jobs.models import Job, JobStatus
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.planning.schedule import apply as schedule_apply
from jalon.planning.schedule import run
from jalon.planning.schedule.compare import compare
from jalon.planning.schedule.problem import build_problem, load_plan
from jalon.planning.schedule.proposal import Proposal
from jalon.planning.schedule.words import explain, left_out
from tests.planning.schedule_support import START, activity, person, week

PAGES = "/w/acme/r/plan-2030/schedule/"


def schedule(roadmap, owner, **options):
    job = run.run_schedule(actor=owner, roadmap=roadmap, start=START, **options)
    assert job.status == JobStatus.DONE, job.error
    return job


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The problem -----------------------------------------------------------------------------------------


def test_the_window_and_the_roadmap_end_reach_the_engine(roadmap, owner):
    activity(roadmap, owner, "noel", week(1), not_before=week(0), must_finish_by=week(3), value=25_000)
    problem = build_problem(load_plan(roadmap), start=START).problem
    (noel,) = problem.activities
    assert (noel.earliest_start, noel.latest_finish, noel.value) == (week(0), week(3), 25_000)
    assert problem.end == date(2030, 12, 31)


def test_not_before_later_than_the_plan_start_holds_the_activity_back(roadmap, owner):
    activity(roadmap, owner, "sales", effort_days=3, not_before=week(4))
    (sales,) = build_problem(load_plan(roadmap), start=START).problem.activities
    assert sales.earliest_start == week(4)


def test_ideas_are_left_out_unless_selected(roadmap, owner):
    activity(roadmap, owner, "planned", week(0))
    activity(roadmap, owner, "loyalty", effort_days=5, status="idea")
    activity(roadmap, owner, "sms", effort_days=2, status="idea")
    plan = load_plan(roadmap)
    alone = build_problem(plan, start=START)
    assert [a.id for a in alone.problem.activities] == ["planned"]
    assert alone.left_out == (("loyalty", "idea"), ("sms", "idea"))
    chosen = build_problem(plan, start=START, ideas=["sms"])
    assert [a.id for a in chosen.problem.activities] == ["planned", "sms"]
    assert chosen.left_out == (("loyalty", "idea"),)


def test_an_activity_whose_window_closed_before_the_plan_starts_is_left_out(roadmap, owner):
    activity(roadmap, owner, "summer-sale", effort_days=3, must_finish_by=START - timedelta(days=10))
    result = build_problem(load_plan(roadmap), start=START)
    assert result.problem.activities == ()
    assert result.left_out == (("summer-sale", "window_closed"),)


def test_the_page_says_which_were_left_out_and_why(roadmap, owner):
    activity(roadmap, owner, "loyalty", effort_days=5, status="idea")
    activity(roadmap, owner, "vague")
    activity(roadmap, owner, "old", week(0), status="done")
    job = schedule(roadmap, owner)
    with translation.override("en"):
        sentences = left_out(load_plan(roadmap), Proposal.from_json(job.result))
    assert sentences[0].startswith("Ideas not selected, so not planned") and sentences[0].endswith(
        ": Loyalty."
    )
    assert sentences[1] == "Not scheduled (no dates and no effort to size them): Vague."
    assert sentences[2] == "Done activities (1) and dropped ones (0) are never moved."


def test_a_plan_from_after_the_roadmap_end_is_refused(roadmap, owner):
    with pytest.raises(ValidationFailed) as refused:
        run.run_schedule(actor=owner, roadmap=roadmap, start=date(2031, 1, 6))
    assert "start" in refused.value.errors


# What does not fit -------------------------------------------------------------------------------------


def test_a_crowded_window_is_kept_and_the_fix_leaves_out_the_least_valuable(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    friday = week(0) + timedelta(days=4)
    for key, value in (("noel-email", 25_000), ("noel-social", 9_000)):
        activity(roadmap, owner, key, week(0), people={ann: 35}, must_finish_by=friday, value=value)
    job = schedule(roadmap, owner)
    assert job.result["result"]["status"] == "infeasible"
    (conflict,) = job.result["result"]["conflicts"]
    assert (conflict["code"], conflict["activities"]) == ("window", ["noel-social"])
    with translation.override("en"):
        (explanation,) = explain(load_plan(roadmap), Proposal.from_json(job.result))
    assert (
        explanation.text
        == "Noel social cannot fit in its window (by 5 April 2030) with the rest of the plan."
    )
    assert explanation.fixes[0] == "Give Ann 7 more hours a day."
    assert explanation.fixes[1].startswith("Leave Noel social out of this plan")
    assert "worth least" in explanation.fixes[1] and "€9,000" in explanation.fixes[1]


def test_too_much_work_before_the_roadmap_end_suggests_a_later_end(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    december = date(2030, 12, 2)
    for key, value in (("report", 5_000), ("survey", 8_000)):  # neither may start before December
        activity(roadmap, owner, key, december, days=15, people={ann: 35}, value=value, not_before=december)
    job = schedule(roadmap, owner)
    (conflict,) = job.result["result"]["conflicts"]
    assert conflict["code"] == "horizon" and conflict["deadline"] == "2030-12-31"
    codes = [fix["code"] for fix in conflict["fixes"]]
    assert codes == ["extra_capacity", "extend_horizon", "leave_out"]
    assert conflict["fixes"][2]["target"] == "report"  # the one worth less


# After applying, and undoing -----------------------------------------------------------------------------


@pytest.fixture
def crowded(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    for key in ("emailing", "landing-page"):
        activity(roadmap, owner, key, week(0), people={ann: 35})
    return ann


def test_after_applying_the_proposal_shows_the_plan_as_applied(roadmap, owner, crowded):
    job = schedule(roadmap, owner)
    schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)
    job.refresh_from_db()
    comparison = compare(load_plan(roadmap), Proposal.from_json(job.result))
    assert not comparison.stale
    assert comparison.overloaded_before == 1 and comparison.overloaded_after == 0
    page = client_for(owner).get(f"{PAGES}jobs/{job.pk}/")
    assert page.status_code == 200
    assert b"changed since" not in page.content and "modifiée depuis".encode() not in page.content
    assert b"schedule-undo" in page.content


def test_undo_restores_every_previous_date_from_the_history(roadmap, owner, crowded):
    before = {a.key: (a.start, a.end) for a in Activity.objects.filter(roadmap=roadmap)}
    job = schedule(roadmap, owner)
    schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)
    job.refresh_from_db()
    assert {a.key: (a.start, a.end) for a in Activity.objects.filter(roadmap=roadmap)} != before
    assert schedule_apply.undo_job(actor=owner, roadmap=roadmap, job=job) == 1
    assert {a.key: (a.start, a.end) for a in Activity.objects.filter(roadmap=roadmap)} == before
    job.refresh_from_db()
    assert not Proposal.from_json(job.result).can_undo
    with pytest.raises(ValidationFailed):
        schedule_apply.undo_job(actor=owner, roadmap=roadmap, job=job)


def test_undo_gives_undated_activities_back_their_empty_dates(roadmap, owner):
    activity(roadmap, owner, "sized", effort_days=3)
    job = schedule(roadmap, owner)
    schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)
    job.refresh_from_db()
    assert Activity.objects.get(key="sized").start is not None
    schedule_apply.undo_job(actor=owner, roadmap=roadmap, job=job)
    sized = Activity.objects.get(key="sized")
    assert (sized.start, sized.end) == (None, None)


def applied_then_edited(
    roadmap: Any, owner: Any, changes: Callable[[Activity], dict[str, Any]]
) -> tuple[Job, Activity]:
    """The crowded plan scheduled and applied, then its one moved activity edited with ``changes`` (a
    function of the activity): the job and that activity."""
    job = schedule(roadmap, owner)
    schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)
    job.refresh_from_db()
    assert job.result is not None
    (move,) = job.result["moves"]
    moved = Activity.objects.get(roadmap=roadmap, key=move["key"])
    return job, services.update(moved, actor=owner, expected_version=moved.version, changes=changes(moved))


def test_undo_is_refused_with_409_when_an_activity_was_moved_since(roadmap, owner, crowded):
    def later(moved: Activity) -> dict[str, Any]:
        assert moved.start is not None and moved.end is not None
        return {"start": moved.start + timedelta(days=7), "end": moved.end + timedelta(days=7)}

    job, moved = applied_then_edited(roadmap, owner, later)
    assert job.result is not None
    comparison = compare(load_plan(roadmap), Proposal.from_json(job.result))
    assert comparison.stale  # the page says an undo would be refused
    with pytest.raises(Conflict):
        schedule_apply.undo_job(actor=owner, roadmap=roadmap, job=job)
    response = client_for(owner).post(f"{PAGES}jobs/{job.pk}/undo/")
    assert response.status_code == 409
    assert Activity.objects.get(pk=moved.pk).start == moved.start  # the week later, kept


def test_an_edit_that_leaves_the_dates_alone_does_not_block_the_undo(roadmap, owner, crowded):
    """Undoing a schedule puts back dates: a title or a cost changed since is kept, not an obstacle."""
    before = {a.key: (a.start, a.end) for a in Activity.objects.filter(roadmap=roadmap)}
    job, moved = applied_then_edited(roadmap, owner, lambda _moved: {"title": "Renamed", "cost": 900})
    assert job.result is not None
    assert not compare(load_plan(roadmap), Proposal.from_json(job.result)).stale
    assert schedule_apply.undo_job(actor=owner, roadmap=roadmap, job=job) == 1
    assert {a.key: (a.start, a.end) for a in Activity.objects.filter(roadmap=roadmap)} == before
    renamed = Activity.objects.get(pk=moved.pk)
    assert (renamed.title, renamed.cost) == ("Renamed", 900)


def test_undo_through_the_page(roadmap, owner, crowded):
    job = schedule(roadmap, owner)
    client = client_for(owner)
    assert client.post(f"{PAGES}jobs/{job.pk}/apply/").status_code == 302
    response = client.post(f"{PAGES}jobs/{job.pk}/undo/", follow=True)
    assert response.status_code == 200
    assert all(a.start == week(0) for a in Activity.objects.filter(roadmap=roadmap))
    assert b"schedule-undo" not in response.content and b"schedule-apply" not in response.content


def test_readers_may_not_undo(roadmap, owner, crowded, team):
    job = schedule(roadmap, owner)
    schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)
    assert client_for(team.users["viewer"]).post(f"{PAGES}jobs/{job.pk}/undo/").status_code == 403
    assert client_for(team.users["outsider"]).post(f"{PAGES}jobs/{job.pk}/undo/").status_code == 404


# The Cloud Kicks demo ------------------------------------------------------------------------------------


def test_cloud_kicks_keeps_the_christmas_campaign_before_christmas_and_leaves_the_ideas_out(demo, members):
    roadmap, owner = demo.roadmap, members["owner"]
    noel = Activity.objects.get(roadmap=roadmap, key="campagne-noel")
    assert (noel.not_before, noel.must_finish_by) == (date(2026, 11, 23), date(2026, 12, 20))
    black_friday = Activity.objects.get(roadmap=roadmap, key="black-friday")
    assert black_friday.must_finish_by == date(2026, 10, 30)
    job = run.run_schedule(actor=owner, roadmap=roadmap, start=date(2026, 12, 1))
    assert job.result is not None
    assert job.result["result"]["status"] in ("optimal", "feasible")
    moves = {m["key"]: m for m in job.result["moves"]}
    assert moves["campagne-noel"]["new_end"] <= "2026-12-20"
    assert {"programme-fidelite", "pilote-sms"}.isdisjoint(moves)
    assert {item["key"] for item in job.result["left_out"] if item["reason"] == "idea"} == {
        "programme-fidelite",
        "pilote-sms",
    }
    assert all(m["new_end"] <= "2027-01-31" for m in job.result["moves"])


def test_ideas_funded_by_the_last_applied_scenario_come_ticked_and_ticked_ideas_are_planned(roadmap, owner):
    from django.utils import timezone

    from jalon.planning.models import Scenario

    activity(roadmap, owner, "loyalty", effort_days=5, status="idea")
    activity(roadmap, owner, "sms", effort_days=2, status="idea")
    Scenario.objects.create(
        roadmap=roadmap, key="s", name="S", selection=["sms"], status="optimal", applied_at=timezone.now()
    )
    client = client_for(owner)
    page = client.get(PAGES).content.decode()
    assert re.search(r'<input[^>]*value="sms"[^>]*checked', page)
    assert not re.search(r'<input[^>]*value="loyalty"[^>]*checked', page)
    response = client.post(f"{PAGES}run/", {"start": START.isoformat(), "ideas": ["sms"]})
    assert response.status_code == 302
    job = Job.objects.get(kind="schedule", roadmap=roadmap)
    assert job.result is not None
    assert [m["key"] for m in job.result["moves"]] == ["sms"]
    assert job.result["left_out"] == [{"key": "loyalty", "reason": "idea"}]
