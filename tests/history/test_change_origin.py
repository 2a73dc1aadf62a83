"""Each change keeps where it came from: the change log tells a person's edit, their file import, an
import at the command line, the demo and a background job apart, and says « inconnu » for changes recorded
before origins were kept, instead of calling all of them a deleted account's."""

from __future__ import annotations

from datetime import date
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation
from typer.testing import CliRunner

from jalon.cli import app
from jalon.demo.loader import load_demo
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.history import journal, origin
from jalon.history.models import Change
from jalon.history.origin import Origin
from jalon.jobs import services as jobs
from jalon.planning import services as planning
from jalon.planning.models import Theme
from jalon.strategy.kpis import source_jobs, source_services
from jalon.strategy.kpis.services import add_measurements
from jalon.strategy.models import KPI, Roadmap
from tests.factories import make_roadmap, make_team
from tests.history.origins import SchemaEditor, whos
from tests.strategy.kpi_sources import WEEKLY_REVENUE, kpi, upload

__all__ = ["kpi"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team()


def test_an_edit_on_the_site_names_its_author_and_a_deleted_account_is_said(team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner)
    editor = team.users["editor"]
    planning.create(Theme, actor=editor, roadmap=roadmap, name="Acquisition")
    assert Change.objects.filter(roadmap=roadmap, actor=editor).get().origin == Origin.WEB
    assert str(editor) in whos(roadmap, "fr")
    editor.delete()
    assert "quelqu’un dont le compte a été supprimé" in whos(roadmap, "fr")
    assert "someone whose account was deleted" in whos(roadmap, "en")


def test_an_import_at_the_command_line_is_said_so_not_a_deleted_account(team, tmp_path: Path) -> None:
    roadmap = make_roadmap(team.workspace, team.owner, title="Plan importé")
    planning.create(Theme, actor=team.owner, roadmap=roadmap, name="Acquisition")
    path = tmp_path / "plan.json"
    path.write_text(export_roadmap(actor=None, roadmap=roadmap, fmt="json"), encoding="utf-8")
    roadmap.delete()
    result = CliRunner().invoke(app, ["import", str(path), "--workspace", team.workspace.slug])
    assert result.exit_code == 0, result.output
    imported = Roadmap.objects.get(workspace=team.workspace, title="Plan importé")
    assert set(Change.objects.filter(roadmap=imported).values_list("origin", flat=True)) == {"cli-import"}
    assert whos(imported, "fr") == {"Import du fichier (ligne de commande)"}
    assert whos(imported, "en") == {"File import (command line)"}
    assert origin.current() == Origin.WEB  # the command's origin ends with it


def test_a_command_that_imports_nothing_is_said_to_come_from_the_command_line(team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner)
    args = ["roadmap", "archive", "--workspace", team.workspace.slug, "--roadmap", roadmap.slug]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    archived = Change.objects.filter(roadmap=roadmap).latest("id")
    assert (archived.actor, archived.origin) == (None, Origin.CLI)
    with translation.override("fr"):
        assert journal.who(archived) == "Ligne de commande"
    with translation.override("en"):
        assert journal.who(archived) == "Command line"


def test_a_file_imported_on_the_site_names_the_person_and_says_it_was_an_import(team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner, slug="source", title="Source")
    text = export_roadmap(actor=None, roadmap=roadmap, fmt="json").replace('"source"', '"copie"', 1)
    copy = import_roadmap(actor=team.owner, workspace=team.workspace, text=text, fmt="json")
    assert set(Change.objects.filter(roadmap=copy).values_list("origin", flat=True)) == {"import"}
    assert whos(copy, "fr") == {f"{team.owner} (import du fichier)"}
    assert whos(copy, "en") == {f"{team.owner} (file import)"}


def test_the_demo_loader_is_said_to_be_the_demo(db: None) -> None:
    outcome = load_demo(workspace_slug="demo-origin")
    assert set(Change.objects.filter(roadmap=outcome.roadmap).values_list("origin", flat=True)) == {"demo"}
    assert whos(outcome.roadmap, "fr") == {"Démonstration"}
    assert whos(outcome.roadmap, "en") == {"Demo"}
    filters = journal.actors_of(outcome.roadmap)
    assert filters == [(-3, "Demo")] or filters == [(-3, "Démonstration")]
    assert journal.changes_of(outcome.roadmap, journal.Filters(actor=-3)).count() > 0
    assert not journal.changes_of(outcome.roadmap, journal.Filters(actor=0)).exists()


def test_a_background_job_is_said_so_with_or_without_the_person_who_started_it(kpi: KPI, members) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    jobs.start_job(
        kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=members["editor"],
        params=source_jobs.job_params(kpi, "en"), inline=True,
    )  # fmt: skip
    by_job = Change.objects.filter(roadmap=kpi.roadmap, origin=Origin.JOB).get()
    with translation.override("fr"):
        assert journal.who(by_job) == f"{members['editor']} (tâche de fond)"
    by_job.actor = None
    with translation.override("fr"):
        assert journal.who(by_job) == "Tâche de fond"
    with translation.override("en"):
        assert journal.who(by_job) == "Background job"


def test_the_worker_refreshes_sources_as_a_background_job(kpi: KPI, members) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    assert [r.error for r in source_services.refresh_due_sources(today=date(2031, 1, 1))] == [""]
    newest = Change.objects.filter(roadmap=kpi.roadmap).latest("id")
    assert (newest.actor, newest.origin) == (None, Origin.JOB)


def test_measurements_pasted_on_the_site_are_a_file_import_of_their_author(kpi: KPI, members) -> None:
    add_measurements(actor=members["editor"], kpi=kpi, rows=[(date(2026, 1, 5), 3.0)])
    newest = Change.objects.filter(roadmap=kpi.roadmap).latest("id")
    assert (newest.actor, newest.origin) == (members["editor"], Origin.IMPORT)


def test_changes_recorded_before_origins_were_kept_are_unknown_not_a_deleted_account(team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner)
    planning.create(Theme, actor=team.owner, roadmap=roadmap, name="Acquisition")
    Change.objects.filter(roadmap=roadmap).update(
        actor=None, origin=Origin.UNKNOWN
    )  # as the upgrade leaves them
    planning.create(Theme, actor=team.owner, roadmap=roadmap, name="Fidélisation")
    Change.objects.filter(roadmap=roadmap, actor__isnull=False).update(origin=Origin.UNKNOWN)
    import_module("jalon.history.migrations.0004_change_origin").by_a_person(apps, SchemaEditor())
    assert set(
        Change.objects.filter(roadmap=roadmap, actor__isnull=False).values_list("origin", flat=True)
    ) == {"web"}
    assert whos(roadmap, "fr") == {str(team.owner), "Inconnu"}
    assert whos(roadmap, "en") == {str(team.owner), "Unknown"}
    assert (
        journal.changes_of(roadmap, journal.Filters(actor=-5)).count() == 2
    )  # the roadmap and its first theme
