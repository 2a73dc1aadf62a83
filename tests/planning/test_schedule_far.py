"""The scheduler keeps to the roadmap's reach (``jalon.planning.timeline.reach``: the horizon and 12 months
either side): an activity typed wholly beyond it (a typo's 2200; the forms accept 1900 to 2200) is left
where it is and named in the proposal, one running past its edge is held where it is with its hours within
the reach counted, and the problem spans the reach and the work to place, not three centuries. Such an
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
from jalon.planning.schedule.compare import Comparison, compare
from jalon.planning.schedule.problem import LeftOut, build_problem, load_plan
from jalon.planning.schedule.proposal import Proposal, proposal_of
from jalon.planning.schedule.words import explain, left_out
from jalon.planning.timeline.reach import reach_of
from jalon.strategy import services as strategy
from tests.planning.schedule_support import START, activity, person, week

pytestmark = pytest.mark.django_db

FAR = {"start": date(2200, 1, 1), "end": date(2200, 12, 31)}  # wholly beyond the reach
FAR_DAYS = (FAR["start"], (FAR["end"] - FAR["start"]).days + 1)
REACH_WORKING_DAYS = 1_000  # the reach of a 2030 roadmap (2029-04 to 2031-12) is some 700 working days


def _comparison(roadmap) -> Comparison:
    """The proposal page's comparison of a proposal that moves nothing, for ``roadmap``."""
    plan = load_plan(roadmap)
    built = build_problem(plan, start=START)
    result = engine.Result.from_json({"status": "optimal"})
    proposal = Proposal(start=START, end=None, result=result, scheduled=1, left_out=built.left_out)
    return compare(plan, proposal)


def _left_out_words(roadmap, language: str) -> list[str]:
    """The proposal's *Left out* sentences for ``roadmap`` as the scheduler reads it, in ``language``."""
    plan = load_plan(roadmap)
    built = build_problem(plan, start=START)
    result = engine.Result.from_json({"status": "optimal"})
    proposal = Proposal(start=START, end=None, result=result, scheduled=0, left_out=built.left_out)
    with translation.override(language):
        return left_out(plan, proposal)


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
               "Typo (1 January 2200)."),
        ("fr", "Non planifiées, datées trop loin de l’horizon de la feuille de route (elles restent où "
               "elles sont)\u00a0: Typo (1er janvier 2200)."),
    ],
)  # fmt: skip
def test_the_proposal_says_which_far_activities_stay_where_they_are(roadmap, owner, language, words):
    services.create(Activity, actor=owner, roadmap=roadmap, key="typo", title="Typo", status="planned", **FAR)
    assert words in _left_out_words(roadmap, language)


def test_the_proposal_page_counts_no_hours_and_no_finish_of_a_far_activity(roadmap, owner):
    """The load before and after and the last finish, as the workload pages count them."""
    ann = person(roadmap, owner, "ann")
    brief = activity(roadmap, owner, "brief", week(1), people={ann: 35})
    activity(roadmap, owner, "typo", *FAR_DAYS, people={ann: 35})
    comparison = _comparison(roadmap)
    assert comparison.current_finish == comparison.proposed_finish == brief.end
    assert comparison.overloads == []  # 35 h of 35 in the brief's week: the typo's 35 h count nowhere


ALWAYS_ON = (date(2028, 1, 3), (date(2033, 12, 31) - date(2028, 1, 3)).days + 1)  # past both reach edges


