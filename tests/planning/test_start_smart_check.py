"""The Get started checklist and the SMART check give one answer: step 1 counts the objectives that pass the
SMART check (``Verdict.passes_check``), so an objective the check flags (a deadline in 1900, a text that
disagrees with its fields) is not counted there as done."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.test import Client

from jalon.planning.start.views import facts_of
from jalon.strategy import services
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap

pytestmark = pytest.mark.django_db


def objective(team: Team, roadmap: Roadmap, title: str, specific: str, deadline: date) -> None:
    services.create_objective(
        actor=team.owner, roadmap=roadmap, title=title, specific=specific, impact="Chiffre d’affaires",
        metric="ventes en ligne", unit="€", baseline=100_000, target=120_000, direction="increase",
        deadline=deadline,
    )  # fmt: skip


@pytest.fixture
def flagged(team: Team) -> Roadmap:
    """Two objectives SMART by their criteria; the SMART check flags the second (due in 1900)."""
    roadmap = make_roadmap(
        team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31), vision="Grandir."
    )
    text = "Faire passer les ventes en ligne de 100 000 € à 120 000 €"
    objective(team, roadmap, "Ventes en ligne", text, date(2027, 9, 30))
    objective(team, roadmap, "Ventes d’antan", text, date(1900, 12, 31))
    return roadmap


def shown(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).replace("\u00a0", " ").split())


def test_an_objective_the_smart_check_flags_is_not_counted_as_passing(flagged: Roadmap) -> None:
    assert (facts_of(flagged).objectives, facts_of(flagged).passing_objectives) == (2, 1)


def test_get_started_and_the_smart_check_agree_in_french(
    client: Client, team: Team, flagged: Roadmap
) -> None:
    client.force_login(team.owner)
    start = shown(client, "/w/acme/r/plan/start/")
    check = shown(client, "/w/acme/r/plan/smart-check/")
    assert "1 objectif sur 2 passe le contrôle SMART" in start
    assert "2 objectifs sur 2 sont SMART" not in start
    assert "Ventes d’antan" in check and "Ventes en ligne" not in check
    assert 'href="/w/acme/r/plan/smart-check/"' in start  # the step leads to the objective flagged


def test_get_started_and_the_smart_check_agree_in_english(
    client: Client, team: Team, flagged: Roadmap
) -> None:
    client.force_login(team.owner)
    client.post("/language/", {"language": "en", "next": "/"})
    start = shown(client, "/w/acme/r/plan/start/")
    assert "1 of 2 objectives passes the SMART check" in start
    assert "Ventes d’antan" in shown(client, "/w/acme/r/plan/smart-check/")


def test_the_step_is_done_once_the_flagged_objective_is_mended(
    client: Client, team: Team, flagged: Roadmap
) -> None:
    late = flagged.objectives.get(title="Ventes d’antan")
    services.update_objective(
        actor=team.owner,
        objective=late,
        expected_version=late.version,
        changes={"deadline": date(2027, 6, 30)},
    )
    client.force_login(team.owner)
    assert "2 objectifs sur 2 passent le contrôle SMART" in shown(client, "/w/acme/r/plan/start/")
    assert "Tous les objectifs passent le contrôle SMART." in shown(client, "/w/acme/r/plan/smart-check/")
