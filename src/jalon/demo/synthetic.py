"""A synthetic roadmap of any size, for benchmarks and load tests (`jalon demo --synthetic N`).

Built through the same services as everything else (history included), deterministic for a seed:
themes, people, objectives, N activities spread over a year with owners, assignments and
finish-to-start dependencies (always from an earlier activity to a later one, so never a cycle).
People are booked at about 60 % of their capacity on average, with random peaks that overload some
weeks, as in a plan someone has roughly balanced; ``--seed`` changes the draw.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from jalon.accounts.models import User
from jalon.history import origin
from jalon.planning import services as planning
from jalon.planning.models import Activity, Person, Status, Theme
from jalon.planning.people import services as team
from jalon.strategy import services as strategy
from jalon.strategy.models import Objective, Roadmap
from jalon.workspaces.models import Role, Workspace
from jalon.workspaces.services import set_membership

START = date(2026, 1, 1)
HORIZON_DAYS = 365
STATUSES = [Status.IDEA, Status.PLANNED, Status.PLANNED, Status.IN_PROGRESS, Status.DONE]
CHANNELS = ["email", "SEO", "SEA", "social", "events", "web", "CRM"]


@origin.acting(origin.Origin.DEMO)
def create_synthetic(
    *, n: int, workspace_slug: str = "bench", seed: int = 0, owner: User | None = None
) -> Roadmap:
    """Create (or recreate) the roadmap ``synthetic-<n>`` with ``n`` activities in ``workspace_slug``."""
    rng = random.Random(seed)
    with transaction.atomic():
        workspace, _created = Workspace.objects.get_or_create(
            slug=workspace_slug, defaults={"name": workspace_slug.capitalize()}
        )
        if owner is not None:  # refused when the owner owns another workspace whose name reads alike
            set_membership(actor=None, workspace=workspace, user=owner, role=Role.OWNER)
        Roadmap.objects.filter(workspace=workspace, slug=f"synthetic-{n}").delete()
        roadmap = strategy.create_roadmap(
            actor=None, workspace=workspace, slug=f"synthetic-{n}", title=f"Synthetic roadmap ({n})",
            type="strategic", start=START, end=START + timedelta(days=HORIZON_DAYS - 1),
            vision="Grow online revenue while keeping the brand's promise.", language="en",
        )  # fmt: skip
        objectives = [
            strategy.create_objective(
                actor=None,
                roadmap=roadmap,
                key=f"o{i}",
                title=f"Objective {i}",
                metric="conversion rate",
                unit="%",
                baseline=2.0,
                target=2.0 + i / 2,
                direction="increase",
                deadline=roadmap.end,
            )
            for i in range(1, 6)
        ]
        themes = [
            planning.create(
                Theme,
                actor=None,
                roadmap=roadmap,
                key=f"t{i}",
                name=f"Theme {i}",
                colour=f"#{rng.randrange(0x1000000):06x}",
                budget=Decimal(rng.randrange(20, 200) * 1000),
                is_maintenance=(i == 0),
            )
            for i in range(max(3, min(12, n // 100)))
        ]
        people = [
            _person(roadmap, i, rng.choice([21.0, 28.0, 35.0, 35.0])) for i in range(max(3, min(30, n // 35)))
        ]
        activities = [_activity(rng, roadmap, i, themes, people, objectives) for i in range(n)]
        _link(rng, activities, people)
    return roadmap


def _person(roadmap: Roadmap, i: int, capacity: float) -> Person:
    """Person ``i`` of the workspace (made the first time, with this capacity), on the roadmap's team."""
    found = Person.objects.filter(workspace=roadmap.workspace, key=f"p{i}").first()
    if found is None:
        return team.create_person(
            actor=None, workspace=roadmap.workspace, roadmap=roadmap, key=f"p{i}", name=f"Person {i}",
            capacity_hours_per_week=capacity,
        )  # fmt: skip
    team.add_to_roadmap(actor=None, roadmap=roadmap, person=found)
    return team.update_person(
        found, actor=None, expected_version=found.version, changes={"capacity_hours_per_week": capacity}
    )


def _activity(
    rng: random.Random,
    roadmap: Roadmap,
    i: int,
    themes: list[Theme],
    people: list[Person],
    objectives: list[Objective],
) -> Activity:
    start = START + timedelta(days=rng.randrange(HORIZON_DAYS - 45))
    cost = rng.randrange(1, 50) * 500
    return planning.create(
        Activity, actor=None, roadmap=roadmap, key=f"a{i}", title=f"Activity {i}",
        theme=rng.choice(themes), owner=rng.choice(people), status=rng.choice(STATUSES),
        channel=rng.choice(CHANNELS), start=start, duration_days=rng.randrange(5, 45),
        effort_days=float(rng.randrange(1, 30)), cost=Decimal(cost), value=float(cost * rng.uniform(0.5, 4)),
        impact=rng.randrange(1, 6), feasibility=rng.randrange(1, 6), confidence=rng.randrange(30, 100, 10),
        objectives=[rng.choice(objectives)],
    )  # fmt: skip


def _link(rng: random.Random, activities: list[Activity], people: list[Person]) -> None:
    for index, activity in enumerate(activities):
        for person in rng.sample(people, k=min(len(people), rng.choice([1, 1, 2]))):
            planning.assign(
                actor=None, activity=activity, person=person, hours_per_week=float(rng.randrange(2, 9)),
                confirm=True,
            )  # fmt: skip
        if index and rng.random() < 0.35:
            predecessor = activities[rng.randrange(max(0, index - 20), index)]
            planning.add_dependency(
                actor=None, predecessor=predecessor, successor=activity, lag_days=rng.randrange(0, 6)
            )
