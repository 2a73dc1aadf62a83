"""An import numbers each new object once: the qualitative indicators of two objectives (two groups of one
model in the import's batch) took the same ids on SQLite, and a roadmap whose indicators already existed in
the database no longer imported (« Le fichier enfreint une règle », a UNIQUE constraint underneath)."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.documents.services import export_roadmap, import_roadmap
from jalon.framing import services as framing
from jalon.framing.models import QualitativeIndicator
from jalon.strategy import services as strategy
from jalon.workspaces.models import Workspace
from tests.factories import Team, make_roadmap

pytestmark = pytest.mark.django_db


def test_a_roadmap_whose_objectives_each_have_an_indicator_imports_again_beside_itself(team: Team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner)
    for title in ("Fidéliser", "Recruter", "Réactiver"):
        objective = strategy.create_objective(actor=team.owner, roadmap=roadmap, title=title)
        framing.add_indicator(actor=team.owner, objective=objective, statement=f"{title} : ressenti")
        framing.rate(
            actor=team.owner, indicator=objective.qualitative_indicators.get(), day=date(2026, 1, 1),
            rating=4,
        )  # fmt: skip
    text = export_roadmap(actor=team.owner, roadmap=roadmap, fmt="yaml")
    elsewhere = Workspace.objects.create(slug="elsewhere", name="Elsewhere")
    again = import_roadmap(actor=None, workspace=elsewhere, text=text, fmt="yaml", confirmed=True)
    copied = QualitativeIndicator.objects.filter(objective__roadmap=again).order_by("statement")
    titles = ("Fidéliser", "Recruter", "Réactiver")
    assert [i.statement for i in copied] == [f"{t} : ressenti" for t in titles]
    assert [i.ratings.get().rating for i in copied] == [4, 4, 4]
    assert QualitativeIndicator.objects.count() == 6
