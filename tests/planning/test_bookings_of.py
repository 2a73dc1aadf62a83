"""``elsewhere.bookings_of``: the one way the workload's rows become the workload engine's bookings, for the
work on other roadmaps (``other_roadmaps_bookings``), the workspace's page of a person (``hours_by_roadmap``)
and the warning before an assignment (``services.assignment_warnings``)."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.planning import services
from jalon.planning.models import Activity, Assignment, Person
from jalon.planning.people.elsewhere import bookings_of, hours_by_roadmap, weeks_of
from jalon.planning.timeline.reach import reach_of
from tests.factories import Team, make_roadmap

pytestmark = pytest.mark.django_db


@pytest.fixture
def zoe_on_a_plan(team: Team) -> tuple[Person, Activity]:
    """Zoé on a 2026 plan: social media from 2024 to 2028 (runs past the reach), a typo's 1900 (wholly
    beyond it), a dropped launch, an undated idea and a brief in September."""
    owner = team.owner
    roadmap = make_roadmap(team.workspace, owner, title="Plan 2026")
    zoe = services.create(
        Person, actor=owner, roadmap=roadmap, key="zoe", name="Zoé", capacity_hours_per_week=35
    )
    work = (
        ("social", date(2024, 1, 1), date(2028, 12, 31), "planned"),
        ("typo", date(1900, 3, 2), date(1900, 3, 6), "planned"),
        ("launch", date(2026, 5, 4), date(2026, 5, 8), "dropped"),
        ("idea", None, None, "planned"),
        ("brief", date(2026, 9, 7), date(2026, 9, 11), "done"),
    )
    found = None
    for key, start, end, status in work:
        activity = services.create(Activity, actor=owner, roadmap=roadmap, key=key, title=key.title(),
                                   start=start, end=end, status=status)  # fmt: skip
        services.assign(actor=owner, activity=activity, person=zoe, hours_per_week=10, confirm=True)
        found = found or activity
    assert found is not None
    return zoe, found


def test_only_dated_work_not_dropped_and_within_sight_of_its_reach_is_booked_over_the_weeks_it_loads(
    zoe_on_a_plan: tuple[Person, Activity],
) -> None:
    zoe, social = zoe_on_a_plan
    rows = Assignment.objects.filter(person=zoe).order_by("activity__start")
    booked = bookings_of(rows, {zoe.pk: "zoe"}, "activity__roadmap__title")
    assert [(b.activity_key, b.person_key, b.roadmap, b.hours_per_week) for b in booked] == [
        ("social", "zoe", "Plan 2026", 10), ("brief", "zoe", "Plan 2026", 10),
    ]  # fmt: skip
    assert (booked[0].start, booked[0].end) == weeks_of(reach_of(social.roadmap))  # clipped to the reach
    assert (booked[1].start, booked[1].end) == (date(2026, 9, 7), date(2026, 9, 11))
    assert [b.roadmap for b in bookings_of(rows, {zoe.pk: "zoe"})] == ["", ""]  # no label asked


def test_the_workspace_page_of_a_person_counts_the_hours_of_those_bookings(
    zoe_on_a_plan: tuple[Person, Activity],
) -> None:
    zoe, social = zoe_on_a_plan
    hours = hours_by_roadmap(zoe, date(2026, 9, 7), date(2026, 9, 13))  # social and the brief, 10 h each
    assert hours == {social.roadmap_id: pytest.approx(20.0)}
