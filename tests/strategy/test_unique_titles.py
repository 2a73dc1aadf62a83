"""Two roadmaps of a workspace, or two objectives of a roadmap, never read alike (case, accents and spaces
aside): the services (so the forms, the command line and the copy) refuse a namesake naming the other, an
import gives a later namesake " (2)", and the upgrade renames the namesakes already saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from jalon.documents.roadmap_file import dump
from jalon.documents.services import import_roadmap, roadmap_document
from jalon.errors import ValidationFailed
from jalon.names import free_title
from jalon.strategy import services
from tests.factories import make_roadmap
from tests.migration_steps import migrate, migrated_to


def test_two_roadmaps_of_a_workspace_cannot_read_alike(team) -> None:
    make_roadmap(team.workspace, team.owner, slug="plan", title="Plan Marketing 2027")
    with pytest.raises(ValidationFailed) as refused:
        make_roadmap(team.workspace, team.owner, slug="other", title="  plan   marketing 2027 ")
    assert refused.value.errors["title"] == [
        "Une feuille de route de cet espace s’appelle déjà Plan Marketing 2027."
    ]


def test_the_same_title_is_free_in_another_workspace(team) -> None:
    from jalon.workspaces.models import Workspace

    make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    other = Workspace.objects.get(slug="acme-other")
    assert make_roadmap(other, team.users["outsider"], slug="plan", title="Plan").title == "Plan"


def test_renaming_a_roadmap_to_anothers_title_is_refused(team) -> None:
    make_roadmap(team.workspace, team.owner, slug="a", title="Alpha")
    beta = make_roadmap(team.workspace, team.owner, slug="b", title="Beta")
    with pytest.raises(ValidationFailed):
        services.update_roadmap(actor=team.owner, roadmap=beta, expected_version=beta.version,
                                changes={"title": "ALPHA"})  # fmt: skip
    services.update_roadmap(actor=team.owner, roadmap=beta, expected_version=beta.version,
                            changes={"title": "beta"})  # fmt: skip  # its own title, recased


def test_two_objectives_of_a_roadmap_cannot_read_alike_but_two_roadmaps_may_share_one(team) -> None:
    plan = make_roadmap(team.workspace, team.owner, slug="plan")
    services.create_objective(actor=team.owner, roadmap=plan, title="Grow revenue")
    with pytest.raises(ValidationFailed) as refused:
        services.create_objective(actor=team.owner, roadmap=plan, title="grow  REVENUE")
    assert refused.value.errors["title"] == [
        "Un objectif de cette feuille de route s’appelle déjà Grow revenue."
    ]
    other = make_roadmap(team.workspace, team.owner, slug="other")
    services.create_objective(actor=team.owner, roadmap=other, title="Grow revenue")


def test_the_objective_form_names_the_objective_that_has_the_title(client: Client, demo, members) -> None:
    client.force_login(members["editor"])
    taken = demo.roadmap.objectives.first()
    assert taken is not None
    response = client.post("/w/cloud-kicks/r/cloud-kicks/objectives/new/", {"title": taken.title.upper()})
    assert response.status_code == 422
    assert f"Un objectif de cette feuille de route s’appelle déjà {taken.title}" in response.content.decode()


def test_an_imported_file_whose_title_a_roadmap_has_gets_a_number(team) -> None:
    plan = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    document = roadmap_document(plan)
    document["roadmap"]["slug"] = "plan-bis"
    first = import_roadmap(
        actor=team.owner, workspace=team.workspace, text=dump(document, "json"), fmt="json"
    )
    document["roadmap"]["slug"] = "plan-ter"
    second = import_roadmap(
        actor=team.owner, workspace=team.workspace, text=dump(document, "json"), fmt="json"
    )
    assert (first.title, second.title) == ("Plan (2)", "Plan (3)")


def test_replacing_a_roadmap_from_its_own_file_keeps_its_title(team) -> None:
    plan = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    text = dump(roadmap_document(plan), "json")
    again = import_roadmap(actor=team.owner, workspace=team.workspace, text=text, fmt="json", replace=True,
                           confirmed=True)  # fmt: skip
    assert again.title == "Plan"


def test_an_older_file_with_two_objectives_alike_imports_the_second_numbered(team) -> None:
    plan = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    document = roadmap_document(plan)
    document["roadmap"]["slug"] = "old"
    document["roadmap"]["title"] = "Old"
    document["objectives"] = [{"key": "a", "title": "Reach"}, {"key": "b", "title": "reach"}]
    imported = import_roadmap(actor=None, workspace=team.workspace, text=dump(document, "json"), fmt="json")
    assert list(imported.objectives.values_list("title", flat=True)) == ["Reach", "reach (2)"]


def test_free_title_skips_numbers_already_taken_and_stays_within_the_length() -> None:
    assert free_title("Plan", ["plan", "PLAN (2)"]) == "Plan (3)"
    assert free_title("Plan", ["Other"]) == "Plan"
    assert len(free_title("x" * 200, ["x" * 200])) == 200


@pytest.fixture
def before_upgrade(transactional_db):
    with migrated_to([("strategy", "0006_roadmap_currency_code")]) as apps:
        yield apps


def test_the_upgrade_renames_later_namesakes_and_keeps_the_first(before_upgrade) -> None:
    Workspace = before_upgrade.get_model("workspaces", "Workspace")
    Roadmap = before_upgrade.get_model("strategy", "Roadmap")
    Objective = before_upgrade.get_model("strategy", "Objective")
    workspace, other = (
        Workspace.objects.create(slug="w", name="W"),
        Workspace.objects.create(slug="o", name="O"),
    )
    dates = {"start": date(2026, 1, 1), "end": date(2026, 12, 31), "type": "strategic"}
    saved = [("a", "Plan", workspace), ("b", "plan ", workspace), ("c", "Plan (2)", workspace)]
    saved.append(("d", "Plan", other))
    for slug, title, where in saved:
        Roadmap.objects.create(workspace=where, slug=slug, title=title, **dates)
    first = Roadmap.objects.get(slug="a")
    for key, title in (("x", "Reach"), ("y", "REACH"), ("z", "Other")):
        Objective.objects.create(roadmap=first, key=key, title=title)
    after = migrate([("strategy", "0007_roadmap_archived_unique_titles")])
    titles = dict(after.get_model("strategy", "Roadmap").objects.values_list("slug", "title"))
    assert titles == {"a": "Plan", "b": "plan (3)", "c": "Plan (2)", "d": "Plan"}
    objectives = dict(after.get_model("strategy", "Objective").objects.values_list("key", "title"))
    assert objectives == {"x": "Reach", "y": "REACH (2)", "z": "Other"}


def test_the_roadmap_settings_form_names_the_roadmap_that_has_the_title(client: Client, team) -> None:
    make_roadmap(team.workspace, team.owner, slug="alpha", title="Alpha")
    beta = make_roadmap(team.workspace, team.owner, slug="beta", title="Beta")
    client.force_login(team.owner)
    form = {
        "title": " alpha ", "type": "strategic", "vision": "", "start": "2026-01-01", "horizon": "12",
        "end": "", "fiscal_year_start_month": "1", "currency": "EUR", "sector": "", "version": beta.version,
    }  # fmt: skip
    response = client.post("/w/acme/r/beta/edit/", form)
    assert response.status_code == 422
    assert "Une feuille de route de cet espace s’appelle déjà Alpha." in response.content.decode()
