"""People in files once they belong to the workspace: a jalon/1 file's people are the roadmap's team, the
same key in the workspace is the same person (never a duplicate), a replace-import never deletes a
workspace's person, and a CSV owner found on the workspace's team joins the roadmap's."""

from __future__ import annotations

import pytest
import yaml

from jalon.demo.loader import DEMO_FILE
from jalon.documents.csv_write import import_activities
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.planning.models import Absence, Person
from jalon.planning.people import services as team
from jalon.workspaces.models import Workspace


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(slug="agence", name="Agence")


def demo_text(slug: str = "cloud-kicks") -> str:
    document = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    document["roadmap"]["slug"] = slug
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def test_a_file_of_people_under_the_roadmap_still_imports_onto_the_workspace_team(workspace) -> None:
    source = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    roadmap = import_roadmap(actor=None, workspace=workspace, text=demo_text(), fmt="yaml")
    keys = [p["key"] for p in source["people"]]
    assert list(roadmap.people.values_list("key", flat=True)) == keys
    assert set(Person.objects.filter(workspace=workspace).values_list("key", flat=True)) == set(keys)


def test_two_roadmaps_from_files_share_the_workspace_people_without_duplicates(workspace) -> None:
    first = import_roadmap(actor=None, workspace=workspace, text=demo_text("a"), fmt="yaml")
    people = Person.objects.filter(workspace=workspace).count()
    absences = Absence.objects.count()
    second = import_roadmap(actor=None, workspace=workspace, text=demo_text("b"), fmt="yaml")
    assert Person.objects.filter(workspace=workspace).count() == people
    assert Absence.objects.count() == absences  # the workspace's record of a known person wins
    assert list(first.people.all()) == list(second.people.all())
    assert second.title == f"{first.title} (2)"  # two roadmaps of a workspace never share a title
    exported = export_roadmap(actor=None, roadmap=second, fmt="yaml")
    assert exported.replace(second.title, first.title, 1) == demo_export_as(first, "b")


def demo_export_as(roadmap, slug: str) -> str:
    return export_roadmap(actor=None, roadmap=roadmap, fmt="yaml").replace("slug: a\n", f"slug: {slug}\n", 1)


def test_replacing_a_roadmap_keeps_its_people_on_the_workspace_team_with_their_account(demo, members) -> None:
    editor = members["editor"]
    person = demo.roadmap.people.first()
    team.update_person(person, actor=None, expected_version=person.version, changes={"user": editor})
    text = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="yaml")
    again = import_roadmap(
        actor=None, workspace=demo.workspace, text=text, fmt="yaml", replace=True, confirmed=True
    )
    assert Person.objects.get(pk=person.pk).user == editor
    assert again.people.filter(pk=person.pk).exists()
    assert export_roadmap(actor=None, roadmap=again, fmt="yaml") == text


def test_a_csv_owner_on_the_workspace_team_joins_the_roadmap_team(demo) -> None:
    newcomer = team.create_person(actor=None, workspace=demo.workspace, name="Noé Lambert")
    assert not demo.roadmap.people.filter(pk=newcomer.pk).exists()
    created = import_activities(
        actor=None, roadmap=demo.roadmap, text="Card Name,List Name,Members\nAudit SEO,À faire,noé lambert\n"
    )
    assert created[0].owner == newcomer
    assert demo.roadmap.people.filter(pk=newcomer.pk).exists()


def test_a_csv_creates_a_missing_owner_on_the_workspace_and_roadmap_teams(demo) -> None:
    created = import_activities(
        actor=None,
        roadmap=demo.roadmap,
        text="Card Name,List Name,Members\nAudit SEO,À faire,Zed Nouveau\n",
        create_people=True,
    )
    zed = created[0].owner
    assert zed is not None
    assert zed.workspace_id == demo.workspace.pk
    assert demo.roadmap.people.filter(pk=zed.pk).exists()
