"""`jalon demo` makes its user the owner of the demo's workspace as anyone is made an owner: nobody owns two
workspaces whose names read alike, so a demo user who owns another « Cloud Kicks » is refused, with nothing
written, while a re-run of the demo (its own workspace) still passes."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from jalon.accounts.models import User
from jalon.cli import app
from jalon.demo.loader import DEMO_EMAIL
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Membership, Role, Workspace

runner = CliRunner()


def jalon(*args: str, language: str = "fr") -> Any:
    return runner.invoke(
        app, list(args), env={"JALON_DEMO_PASSWORD": "demo-password-1", "JALON_LANGUAGE": language}
    )


def demo_user_owning(name: str, slug: str = "mine") -> Workspace:
    user = User.objects.create_user(email=DEMO_EMAIL, password="demo-password-0")
    workspace = Workspace.objects.create(slug=slug, name=name)
    Membership.objects.create(workspace=workspace, user=user, role=Role.OWNER)
    return workspace


def test_demo_is_refused_when_its_user_owns_a_workspace_that_reads_like_cloud_kicks(db) -> None:
    demo_user_owning("cloud  KICKS")
    result = jalon("demo")
    assert result.exit_code == 2
    assert "possède déjà un espace de travail nommé cloud  KICKS" in result.stderr
    assert not Workspace.objects.filter(slug="cloud-kicks").exists()
    assert not Roadmap.objects.exists()
    assert User.objects.get(email=DEMO_EMAIL).check_password("demo-password-0")  # nothing changed


def test_demo_refusal_is_in_the_commands_language(db) -> None:
    demo_user_owning("Cloud Kicks")
    result = jalon("demo", language="en")
    assert result.exit_code == 2
    assert "already owns a workspace called Cloud Kicks" in result.stderr


def test_demo_into_another_workspace_is_refused_beside_the_first_demo(db) -> None:
    assert jalon("demo").exit_code == 0
    result = jalon("demo", "--workspace", "second-demo")
    assert result.exit_code == 2
    assert not Workspace.objects.filter(slug="second-demo").exists()
    assert Roadmap.objects.count() == 1


def test_demo_run_twice_refreshes_its_own_workspace(db) -> None:
    assert jalon("demo").exit_code == 0
    again = jalon("demo")
    assert again.exit_code == 0, again.output
    assert Membership.objects.get(workspace__slug="cloud-kicks", user__email=DEMO_EMAIL).role == Role.OWNER


def test_demo_loads_when_its_user_owns_workspaces_named_otherwise(db) -> None:
    demo_user_owning("Cloud Kicks Europe")
    result = jalon("demo")
    assert result.exit_code == 0, result.output
    assert Roadmap.objects.filter(workspace__slug="cloud-kicks").exists()


def test_synthetic_demo_is_refused_when_its_user_owns_a_workspace_that_reads_like_bench(db) -> None:
    demo_user_owning("BENCH", slug="my-bench")
    result = jalon("demo", "--synthetic", "3")
    assert result.exit_code == 2
    assert "BENCH" in result.stderr
    assert not Workspace.objects.filter(slug="bench").exists()
