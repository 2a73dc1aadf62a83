"""The scheduler keeps to the roadmap's reach (``jalon.planning.timeline.reach``: the horizon and 12 months
either side): an activity typed from 1900 to 2200 (the forms accept that range) is left where it is and
named in the proposal, and the problem spans the reach and the work to place, not three centuries. Such an
activity, in this roadmap or another of the workspace, used to make building the problem take seconds."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from jalon.engines import scheduling as engine
from jalon.engines.scheduling_model import compile_problem
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.planning.people import services as team_services
from jalon.planning.schedule.compare import compare
from jalon.planning.schedule.problem import LeftOut, build_problem, load_plan
from jalon.planning.schedule.proposal import Proposal
from jalon.planning.schedule.words import left_out
from jalon.planning.timeline.reach import reach_of
from jalon.strategy import services as strategy
from tests.planning.test_schedule_support import START, activity, person, week

pytestmark = pytest.mark.django_db

FAR = {"start": date(1900, 1, 1), "end": date(2200, 12, 31)}
FAR_DAYS = (FAR["start"], (FAR["end"] - FAR["start"]).days + 1)
REACH_WORKING_DAYS = 1_000  # the reach of a 2030 roadmap (2029-04 to 2031-12) is some 700 working days


def _other(roadmap, owner):
    """Another roadmap of 2030 in the workspace."""
    return strategy.create_roadmap(actor=owner, workspace=roadmap.workspace, slug="other", title="Other",
                                   type="campaign", start=START, end=date(2030, 12, 31))  # fmt: skip


def test_an_activity_dated_far_from_the_horizon_stays_where_it_is_and_is_listed(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    activity(roadmap, owner, "brief", week(1), people={ann: 35})
    typo = activity(roadmap, owner, "typo", FAR_DAYS[0], days=FAR_DAYS[1], people={ann: 35})
    built = build_problem(load_plan(roadmap), start=START)
    assert [a.id for a in built.problem.activities] == ["brief"]
    assert (typo.key, LeftOut.FAR) in built.left_out
    assert "typo" not in built.movable
    assert not built.problem.people[0].absences  # its hours take nobody's time, as on the workload pages


def test_far_activities_in_every_state_leave_the_problem_the_size_of_the_reach(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    first = activity(roadmap, owner, "first", week(0), people={ann: 20})
    for status in ("planned", "in_progress", "done"):
        done = activity(roadmap, owner, f"far-{status.replace('_', '-')}", *FAR_DAYS, status=status,
                        people={ann: 10})  # fmt: skip
        services.add_dependency(actor=owner, predecessor=done, successor=first)
    activity(roadmap, owner, "windowed", week(2), must_finish_by=date(2200, 1, 1))
    pinned = activity(roadmap, owner, "pinned-far", *FAR_DAYS)
    services.update(pinned, actor=owner, expected_version=pinned.version, changes={"pinned": True})
    other = _other(roadmap, owner)
    team_services.add_to_roadmap(actor=owner, roadmap=other, person=ann)
    activity(other, owner, "elsewhere-far", *FAR_DAYS, people={ann: 10})
    activity(other, owner, "elsewhere-2033", date(2033, 1, 3), days=30, people={ann: 30})
    built = build_problem(load_plan(roadmap), start=START)
    found = {a.id: a for a in built.problem.activities}
    assert sorted(found) == ["first", "windowed"]
    assert found["first"].earliest_start == START  # no far predecessor holds it back to 2200
    assert compile_problem(built.problem).horizon < REACH_WORKING_DAYS
    reach_end = reach_of(roadmap)[1]
    assert all(a.end <= reach_end for p in built.problem.people for a in p.absences)
    far = {key for key, reason in built.left_out if reason == LeftOut.FAR}
    assert far == {"far-planned", "far-in-progress", "pinned-far"}  # done ones are never moved anyway


def test_a_roadmap_without_far_dates_gives_the_same_problem(roadmap, owner):
    """Within the reach nothing changes: the reach only cuts what lies beyond it."""
    ann = person(roadmap, owner, "ann")
    activity(roadmap, owner, "brief", week(1), people={ann: 35}, must_finish_by=date(2030, 12, 1))
    activity(roadmap, owner, "copy", effort_days=4, people={ann: 20}, not_before=week(3))
    other = _other(roadmap, owner)
    team_services.add_to_roadmap(actor=owner, roadmap=other, person=ann)
    activity(other, owner, "elsewhere", week(2), days=20, people={ann: 14})
    problem = build_problem(load_plan(roadmap), start=START).problem
    brief, copy = problem.activities
    assert (brief.latest_finish, copy.earliest_start) == (date(2030, 12, 1), week(3))
    assert problem.people[0].absences[0].start == week(2)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Not scheduled, dated too far from the roadmap's horizon (they stay where they are): "
               "Typo (1 January 1900)."),
        ("fr", "Non planifiées, datées trop loin de l’horizon de la feuille de route (elles restent où "
               "elles sont)\u00a0: Typo (1er janvier 1900)."),
    ],
)  # fmt: skip
def test_the_proposal_says_which_far_activities_stay_where_they_are(roadmap, owner, language, words):
    services.create(Activity, actor=owner, roadmap=roadmap, key="typo", title="Typo", status="planned", **FAR)
    plan = load_plan(roadmap)
    built = build_problem(plan, start=START)
    result = engine.Result.from_json({"status": "optimal"})
    proposal = Proposal(start=START, end=None, result=result, scheduled=0, left_out=built.left_out)
    with translation.override(language):
        assert words in left_out(plan, proposal)


def test_the_proposal_page_counts_no_hours_and_no_finish_of_a_far_activity(roadmap, owner):
    """The load before and after and the last finish, as the workload pages count them."""
    ann = person(roadmap, owner, "ann")
    brief = activity(roadmap, owner, "brief", week(1), people={ann: 35})
    activity(roadmap, owner, "typo", *FAR_DAYS, people={ann: 35})
    plan = load_plan(roadmap)
    built = build_problem(plan, start=START)
    result = engine.Result.from_json({"status": "optimal"})
    proposal = Proposal(start=START, end=None, result=result, scheduled=1, left_out=built.left_out)
    comparison = compare(plan, proposal)
    assert comparison.current_finish == comparison.proposed_finish == brief.end
    assert comparison.overloads == []  # 35 h of 35 in the brief's week: the typo's 35 h count nowhere
