"""The coach inside the product knows the roadmap's horizon: an objective due after the roadmap ends (or
before it starts) is said on the SMART table, on the SMART check (even when the objective is otherwise
SMART) and in the form's live coach, in the reader's language."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.test import Client

from tests.factories import Team
from tests.strategy.coaching import roadmap_due

pytestmark = pytest.mark.django_db

AFTER_FR = "L’échéance (1er juin 2031) tombe après la fin de la feuille de route (31 décembre 2027)."
AFTER_EN = "The deadline (1 June 2031) falls after the roadmap’s end (31 December 2027)."


@pytest.fixture
def late(client: Client, team: Team) -> Client:
    roadmap_due(team, date(2031, 6, 1))
    client.force_login(team.owner)
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_smart_table_says_the_deadline_falls_after_the_roadmaps_end(late: Client) -> None:
    assert AFTER_FR in page(late, "/w/acme/r/plan/")
    late.post("/language/", {"language": "en", "next": "/"})
    assert AFTER_EN in page(late, "/w/acme/r/plan/")


def test_the_smart_check_lists_an_objective_due_after_the_end_with_the_reason(late: Client) -> None:
    shown = page(late, "/w/acme/r/plan/smart-check/")
    assert "Ventes en ligne" in shown and AFTER_FR in shown


def test_the_live_coach_says_it_while_the_deadline_is_typed(late: Client) -> None:
    shown = page(late, "/w/acme/r/plan/objectives/coach/?title=Ventes&deadline=2031-06-01")
    assert AFTER_FR in shown


def test_the_tables_summary_points_to_the_check_when_a_smart_objective_has_a_warning(late: Client) -> None:
    shown = page(late, "/w/acme/r/plan/")
    assert "Tous les objectifs passent le contrôle SMART." not in shown
    assert "1 objectif SMART a un point à vérifier." in shown
    assert 'href="/w/acme/r/plan/smart-check/"' in shown
