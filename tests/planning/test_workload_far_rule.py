"""One rule for activities dated far from the horizon, on every page that counts a person's weeks: an
activity beyond its roadmap's reach (``jalon.planning.timeline.reach``, a typo's 1900–2200) loads no week,
on this roadmap or another of the workspace, and is named instead. The workload page, the person's page and
the Team tab used to count it three ways (dropped, over the whole reach, only when on another roadmap)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from jalon.planning import services
from jalon.planning.models import Activity, Person
from jalon.planning.people import services as team_services
from tests.factories import Team, make_roadmap
from tests.planning.readers import reader

pytestmark = pytest.mark.django_db

ROADMAP = "/w/acme/r/plan/"
FAR = {"start": date(1900, 1, 1), "end": date(1900, 12, 31)}  # wholly beyond the reach
FIRST_WEEK = "2027-03-01"


def _activity(roadmap: Any, owner: Any, key: str, zoe: Person, hours: float, **dates: date) -> Activity:
    found = services.create(Activity, actor=owner, roadmap=roadmap, key=key, title=key.capitalize(),
                            status="planned", **dates)  # fmt: skip
    services.assign(actor=owner, activity=found, person=zoe, hours_per_week=hours, confirm=True)
    return found


@pytest.fixture
def weeks(team: Team) -> Any:
    """Zoé (35 h) in 2027: a fair through March (20 h) on this roadmap and a stand its first week (20 h) on
    another, so that the week of 1 March holds 40 h; and on each roadmap an activity typed 1900–2200 (20 h),
    which would make every week of the reach hold 20 h or 40 h more."""
    owner = team.owner
    roadmap = make_roadmap(team.workspace, owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    other = make_roadmap(team.workspace, owner, slug="other", title="Other", start=date(2027, 1, 1),
                         end=date(2027, 12, 31))  # fmt: skip
    zoe = services.create(Person, actor=owner, roadmap=roadmap, key="zoe", name="Zoé Martin",
                          capacity_hours_per_week=35)  # fmt: skip
    team_services.add_to_roadmap(actor=owner, roadmap=other, person=zoe)
    _activity(roadmap, owner, "fair", zoe, 20, start=date(2027, 3, 1), end=date(2027, 3, 26))
    _activity(roadmap, owner, "typo", zoe, 20, **FAR)
    _activity(other, owner, "stand", zoe, 20, start=date(2027, 3, 1), end=date(2027, 3, 5))
    _activity(other, owner, "far-away", zoe, 20, **FAR)
    return roadmap


def _page(team: Team, path: str) -> str:
    response = reader(team, "en").get(ROADMAP + path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_three_pages_count_the_same_hours_for_the_same_week_with_far_activities(
    weeks: Any, team: Team
) -> None:
    grid = _page(team, "workload/?person=zoe")
    over = rf'<td class="wl wl-over[^"]*" data-overloaded="true" data-week="{FIRST_WEEK}">(.*?)</td>'
    cell = re.search(over, grid, re.S)
    assert cell, "the week of 1 March is not overloaded on the workload page"
    assert "40 h for 35 h available" in cell.group(1)
    assert grid.count('data-overloaded="true"') == 1
    person = _page(team, "people/zoe/")
    overloads = re.findall(r'<li class="wl-alert-item">(.*?)</li>', person, re.S)
    assert len(overloads) == 1 and "40 h for 35 h available" in overloads[0], overloads
    table = _page(team, "people/")
    assert "1 week overloaded" in table


def test_the_far_activities_are_named_on_the_person_page(weeks: Any, team: Team) -> None:
    person = _page(team, "people/zoe/")
    note = re.search(r'<p class="warning timeline-far" id="timeline-far">(.*?)</p>', person, re.S)
    assert note and "Too far from the horizon to be counted in any week:" in note.group(1)
    assert "Typo" in note.group(1)


def test_assigning_a_far_activity_warns_of_no_overload(weeks: Any) -> None:
    zoe, typo = Person.objects.get(key="zoe"), Activity.objects.get(key="typo")
    assert services.assignment_warnings(zoe, typo, 40.0) == []
    fair = Activity.objects.get(key="fair")
    warnings = services.assignment_warnings(zoe, fair, 40.0)  # 40 h and the stand's 20 h, not the typos'
    assert len(warnings) == 4 and re.search(r"\b60\b", warnings[0]) and "100" not in warnings[0], warnings
