"""A roadmap becomes the scheduling engine's problem: durations in working days, dependencies with
their lag, fixed and ignored activities, people's capacity per day and absences, demands, deadlines."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from jalon.engines import scheduling as engine
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.planning.schedule.problem import build_problem, default_start, load_plan
from tests.factories import roadmap_with_activities
from tests.planning.schedule_support import START, activity, milestone, person, week


def built(roadmap, start=START):
    return build_problem(load_plan(roadmap), start=start)


def by_id(problem: engine.Problem) -> dict[str, engine.Activity]:
    return {a.id: a for a in problem.activities}


def test_a_dated_activity_lasts_its_working_days_without_french_holidays(roadmap, owner):
    activity(roadmap, owner, "easter-week", week(3), days=7)  # Mon 22 April 2030 (Easter Monday) to Sunday
    activity(roadmap, owner, "plain-week", week(6), days=5)
    found = by_id(built(roadmap).problem)
    assert found["easter-week"].duration_days == 4
    assert found["plain-week"].duration_days == 5
    assert found["plain-week"].current_start == week(6)


def test_an_undated_activity_lasts_its_effort_shared_by_its_assignees(roadmap, owner):
    ann, bob = person(roadmap, owner, "ann"), person(roadmap, owner, "bob")
    activity(roadmap, owner, "shared", effort_days=7, people={ann: 10, bob: 10})
    activity(roadmap, owner, "alone", effort_days=2.5)
    found = by_id(built(roadmap).problem)
    assert found["shared"].duration_days == 4  # 7 person-days by two people, rounded up
    assert found["alone"].duration_days == 3
    assert found["shared"].current_start is None


def test_every_dated_activity_becomes_a_task_of_its_working_days(team, owner):
    plan = roadmap_with_activities(team.workspace, owner, 6, slug="six", start=START, end=date(2030, 12, 31))
    found = by_id(built(plan).problem)
    assert sorted(found) == ["a1", "a2", "a3", "a4", "a5", "a6"]
    assert [found[f"a{n}"].current_start for n in range(1, 7)] == [week(n) for n in range(6)]
    # Easter Monday (22 April), 1 May and 8 May 2030 each take a day from weeks 3, 4 and 5
    assert [found[f"a{n}"].duration_days for n in range(1, 7)] == [5, 5, 5, 4, 4, 4]


def test_an_activity_with_neither_dates_nor_effort_is_left_out_and_listed(roadmap, owner):
    activity(roadmap, owner, "vague")
    result = built(roadmap)
    assert result.problem.activities == ()
    assert result.left_out == (("vague", "unsized"),)


def test_dependencies_keep_their_lag(roadmap, owner):
    brief = activity(roadmap, owner, "brief", week(0))
    launch = activity(roadmap, owner, "launch", week(2))
    services.add_dependency(actor=owner, predecessor=brief, successor=launch, lag_days=3)
    found = by_id(built(roadmap).problem)
    assert found["launch"].dependencies == (engine.Dependency("brief", lag_days=3),)
    assert found["brief"].dependencies == ()


def test_a_pinned_activity_keeps_its_dates(roadmap, owner):
    activity(roadmap, owner, "pinned", week(2), pinned=True)
    activity(roadmap, owner, "pinned-earlier", date(2030, 3, 25), days=12, pinned=True)  # began before
    result = built(roadmap)
    found = by_id(result.problem)
    assert found["pinned"].pinned and found["pinned"].current_start == week(2)
    assert found["pinned-earlier"].current_start == START  # what remains of it, from the plan start
    assert found["pinned-earlier"].duration_days == 5
    assert result.movable == frozenset()


def test_an_activity_in_progress_is_not_moved_and_its_hours_are_already_taken(roadmap, owner):
    ann = person(roadmap, owner, "ann")
    running = activity(roadmap, owner, "running", date(2030, 3, 25), days=12, status="in_progress",
                       people={ann: 10})  # fmt: skip
    follow = activity(roadmap, owner, "follow", week(0))
    services.add_dependency(actor=owner, predecessor=running, successor=follow)
    problem = built(roadmap).problem
    assert set(by_id(problem)) == {"follow"}
    assert by_id(problem)["follow"].earliest_start == date(2030, 4, 6)  # the day after it ends
    assert problem.people[0].absences == (engine.Absence(START, date(2030, 4, 5), hours_per_day=2.0),)


def test_done_activities_hold_back_their_successors_and_dropped_ones_are_ignored(roadmap, owner):
    done = activity(roadmap, owner, "done", week(0), status="done")
    activity(roadmap, owner, "dropped", week(0), status="dropped")
    follow = activity(roadmap, owner, "follow", week(0))
    services.add_dependency(actor=owner, predecessor=done, successor=follow, lag_days=2)
    found = by_id(built(roadmap).problem)
    assert set(found) == {"follow"}
    assert found["follow"].earliest_start == date(2030, 4, 8)  # ends Fri 5 April, + 1 day + 2 days of lag


def test_nothing_is_planned_before_the_plan_start(roadmap, owner):
    activity(roadmap, owner, "late", date(2030, 3, 4))
    found = by_id(built(roadmap).problem)
    assert found["late"].earliest_start == START
    assert found["late"].current_start == date(2030, 3, 4)  # where it is now: the reference plan


def test_people_have_capacity_per_day_absences_and_demands_in_hours_per_day(roadmap, owner):
    ann = person(roadmap, owner, "ann", hours=30)
    services.add_absence(actor=owner, person=ann, start=week(1), end=week(1))
    activity(roadmap, owner, "mailing", week(0), people={ann: 10})
    problem = built(roadmap).problem
    assert problem.people == (
        engine.Person("ann", capacity_hours_per_day=6.0, absences=(engine.Absence(week(1), week(1)),)),
    )
    assert by_id(problem)["mailing"].demands == (engine.Demand("ann", hours_per_day=2.0),)
    assert problem.holidays_country == "FR"


def test_someone_without_capacity_is_listed_and_does_not_constrain(roadmap, owner):
    agency = person(roadmap, owner, "agency", hours=0)
    activity(roadmap, owner, "video", week(0), people={agency: 10})
    result = built(roadmap)
    assert result.problem.people == ()
    assert by_id(result.problem)["video"].demands == ()
    assert result.idle_people == ("agency",)


def test_someone_without_capacity_nor_assignment_is_not_said_to_have_unchecked_assignments(roadmap, owner):
    """A person typed with 0 hours a week and given no work was listed under « No capacity, so their
    assignments were not checked »: they have none to check."""
    person(roadmap, owner, "intern", hours=0)
    agency = person(roadmap, owner, "agency", hours=0)
    activity(roadmap, owner, "video", week(0), people={agency: 10})
    assert built(roadmap).idle_people == ("agency",)


def test_milestones_not_reached_are_deadlines_for_their_activities(roadmap, owner, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2030, 4, 10))  # kick-off is past
    teaser = activity(roadmap, owner, "teaser", week(0))
    site = activity(roadmap, owner, "site", week(1))
    milestone(roadmap, owner, "launch-day", date(2030, 4, 19), [teaser, site])
    reached = milestone(roadmap, owner, "kick-off", date(2030, 4, 2), [teaser])
    services.update(reached, actor=owner, expected_version=1, changes={"reached_on": date(2030, 4, 2)})
    assert built(roadmap).problem.milestones == (
        engine.Milestone("launch-day", date(2030, 4, 19), ("teaser", "site")),
    )


def test_the_plan_starts_with_the_roadmap_or_today_once_it_has_begun(roadmap):
    assert default_start(roadmap, today=date(2029, 1, 1)) == START
    assert default_start(roadmap, today=date(2030, 6, 3)) == date(2030, 6, 3)


def test_reading_the_roadmap_costs_the_same_queries_whatever_its_size(
    roadmap, owner, django_assert_num_queries
):
    ann = person(roadmap, owner, "ann")
    services.add_absence(actor=owner, person=ann, start=week(5), end=week(5))
    previous = None
    for i in range(12):
        current = activity(roadmap, owner, f"a{i}", week(i), people={ann: 5})
        if previous is not None:
            services.add_dependency(actor=owner, predecessor=previous, successor=current)
        previous = current
    milestone(roadmap, owner, "m", week(20), list(Activity.objects.filter(roadmap=roadmap)))
    with django_assert_num_queries(8):  # the 8th: the people's hours on the workspace's other roadmaps
        build_problem(load_plan(roadmap), start=START)


def test_a_weekend_event_is_not_scheduled_and_holds_back_its_successors(roadmap, owner):
    show = activity(roadmap, owner, "trade-show", date(2030, 4, 6), days=2)  # Saturday and Sunday
    follow = activity(roadmap, owner, "follow-up", week(1))
    services.add_dependency(actor=owner, predecessor=show, successor=follow)
    found = by_id(built(roadmap).problem)
    assert set(found) == {"follow-up"}
    assert found["follow-up"].earliest_start == week(1)
