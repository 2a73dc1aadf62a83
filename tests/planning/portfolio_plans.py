"""Roadmaps and budgets the portfolio tests share."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from jalon.planning import services
from jalon.planning.models import Activity, Person, Status, Theme
from jalon.planning.portfolio.problem import Rules
from jalon.strategy import services as strategy
from tests.factories import Team


@pytest.fixture
def small(team: Team) -> SimpleNamespace:
    """A roadmap with a small plan: two groups and a maintenance budget, one person,
    three objectives, seven activities. The fiscal year starts in February.

    Budget 18 000 (10 000 + 6 000 + 2 000 maintenance); "old" is done (1 000 sunk in acquisition). The best
    portfolio funds SEO with its prerequisite CMS, the e-mails and the loyalty programme under way, and
    leaves the planned ads out.
    """
    owner = team.owner
    roadmap = strategy.create_roadmap(
        actor=owner, workspace=team.workspace, slug="plan-2027", title="Plan 2027", type="strategic",
        start=date(2026, 8, 1), end=date(2027, 1, 31), fiscal_year_start_month=2,
    )  # fmt: skip
    objectives = {
        key: strategy.create_objective(actor=owner, roadmap=roadmap, key=key, title=title,
                                       deadline=date(2027, 1, 31))
        for key, title in [("conversion", "Raise conversion"), ("cart", "Fewer abandoned carts"),
                           ("mobile", "Mobile channel")]
    }  # fmt: skip

    def make(kind: type, key: str, **fields: Any) -> Any:
        return services.create(kind, actor=owner, roadmap=roadmap, key=key, **fields)

    acquisition = make(Theme, "acquisition", name="Acquisition", budget=Decimal(10000))
    retention = make(Theme, "retention", name="Retention", budget=Decimal(6000))
    running = make(Theme, "running", name="Running costs", budget=Decimal(2000), is_maintenance=True)
    alice = make(Person, "alice", name="Alice", capacity_hours_per_week=35)
    a = {
        "seo": make(Activity, "seo", title="SEO overhaul", theme=acquisition, cost=Decimal(4000), value=12000,
                    objectives=[objectives["conversion"]], start=date(2026, 9, 1), effort_days=10),
        "cms": make(Activity, "cms", title="CMS migration", theme=acquisition, cost=Decimal(3000),
                    value=2000),
        "ads": make(Activity, "ads", title="Search ads", theme=acquisition, cost=Decimal(5000), value=6000,
                    status=Status.PLANNED),
        "emails": make(Activity, "emails", title="Cart e-mails", theme=retention, cost=Decimal(2500),
                       value=9000, objectives=[objectives["cart"]]),
        "loyalty": make(Activity, "loyalty", title="Loyalty programme", theme=retention, cost=Decimal(3000),
                        value=4000, status=Status.IN_PROGRESS),
        "old": make(Activity, "old", title="Old campaign", theme=acquisition, cost=Decimal(1000), value=1500,
                    status=Status.DONE),
        "hosting": make(Activity, "hosting", title="Hosting", theme=running, cost=Decimal(1500), value=0,
                        status=Status.PLANNED),
    }  # fmt: skip
    services.add_dependency(actor=owner, predecessor=a["cms"], successor=a["seo"])
    services.assign(actor=owner, activity=a["seo"], person=alice, hours_per_week=10, confirm=True)
    return SimpleNamespace(
        roadmap=roadmap, owner=owner, members=team.users, activities=a, alice=alice, objectives=objectives,
        themes={"acquisition": acquisition, "retention": retention, "running": running},
    )  # fmt: skip


def default_rules(small: SimpleNamespace, **changes: Any) -> Rules:
    return replace(Rules(budget_eur=18000.0), **changes)
