"""A roadmap's backlog as the page tests build and read it."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jalon.accounts.models import User
from jalon.planning import services
from jalon.planning.models import Activity, Person, Theme
from jalon.strategy import services as strategy
from jalon.strategy.models import Roadmap
from tests.factories import Team

ROADMAP = "/w/acme/r/plan/"
BACKLOG = ROADMAP + "backlog/"


NNBSP, NBSP = "\u202f", "\u00a0"


def text(response: Any) -> str:
    return html.unescape(response.content.decode()).replace(NNBSP, " ").replace(NBSP, " ")


def row_ids(response: Any) -> list[str]:
    return re.findall(r'<tr id="activity-([-\w]+)"', response.content.decode())


def add_activity(roadmap: Any, actor: Any, key: str, **fields: Any) -> Activity:
    return services.create(
        Activity, actor=actor, roadmap=roadmap, key=key, title=fields.pop("title", key), **fields
    )


def new_roadmap(workspace: Any, actor: Any, slug: str) -> Roadmap:
    """A roadmap with the objective "taux-conversion", in ``workspace``."""
    roadmap = strategy.create_roadmap(
        actor=actor, workspace=workspace, slug=slug, title=f"Plan {slug}", type="strategic",
        start=date(2026, 7, 1), end=date(2027, 6, 30),
    )  # fmt: skip
    strategy.create_objective(
        actor=actor, roadmap=roadmap, key="taux-conversion", title="Augmenter les taux de conversion",
        deadline=date(2027, 1, 31),
    )  # fmt: skip
    return roadmap


@pytest.fixture
def members(team: Team) -> dict[str, User]:
    """One user per role of a small team (no demo to load); the owner reads French, as the demo's does."""
    team.owner.language = "fr"
    team.owner.save(update_fields=["language"])
    return team.users


@pytest.fixture
def plan(team, members):
    owner = members["owner"]
    roadmap = new_roadmap(team.workspace, owner, "plan")
    acquisition = services.create(
        Theme, actor=owner, roadmap=roadmap, key="acq", name="Acquisition", colour="#e8590c"
    )
    loyalty = services.create(Theme, actor=owner, roadmap=roadmap, key="fid", name="Fidélisation")
    alice = services.create(Person, actor=owner, roadmap=roadmap, key="alice", name="Alice Martin")
    bob = services.create(Person, actor=owner, roadmap=roadmap, key="bob", name="Bob Durand")
    conversion = roadmap.objectives.get(key="taux-conversion")
    brief = add_activity(
        roadmap, owner, "brief", title="Brief agence", theme=acquisition, owner=alice, status="planned",
        start=date(2026, 9, 7), duration_days=5, effort_days=3.5, cost=Decimal(1000), value=5000,
        impact=4, feasibility=5, confidence=80, objectives=[conversion],
    )  # fmt: skip
    launch = add_activity(
        roadmap, owner, "launch", title="Lancement", theme=loyalty, owner=bob, status="idea",
        start=date(2026, 10, 1), end=date(2026, 10, 31), effort_days=10, cost=Decimal(4000), value=6000,
        impact=5, feasibility=2,
    )  # fmt: skip
    survey = add_activity(roadmap, owner, "survey", title="Enquête clients", status="done")
    return {
        "roadmap": roadmap, "brief": brief, "launch": launch, "survey": survey, "alice": alice, "bob": bob,
        "conversion": conversion,
    }  # fmt: skip


@pytest.fixture
def owner_client(client: Client, members) -> Client:
    client.force_login(members["owner"])
    return client


def grow_backlog(roadmap: Any, actor: Any, count: int) -> None:
    """``count`` more activities, and more themes, people and objectives for the filters to list."""
    for n in range(5):
        services.create(Theme, actor=actor, roadmap=roadmap, key=f"t{n}", name=f"Thème {n}")
        services.create(Person, actor=actor, roadmap=roadmap, key=f"p{n}", name=f"Personne {n}")
        strategy.create_objective(
            actor=actor, roadmap=roadmap, key=f"o{n}", title=f"Objectif {n}", deadline=date(2027, 1, 31)
        )
    themes = list(Theme.objects.filter(roadmap=roadmap))
    people = list(Person.objects.filter(roadmaps=roadmap))
    objectives = list(roadmap.objectives.all())
    for n in range(count):
        add_activity(
            roadmap, actor, f"a{n}", theme=themes[n % len(themes)], owner=people[n % len(people)],
            start=date(2026, 9, 1), duration_days=10, cost=Decimal(100 + n), value=n * 10,
            impact=1 + n % 5, feasibility=1 + (n * 3) % 5, objectives=objectives[n % 3 : n % 3 + 2],
        )  # fmt: skip


def queries_on(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
