"""A roadmap file (``jalon/1``) meets the rules the pages' services apply, each from its one place: a file
that saves an activity pinned without dates, a milestone reached after today or before the roadmap began,
a measurement of tomorrow, a review held after today or before the start, a first KPI whose target is not
its objective's, is refused as a whole, naming the item and the rule (French and English), and writes
nothing. A kept version restored puts back what the roadmap held and is not refused."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from jalon.documents.services import import_roadmap
from jalon.workspaces.models import Workspace
from tests.documents.test_roadmap_file_planning import as_yaml, refused, small_plan


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(slug="agence", name="Agence")


def plan(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(small_plan())
    document.update(changes)
    return document


def tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


def test_the_small_plan_imports(workspace) -> None:
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(plan()), fmt="yaml")
    assert roadmap.activities.count() == 2


def test_an_activity_pinned_without_an_end_is_refused(workspace) -> None:
    document = plan()
    document["activities"][0].update(end=None, pinned=True)
    del document["activities"][0]["end"]
    with translation.override("en"):
        problems = refused(workspace, document)
    assert "give it a start and an end" in problems["activities[0].pinned"]
    assert "Brief" in problems["activities[0].pinned"]


def test_a_milestone_reached_tomorrow_is_refused_in_french(workspace) -> None:
    document = plan()
    document["milestones"][0]["reached_on"] = tomorrow()
    with translation.override("fr"):
        problems = refused(workspace, document)
    said = problems["milestones[0].reached_on"]
    assert "Lancement" in said and "après aujourd’hui" in said.replace("'", "’")


def test_a_milestone_reached_before_the_roadmap_began_is_refused(workspace) -> None:
    document = plan()
    document["milestones"][0]["reached_on"] = "1926-03-20"
    with translation.override("en"):
        problems = refused(workspace, document)
    assert "once the roadmap has begun" in problems["milestones[0].reached_on"]


def test_a_measurement_of_tomorrow_is_refused(workspace) -> None:
    document = plan(
        kpis=[{"key": "ca", "name": "CA", "frequency": "monthly",
               "measurements": [{"date": "2026-03-01", "value": 3}, {"date": tomorrow(), "value": 4}]}]
    )  # fmt: skip
    with translation.override("en"):
        problems = refused(workspace, document)
    said = problems["kpis[0].measurements[1].date"]
    assert "CA" in said and "in the future" in said


def test_a_review_held_tomorrow_is_refused(workspace) -> None:
    document = plan()
    document["reviews"][0]["held_on"] = tomorrow()
    with translation.override("en"):
        problems = refused(workspace, document)
    said = problems["reviews[0].held_on"]
    assert "Revue T1" in said and "once it is held" in said


def test_a_review_held_before_the_roadmap_starts_is_refused(workspace) -> None:
    document = plan()
    document["reviews"][0]["held_on"] = "1926-04-30"
    with translation.override("en"):
        problems = refused(workspace, document)
    assert "looks back on the roadmap" in problems["reviews[0].held_on"]


def test_a_negative_cost_names_its_range(workspace) -> None:
    document = plan()
    document["activities"][0]["cost"] = -5
    with translation.override("en"):
        problems = refused(workspace, document)
    assert problems["activities[0].cost"] == "Enter an amount between 0 and 999,999,999,999.99."


def test_a_rating_out_of_its_scale_names_its_range(workspace) -> None:
    document = plan()
    document["risks"][0]["probability"] = 9
    with translation.override("en"):
        problems = refused(workspace, document)
    assert problems["risks[0].probability"] == "Enter a number between 1 and 5."


def test_a_first_kpi_with_another_target_than_its_objective_is_refused(workspace) -> None:
    document = plan(
        kpis=[{"key": "taux", "name": "Taux de réachat", "frequency": "monthly", "objective": "ventes",
               "target": 3}]
    )  # fmt: skip
    document["objectives"][0]["measurable"] = {"metric": "ventes", "unit": "€", "target": 1200000}
    with translation.override("en"):
        problems = refused(workspace, document)
    said = problems["kpis[0].target"]
    assert "Taux de réachat" in said and "Ventes" in said
    assert "3" in said and "1,200,000" in said


def test_a_first_kpi_giving_the_objective_its_target_still_imports(workspace) -> None:
    document = plan(
        kpis=[{"key": "taux", "name": "Taux", "frequency": "monthly", "objective": "ventes", "target": 3},
              {"key": "autre", "name": "Autre", "frequency": "monthly", "objective": "ventes", "target": 5}]
    )  # fmt: skip
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(document), fmt="yaml")
    assert roadmap.objectives.get().target == 3
    assert roadmap.kpis.get(key="autre").target == 5


@pytest.mark.parametrize("day", ["1900-01-01", "2200-12-31"])
def test_workshops_and_communications_at_the_date_bounds_import_and_their_pages_answer(
    client, team, day: str
) -> None:
    """The web forms take a workshop's and a communication's day from 1900 to 2200 (``LocaleDateField``,
    ``bounds.date_in_range``); a file meets the same bounds (``schema_types.SaneDate``), and what saves
    shows."""
    document = plan()
    document["communications"][0]["next_date"] = day
    document["framing"] = {"workshops": [{"key": "kickoff", "kind": "kickoff", "day": day}]}
    roadmap = import_roadmap(actor=None, workspace=team.workspace, text=as_yaml(document), fmt="yaml")
    client.force_login(team.owner)
    base = f"/w/{team.workspace.slug}/r/{roadmap.slug}/"
    for page in ("communication/", "framing/", "framing/plan/", "timeline/", ""):
        assert client.get(base + page).status_code == 200, page
    document["communications"][0]["next_date"] = "2201-01-01"
    with translation.override("en"):
        problems = refused(team.workspace, {**document, "roadmap": {**document["roadmap"], "slug": "autre"}})
    assert problems["communications[0].next_date"] == "Enter a date between 1900 and 2200."
