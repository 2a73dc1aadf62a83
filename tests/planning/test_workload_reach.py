"""The workload and its overloads keep to the roadmap's reach (``jalon.planning.timeline.reach``): an
activity typed from 1900 to 2200 (the forms allow it) used to make the assignment warning, the person's
page and the team's count of overloaded weeks go through some 15,700 weeks, one warning each. They count
the weeks of the reach (the horizon ± 12 months), each week as before, and such an activity loads none of
them (``elsewhere.counts``, see test_workload_far_rule.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from jalon.planning import services
from jalon.planning.models import Activity, Person
from tests.factories import Team
from tests.planning.reach_plan import ROADMAP, plan  # noqa: F401  (a fixture)
from tests.planning.readers import reader

pytestmark = pytest.mark.django_db


def test_the_assignment_warning_names_no_week_for_an_activity_beyond_reach(plan: Any) -> None:  # noqa: F811
    zoe, typo = Person.objects.get(key="zoe"), Activity.objects.get(key="typo")
    assert services.assignment_warnings(zoe, typo, 40.0) == []  # used to name some 15,700 weeks


def test_a_week_within_reach_warns_as_before(plan: Any) -> None:  # noqa: F811
    """The fair's full weeks of March 2027: 40 h on the fair for 35 h of capacity (the typo's 10 h load
    no week)."""
    zoe, salon = Person.objects.get(key="zoe"), Activity.objects.get(key="salon")
    warnings = services.assignment_warnings(zoe, salon, 40.0)
    assert all("Faute" not in warning for warning in warnings)
    weeks = [re.search(r"semaine du (.*?) pour", warning).group(1) for warning in warnings]  # type: ignore[union-attr]
    assert weeks == ["1er mars 2027", "8 mars 2027", "15 mars 2027", "22 mars 2027"]


def test_the_person_page_lists_no_week_for_an_activity_beyond_reach(plan: Any, team: Team) -> None:  # noqa: F811
    zoe, typo = Person.objects.get(key="zoe"), Activity.objects.get(key="typo")
    services.assign(actor=team.owner, activity=typo, person=zoe, hours_per_week=40, confirm=True)
    page = reader(team, "en").get(f"{ROADMAP}people/zoe/").content.decode()
    overloads = re.findall(r'<li class="wl-alert-item">', page)
    assert len(overloads) == 0, len(overloads)  # it used to list every week of the reach
