"""Keys saved before they took their shape (capitals, underscores) are rewritten by planning 0007, run on
real data: migrate back to before it, write rows the old way with the historical models, migrate forward,
check each key, its uniqueness where its model keeps it unique, what names keys by text, and that the
roadmap's own export imports again."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.migration_steps import latest, migrate, migrated_to, others_at_latest

BEFORE = ("planning", "0006_people_in_workspace_finish")
SHAPE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def old_apps() -> Any:
    with migrated_to([*others_at_latest("planning"), BEFORE]) as apps:
        yield apps


def _old_world(apps: Any) -> dict[str, int]:
    """A workspace whose roadmap ``Plan_2027`` sits beside ``plan-2027``; keys with capitals, underscores,
    a reserved word and a collision; a scenario, a review and a saved version that name them."""
    model = apps.get_model
    workspace = model("workspaces", "Workspace").objects.create(slug="acme", name="Acme")

    def roadmap(slug: str) -> Any:
        return model("strategy", "Roadmap").objects.create(
            workspace=workspace, slug=slug, title=slug, type="strategic", start=date(2026, 1, 1),
            end=date(2026, 12, 31),
        )  # fmt: skip

    legacy, modern = roadmap("Plan_2027"), roadmap("plan-2027")
    objective = model("strategy", "Objective").objects.create(
        roadmap=legacy, key="Conv_Rate", title="Conversion"
    )
    model("strategy", "Objective").objects.create(roadmap=legacy, key="conv-rate", title="Already right")
    model("strategy", "Objective").objects.create(roadmap=modern, key="Conv_Rate", title="Other roadmap")
    strategy = model("strategy", "Strategy").objects.create(
        roadmap=legacy, objective=objective, key="Strat_A", title="S"
    )
    model("strategy", "Tactic").objects.create(strategy=strategy, key="Tac_1", title="T")
    theme = model("planning", "Theme").objects.create(roadmap=legacy, key="Acquisition", name="Acquisition")
    activity = model("planning", "Activity")
    brief = activity.objects.create(roadmap=legacy, key="Brief_Créa", title="Brief", theme=theme)
    activity.objects.create(roadmap=legacy, key="brief-crea", title="Brief already right")
    activity.objects.create(roadmap=legacy, key="New", title="A reserved word once lowered")
    launch = activity.objects.create(roadmap=legacy, key="launch", title="Launch")
    model("planning", "Dependency").objects.create(predecessor=brief, successor=launch, lag_days=0)
    model("planning", "Milestone").objects.create(
        roadmap=legacy, key="Go_Live", title="Go", date=date(2026, 9, 1)
    )
    model("planning", "Person").objects.create(workspace=workspace, key="Marie_C", name="Marie")
    scenario = model("planning", "Scenario").objects.create(
        roadmap=legacy, key="Budget_Tight", name="Tight", status="optimal",
        parameters={"candidates": ["Brief_Créa", "launch"], "must_do": ["Brief_Créa"], "must_not": [],
                    "themes": {"Acquisition": {"min_eur": None, "max_eur": 100}}},
        selection=["Brief_Créa", "launch"],
        summary={"cost_by_theme": {"Acquisition": 100.0}, "value_by_objective": {"Conv_Rate": 3.0}},
    )  # fmt: skip
    review = model("planning", "Review").objects.create(
        roadmap=legacy, key="Q1", title="Q1", held_on=date(2026, 4, 1),
        snapshot={"objectives": [{"key": "Conv_Rate", "title": "Conversion"}],
                  "activities": [{"key": "Brief_Créa"}, {"key": "launch"}],
                  "milestones": [{"key": "Go_Live"}]},
    )  # fmt: skip
    model("history", "RoadmapVersion").objects.create(
        workspace=workspace, slug="Plan_2027", title="Plan", document="{}", lost={}
    )
    return {"roadmap": legacy.pk, "objective": objective.pk, "scenario": scenario.pk, "review": review.pk}


def test_legacy_keys_take_the_shape_stay_unique_and_what_names_them_follows(old_apps: Any) -> None:
    ids = _old_world(old_apps)
    apps: Any = migrate(latest())
    model = apps.get_model
    roadmap = model("strategy", "Roadmap").objects.get(pk=ids["roadmap"])
    assert roadmap.slug == "plan-2027-2"  # "plan-2027" was taken in the workspace

    def keys(name: str, **scope: Any) -> list[str]:
        found = model(*name.split(".")).objects.filter(**scope)
        return sorted(found.values_list("key", flat=True))

    assert keys("strategy.Objective", roadmap=roadmap) == ["conv-rate", "conv-rate-2"]
    assert model("strategy", "Objective").objects.get(pk=ids["objective"]).key == "conv-rate-2"
    assert keys("strategy.Objective", roadmap__slug="plan-2027") == ["conv-rate"]  # alone in its roadmap
    assert keys("planning.Activity", roadmap=roadmap) == ["brief-crea", "brief-crea-2", "launch", "new-2"]
    assert keys("strategy.Tactic") == ["tac-1"] and keys("strategy.Strategy") == ["strat-a"]
    assert keys("planning.Milestone") == ["go-live"] and keys("planning.Person") == ["marie-c"]
    assert keys("planning.Theme") == ["acquisition"] and keys("planning.Review") == ["q1"]
    scenario = model("planning", "Scenario").objects.get(pk=ids["scenario"])
    assert scenario.key == "budget-tight"
    assert scenario.parameters["candidates"] == ["brief-crea-2", "launch"]
    assert scenario.parameters["must_do"] == ["brief-crea-2"]
    assert scenario.parameters["themes"] == {"acquisition": {"min_eur": None, "max_eur": 100}}
    assert scenario.selection == ["brief-crea-2", "launch"]
    assert scenario.summary == {
        "cost_by_theme": {"acquisition": 100.0},
        "value_by_objective": {"conv-rate-2": 3.0},
    }
    snapshot = model("planning", "Review").objects.get(pk=ids["review"]).snapshot
    assert [item["key"] for item in snapshot["activities"]] == ["brief-crea-2", "launch"]
    assert snapshot["objectives"] == [{"key": "conv-rate-2", "title": "Conversion"}]
    assert snapshot["milestones"] == [{"key": "go-live"}]
    assert list(model("history", "RoadmapVersion").objects.values_list("slug", flat=True)) == ["plan-2027-2"]
    every_key = [
        key
        for name in (
            "strategy.Objective",
            "strategy.KPI",
            "planning.Activity",
            "planning.Milestone",
            "planning.Risk",
        )
        for key in keys(name)
    ]
    assert all(SHAPE.match(key) for key in every_key)


def test_the_roadmaps_own_export_imports_again_after_the_migration(old_apps: Any) -> None:
    """The reason for the migration: a key out of shape made the export impossible to import."""
    from jalon.documents.services import export_roadmap, import_roadmap
    from jalon.strategy.models import Roadmap
    from jalon.workspaces.models import Workspace

    ids = _old_world(old_apps)
    migrate(latest())
    text = export_roadmap(actor=None, roadmap=Roadmap.objects.get(pk=ids["roadmap"]), fmt="yaml")
    elsewhere = Workspace.objects.create(slug="elsewhere", name="Elsewhere")
    imported = import_roadmap(actor=None, workspace=elsewhere, text=text, fmt="yaml")
    assert imported.slug == "plan-2027-2"
    assert sorted(imported.activities.values_list("key", flat=True)) == [
        "brief-crea",
        "brief-crea-2",
        "launch",
        "new-2",
    ]
    successor = imported.activities.get(key="launch")
    assert [link.predecessor.key for link in successor.predecessor_links.all()] == ["brief-crea-2"]