def test_an_activity_running_past_the_reach_is_held_where_it_is_its_hours_within_the_reach_taken(
    roadmap, owner
):
    """Social media kept up from 2028 to 2033 on a 2030 plan: the scheduler cannot place it whole within
    the reach, so it is not moved (moving it would ask 1,500 working days before the roadmap's end); it
    takes its 10 h a week from the plan start to the reach's end, as the workload pages count it, and a
    successor waits for its end."""
    ann = person(roadmap, owner, "ann")
    social = activity(roadmap, owner, "social", *ALWAYS_ON, people={ann: 10})
    after = activity(roadmap, owner, "after", week(3), people={ann: 10})
    services.add_dependency(actor=owner, predecessor=social, successor=after)
    activity(roadmap, owner, "brief", week(1), people={ann: 20})
    built = build_problem(load_plan(roadmap), start=START)
    assert sorted(a.id for a in built.problem.activities) == ["after", "brief"]
    assert "social" not in built.movable and (social.key, LeftOut.RUNS_PAST) in built.left_out
    (taken,) = built.problem.people[0].absences
    assert (taken.start, taken.end, taken.hours_per_day) == (START, reach_of(roadmap)[1], 2.0)
    found = {a.id: a for a in built.problem.activities}
    waits = found["after"].earliest_start
    assert waits is not None and waits > date(2033, 12, 31)  # it waits for social to end


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Not moved, they run past the roadmap's reach, 12 months either side of its horizon (they "
               "stay where they are, and their hours within the reach are counted): Social (3 January 2028 "
               "– 31 December 2033)."),
        ("fr", "Non déplacées, elles débordent de la portée de la feuille de route, 12\u00a0mois de part et "
               "d’autre de son horizon (elles restent où elles sont, et leurs heures dans cette portée "
               "sont comptées)\u00a0: Social (3 janvier 2028 – 31 décembre 2033)."),
    ],
)  # fmt: skip
def test_the_proposal_says_which_activities_run_past_the_reach(roadmap, owner, language, words):
    activity(roadmap, owner, "social", *ALWAYS_ON)
    assert words in _left_out_words(roadmap, language)


def test_a_person_away_until_2200_is_said_to_be_away_not_only_fully_booked(roadmap, owner):
    """Away from the plan start until 2200 with work now: the conflict says so in words, and offers no new
    end of the roadmap, which would fall while they are still away (absences are cut at the reach)."""
    ann = person(roadmap, owner, "ann")
    services.add_absence(actor=owner, person=ann, start=START, end=date(2200, 12, 31))
    activity(roadmap, owner, "brief", week(1), people={ann: 20})
    plan = load_plan(roadmap)
    built = build_problem(plan, start=START)
    result = engine.solve(built.problem, time_limit=5, seed=1)
    assert result.status.value == "infeasible"
    with translation.override("en"):
        (conflict,) = explain(plan, proposal_of(plan, built, result))
    assert "Ann is away until 31 December 2200." in conflict.text
    assert not any("End the roadmap on" in fix for fix in conflict.fixes), conflict.fixes


def test_the_proposal_page_gives_the_finish_of_the_work_placed_not_of_an_activity_running_past_the_reach(
    roadmap, owner
):
    """Both plans would end with social media in 2033 and the change of finish would not show."""
    ann = person(roadmap, owner, "ann")
    brief = activity(roadmap, owner, "brief", week(1), people={ann: 20})
    activity(roadmap, owner, "social", *ALWAYS_ON, people={ann: 10})
    comparison = _comparison(roadmap)
    assert comparison.current_finish == comparison.proposed_finish == brief.end
    assert comparison.before[0].cells[0].hours == pytest.approx(10)  # social's 10 h in the plan's first week


def test_an_activity_typed_from_1900_to_2200_is_held_without_counting_its_days_over_centuries(
    roadmap, owner, monkeypatch
):
    """Running past both edges of the reach, it is held where it is; counting its working days (is it on
    days off only?) walked 110,000 days each, 2 s of the 2.1 s of building the problem in
    bench/far_spans.py."""
    from jalon.planning.schedule.problem import WorkingDays

    counted: list[int] = []
    between = WorkingDays.between

    def counting(self: WorkingDays, first: date, last: date) -> int:
        counted.append((last - first).days)
        return between(self, first, last)

    monkeypatch.setattr(WorkingDays, "between", counting)
    ann = person(roadmap, owner, "ann")
    activity(roadmap, owner, "typo", date(1900, 1, 1), days=(date(2200, 12, 31) - date(1900, 1, 1)).days + 1,
             people={ann: 10})  # fmt: skip
    built = build_problem(load_plan(roadmap), start=START)
    assert ("typo", LeftOut.RUNS_PAST) in built.left_out
    low, high = reach_of(roadmap)
    assert all(days <= (high - low).days for days in counted), max(counted)
