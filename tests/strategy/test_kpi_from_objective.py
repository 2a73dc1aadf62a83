"""A KPI added from its objective's page starts from what the objective already says: nothing typed twice."""

from __future__ import annotations

import html
import re

from django.test import Client

from jalon.strategy.services import create_kpi, create_objective
from tests.factories import Team, make_roadmap


def field_value(page: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return html.unescape(value.group(1)) if value else None


def new_kpi_page(team: Team, objective: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(team.owner)
    response = client.get(f"/w/acme/r/ventes/kpis/new/?objective={objective}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_kpi_added_from_an_objective_is_named_after_its_metric_and_starts_from_its_baseline(team: Team):
    roadmap = make_roadmap(team.workspace, team.owner, slug="ventes", title="Ventes")
    create_objective(
        actor=team.owner, roadmap=roadmap, key="ca", title="Augmenter le chiffre d’affaires en ligne",
        metric="chiffre d’affaires mensuel", unit="€", baseline=40_000.0, target=55_000.0,
    )  # fmt: skip
    page = new_kpi_page(team, "ca")
    assert field_value(page, "name") == "Chiffre d’affaires mensuel"
    assert (field_value(page, "baseline") or "").replace("\u202f", " ") == "40 000"
    assert (field_value(page, "target") or "").replace("\u202f", " ") == "55 000"


def test_a_second_kpi_of_the_same_metric_is_left_for_the_user_to_name(team: Team):
    roadmap = make_roadmap(team.workspace, team.owner, slug="ventes", title="Ventes")
    objective = create_objective(
        actor=team.owner, roadmap=roadmap, key="ca", title="Augmenter le chiffre d’affaires",
        metric="chiffre d’affaires", unit="€", target=55_000.0,
    )  # fmt: skip
    create_kpi(
        actor=team.owner,
        roadmap=roadmap,
        key="ca",
        name="Chiffre d’affaires",
        objective=objective,
        frequency="monthly",
    )
    assert not field_value(new_kpi_page(team, "ca"), "name")
