"""An objective saved as a vague draft says so on its own page, where its author lands after *Save*: which
SMART criteria it misses, the wording the coach proposes and, to an editor, where to complete it."""

from __future__ import annotations

import datetime
import html

from django.test import Client

from jalon.accounts.models import User
from jalon.strategy.services import create_objective
from tests.factories import Team, make_roadmap


def objective_page(user: User, key: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(user)
    response = client.get(f"/w/acme/r/plan/o/{key}/")
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).replace("'", "’").split())


def test_a_vague_objectives_page_says_what_it_lacks_and_where_to_complete_it(team: Team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    create_objective(
        actor=team.owner, roadmap=roadmap, key="visibles", title="Être plus visibles sur les réseaux sociaux",
        specific="Améliorer notre présence sur les réseaux sociaux bientôt.",
    )  # fmt: skip
    text = objective_page(team.owner, "visibles")
    assert 'id="objective-coach"' in text and "Brouillon : pas encore SMART" in text
    coach = text.split('id="objective-coach"')[1].split("</section>")[0]
    assert "<strong>Délimités dans le temps</strong> — Aucune échéance datée" in coach
    assert coach.count('class="criterion fails"') >= 3 and "Formulation proposée :" in coach
    assert "Modifiez l’objectif</a> : le coach SMART" in text
    assert "Modifiez l’objectif</a>" not in objective_page(team.users["viewer"], "visibles")


def test_a_smart_objectives_page_shows_no_draft_notice(team: Team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    create_objective(
        actor=team.owner, roadmap=roadmap, key="conversion", title="Augmenter le taux de conversion",
        impact="Plus de ventes en ligne.",
        specific="Faire passer le taux de conversion du site de 2 % à 2,4 % d’ici le 30 juin 2027, afin "
        "d’augmenter les ventes en ligne.",
        metric="taux de conversion", unit="%", baseline=2.0, target=2.4, direction="increase",
        deadline=datetime.date(2027, 6, 30),
    )  # fmt: skip
    assert 'id="objective-coach"' not in objective_page(team.owner, "conversion")
