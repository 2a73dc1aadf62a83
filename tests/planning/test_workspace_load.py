"""A person's hours on the workspace's other roadmaps count on this roadmap: the workload heatmap, the
assignment warning, the scheduler's capacity and the workspace's person page all see them, in a number
of queries that does not grow with the number of roadmaps."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jalon.engines import calendar
from jalon.engines import scheduling as engine
from jalon.errors import NeedsConfirmation
from jalon.planning import services
from jalon.planning.models import Person
from jalon.planning.people import services as people
from jalon.planning.people.elsewhere import booked_hours_by_week
from jalon.planning.schedule.problem import build_problem, load_plan
from jalon.strategy import services as strategy
from jalon.strategy.models import Roadmap
from tests.planning.schedule_support import START, activity, week

WORKLOAD = "/w/acme/r/plan-2030/workload/"


def other_roadmap(team, owner, title: str) -> Roadmap:
    return strategy.create_roadmap(
        actor=owner, workspace=team.workspace, slug=title.lower(), title=title, type="campaign",
        start=START, end=date(2030, 12, 31), language="en",
    )  # fmt: skip


@pytest.fixture
def ann(roadmap, owner) -> Person:
    return services.create(
        Person, actor=owner, roadmap=roadmap, key="ann", name="Ann", capacity_hours_per_week=35
    )


def staffed(roadmap: Roadmap, owner, person: Person) -> Roadmap:
    people.add_to_roadmap(actor=owner, roadmap=roadmap, person=person)
    return roadmap


def row_of(page: str, key: str) -> str:
    found = re.search(rf'<tr id="person-{key}".*?</tr>', page, re.S)
    assert found is not None
    return found.group(0)


# The query ------------------------------------------------------------------------------------------


def test_booked_hours_by_week_counts_other_roadmaps_only_dropped_ones_left_out(team, owner, roadmap, ann):
    north = staffed(other_roadmap(team, owner, "North"), owner, ann)
    activity(roadmap, owner, "here", week(0), people={ann: 30})
    activity(north, owner, "launch", week(0), days=12, people={ann: 10})  # week 0 and 5 days of week 1
    activity(north, owner, "done", week(1), status="done", people={ann: 5})
    activity(north, owner, "dropped", week(0), status="dropped", people={ann: 20})
    activity(north, owner, "undated", people={ann: 20})
    hours = booked_hours_by_week(roadmap, [ann], week(0), week(1) + timedelta(days=6))
    assert hours == {"ann": {week(0): pytest.approx(10), week(1): pytest.approx(15)}}


def test_booked_hours_by_week_keeps_to_the_dates_asked(team, owner, roadmap, ann):
    north = staffed(other_roadmap(team, owner, "North"), owner, ann)
    activity(north, owner, "long", week(0), days=28, people={ann: 10})
    hours = booked_hours_by_week(roadmap, [ann], week(2), week(2) + timedelta(days=6))
    assert hours == {"ann": {week(2): pytest.approx(10)}}


# The workload heatmap ---------------------------------------------------------------------------------


def test_a_cell_adds_other_roadmaps_hours_and_says_which_ones_in_french(client, team, owner, roadmap, ann):
    north = staffed(other_roadmap(team, owner, "North"), owner, ann)
    south = staffed(other_roadmap(team, owner, "South"), owner, ann)
    activity(roadmap, owner, "here", week(0), days=14, people={ann: 20})
    activity(north, owner, "launch", week(0), people={ann: 10})
    activity(south, owner, "event", week(1), people={ann: 25})
    client.force_login(owner)
    page = client.get(WORKLOAD, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    row = html.unescape(row_of(page, "ann"))
    # week 0: 20 h here + 10 h on North, within the 35 h; week 1: 20 h + 25 h on South, overloaded
    assert "30/35" in row and "45/35" in row
    assert "dont 10\u00a0h sur d’autres feuilles de route (North\u00a0: 10\u00a0h)" in row
    assert "dont 25\u00a0h sur d’autres feuilles de route (South\u00a0: 25\u00a0h)" in row
    assert "South (autre feuille de route)\u00a0: 25\u00a0h" in row  # among the overloaded week's causes
    assert re.search(r'<td class="wl wl-over wl-elsewhere"[^>]*data-week="2030-04-08"', page)
    assert "autres feuilles de route" in page[page.index("workload-legend") :]


def test_a_week_without_other_roadmaps_work_says_nothing_of_them(client, team, owner, roadmap, ann):
    activity(roadmap, owner, "here", week(0), people={ann: 20})
    client.force_login(owner)
    row = row_of(client.get(WORKLOAD, HTTP_ACCEPT_LANGUAGE="en").content.decode(), "ann")
    assert "other roadmaps" not in row and "wl-elsewhere" not in row


def test_the_workload_costs_the_same_queries_for_1_and_3_other_roadmaps(client, team, owner, roadmap, ann):
    activity(roadmap, owner, "here", week(0), people={ann: 20})
    client.force_login(owner)

    def count() -> int:
        client.get(WORKLOAD)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(WORKLOAD).content.decode()
        assert "wl-elsewhere" in page
        return len(queries)

    first = staffed(other_roadmap(team, owner, "North"), owner, ann)
    activity(first, owner, "a-north", week(0), people={ann: 5})
    one = count()
    for title in ("South", "East"):
        other = staffed(other_roadmap(team, owner, title), owner, ann)
        activity(other, owner, f"a-{title.lower()}", week(0), people={ann: 5})
    assert count() == one


# The assignment warning -------------------------------------------------------------------------------


def test_an_assignment_that_overloads_only_with_other_roadmaps_asks_first_naming_them(
    team, owner, roadmap, ann
):
    north = staffed(other_roadmap(team, owner, "North"), owner, ann)
    activity(north, owner, "launch", week(0), people={ann: 30})
    here = activity(roadmap, owner, "here", week(0), days=14)
    with pytest.raises(NeedsConfirmation) as asked:
        services.assign(actor=owner, activity=here, person=ann, hours_per_week=10)
    assert len(asked.value.warnings) == 1  # week 0 only: the North launch is over in week 1
    assert "Launch (North)" in asked.value.warnings[0]
    services.assign(actor=owner, activity=here, person=ann, hours_per_week=5)  # 35 h: fits, no question


def test_an_activity_of_another_roadmap_with_the_same_key_is_not_taken_for_this_one(
    team, owner, roadmap, ann
):
    north = staffed(other_roadmap(team, owner, "North"), owner, ann)
    activity(north, owner, "same", week(0), days=14, people={ann: 30})
    activity(roadmap, owner, "busy", week(1), people={ann: 5})
    same = activity(roadmap, owner, "same", week(0))  # week 0 only: the overload of week 1 is not its doing
    with pytest.raises(NeedsConfirmation) as asked:
        services.assign(actor=owner, activity=same, person=ann, hours_per_week=10)
    assert len(asked.value.warnings) == 1


# The scheduler ---------------------------------------------------------------------------------------


def test_the_scheduler_takes_other_roadmaps_hours_from_capacity(team, owner, roadmap, ann):
    north = staffed(other_roadmap(team, owner, "North"), owner, ann)
    activity(north, owner, "launch", week(2), people={ann: 20})
    activity(north, owner, "over", date(2030, 3, 4), people={ann: 35})  # before the plan: not counted
    activity(roadmap, owner, "here", week(0), people={ann: 20})
    person = build_problem(load_plan(roadmap), start=START).problem.people[0]
    assert person.absences == (engine.Absence(week(2), week(2) + timedelta(days=4), hours_per_day=4.0),)


def test_the_scheduler_moves_work_away_from_weeks_full_on_another_roadmap(team, owner, roadmap, ann):
    north = staffed(other_roadmap(team, owner, "North"), owner, ann)
    activity(north, owner, "launch", week(0), people={ann: 35})
    activity(roadmap, owner, "here", effort_days=5, people={ann: 35})
    built = build_problem(load_plan(roadmap), start=START)
    answer = engine.solve(built.problem, time_limit=10)
    assert answer.status.found
    assert answer.start_of("here") >= week(1)


# The workspace's person page -------------------------------------------------------------------------


def this_month() -> tuple[date, date]:
    first = timezone.localdate().replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def current_roadmap(team, owner, title: str, *, years_ahead: int = 0) -> Roadmap:
    """A roadmap of two years from January, ``years_ahead`` from this one: this month lies within its reach
    when 0, years before it when 5."""
    year = timezone.localdate().year + years_ahead
    return strategy.create_roadmap(
        actor=owner, workspace=team.workspace, slug=title.lower(), title=title, type="campaign",
        start=date(year, 1, 1), end=date(year + 1, 12, 31), language="en",
    )  # fmt: skip


def test_the_workspace_person_page_gives_each_roadmaps_hours_this_month(client, team, owner, ann):
    first, last = this_month()
    now = staffed(current_roadmap(team, owner, "Now"), owner, ann)
    activity(now, owner, "all-month", first - timedelta(days=40), days=120, people={ann: 10})
    staffed(other_roadmap(team, owner, "North"), owner, ann)
    days = calendar.working_days(first, last, closed=calendar.public_holidays("FR", first, last))
    client.force_login(owner)
    page = html.unescape(client.get("/w/acme/team/ann/").content.decode())
    assert re.search(rf"Now</a> <span[^>]*>{days * 2:g}\u00a0h ce mois-ci", page)
    assert re.search("North</a> <span[^>]*>0\u00a0h ce mois-ci", page)


def test_the_workspace_person_page_does_not_count_an_activity_beyond_its_roadmaps_reach(
    client, team, owner, ann
):
    """This month is years before Later's reach (its horizon and 12 months either side): an activity of it
    dated this month, or typed 1900-2200, loads no week, as on the workload page, and shows no hours."""
    first, _last = this_month()
    now = staffed(current_roadmap(team, owner, "Now"), owner, ann)
    later = staffed(current_roadmap(team, owner, "Later", years_ahead=5), owner, ann)
    activity(now, owner, "here", first, days=15, people={ann: 5})
    activity(later, owner, "typo", date(1900, 1, 1), days=(date(2200, 12, 31) - date(1900, 1, 1)).days + 1,
             people={ann: 35})  # fmt: skip
    activity(later, owner, "early", first - timedelta(days=10), days=60, people={ann: 35})
    client.force_login(owner)
    page = html.unescape(client.get("/w/acme/team/ann/").content.decode())
    assert re.search("Later</a> <span[^>]*>0\u00a0h ce mois-ci", page)
    assert not re.search("Now</a> <span[^>]*>0\u00a0h ce mois-ci", page)  # within its reach: it counts


def test_the_roadmap_person_page_lists_weeks_overloaded_with_other_roadmaps(
    client, team, owner, roadmap, ann
):
    north = staffed(other_roadmap(team, owner, "North"), owner, ann)
    activity(north, owner, "launch", week(0), people={ann: 30})
    activity(roadmap, owner, "here", week(0), people={ann: 10})
    client.force_login(owner)
    page = html.unescape(client.get("/w/acme/r/plan-2030/people/ann/").content.decode())
    assert "North (autre feuille de route)\u00a0: 30\u00a0h" in page


def test_an_archived_roadmaps_work_not_done_books_nobody_and_its_done_work_still_counts(
    team, owner, roadmap, ann
):
    north = staffed(other_roadmap(team, owner, "North"), owner, ann)
    activity(north, owner, "launch", week(0), people={ann: 10})
    activity(north, owner, "done", week(0), status="done", people={ann: 5})
    strategy.archive_roadmap(actor=owner, roadmap=north)
    hours = booked_hours_by_week(roadmap, [ann], week(0), week(0) + timedelta(days=6))
    assert hours == {"ann": {week(0): pytest.approx(5)}}
    strategy.restore_roadmap(actor=owner, roadmap=Roadmap.objects.get(pk=north.pk))
    hours = booked_hours_by_week(roadmap, [ann], week(0), week(0) + timedelta(days=6))
    assert hours == {"ann": {week(0): pytest.approx(15)}}
