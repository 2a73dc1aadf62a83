"""`jalon demo --synthetic N --workspace bench` builds a roadmap of N activities for benchmarks, in a
workspace owned by the demo user, to which members can then be added."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from jalon.accounts.models import User
from jalon.cli import app
from jalon.demo.loader import DEMO_EMAIL
from jalon.errors import ValidationFailed
from jalon.planning.models import Activity, Dependency
from jalon.workspaces.models import Membership, Role, Workspace
from jalon.workspaces.services import set_membership


def test_demo_synthetic_creates_n_activities_with_dependencies_in_the_named_workspace(db) -> None:
    result = CliRunner().invoke(app, ["demo", "--synthetic", "40", "--workspace", "bench"])
    assert result.exit_code == 0, result.output
    assert (
        Activity.objects.filter(roadmap__workspace__slug="bench", roadmap__slug="synthetic-40").count() == 40
    )
    assert Dependency.objects.filter(successor__roadmap__slug="synthetic-40").exists()
    again = CliRunner().invoke(app, ["demo", "--synthetic", "40", "--workspace", "bench"])
    assert again.exit_code == 0, again.output
    assert Activity.objects.filter(roadmap__slug="synthetic-40").count() == 40


def test_demo_synthetic_gives_its_workspace_the_demo_owner_even_before_any_demo(db) -> None:
    result = CliRunner().invoke(
        app, ["demo", "--synthetic", "5", "--workspace", "charge"], env={"JALON_DEMO_PASSWORD": ""}
    )
    assert result.exit_code == 0, result.output
    owner = Membership.objects.get(workspace__slug="charge", role=Role.OWNER).user
    assert owner.email == DEMO_EMAIL
    password = re.search(r"(?:password|mot de passe)\s*:\s*(\S+)", result.stdout)[1]  # type: ignore[index]
    assert owner.check_password(password)


def test_a_viewer_can_be_added_to_a_synthetic_workspace_at_the_command_line(db) -> None:
    CliRunner().invoke(app, ["demo", "--synthetic", "5", "--workspace", "charge"])
    User.objects.create_user(email="lea@example.com", password="un-long-secret")
    result = CliRunner().invoke(
        app, ["member", "add", "--workspace", "charge", "--email", "lea@example.com", "--role", "viewer"]
    )
    assert result.exit_code == 0, result.output
    assert Membership.objects.get(workspace__slug="charge", user__email="lea@example.com").role == "viewer"


def test_a_viewer_can_be_added_to_a_workspace_that_has_no_owner_yet(db) -> None:
    workspace = Workspace.objects.create(slug="orpheline", name="Orpheline")
    user = User.objects.create_user(email="lea@example.com", password="un-long-secret")
    set_membership(actor=None, workspace=workspace, user=user, role="viewer")
    assert Membership.objects.get(workspace=workspace, user=user).role == "viewer"


def test_the_last_owner_still_cannot_step_down(db) -> None:
    workspace = Workspace.objects.create(slug="solo", name="Solo")
    user = User.objects.create_user(email="lea@example.com", password="un-long-secret")
    set_membership(actor=None, workspace=workspace, user=user, role="owner")
    with pytest.raises(ValidationFailed):
        set_membership(actor=None, workspace=workspace, user=user, role="viewer")
    assert Membership.objects.get(workspace=workspace, user=user).role == "owner"
