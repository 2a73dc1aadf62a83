"""The strategic dashboard: goal -> strategies -> tactics -> activities with progress and budget, each
goal's KPIs with latest value, trend, odds and lateness, in a fixed number of queries."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from jalon.strategy.kpis.dashboard import dashboard
from jalon.strategy.models import Roadmap

DASHBOARD = "/w/cloud-kicks/r/cloud-kicks/dashboard/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def viewer(client: Client, members) -> Client:
    client.force_login(members["viewer"])
    return client


def test_the_conversion_goal_carries_its_strategy_tactics_activities_and_budget(demo) -> None:
    goals = {
        g.objective.key: g for g in dashboard(Roadmap.objects.get(slug="cloud-kicks"), date(2026, 12, 5))
    }
    goal = goals["taux-conversion"]
    strategy = goal.strategies[0]
    assert [t.tactic.key for t in strategy.tactics] == ["panier-abandonne", "bienvenue"]
    abandoned = strategy.tactics[0]
    assert [a.key for a in abandoned.activities] == ["email-panier-abandonne"]
    assert (abandoned.progress.done, abandoned.progress.counted) == (1, 1)
    assert abandoned.progress.spent == Decimal(2800)
    assert strategy.progress.counted == 2 and strategy.progress.share == 0.5
    assert goal.odds is not None and goal.late == 1


def test_sub_objectives_follow_their_parent(demo) -> None:
    goals = dashboard(Roadmap.objects.get(slug="cloud-kicks"), date(2026, 12, 5))
    keys = [g.objective.key for g in goals]
    assert keys.index("abandon-panier") > keys.index("taux-conversion")
    assert next(g for g in goals if g.objective.key == "abandon-panier").depth == 1


def test_a_viewer_reads_the_dashboard_in_french(viewer: Client) -> None:
    page = text(viewer.get(DASHBOARD))
    assert "Tableau de bord stratégique" in page
    assert "E-mail panier abandonné" in page and "Série d’e-mails de bienvenue" in page
    kpi_row = page[page.index('id="dash-kpi-taux-conversion"') :]
    kpi_row = kpi_row[: kpi_row.index("</tr>")]
    assert "↗" in kpi_row and "par mois" in kpi_row and "mesure en retard" in kpi_row


def test_the_dashboard_costs_a_fixed_number_of_queries(viewer: Client, django_assert_max_num_queries) -> None:
    viewer.get(DASHBOARD)  # warm the session and the membership cache
    with django_assert_max_num_queries(15):
        assert viewer.get(DASHBOARD).status_code == 200


def test_an_outsider_gets_not_found(client: Client, members) -> None:
    client.force_login(members["outsider"])
    assert client.get(DASHBOARD).status_code == 404
