"""The workload and its overloads keep to the roadmap's reach (``jalon.planning.timeline.reach``): an
activity typed from 1900 to 2200 (the forms allow it) used to make the assignment warning, the person's
page and the team's count of overloaded weeks go through some 15,700 weeks, one warning each. They now count
the weeks of the reach (the horizon ± 12 months), each week as before."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from jalon.engines import workload
from jalon.planning import services
from jalon.planning.models import Activity, Person
from tests.factories import Team
from tests.planning.test_late_activities import reader
from tests.planning.test_timeline_reach import ROADMAP, plan  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

REACH_WEEKS = len(workload.weeks_between(date(2026, 1, 1), date(2028, 12, 31)))  # 157


def test_the_assignment_warning_names_only_the_overloaded_weeks_within_reach(plan: Any) -> None:  # noqa: F811
    zoe, typo = Person.objects.get(key="zoe"), Activity.objects.get(key="typo")
    warnings = services.assignment_warnings(zoe, typo, 40.0)
    assert len(warnings) == REACH_WEEKS, len(warnings)  # every week of the reach, none of the centuries
    assert any("2027" in warning for warning in warnings) and not any("1900" in w for w in warnings)


def test_a_week_within_reach_warns_as_before(plan: Any) -> None:  # noqa: F811
    """The fair's full weeks of March 2027: 10 h on the fair and 30 h on the typo, for 35 h of capacity."""
    zoe, typo = Person.objects.get(key="zoe"), Activity.objects.get(key="typo")
    warnings = services.assignment_warnings(zoe, typo, 30.0)
    weeks = [re.search(r"semaine du (.*?) pour", warning).group(1) for warning in warnings]  # type: ignore[union-attr]
    assert weeks == ["1er mars 2027", "8 mars 2027", "15 mars 2027", "22 mars 2027"]


def test_the_person_page_lists_only_the_overloaded_weeks_within_reach(plan: Any, team: Team) -> None:  # noqa: F811
    zoe, typo = Person.objects.get(key="zoe"), Activity.objects.get(key="typo")
    services.assign(actor=team.owner, activity=typo, person=zoe, hours_per_week=40, confirm=True)
    page = reader(team, "en").get(f"{ROADMAP}people/zoe/").content.decode()
    overloads = re.findall(r'<li class="wl-alert-item">', page)
    assert len(overloads) == REACH_WEEKS, len(overloads)
