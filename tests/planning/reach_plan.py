"""A roadmap with activities out of its reach, for the timeline and workload tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from jalon.planning import services
from jalon.planning.models import Activity, Milestone, Person, Theme
from tests.factories import Team, make_roadmap

ROADMAP = "/w/acme/r/plan/"


@pytest.fixture
def plan(team: Team) -> Any:
    """A 2027 roadmap: a trade show in March, an activity typed from 1900 to 2200 (in a group of its own)
    and a milestone typed in 2200; Zoé works on both activities."""
    owner = team.owner
    roadmap = make_roadmap(team.workspace, owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    fair = services.create(Theme, actor=owner, roadmap=roadmap, key="acq", name="Acquisition")
    typo = services.create(Theme, actor=owner, roadmap=roadmap, key="coq", name="Coquille")
    salon = services.create(Activity, actor=owner, roadmap=roadmap, key="salon", title="Salon", theme=fair,
                            status="planned", start=date(2027, 3, 1), end=date(2027, 3, 31))  # fmt: skip
    far = services.create(Activity, actor=owner, roadmap=roadmap, key="typo", title="Faute <de> frappe",
                          theme=typo, status="planned", start=date(1900, 1, 1),
                          end=date(1900, 12, 31))  # fmt: skip
    services.create(Milestone, actor=owner, roadmap=roadmap, key="loin", title="Jalon lointain",
                    date=date(2200, 6, 1))  # fmt: skip
    zoe = services.create(Person, actor=owner, roadmap=roadmap, key="zoe", name="Zoé Martin",
                          capacity_hours_per_week=35)  # fmt: skip
    services.assign(actor=owner, activity=salon, person=zoe, hours_per_week=10)
    services.assign(actor=owner, activity=far, person=zoe, hours_per_week=10)
    return roadmap
