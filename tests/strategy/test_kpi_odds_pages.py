"""Where the odds show: the executive view (beside the status, late KPIs flagged), the quarterly review's
snapshot (the odds of the day), and the SMART coach's achievable verdict (the same odds, not another rule)."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pytest
from django.test import Client

from jalon.planning.reviews.snapshots import take_snapshot
from jalon.strategy.kpis import forecasting
from jalon.strategy.kpis.presenting import percent
from jalon.strategy.models import KPI, Roadmap

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def viewer(client: Client, members) -> Client:
    client.force_login(members["viewer"])
    return client


def conversion_odds() -> str:
    kpis = list(KPI.objects.filter(objective__key="taux-conversion").prefetch_related("measurements"))
    odds = forecasting.objective_odds(kpis)
    assert odds is not None
    return percent(odds.probability)


def test_the_executive_view_shows_each_objectives_odds_beside_its_status(viewer: Client) -> None:
    page = text(viewer.get(ROADMAP + "executive/"))
    assert "Chances de l’atteindre" in page
    row = page[page.index('id="health-taux-conversion"') :]
    row = row[: row.index("</tr>")]
    assert conversion_odds() in row


def test_the_executive_view_falls_back_on_elapsed_time_without_odds(viewer: Client) -> None:
    KPI.objects.get(key="taux-conversion").measurements.filter(date__gte=date(2026, 5, 1)).delete()
    page = text(viewer.get(ROADMAP + "executive/"))
    row = page[page.index('id="health-taux-conversion"') :]
    assert "(selon le temps écoulé)" in row[: row.index("</tr>")]


def test_the_executive_view_flags_late_kpis(viewer: Client) -> None:
    page = text(viewer.get(ROADMAP + "executive/"))
    row = page[page.index('id="health-taux-conversion"') :]
    assert ("mesure en retard" in row[: row.index("</tr>")]) is (date.today() > date(2026, 11, 30))


def test_the_review_snapshot_keeps_the_odds_of_the_day(demo) -> None:
    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    late_summer = take_snapshot(roadmap, as_of=date(2026, 8, 31))
    autumn = take_snapshot(roadmap, as_of=date(2026, 10, 31))
    by_key = {o["key"]: o for o in autumn["objectives"]}
    assert by_key["taux-conversion"]["odds"] is not None
    summer_odds = {o["key"]: o["odds"] for o in late_summer["objectives"]}
    assert summer_odds["taux-conversion"] != by_key["taux-conversion"]["odds"]  # other data, other odds
    kpi_odds = {k["key"]: k["odds"] for k in autumn["kpis"]}
    assert 0.0 <= kpi_odds["taux-conversion"] <= 1.0


def test_the_smart_coach_gives_the_odds_the_executive_view_shows(viewer: Client) -> None:
    page = text(viewer.get(ROADMAP))
    row = page[page.index('id="obj-taux-conversion"') :]
    row = row[: row.index("</tr>")]
    assert f"{conversion_odds()} de chances".replace("\u00a0", " ") in row.replace("\u00a0", " ")
