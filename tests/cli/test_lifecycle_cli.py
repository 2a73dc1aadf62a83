"""`jalon roadmap copy`, `archive`, `restore` and `delete`: the pages' services from the terminal."""

from __future__ import annotations

from datetime import date
from typing import Any

from typer.testing import CliRunner

from jalon.cli import app
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap

runner = CliRunner()


def jalon(*args: str) -> Any:
    return runner.invoke(app, ["roadmap", *args], env={"JALON_LANGUAGE": "en"})


def test_copy_moves_every_date_and_a_taken_title_is_refused_in_words(team: Team) -> None:
    make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    done = jalon("copy", "--workspace", "acme", "--roadmap", "plan", "--title", "Plan 2027", "--months", "12")
    assert done.exit_code == 0, done.output
    copied = Roadmap.objects.get(workspace=team.workspace, slug="plan-2027")
    assert (copied.start, copied.end) == (date(2027, 1, 1), date(2027, 12, 31))
    refused = jalon("copy", "--workspace", "acme", "--roadmap", "plan", "--title", "plan")
    assert refused.exit_code == 2 and "Plan" in refused.output
    assert Roadmap.objects.filter(workspace=team.workspace).count() == 2


def test_copy_into_another_workspace_says_where_and_an_unknown_one_is_refused(team: Team) -> None:
    make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    done = jalon("copy", "--workspace", "acme", "--roadmap", "plan", "--title", "B", "--into", "acme-other")
    assert done.exit_code == 0, done.output
    assert "as b in workspace acme-other" in done.output
    assert Roadmap.objects.filter(workspace__slug="acme-other", slug="b").exists()
    unknown = jalon("copy", "--workspace", "acme", "--roadmap", "plan", "--title", "X", "--into", "nowhere")
    assert unknown.exit_code != 0 and "nowhere" in unknown.output


def test_archive_then_restore(team: Team) -> None:
    make_roadmap(team.workspace, team.owner, slug="plan")
    assert jalon("archive", "--workspace", "acme", "--roadmap", "plan").exit_code == 0
    assert Roadmap.objects.get(slug="plan", workspace=team.workspace).is_archived
    assert jalon("restore", "--workspace", "acme", "--roadmap", "plan").exit_code == 0
    assert not Roadmap.objects.get(slug="plan", workspace=team.workspace).is_archived


def test_delete_in_a_script_needs_yes(team: Team) -> None:
    make_roadmap(team.workspace, team.owner, slug="plan")
    asked = jalon("delete", "--workspace", "acme", "--roadmap", "plan")
    assert asked.exit_code == 2 and "--yes" in asked.output
    assert Roadmap.objects.filter(slug="plan", workspace=team.workspace).exists()
    assert jalon("delete", "--workspace", "acme", "--roadmap", "plan", "--yes").exit_code == 0
    assert not Roadmap.objects.filter(slug="plan", workspace=team.workspace).exists()
