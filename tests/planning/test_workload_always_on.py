"""An activity that runs past its roadmap's reach (the horizon and 12 months either side), social media kept
up for years, loads the weeks of its part within the reach, each week as an activity within it would: the
same hours on the workload page, the Team tab, the person's page, the workspace's page of the person and
the assignment warning (``elsewhere.loaded``, the one rule). It used to load no week anywhere, as if it
were a typo's 1900–2200, and the timelines did not draw it; they draw its part within the reach now."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jalon.engines import calendar, workload
from jalon.planning import services
from jalon.planning.models import Activity, Person
from jalon.planning.people.elsewhere import weeks_of
from jalon.planning.people.workload_grid import load_team
from jalon.planning.timeline.reach import reach_of
from tests.factories import Team, make_roadmap
from tests.planning.readers import reader

pytestmark = pytest.mark.django_db

ROADMAP = "/w/acme/r/plan/"
SOCIAL_HOURS = 10  # a week, for years
PUSH_HOURS = 30  # one week: 40 h in all for 35 h of capacity


def _quiet_week(after: date) -> date:
    """The first Monday after ``after`` whose five days are all working days (no public holiday)."""
    day = workload.monday(after) + timedelta(days=7)
    while calendar.public_holidays("FR", day, day + timedelta(days=4)):
        day += timedelta(days=7)
    return day


def _activity(roadmap: Any, owner: Any, key: str, zoe: Person, hours: float, start: date, end: date) -> None:
    found = services.create(Activity, actor=owner, roadmap=roadmap, key=key, title=key.capitalize(),
                            status="planned", start=start, end=end)  # fmt: skip
    services.assign(actor=owner, activity=found, person=zoe, hours_per_week=hours, confirm=True)


@pytest.fixture
def always_on(team: Team) -> dict[str, Any]:
    """A six-month roadmap from this month; Zoé (35 h) keeps social media up from three years before it to
    three years after it (10 h a week) and pushes a launch one week of it (30 h)."""
    owner, today = team.owner, timezone.localdate()
    start = today.replace(day=1)
    roadmap = make_roadmap(team.workspace, owner, start=start, end=start + timedelta(days=180))
    zoe = services.create(Person, actor=owner, roadmap=roadmap, key="zoe", name="Zoé Martin",
                          capacity_hours_per_week=35)  # fmt: skip
    week = _quiet_week(start + timedelta(days=30))
    _activity(roadmap, owner, "social", zoe, SOCIAL_HOURS, start - timedelta(days=3 * 365),
              start + timedelta(days=6 * 365))  # fmt: skip
    _activity(roadmap, owner, "push", zoe, PUSH_HOURS, week, week + timedelta(days=4))
    return {"roadmap": roadmap, "week": week, "zoe": zoe}


def _page(team: Team, path: str) -> str:
    response = reader(team, "en").get(path)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_every_page_counts_the_same_hours_a_week_for_an_activity_running_past_the_reach(
    always_on: dict[str, Any], team: Team
) -> None:
    week = always_on["week"].isoformat()
    grid = _page(team, ROADMAP + "workload/?person=zoe")
    cell = re.search(rf'data-overloaded="true" data-week="{week}">(.*?)</td>', grid, re.S)
    assert cell, "the launch week is not overloaded on the workload page"
    assert "40 h for 35 h available" in cell.group(1) and "Social: 10 h" in cell.group(1)
    assert grid.count('data-overloaded="true"') == 1
    person = _page(team, ROADMAP + "people/zoe/")
    overloads = re.findall(r'<li class="wl-alert-item">(.*?)</li>', person, re.S)
    assert len(overloads) == 1 and "40 h for 35 h available" in overloads[0], overloads
    assert "Social: 10 h" in overloads[0] and "timeline-far" not in person
    assert "1 week overloaded" in _page(team, ROADMAP + "people/")
    first = timezone.localdate().replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    days = calendar.working_days(first, last, closed=calendar.public_holidays("FR", first, last))
    month = days * SOCIAL_HOURS / 5 + (PUSH_HOURS if first <= always_on["week"] <= last else 0)
    workspace = _page(team, "/w/acme/team/zoe/")
    assert re.search(rf"Plan</a> <span[^>]*>{month:g}\s?h this month", workspace), workspace
    assert "timeline-far" not in workspace


def test_the_weeks_counted_are_those_of_the_reach_whole_weeks_at_its_edges(
    always_on: dict[str, Any], team: Team
) -> None:
    """The Team tab and the person's page count every week of the reach, the edge weeks whole (a week cut
    by the reach's first day holds what any week does); the heatmap draws the horizon's weeks, which the
    activity running past the reach does not widen (it would stretch six months over thirty)."""
    roadmap = always_on["roadmap"]
    first, last = weeks_of(reach_of(roadmap))
    weeks = load_team(roadmap).grid()["zoe"]
    assert min(weeks) == first and max(weeks) == workload.monday(last)
    friday = first + timedelta(days=4)
    days = calendar.working_days(first, friday, closed=calendar.public_holidays("FR", first, friday))
    assert weeks[first].hours == pytest.approx(days * SOCIAL_HOURS / 5)
    grid = _page(team, ROADMAP + "workload/?person=zoe")
    mondays = re.findall(r'<th scope="col" class="wl-week[^"]*" data-week="([-0-9]+)"', grid)
    assert mondays[0] == workload.monday(roadmap.start).isoformat()
    assert mondays[-1] == workload.monday(roadmap.end).isoformat()


def test_the_assignment_warning_counts_the_activity_running_past_the_reach(always_on: dict[str, Any]) -> None:
    zoe, push = always_on["zoe"], Activity.objects.get(key="push")
    warnings = services.assignment_warnings(zoe, push, PUSH_HOURS)
    assert len(warnings) == 1 and "40" in warnings[0] and "Social" in warnings[0], warnings


def test_the_timeline_draws_the_part_within_the_reach_and_names_nothing(
    always_on: dict[str, Any], team: Team
) -> None:
    page = _page(team, ROADMAP + "timeline/")
    assert 'data-key="social"' in page and "timeline-far" not in page
    assert "Beyond the timeline" not in page


def test_an_activity_wholly_beyond_the_reach_is_named_on_the_workspace_page_of_the_person(
    always_on: dict[str, Any], team: Team
) -> None:
    roadmap, zoe = always_on["roadmap"], always_on["zoe"]
    far = reach_of(roadmap)[1] + timedelta(days=30)
    _activity(roadmap, team.owner, "later", zoe, 35, far, far + timedelta(days=20))
    page = _page(team, "/w/acme/team/zoe/")
    note = re.search(r'<p class="warning timeline-far" id="timeline-far">(.*?)</p>', page, re.S)
    assert note and "Too far from the horizon to be counted in any week:" in note.group(1)
    later = reverse("activity", args=["acme", "plan", "later"])
    assert f'<a href="{later}">Later</a>' in note.group(1), note.group(1)
    assert "Social" not in note.group(1)
