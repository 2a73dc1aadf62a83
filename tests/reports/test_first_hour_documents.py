"""The deliverable of a framing's first hour: a new roadmap holding only what a consultant typed."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import make_roadmap, make_team

pytestmark = pytest.mark.django_db

EMPTY = {
    "fr": ("Aucun indicateur ne suit encore cet objectif.", "Aucun jalon pour l’instant.",
           "Aucune activité pour l’instant.", "Aucun risque pour l’instant.",
           "Aucun membre de l’équipe pour l’instant.", "Aucune communication prévue pour l’instant.",
           "Aucun groupe thématique pour l’instant."),
    "en": ("No KPI tracks this objective yet.", "No milestone yet.", "No activity yet.", "No risk yet.",
           "No team member yet.", "No communication planned yet.", "No thematic group yet."),
}  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_markdown_of_a_new_roadmap_says_what_is_not_there_yet(language: str) -> None:
    """An empty section once came out as a table of headers alone (six of them for a new roadmap)."""
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report
    from jalon.strategy import services as strategy

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    strategy.create_objective(actor=team.owner, roadmap=roadmap, title="Proposition 7")
    options = ReportOptions(language=language)
    text = render_report(actor=team.owner, roadmap=roadmap, fmt="md", options=options).content.decode()
    lines = text.splitlines()
    headed = [lines[n - 1] for n, line in enumerate(lines) if line.startswith("|---")]
    bodies = [lines[n + 1] for n, line in enumerate(lines) if line.startswith("|---")]
    assert all(body.startswith("| ") for body in bodies), headed  # every table has a row under its headers
    for sentence in EMPTY[language]:
        assert sentence in text
