"""The demo roadmap with an activity typed out of reach, for the browser tests of the reach."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


@pytest.fixture
def typo(demo: Any, members: dict[str, Any]) -> Any:
    """A demo activity dated in 2200, as a slip of the keyboard would date it, on which Zoé works; and social
    media kept up from 2020 to 2200, across the whole reach."""
    from jalon.planning import services
    from jalon.planning.models import Activity, Person

    owner = members["owner"]
    far = services.create(
        Activity, actor=owner, roadmap=demo.roadmap, key="coquille", title="Faute de frappe",
        status="planned", start=date(2200, 1, 1), end=date(2200, 12, 31),
    )  # fmt: skip
    services.create(
        Activity, actor=owner, roadmap=demo.roadmap, key="reseaux", title="Réseaux sociaux",
        status="planned", start=date(2020, 1, 1), end=date(2200, 12, 31),
    )  # fmt: skip
    zoe = services.create(
        Person,
        actor=owner,
        roadmap=demo.roadmap,
        key="e2e-zoe",
        name="Zoé Martin",
        capacity_hours_per_week=35,
    )
    services.assign(actor=owner, activity=far, person=zoe, hours_per_week=10)
    return demo
