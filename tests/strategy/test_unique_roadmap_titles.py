"""The database keeps the roadmaps' namesake rule too: two roadmaps of a workspace, archived ones included,
never share a title (case and outer spaces aside: ``roadmap_title_per_workspace``, ``Lower(Trim(title))``).
Every way a roadmap is made or renamed (the new-roadmap form, a rename, a copy, a file's import, the demo)
answers a save that raced past its check with the check's own message, not a server error; the upgrade
numbers the namesakes, and names the blank titles, that the constraint would refuse."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from jalon.cli import app
from jalon.documents import bulk_write
from jalon.documents.roadmap_file import FileProblems, dump
from jalon.documents.services import copy_roadmap, import_roadmap, roadmap_document
from jalon.errors import ValidationFailed
from jalon.strategy import services
from jalon.strategy.models import Roadmap
from tests.factories import make_roadmap
from tests.migration_steps import migrate, migrated_to
from tests.title_races import another_save_lands, committed_once_checked

TAKEN = "Une feuille de route de cet espace s’appelle déjà {title}."
DATES: dict[str, Any] = {"start": date(2026, 1, 1), "end": date(2026, 12, 31), "type": "strategic"}
NEW_ROADMAP_FORM = {
    "title": "plan 2027", "type": "strategic", "start": "2027-01-01", "horizon": "12", "currency": "EUR",
    "fiscal_year_start_month": "1",
}  # fmt: skip


@contextmanager
def another_roadmap_lands_at_the_write(workspace: Any, **fields: Any) -> Iterator[None]:
    """A roadmap written by someone else once an import (a file's, a copy's, the demo's) has built and
    checked its own, as its write transaction is about to open (``Batch.prepare``)."""
    landed: list[bool] = []
    prepare = bulk_write.Batch.prepare

    def land_then_prepare(self: bulk_write.Batch) -> None:
        if not landed:
            landed.append(True)
            Roadmap.objects.bulk_create([Roadmap(workspace=workspace, **{**DATES, **fields})])
        prepare(self)

    bulk_write.Batch.prepare = land_then_prepare  # type: ignore[method-assign]
    try:
        yield
    finally:
        bulk_write.Batch.prepare = prepare  # type: ignore[method-assign]
    assert landed, "the other save never landed"


def test_the_database_refuses_two_roadmaps_of_a_workspace_titled_alike_archived_or_not(team) -> None:
    Roadmap.objects.create(workspace=team.workspace, slug="a", title="Plan 2027", **DATES)
    with pytest.raises(IntegrityError), transaction.atomic():
        Roadmap.objects.bulk_create(
            [Roadmap(workspace=team.workspace, slug="b", title="PLAN 2027 ", **DATES)]
        )
    Roadmap.objects.filter(slug="a").update(archived_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Roadmap.objects.bulk_create([Roadmap(workspace=team.workspace, slug="b", title="plan 2027", **DATES)])


def test_the_same_roadmap_title_stays_free_in_another_workspace(team, make_user) -> None:
    from jalon.workspaces.services import create_workspace

    other = create_workspace(actor=make_user("else@example.com"), name="Else")
    Roadmap.objects.create(workspace=team.workspace, slug="a", title="Plan 2027", **DATES)
    Roadmap.objects.create(workspace=other, slug="a", title="Plan 2027", **DATES)
    assert Roadmap.objects.filter(title="Plan 2027").count() == 2


def test_a_roadmap_created_in_a_race_with_its_namesake_gets_the_services_message(team) -> None:
    landing = another_save_lands(Roadmap, workspace=team.workspace, slug="theirs", title="Plan 2027", **DATES)
    with landing, pytest.raises(ValidationFailed) as refused:
        services.create_roadmap(actor=team.owner, workspace=team.workspace, title="plan 2027", **DATES)
    assert refused.value.errors == {"title": [TAKEN.format(title="Plan 2027")]}
    assert not team.workspace.roadmaps.filter(slug="plan-2027").exists()


def test_a_roadmap_raced_by_one_of_the_same_title_and_slug_is_told_the_title(team) -> None:
    """The slug is made from the title: the other save took both, and the title is what was typed."""
    landing = another_save_lands(
        Roadmap, workspace=team.workspace, slug="plan-2027", title="Plan 2027", **DATES
    )
    with landing, pytest.raises(ValidationFailed) as refused:
        services.create_roadmap(actor=team.owner, workspace=team.workspace, title="Plan 2027", **DATES)
    assert refused.value.errors == {"title": [TAKEN.format(title="Plan 2027")]}


def test_a_roadmap_raced_by_an_archived_namesake_gets_the_services_message(team) -> None:
    landing = another_save_lands(
        Roadmap, workspace=team.workspace, slug="old", title="Plan 2027", archived_at=timezone.now(), **DATES
    )
    with landing, pytest.raises(ValidationFailed) as refused:
        services.create_roadmap(actor=team.owner, workspace=team.workspace, title="PLAN 2027", **DATES)
    assert refused.value.errors == {"title": [TAKEN.format(title="Plan 2027")]}


def test_a_roadmap_renamed_in_a_race_with_its_namesake_gets_the_services_message(team) -> None:
    mine = make_roadmap(team.workspace, team.owner, slug="mine", title="Mine")
    landing = another_save_lands(Roadmap, workspace=team.workspace, slug="theirs", title="Plan 2027", **DATES)
    with landing, pytest.raises(ValidationFailed) as refused:
        services.update_roadmap(
            actor=team.owner, roadmap=mine, expected_version=mine.version, changes={"title": "plan 2027"}
        )
    assert refused.value.errors == {"title": [TAKEN.format(title="Plan 2027")]}
    mine.refresh_from_db()
    assert (mine.title, mine.version) == ("Mine", 1)


def test_the_new_roadmap_form_raced_by_a_namesake_comes_back_with_the_message(client: Client, team) -> None:
    client.force_login(team.owner)
    landing = another_save_lands(Roadmap, workspace=team.workspace, slug="theirs", title="Plan 2027", **DATES)
    with landing:
        response = client.post("/w/acme/roadmaps/new/", NEW_ROADMAP_FORM)
    assert response.status_code == 422
    assert TAKEN.format(title="Plan 2027") in response.content.decode()
    assert not team.workspace.roadmaps.filter(slug="plan-2027").exists()


def test_the_settings_form_raced_by_a_namesake_comes_back_with_the_message(client: Client, team) -> None:
    mine = make_roadmap(team.workspace, team.owner, slug="mine", title="Mine")
    client.force_login(team.owner)
    form = {**NEW_ROADMAP_FORM, "vision": "", "end": "", "sector": "", "version": mine.version}
    landing = another_save_lands(Roadmap, workspace=team.workspace, slug="theirs", title="Plan 2027", **DATES)
    with landing:
        response = client.post("/w/acme/r/mine/edit/", form)
    assert response.status_code == 422
    assert TAKEN.format(title="Plan 2027") in response.content.decode()
    mine.refresh_from_db()
    assert (mine.title, mine.version) == ("Mine", 1)


def test_a_files_import_raced_by_a_namesake_is_refused_with_the_message_writing_nothing(team) -> None:
    source = make_roadmap(team.workspace, team.owner, slug="source", title="Source")
    document = roadmap_document(source)
    document["roadmap"].update(slug="spring", title="Spring")
    text = dump(document, "json")
    landing = another_roadmap_lands_at_the_write(team.workspace, slug="theirs", title="SPRING")
    with landing, pytest.raises(FileProblems) as refused:
        import_roadmap(actor=team.owner, workspace=team.workspace, text=text, fmt="json")
    assert refused.value.problems == [("roadmap.title", TAKEN.format(title="SPRING"))]
    assert not team.workspace.roadmaps.filter(slug="spring").exists()


def test_the_import_page_raced_by_a_namesake_lists_the_message(client: Client, team) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    source = make_roadmap(team.workspace, team.owner, slug="source", title="Source")
    document = roadmap_document(source)
    document["roadmap"].update(slug="spring", title="Spring")
    upload = SimpleUploadedFile("spring.json", dump(document, "json").encode(), "application/json")
    client.force_login(team.owner)
    with another_roadmap_lands_at_the_write(team.workspace, slug="theirs", title="Spring"):
        response = client.post("/w/acme/import/", {"file": upload})
    assert response.status_code == 422
    assert TAKEN.format(title="Spring") in response.content.decode()


def test_jalon_import_raced_by_a_namesake_says_so_and_exits_2(team, tmp_path) -> None:
    source = make_roadmap(team.workspace, team.owner, slug="source", title="Source")
    document = roadmap_document(source)
    document["roadmap"].update(slug="spring", title="Spring")
    file = tmp_path / "spring.json"
    file.write_text(dump(document, "json"), encoding="utf-8")
    with another_roadmap_lands_at_the_write(team.workspace, slug="theirs", title="Spring"):
        result = CliRunner().invoke(
            app, ["import", str(file), "--workspace", "acme"], env={"JALON_LANGUAGE": "en"}
        )
    assert result.exit_code == 2, result.output
    assert "roadmap.title: A roadmap of this workspace is already called Spring." in result.stderr
    assert not team.workspace.roadmaps.filter(slug="spring").exists()


def test_a_copy_raced_by_a_namesake_is_refused_on_its_title(team) -> None:
    source = make_roadmap(team.workspace, team.owner, slug="source", title="Source")
    landing = another_roadmap_lands_at_the_write(team.workspace, slug="theirs", title="Source 2027")
    with landing, pytest.raises(ValidationFailed) as refused:
        copy_roadmap(actor=team.owner, roadmap=source, title="source 2027")
    assert refused.value.errors == {"title": [TAKEN.format(title="Source 2027")]}
    assert sorted(team.workspace.roadmaps.values_list("slug", flat=True)) == ["source", "theirs"]


def test_a_copy_raced_on_its_slug_only_takes_the_next_free_one(team) -> None:
    """The copy's address is made from its title, not typed: another roadmap that took it at the write,
    under another title, leaves the copy the next free address, as if it had been taken before."""
    source = make_roadmap(team.workspace, team.owner, slug="source", title="Source")
    with another_roadmap_lands_at_the_write(team.workspace, slug="source-2027", title="Autre plan"):
        copy = copy_roadmap(actor=team.owner, roadmap=source, title="Source 2027")
    assert (copy.slug, copy.title) == ("source-2027-2", "Source 2027")
    assert sorted(team.workspace.roadmaps.values_list("slug", flat=True)) == [
        "source", "source-2027", "source-2027-2",
    ]  # fmt: skip


def test_a_copy_whose_slug_is_taken_before_its_import_takes_the_next_free_one(
    team, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same race a little earlier: the address taken between the copy's choice and the import's check."""
    from jalon.documents import services as documents

    source = make_roadmap(team.workspace, team.owner, slug="source", title="Source")
    copied = documents.copied_document  # type: ignore[attr-defined]

    def taken_meanwhile(*args: Any, **kwargs: Any) -> Any:
        if not team.workspace.roadmaps.filter(slug="source-2027").exists():
            Roadmap.objects.bulk_create(
                [Roadmap(workspace=team.workspace, slug="source-2027", title="Autre", **DATES)]
            )
        return copied(*args, **kwargs)

    monkeypatch.setattr(documents, "copied_document", taken_meanwhile)
    copy = copy_roadmap(actor=team.owner, roadmap=source, title="Source 2027")
    assert (copy.slug, copy.title) == ("source-2027-2", "Source 2027")


def test_jalon_roadmap_copy_raced_by_a_namesake_says_so_in_the_commands_language(team) -> None:
    make_roadmap(team.workspace, team.owner, slug="source", title="Source")
    with another_roadmap_lands_at_the_write(team.workspace, slug="theirs", title="Source 2027"):
        result = CliRunner().invoke(
            app,
            ["roadmap", "copy", "--workspace", "acme", "--roadmap", "source", "--title", "source 2027"],
            env={"JALON_LANGUAGE": "en"},
        )
    assert result.exit_code == 2, result.output
    assert "A roadmap of this workspace is already called Source 2027." in result.stderr
    assert sorted(team.workspace.roadmaps.values_list("slug", flat=True)) == ["source", "theirs"]


@pytest.mark.parametrize(
    ("theirs", "title"),
    [("theirs", "Source 2027"), ("source-2027", "Autre plan")],
    ids=["namesake", "same address only"],
)
def test_the_copy_form_raced_by_another_roadmap_says_the_title_or_saves_the_copy(
    client: Client, team, theirs: str, title: str
) -> None:
    """A namesake: the form comes back with the title's message. Only the address taken: the copy is saved
    under the next free one."""
    make_roadmap(team.workspace, team.owner, slug="source", title="Source")
    client.force_login(team.owner)
    with another_roadmap_lands_at_the_write(team.workspace, slug=theirs, title=title):
        response = client.post("/w/acme/r/source/copy/", {"title": "Source 2027", "months": "0"})
    if title == "Source 2027":
        assert response.status_code == 422
        assert TAKEN.format(title="Source 2027") in response.content.decode()
    else:
        assert response.status_code == 302
        assert team.workspace.roadmaps.get(slug="source-2027-2").title == "Source 2027"


def test_jalon_demo_raced_by_a_namesake_says_so_and_exits_2(db) -> None:
    from jalon.workspaces.models import Workspace

    workspace = Workspace.objects.create(slug="cloud-kicks", name="Cloud Kicks")
    title = roadmap_title_of_the_demo()
    with another_roadmap_lands_at_the_write(workspace, slug="theirs", title=title):
        result = CliRunner().invoke(
            app, ["demo"], env={"JALON_DEMO_PASSWORD": "demo-password-1", "JALON_LANGUAGE": "en"}
        )
    assert result.exit_code == 2, result.output
    assert f"A roadmap of this workspace is already called {title}." in result.stderr
    assert list(workspace.roadmaps.values_list("slug", flat=True)) == ["theirs"]


def roadmap_title_of_the_demo() -> str:
    from jalon.demo.loader import demo_text
    from jalon.documents.roadmap_file import parse

    return parse(demo_text(date(2026, 1, 1)), "yaml").roadmap.title


def test_two_connections_creating_namesake_roadmaps_at_once_on_postgresql_store_one(
    transactional_db, team
) -> None:
    """Another connection inserts « Plan 2027 » and commits once this one has checked « plan 2027 »: this
    insert waits for that commit, then is refused with the check's message (``committed_once_checked``)."""
    refused = committed_once_checked(
        Roadmap,
        lambda: Roadmap.objects.create(workspace=team.workspace, slug="theirs", title="Plan 2027", **DATES),
        lambda: services.create_roadmap(
            actor=team.owner, workspace=team.workspace, title="plan 2027", **DATES
        ),
    )
    assert refused.errors == {"title": [TAKEN.format(title="Plan 2027")]}
    assert list(team.workspace.roadmaps.values_list("slug", flat=True)) == ["theirs"]


@pytest.fixture
def before_constraint(transactional_db):
    with migrated_to([("strategy", "0009_title_unique_per_roadmap")]) as apps:
        yield apps


def test_the_upgrade_names_blank_titles_and_numbers_namesakes_archived_ones_included(
    before_constraint,
) -> None:
    Workspace = before_constraint.get_model("workspaces", "Workspace")
    Roadmap_ = before_constraint.get_model("strategy", "Roadmap")
    first, second = Workspace.objects.create(slug="w", name="W"), Workspace.objects.create(slug="v", name="V")
    archived = {"archived_at": timezone.now()}
    for slug, title, more in (
        ("a", "Plan", {}), ("b", "PLAN ", archived), ("c", "", {}), ("d", "   ", {}), ("e", "€", {}),
        ("f", "€", {}), ("plan", " ", {}),
    ):  # fmt: skip
        Roadmap_.objects.create(workspace=first, slug=slug, title=title, **DATES, **more)
    Roadmap_.objects.create(workspace=second, slug="a", title="Plan", **DATES)
    after = migrate([("strategy", "0010_roadmap_title_unique_per_workspace")])
    roadmaps = after.get_model("strategy", "Roadmap").objects
    assert dict(roadmaps.filter(workspace__slug="w").values_list("slug", "title")) == {
        "a": "Plan", "b": "PLAN (2)", "c": "c", "d": "d", "e": "€", "f": "€ (2)", "plan": "plan (3)",
    }  # fmt: skip
    assert roadmaps.get(workspace__slug="v").title == "Plan"
    with pytest.raises(IntegrityError), transaction.atomic():
        roadmaps.create(workspace=roadmaps.get(slug="e").workspace, slug="g", title=" € ", **DATES)
