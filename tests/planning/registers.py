"""The registers' pages (themes, risks, communication...) as the tests fill and read them."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from jalon.accounts.models import User
from jalon.planning import services
from jalon.planning.models import CommunicationItem, Milestone, Risk, Theme
from jalon.strategy.models import InRoadmap, Roadmap
from tests.factories import Team, make_roadmap

PLAN = "/w/acme/r/plan-test/"


# page path, item path prefix, kind, fields of a valid new item, a valid change
REGISTERS: dict[str, tuple[str, str, type[InRoadmap], dict[str, str], dict[str, str]]] = {
    "budget": (
        "budget/", "budget/themes/", Theme,
        {"name": "Acquisition", "colour": "#1d4ed8", "budget": "12 500"},
        {"name": "Acquisition web", "colour": "#1d4ed8", "budget": "13000"},
    ),
    "milestones": (
        "milestones/", "milestones/", Milestone,
        {"title": "Lancement de l'appli", "date": "2026-10-01"},
        {"title": "Lancement de l'appli mobile", "date": "2026-10-15"},
    ),
    "risks": (
        "risks/", "risks/", Risk,
        {"title": "Retard du prestataire", "probability": "4", "impact": "5", "status": "open"},
        {"title": "Retard de l'agence", "probability": "2", "impact": "5", "status": "open"},
    ),
    "communications": (
        "communication/", "communication/", CommunicationItem,
        {"audience": "direction", "message": "Avancement", "channel": "Comité", "frequency": "monthly"},
        {"audience": "direction", "message": "Avancement et budget", "channel": "Comité",
         "frequency": "monthly"},
    ),
}  # fmt: skip


@pytest.fixture
def members(team: Team) -> dict[str, User]:
    """One user per role of a small team, and an outsider."""
    return team.users


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    """An empty 2026 roadmap of the team's workspace."""
    return make_roadmap(team.workspace, team.owner, slug="plan-test", title="Plan test")


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def login(client: Client, members: dict[str, Any], role: str) -> Client:
    client.force_login(members[role])
    return client


def add(roadmap: Roadmap, register: str, key: str, **overrides: Any) -> InRoadmap:
    """An item of the register ``register`` made through the service, as the owner (CLI actor)."""
    defaults: dict[str, dict[str, Any]] = {
        "budget": {"name": f"Theme {key}", "budget": Decimal(1000)},
        "milestones": {"title": f"Milestone {key}", "date": date(2026, 6, 1)},
        "risks": {"title": f"Risk {key}", "probability": 2, "impact": 2},
        "communications": {"audience": "teams", "message": f"Message {key}", "channel": "Email",
                           "frequency": "weekly"},
    }  # fmt: skip
    fields = defaults[register] | overrides
    return services.create(REGISTERS[register][2], actor=None, roadmap=roadmap, key=key, **fields)


def row(page: str, key: str) -> str:
    """The table row of the register's item ``key``."""
    match = re.search(rf'<tr id="item-{key}".*?</tr>', page, re.S)
    assert match, key
    return match.group(0)


def add_theme(roadmap: Roadmap, key: str, **overrides: Any) -> Theme:
    """A thematic group (the budget register's item), typed as one."""
    theme = add(roadmap, "budget", key, **overrides)
    assert isinstance(theme, Theme)
    return theme
