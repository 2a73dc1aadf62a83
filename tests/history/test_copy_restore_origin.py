"""A roadmap's copy and a restored version are not « (import du fichier) »: the change log says what the
roadmap was copied from and which version was put back; the kept versions' page says where each
replacement came from (a person, the demo, the command line, a deleted account…) in the change log's
words, instead of « ligne de commande » for every version without an account."""

from __future__ import annotations

import html
import re
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from typer.testing import CliRunner

from jalon.cli import app
from jalon.documents.services import copy_roadmap, export_roadmap, import_roadmap, restore_version
from jalon.history import journal
from jalon.history.models import Change, RoadmapVersion
from jalon.history.origin import Origin
from jalon.planning import services as planning
from jalon.planning.models import Theme
from jalon.strategy.models import Roadmap
from tests.factories import make_roadmap, make_team
from tests.history.origins import SchemaEditor, whos

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def source(team) -> Roadmap:
    roadmap = make_roadmap(team.workspace, team.owner, slug="plan-2026", title="Plan 2026")
    planning.create(Theme, actor=team.owner, roadmap=roadmap, name="Acquisition")
    return roadmap


def replaced(team, roadmap: Roadmap, *, actor) -> Roadmap:
    """``roadmap`` replaced by an import of its own file (its version kept)."""
    text = export_roadmap(actor=None, roadmap=roadmap, fmt="json")
    return import_roadmap(
        actor=actor, workspace=team.workspace, text=text, fmt="json", replace=True, confirmed=True
    )


def test_a_copy_names_the_roadmap_it_was_copied_from(team, source: Roadmap) -> None:
    copy = copy_roadmap(actor=team.owner, roadmap=source, title="Plan 2027", months=12)
    assert set(Change.objects.filter(roadmap=copy).values_list("origin", flat=True)) == {Origin.COPY}
    assert whos(copy, "fr") == {f"{team.owner} (copie de la feuille de route Plan 2026)"}
    assert whos(copy, "en") == {f"{team.owner} (copy of the roadmap Plan 2026)"}
    with translation.override("fr"):
        lines = [line for e in journal.entries(copy, list(journal.changes_of(copy))) for line in e.lines]
    assert [(line.label, line.after.text) for line in lines] == [
        ("Copie de la feuille de route", "Plan 2026")
    ]


def test_a_copy_at_the_command_line_says_so(team, source: Roadmap) -> None:
    args = [
        "roadmap",
        "copy",
        "--workspace",
        team.workspace.slug,
        "--roadmap",
        source.slug,
        "--title",
        "Plan B",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    copy = Roadmap.objects.get(workspace=team.workspace, title="Plan B")
    assert set(Change.objects.filter(roadmap=copy).values_list("origin", flat=True)) == {Origin.CLI_COPY}
    assert whos(copy, "fr") == {"Copie de la feuille de route Plan 2026 (ligne de commande)"}
    with translation.override("en"):
        assert journal.actors_of(copy) == [(-6, "Copy of a roadmap (command line)")]
    assert journal.changes_of(copy, journal.Filters(actor=-6)).count() == journal.changes_of(copy).count()


def test_a_restored_version_says_which_version_it_put_back(team, source: Roadmap) -> None:
    replaced(team, source, actor=team.owner)
    kept = RoadmapVersion.objects.get(slug=source.slug)
    restored = restore_version(actor=team.users["editor"], version=kept, confirmed=True)
    assert set(Change.objects.filter(roadmap=restored).values_list("origin", flat=True)) == {Origin.RESTORE}
    with translation.override("fr"):
        when = date_format(localtime(kept.saved_at), "SHORT_DATETIME_FORMAT")
    assert whos(restored, "fr") == {f"{team.users['editor']} (version du {when} restaurée)"}
    team.users["editor"].delete()
    assert whos(restored, "fr") == {"quelqu’un dont le compte a été supprimé"}


def versions_page(client: Client, roadmap: Roadmap) -> list[str]:
    """The « By » cell of each kept version, newest first."""
    page = client.get(f"/w/{roadmap.workspace.slug}/r/{roadmap.slug}/history/").content.decode()
    rows = re.findall(r"<tr>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>", page)
    return [html.unescape(row) for row in rows]


def test_the_kept_versions_say_where_each_replacement_came_from(
    client: Client, team, source: Roadmap, tmp_path: Path
) -> None:
    editor = team.users["editor"]
    current = replaced(team, source, actor=editor)  # by a person, whose account is then deleted
    path = tmp_path / "plan.json"
    path.write_text(export_roadmap(actor=None, roadmap=current, fmt="json"), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["import", str(path), "--workspace", team.workspace.slug, "--replace", "--yes"]
    )
    assert result.exit_code == 0, result.output
    first = RoadmapVersion.objects.order_by("saved_at", "id").first()
    assert first is not None
    restore_version(actor=team.owner, version=first, confirmed=True)
    editor.delete()
    assert list(RoadmapVersion.objects.order_by("-saved_at", "-id").values_list("origin", flat=True)) == [
        "restore", "cli-import", "import",
    ]  # fmt: skip
    client.force_login(team.owner)
    roadmap = Roadmap.objects.get(slug=source.slug)
    assert versions_page(client, roadmap) == [
        f"{team.owner} (version restaurée)",
        "Import du fichier (ligne de commande)",
        "quelqu’un dont le compte a été supprimé",
    ]


def test_versions_kept_before_their_origin_was_kept_are_unknown_without_an_account(team, source) -> None:
    replaced(team, source, actor=team.owner)
    replaced(team, Roadmap.objects.get(slug=source.slug), actor=None)
    RoadmapVersion.objects.update(origin=Origin.UNKNOWN)  # as the upgrade finds them
    import_module("jalon.history.migrations.0005_origins_of_copies_restores_versions").by_a_person(
        apps, SchemaEditor()
    )
    origins = dict(RoadmapVersion.objects.values_list("actor_id", "origin"))
    assert origins == {team.owner.pk: "import", None: "unknown"}
    with translation.override("fr"):
        assert journal.author(None, "unknown") == "Inconnu"
