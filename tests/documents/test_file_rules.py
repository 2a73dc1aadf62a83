"""A roadmap file (``jalon/1``) meets the rules the pages' services apply, each from its one place: a file
that saves an activity pinned without dates, a milestone reached after today,
a measurement of tomorrow, a review held after today, a first KPI whose target is not
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
from tests.documents.planning_files import as_yaml, refused, small_plan


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


def test_a_milestone_reached_before_the_roadmap_began_still_imports(workspace) -> None:
    """A file carries no day its roadmap was made, and its start may have moved later since a milestone
    was reached: the page refuses such a day when it is typed, a file keeps it (its own roadmap's export)."""
    document = plan()
    document["milestones"][0]["reached_on"] = "2026-01-20"
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(document), fmt="yaml")
    assert str(roadmap.milestones.get().reached_on) == "2026-01-20"


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


def test_the_file_of_a_roadmap_reviewed_before_its_start_imports_again(workspace) -> None:
    """A roadmap made before its start is reviewed from the day it was made (the first hour's roadmap
    starts next spring): its own export, imported on a later day into another workspace, is not refused."""
    today = timezone.localdate()
    document = plan()
    document["roadmap"]["horizon"] = {"start": (today + timedelta(days=90)).isoformat(),
                                      "end": (today + timedelta(days=455)).isoformat()}  # fmt: skip
    document["reviews"][0]["held_on"] = (today - timedelta(days=3)).isoformat()
    document["milestones"][0]["reached_on"] = None
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(document), fmt="yaml")
    review = roadmap.reviews.get()
    assert review.held_on == today - timedelta(days=3) and review.held_on < roadmap.start


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
