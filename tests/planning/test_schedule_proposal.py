"""The scheduler's proposal: it removes overloads, explains deadlines it cannot meet in words, and is
applied all or nothing, with history."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from jalon.errors import Conflict, ValidationFailed
from jalon.history.models import Change
from jalon.jobs.models import JobStatus
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.planning.schedule import apply as schedule_apply
from jalon.planning.schedule import problem as scheduling
from jalon.planning.schedule import run
from jalon.planning.schedule.compare import compare
from jalon.planning.schedule.proposal import Proposal
from jalon.planning.schedule.words import explain
from tests.planning.schedule_support import START, activity, milestone, person, week


@pytest.fixture
def crowded(roadmap, owner):
    """Ann (35 h a week) is booked full time on three activities of the same week."""
    ann = person(roadmap, owner, "ann")
    for key in ("emailing", "landing-page", "webinar"):
        activity(roadmap, owner, key, week(0), people={ann: 35})
    return ann


def schedule(roadmap, owner):
    job = run.run_schedule(actor=owner, roadmap=roadmap, start=START)
    assert job.status == JobStatus.DONE, job.error
    return job


def test_the_proposal_removes_an_overload(roadmap, owner, crowded):
    job = schedule(roadmap, owner)
    comparison = compare(scheduling.load_plan(roadmap), Proposal.from_json(job.result))
    assert comparison.overloaded_before == 1
    assert comparison.overloaded_after == 0
    assert len(comparison.moves) == 2  # one of the three stays, the others go to the next weeks
    assert sorted(m.new_start for m in comparison.moves) == [week(1), week(2)]
    assert all(m.shift_days in (7, 14) for m in comparison.moves)


def test_a_plan_without_problems_moves_nothing(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    activity(roadmap, owner, "emailing", week(0), people={ann: 20})
    activity(roadmap, owner, "webinar", week(1), people={ann: 20})
    assert schedule(roadmap, owner).result["moves"] == []


def test_an_activity_planned_later_stays_later_even_when_the_team_is_free_earlier(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    activity(roadmap, owner, "christmas-campaign", week(11), people={ann: 35})
    assert schedule(roadmap, owner).result["moves"] == []


def test_an_activity_is_pulled_earlier_when_that_saves_a_milestone(roadmap, owner):
    teaser = activity(roadmap, owner, "teaser", week(3))
    milestone(roadmap, owner, "launch-day", date(2030, 4, 12), [teaser])
    job = schedule(roadmap, owner)
    (move,) = job.result["moves"]
    assert move["new_end"] <= "2030-04-12" and job.result["result"]["lateness_days"] == 0


def test_an_activity_starting_on_a_saturday_is_not_moved_for_nothing(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    activity(roadmap, owner, "from-saturday", date(2030, 4, 6), days=7, people={ann: 10})
    assert schedule(roadmap, owner).result["moves"] == []


def test_an_activity_planned_in_the_past_but_not_started_moves_to_the_plan_start(roadmap, owner):
    activity(roadmap, owner, "forgotten", date(2030, 3, 4))
    (move,) = schedule(roadmap, owner).result["moves"]
    assert (move["new_start"], move["new_end"]) == ("2030-04-01", "2030-04-05")


def test_an_undated_activity_gets_dates(roadmap, owner):
    activity(roadmap, owner, "survey", effort_days=3)
    (move,) = schedule(roadmap, owner).result["moves"]
    assert (move["old_start"], move["new_start"], move["new_end"]) == (None, "2030-04-01", "2030-04-03")


def test_a_pinned_activity_does_not_move_even_to_remove_an_overload(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    activity(roadmap, owner, "fixed-a", week(0), people={ann: 35}, pinned=True)
    activity(roadmap, owner, "free-b", week(0), people={ann: 35})
    moves = schedule(roadmap, owner).result["moves"]
    assert [m["key"] for m in moves] == ["free-b"]


def test_a_deadline_no_capacity_can_save_is_explained_with_the_fix(roadmap, owner):
    brief = activity(roadmap, owner, "brief", week(0))
    launch = activity(roadmap, owner, "launch", week(1))
    services.add_dependency(actor=owner, predecessor=brief, successor=launch)
    milestone(roadmap, owner, "go-live", date(2030, 4, 5), [launch])
    job = schedule(roadmap, owner)
    with translation.override("en"):
        (explanation,) = explain(scheduling.load_plan(roadmap), Proposal.from_json(job.result))
    assert explanation.text == (
        "Go live (5 April 2030) cannot be met whatever the capacity: the chain Brief, Launch ends "
        "5 working days late."
    )
    assert explanation.fixes == ["Move Go live to 12 April 2030."]
    assert job.result["result"]["lateness_days_by_milestone"] == {"go-live": 5}


def test_a_deadline_missed_for_lack_of_hands_names_the_people_and_the_extra_hours(roadmap, owner, crowded):
    milestone(roadmap, owner, "launch-day", date(2030, 4, 5), list(Activity.objects.filter(roadmap=roadmap)))
    job = schedule(roadmap, owner)
    with translation.override("en"):
        (explanation,) = explain(scheduling.load_plan(roadmap), Proposal.from_json(job.result))
    assert explanation.text.startswith(
        "Launch day (5 April 2030) would be 10 working days late: Ann is fully booked"
    )
    assert "Give Ann 14 more hours a day." in explanation.fixes
    assert "Move Launch day to 19 April 2030." in explanation.fixes


def test_applying_moves_every_activity_with_history(roadmap, owner, crowded):
    job = schedule(roadmap, owner)
    moved = schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)
    assert moved == 2
    for move in job.result["moves"]:
        saved = Activity.objects.get(roadmap=roadmap, key=move["key"])
        assert (saved.start, saved.end) == (
            date.fromisoformat(move["new_start"]),
            date.fromisoformat(move["new_end"]),
        )
        assert saved.version == move["version"] + 1
        change = Change.objects.get(object_id=saved.pk, version=saved.version)
        assert change.actor == owner and change.fields["start"] == [move["old_start"], move["new_start"]]
    job.refresh_from_db()
    assert job.result["applied_by"] == owner.pk
    assert schedule(roadmap, owner).result["moves"] == []  # re-planning the applied plan is stable


def test_applying_is_all_or_nothing_when_the_plan_changed_meanwhile(roadmap, owner, crowded):
    job = schedule(roadmap, owner)
    first, last = job.result["moves"][0], job.result["moves"][-1]
    changed = Activity.objects.get(roadmap=roadmap, key=last["key"])
    services.update(changed, actor=owner, expected_version=changed.version, changes={"title": "Renamed"})
    with pytest.raises(Conflict):
        schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)
    untouched = Activity.objects.get(roadmap=roadmap, key=first["key"])
    assert untouched.start == week(0) and untouched.version == first["version"]
    job.refresh_from_db()
    assert "applied_at" not in job.result


def test_a_proposal_is_applied_once(roadmap, owner, crowded):
    job = schedule(roadmap, owner)
    schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)
    job.refresh_from_db()
    with pytest.raises(ValidationFailed):
        schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)


def test_an_impossible_plan_has_nothing_to_apply(roadmap, owner):
    ann = person(roadmap, owner, "ann", hours=10)
    activity(roadmap, owner, "too-much", week(0), people={ann: 35})  # 7 h a day for someone with 2
    job = schedule(roadmap, owner)
    assert job.result["result"]["status"] == "infeasible"
    with translation.override("en"):
        (explanation,) = explain(scheduling.load_plan(roadmap), Proposal.from_json(job.result))
    assert explanation.text == "Too much asks Ann for more hours a day than they have."
    assert explanation.fixes == ["Give Ann 5 more hours a day."]
    with pytest.raises(ValidationFailed):
        schedule_apply.apply_job(actor=owner, roadmap=roadmap, job=job)


@pytest.mark.parametrize(
    ("language", "hours", "said"),
    [
        ("fr", 4.0, "Donner à Ann 4\u00a0heures de plus par jour."),
        ("fr", 1.0, "Donner à Ann 1\u00a0heure de plus par jour."),
        ("en", 1.0, "Give Ann 1 more hour a day."),
        ("en", 3.5, "Give Ann 3.5 more hours a day."),
    ],
)
def test_the_extra_capacity_fix_says_its_hours_in_singular_or_plural(language, hours, said) -> None:
    """The French page read « Donner à Bruno Keller 4 heure(s) de plus par jour »."""
    from jalon.engines import scheduling as engine
    from jalon.planning.schedule.words import Fixes

    fixes = Fixes({}, {"ann": "Ann"}, frozenset(), "EUR")
    with translation.override(language):
        text = fixes.text(engine.Fix(engine.FixCode.EXTRA_CAPACITY, "ann", hours_per_day=hours))
    assert text.replace("\u202f", "\u00a0") == said
