"""Two people of a workspace may not share a name (case and spaces aside): the team forms, the services the
command line uses, and the imports (roadmap files, CSV) refuse a second one with a translated message."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation
from typer.testing import CliRunner

from jalon.cli import app
from jalon.documents.roadmap_file import FileProblems
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.errors import ValidationFailed
from jalon.planning import services
from jalon.planning.models import Person
from jalon.planning.people import services as team_services
from tests.factories import Team

TEAM_PAGE = "/w/cloud-kicks/r/cloud-kicks/people/"
TAKEN_FR = "Un membre de l’équipe de cet espace s’appelle déjà Léo Martin."


@pytest.mark.parametrize("name", ["Léo Martin", "  léo   MARTIN ", "Leo Martin"])
def test_a_second_person_with_the_same_name_is_refused_whatever_the_case_accents_and_spaces(
    demo, members, name: str
) -> None:
    with translation.override("fr"), pytest.raises(ValidationFailed) as refused:
        team_services.create_person(actor=members["owner"], workspace=demo.workspace, name=name)
    assert refused.value.errors == {"name": [TAKEN_FR]}
    assert Person.objects.filter(workspace=demo.workspace, name__icontains="martin").count() == 1


def test_renaming_a_person_to_another_s_name_is_refused_but_other_changes_pass(demo, members) -> None:
    ines = Person.objects.get(workspace=demo.workspace, key="ines")
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        services.update(
            ines, actor=members["owner"], expected_version=ines.version, changes={"name": "Léo Martin"}
        )
    assert refused.value.errors == {"name": ["A team member of this workspace is already called Léo Martin."]}
    saved = services.update(
        ines, actor=members["owner"], expected_version=ines.version, changes={"role": "SEO"}
    )
    assert (saved.name, saved.role) == ("Inès Moreau", "SEO")


def test_names_in_other_scripts_are_not_taken_for_one_another(demo, members) -> None:
    for name in ("张伟", "李娜"):
        team_services.create_person(actor=members["owner"], workspace=demo.workspace, name=name)
    assert Person.objects.filter(workspace=demo.workspace, name__in=["张伟", "李娜"]).count() == 2


def test_the_team_tells_names_apart_as_the_csv_import_matches_them(demo, members) -> None:
    # カトウ and ガトウ differ by a mark that makes another letter, not an accent: the CSV import keeps them
    # apart (jalon.names.normalise), so the team may hold both; an accent alone still names the same person.
    for name in ("カトウ", "ガトウ"):
        team_services.create_person(actor=members["owner"], workspace=demo.workspace, name=name)
    assert Person.objects.filter(workspace=demo.workspace, name__in=["カトウ", "ガトウ"]).count() == 2
    team_services.create_person(actor=members["owner"], workspace=demo.workspace, name="Zoë Ïsaac")
    with pytest.raises(ValidationFailed):
        team_services.create_person(actor=members["owner"], workspace=demo.workspace, name="zoe isaac")


def test_the_same_name_in_another_workspace_is_fine(demo, team: Team) -> None:
    other = team_services.create_person(
        actor=team.users["owner"], workspace=team.workspace, name="Léo Martin"
    )
    assert other.name == "Léo Martin"


def test_the_team_form_shows_the_refusal_on_the_name(client: Client, demo, members) -> None:
    client.force_login(members["owner"])
    response = client.post(
        TEAM_PAGE, {"name": "Léo Martin", "kind": "member", "capacity_hours_per_week": "35"}
    )
    assert response.status_code == 422
    assert TAKEN_FR in html.unescape(response.content.decode())
    assert Person.objects.filter(workspace=demo.workspace, name="Léo Martin").count() == 1


def test_a_roadmap_file_naming_a_new_person_like_an_existing_one_is_refused(demo) -> None:
    document = json.loads(export_roadmap(actor=None, roadmap=demo.roadmap, fmt="json"))
    document["roadmap"]["slug"] = "copie"
    document["people"].append({"key": "leo-bis", "name": "Léo Martin", "kind": "member"})
    document["people"].append({"key": "paul", "name": "Paul Durand", "kind": "member"})
    document["people"].append({"key": "paul-bis", "name": "paul durand", "kind": "member"})
    with translation.override("en"), pytest.raises(FileProblems) as refused:
        import_roadmap(actor=None, workspace=demo.workspace, text=json.dumps(document), fmt="json")
    problems = [(where, message) for where, message in refused.value.problems if where.endswith(".name")]
    count = len(document["people"])
    assert problems == [
        (f"people[{count - 3}].name", "A team member of this workspace is already called Léo Martin."),
        (f"people[{count - 1}].name", "A team member of this workspace is already called Paul Durand."),
    ]


def test_the_command_line_import_says_why_in_french(demo, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "fr")
    document = json.loads(export_roadmap(actor=None, roadmap=demo.roadmap, fmt="json"))
    document["roadmap"]["slug"] = "copie"
    document["people"].append({"key": "leo-bis", "name": "Léo Martin", "kind": "member"})
    path = tmp_path / "copie.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), "--workspace", "cloud-kicks"])
    assert result.exit_code == 2
    assert TAKEN_FR in result.stderr


def test_a_csv_owner_named_like_a_team_member_in_other_case_is_that_member(demo) -> None:
    from jalon.documents.csv_write import import_activities

    text = "Card Name,List Name,Members\nA,À faire,LÉO  martin\n"
    created = import_activities(actor=None, roadmap=demo.roadmap, text=text, create_people=True)
    leo = Person.objects.get(workspace=demo.workspace, key="leo")
    assert [a.owner for a in created] == [leo]
    assert Person.objects.filter(workspace=demo.workspace, name__iexact="léo martin").count() == 1
