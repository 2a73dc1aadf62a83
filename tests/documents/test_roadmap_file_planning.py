"""The plan in the roadmap file (jalon/1): themes, people, activities, milestones, risks, communication plan
and reviews travel out and back identically; a bad plan writes nothing and names every problem's path."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
import yaml
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from jalon.demo.loader import DEMO_FILE
from jalon.documents.roadmap_file import FileProblems, Format
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.engines import workload
from jalon.history.models import Change
from jalon.planning.models import (
    Absence,
    Activity,
    Assignment,
    Dependency,
    Theme,
)
from jalon.workspaces.models import Workspace
from tests.documents.planning_files import as_yaml, refused, rows, small_plan

TODAY = date(2026, 12, 2)  # the demo is told as seen on this day


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(slug="agence", name="Agence")


def demo_source() -> dict[str, Any]:
    source: dict[str, Any] = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    return source


# The demo's plan ----------------------------------------------------------------------------------


def test_the_demo_imports_its_whole_plan(demo) -> None:
    source, roadmap = demo_source(), demo.roadmap
    assert roadmap.themes.count() == len(source["themes"])
    assert roadmap.people.count() == len(source["people"])
    assert roadmap.activities.count() == len(source["activities"])
    assert Dependency.objects.filter(successor__roadmap=roadmap).count() == sum(
        len(a.get("after", [])) for a in source["activities"]
    )
    assert Assignment.objects.filter(activity__roadmap=roadmap).count() == sum(
        len(a.get("assignments", [])) for a in source["activities"]
    )
    assert roadmap.milestones.count() == len(source["milestones"])
    assert roadmap.risks.count() == len(source["risks"])
    assert roadmap.communications.count() == len(source["communications"])
    tactic = roadmap.activities.get(key="email-panier-abandonne").tactic
    assert tactic is not None and tactic.key == "panier-abandonne"


def test_the_demo_plan_is_realistic_for_the_guides(demo) -> None:
    roadmap = demo.roadmap
    assert list(roadmap.themes.filter(is_maintenance=True).values_list("key", flat=True)) == ["maintenance"]
    statuses = set(roadmap.activities.values_list("status", flat=True))
    assert {"idea", "planned", "in_progress", "done"} <= statuses
    missed = [m.key for m in roadmap.milestones.all() if m.is_missed(TODAY)]
    assert missed == ["maquettes-preferences", "base-clients-propre"]  # one reached late, one not reached
    assert all(risk.contingency for risk in roadmap.risks.all())
    assert roadmap.people.filter(kind="agency").count() == 1
    assert Absence.objects.filter(person__roadmaps=roadmap).count() == 1


def test_the_demo_overloads_one_person_in_one_week_only(demo) -> None:
    roadmap = demo.roadmap
    people = [
        workload.Availability(
            p.key, p.capacity_hours_per_week, tuple((a.start, a.end) for a in p.absences.all())
        )
        for p in roadmap.people.prefetch_related("absences")
    ]
    bookings = [
        workload.Booking(a.person.key, a.activity.key, a.activity.title, a.activity.start, a.activity.end,
                         a.hours_per_week)
        for a in Assignment.objects.filter(activity__roadmap=roadmap).select_related("person", "activity")
        if a.activity.start is not None and a.activity.end is not None
    ]  # fmt: skip
    grid = workload.workload(people, bookings)
    overloaded = [
        (p.person_key, week) for p in people for week, _cell in workload.overloaded_weeks(grid, p.person_key)
    ]
    assert overloaded == [("camille", date(2026, 12, 7))]
    assert grid["camille"][date(2026, 12, 7)].hours == pytest.approx(38)


def test_the_demo_budgets_hold_within_each_thematic_group(demo) -> None:
    from jalon.planning.registers.budget import budget_summary

    summary = budget_summary(demo.roadmap)
    assert not summary.over_budget
    assert 0.05 < summary.maintenance_share < 0.2


# Round trip ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_demo_plan_survives_export_import_export(demo, fmt: Format) -> None:
    first = export_roadmap(actor=None, roadmap=demo.roadmap, fmt=fmt)
    copy_in = Workspace.objects.create(slug="copie", name="Copie")
    again = import_roadmap(actor=None, workspace=copy_in, text=first, fmt=fmt)
    assert export_roadmap(actor=None, roadmap=again, fmt=fmt) == first
    assert again.activities.count() == demo.roadmap.activities.count() > 0


def test_every_planning_field_survives_the_round_trip(workspace: Workspace) -> None:
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(small_plan()), fmt="yaml")
    exported = export_roadmap(actor=None, roadmap=roadmap, fmt="yaml")
    tree = yaml.safe_load(exported)
    assert tree["themes"][0]["budget"] == 1000.5 and tree["themes"][1]["maintenance"] is True
    assert tree["people"][1] == {"key": "studio", "name": "Studio", "kind": "agency",
                                 "capacity_hours_per_week": 20.5}  # fmt: skip
    brief, envoi = tree["activities"]
    assert brief["tactic"] == "fidelite/bienvenue" and brief["cost"] == 99.99
    assert envoi["end"] == date(2026, 3, 20)  # from duration_days: 5
    assert envoi["after"] == [{"activity": "brief", "lag_days": 3}]
    assert tree["reviews"][0]["snapshot"] == {"activities": [{"key": "brief", "status": "done"}], "format": 1}
    other = Workspace.objects.create(slug="autre", name="Autre")
    again = import_roadmap(actor=None, workspace=other, text=exported, fmt="yaml")
    assert export_roadmap(actor=None, roadmap=again, fmt="yaml") == exported


def test_a_file_without_a_plan_exports_without_planning_sections(workspace: Workspace) -> None:
    document = small_plan()
    for name in ("themes", "people", "activities", "milestones", "risks", "communications", "reviews"):
        del document[name]
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(document), fmt="yaml")
    assert set(yaml.safe_load(export_roadmap(actor=None, roadmap=roadmap, fmt="yaml"))) == {
        "format", "roadmap", "objectives", "kpis", "strategies"
    }  # fmt: skip


def test_the_import_goes_through_the_services_and_records_history(workspace: Workspace) -> None:
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(small_plan()), fmt="yaml")
    envoi = roadmap.activities.get(key="envoi")
    changes = Change.objects.filter(
        content_type=ContentType.objects.get_for_model(Activity), object_id=envoi.pk
    )
    recorded = [change.fields for change in changes]
    assert {"after": [None, "brief+3"]} in recorded
    assert {"studio": [None, 40.0]} in recorded
    # Studio's 40 h a week exceed its 20.5 h capacity: the import confirms the assignment, as a user would.
    assert envoi.assignments.get().hours_per_week == 40


def test_the_agency_kind_is_kept_although_create_cannot_take_it(workspace: Workspace) -> None:
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(small_plan()), fmt="yaml")
    assert roadmap.people.get(key="studio").kind == "agency"


# Bad plans ----------------------------------------------------------------------------------------


def test_unknown_references_are_reported_at_their_paths(workspace: Workspace) -> None:
    document = small_plan()
    brief, envoi = document["activities"]
    brief.update(theme="xyz", owner="personne", tactic="fidelite/absente", objectives=["ventes", "marge"])
    envoi["after"] = [{"activity": "nulle-part"}]
    envoi["assignments"] = [{"person": "bob", "hours_per_week": 3}]
    document["milestones"][0]["activities"] = ["envoi", "fantome"]
    with translation.override("fr"):
        problems = refused(workspace, document)
    assert problems == {
        "activities[0].theme": "Aucun groupe thématique n’a la clé xyz.",
        "activities[0].owner": "Aucun membre de l’équipe n’a la clé personne.",
        "activities[0].tactic": "Aucune tactique ne correspond à fidelite/absente "
        "(écrire clé-stratégie/clé-tactique).",
        "activities[0].objectives[1]": "Aucun objectif n’a la clé marge.",
        "activities[1].after[0].activity": "Aucune activité n’a la clé nulle-part.",
        "activities[1].assignments[0].person": "Aucun membre de l’équipe n’a la clé bob.",
        "milestones[0].activities[1]": "Aucune activité n’a la clé fantome.",
    }


def test_unknown_references_are_reported_in_english_when_english_is_active(workspace: Workspace) -> None:
    document = small_plan()
    document["activities"][0]["theme"] = "xyz"
    with translation.override("en"):
        assert refused(workspace, document) == {"activities[0].theme": "No thematic group has the key xyz."}


def test_a_dependency_cycle_is_reported_on_every_link_of_the_cycle(workspace: Workspace) -> None:
    document = small_plan()
    document["activities"][0]["after"] = [{"activity": "envoi"}]
    with translation.override("fr"):
        problems = refused(workspace, document)
    assert problems == {
        "activities[0].after[0].activity": "Cette dépendance crée un cycle.",
        "activities[1].after[0].activity": "Cette dépendance crée un cycle.",
    }


def test_an_activity_that_depends_on_itself_is_reported(workspace: Workspace) -> None:
    document = small_plan()
    document["activities"][0]["after"] = [{"activity": "brief"}]
    assert list(refused(workspace, document)) == ["activities[0].after[0].activity"]


def test_ends_before_starts_are_reported(workspace: Workspace) -> None:
    document = small_plan()
    document["activities"][0]["end"] = "2026-03-01"
    document["people"][0]["absences"][0]["end"] = "2026-08-01"
    with translation.override("fr"):
        problems = refused(workspace, document)
    assert problems == {
        "activities[0].end": "La fin est avant le début.",
        "people[0].absences[0].end": "La fin est avant le début.",
    }


def test_an_end_and_a_duration_together_are_reported(workspace: Workspace) -> None:
    document = small_plan()
    document["activities"][1]["end"] = "2026-03-30"
    assert list(refused(workspace, document)) == ["activities[1].duration_days"]


def test_duplicate_planning_keys_are_reported_at_each_occurrence(workspace: Workspace) -> None:
    document = small_plan()
    document["themes"][1]["key"] = "crm"
    document["risks"].append(copy.deepcopy(document["risks"][0]))
    assert set(refused(workspace, document)) == {
        "themes[0].key", "themes[1].key", "risks[0].key", "risks[1].key"
    }  # fmt: skip


def test_bad_values_in_the_plan_are_reported_with_their_paths(workspace: Workspace) -> None:
    document = small_plan()
    document["activities"][0]["impact"] = 6
    document["activities"][0]["status"] = "waiting"
    document["themes"][0]["budget"] = 10.001
    document["themes"][0]["colour"] = "green"
    document["communications"][0]["audience"] = "everyone"
    document["people"][0]["capacity_hours_per_week"] = -1
    with translation.override("fr"):
        problems = refused(workspace, document)
    assert set(problems) == {
        "activities[0].impact", "activities[0].status", "themes[0].budget", "themes[0].colour",
        "communications[0].audience", "people[0].capacity_hours_per_week",
    }  # fmt: skip
    assert problems["themes[0].budget"] == "Deux décimales au plus."


def test_a_model_refusal_is_reported_at_the_path_of_the_item(workspace: Workspace) -> None:
    plan = small_plan()
    plan["people"][0]["absences"] = [{"start": "2026-03-10", "end": "2026-03-01"}]
    problems = refused(workspace, plan)
    assert list(problems) == ["people[0].absences[0].end"]


def test_a_bad_plan_with_replace_keeps_the_existing_roadmap_and_its_plan(workspace: Workspace) -> None:
    import_roadmap(actor=None, workspace=workspace, text=as_yaml(small_plan()), fmt="yaml")
    bad = small_plan()
    bad["activities"][0]["theme"] = "xyz"
    before = rows()
    with pytest.raises(FileProblems):
        import_roadmap(
            actor=None, workspace=workspace, text=as_yaml(bad), fmt="yaml", replace=True, confirmed=True
        )
    assert rows() == before


def test_groups_a_file_gives_no_colour_each_get_a_colour_of_their_own(workspace) -> None:
    document = small_plan()
    document["themes"] = [
        {"key": "acquisition", "name": "Acquisition"},
        {"key": "crm", "name": "CRM", "colour": "#4C6EF5"},  # the first of the colours, written by hand
        {"key": "mobile", "name": "Mobile"},
        {"key": "social", "name": "Social"},
    ]
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(document), fmt="yaml")
    colours = dict(roadmap.themes.values_list("key", "colour"))
    assert colours["crm"] == "#4C6EF5"  # the file's own colour is kept
    assert len({colour.lower() for colour in colours.values()}) == 4, colours


def test_groups_added_one_after_another_without_a_colour_each_get_their_own(workspace) -> None:
    from jalon.planning import services

    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(small_plan()), fmt="yaml")
    for name in ("Acquisition", "Mobile", "Social"):
        services.create(Theme, actor=None, roadmap=roadmap, name=name)
    colours = [colour.lower() for colour in roadmap.themes.values_list("colour", flat=True)]
    assert len(set(colours)) == len(colours) == len(small_plan()["themes"]) + 3, colours
