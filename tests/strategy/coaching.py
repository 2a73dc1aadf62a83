"""A roadmap whose objectives fall due, for the coaching tests."""

from __future__ import annotations

from datetime import date

from jalon.strategy import services
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap


def roadmap_due(team: Team, deadline: date) -> Roadmap:
    """A roadmap over 2027 with one objective, otherwise SMART, due on ``deadline``."""
    roadmap = make_roadmap(
        team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31), vision="Grandir."
    )
    services.create_objective(
        actor=team.owner,
        roadmap=roadmap,
        title="Ventes en ligne",
        specific="Faire passer les ventes en ligne de 100 000 € à 120 000 €",
        impact="Chiffre d’affaires",
        metric="ventes en ligne",
        unit="€",
        baseline=100_000,
        target=120_000,
        direction="increase",
        deadline=deadline,
    )
    return roadmap
