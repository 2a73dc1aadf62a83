"""The database commands of `jalon`: version, help in French and English, demo, users, members, export,
import, and settings that fail at start with one line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from jalon import __version__
from jalon.accounts.models import User
from jalon.demo.loader import DEMO_EMAIL, DEMO_FILE
from jalon.documents.roadmap_file import Format
from jalon.documents.services import export_roadmap
from jalon.history.models import Change
from jalon.strategy.models import KPI, Measurement, Objective, Roadmap, Strategy, Tactic
from jalon.workspaces.models import Membership, Workspace
from tests.cli.commands import jalon

JALON = str(Path(sys.executable).with_name("jalon"))
COMMANDS = (
    "serve", "migrate", "demo", "createuser", "member", "export", "import",
    "backup", "restore", "cleanup-files", "unlock", "check",
)  # fmt: skip
MODELS = (User, Workspace, Membership, Roadmap, Objective, KPI, Measurement, Strategy, Tactic, Change)


def rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def run_jalon(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`jalon` in its own process, with only the JALON_* variables given here."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    clean.update({"JALON_HOME": str(tmp_path / "home"), **env})
    return subprocess.run([JALON, *args], env=clean, capture_output=True, text=True, timeout=60, check=False)


# Version and help ---------------------------------------------------------------------------------


def test_version_prints_the_package_version() -> None:
    result = jalon("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"jalon {__version__}"


def test_help_lists_every_command_in_french_by_default(tmp_path: Path) -> None:
    result = run_jalon("--help", tmp_path=tmp_path, JALON_LANGUAGE="fr")
    assert result.returncode == 0
    for command in COMMANDS:
        assert f"\n  {command} " in result.stdout
    assert "Créer ou rafraîchir" in result.stdout
    assert "Create or refresh" not in result.stdout


def test_help_is_in_english_with_jalon_language_en(tmp_path: Path) -> None:
    result = run_jalon("--help", tmp_path=tmp_path, JALON_LANGUAGE="en")
    assert result.returncode == 0
    for command in COMMANDS:
        assert f"\n  {command} " in result.stdout
    assert "Create or refresh the Cloud Kicks demo roadmap." in result.stdout


def test_help_without_jalon_language_is_french(tmp_path: Path) -> None:
    result = run_jalon("--help", tmp_path=tmp_path)
    assert "Créer ou rafraîchir" in result.stdout


# Settings that fail at start ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("JALON_DEBUG", "maybe"),
        ("JALON_DATABASE_URL", "mysql://x"),
        ("JALON_LANGUAGE", "de"),
        ("JALON_ALLOWED_HOSTS", "a,,b"),
    ],
)
def test_a_bad_setting_fails_at_start_with_one_line_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    result = run_jalon("migrate", tmp_path=tmp_path, **{variable: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_an_unusable_jalon_home_fails_at_start_with_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run_jalon("migrate", tmp_path=tmp_path, JALON_HOME=str(blocker / "home"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "JALON_HOME" in result.stderr


# demo ---------------------------------------------------------------------------------------------


def test_demo_creates_the_cloud_kicks_roadmap_and_prints_a_generated_login_once(db) -> None:
    first = jalon("demo", env={"JALON_DEMO_PASSWORD": ""})
    assert first.exit_code == 0, first.output
    assert DEMO_EMAIL in first.stdout
    password = re.search(r"(?:password|mot de passe)\s*:\s*(\S+)", first.stdout)[1]  # type: ignore[index]
    assert User.objects.get(email=DEMO_EMAIL).check_password(password)
    assert Roadmap.objects.filter(workspace__slug="cloud-kicks", slug="cloud-kicks").exists()
    second = jalon("demo", env={"JALON_DEMO_PASSWORD": ""})
    assert DEMO_EMAIL in second.stdout
    assert password not in second.stdout


def test_demo_twice_is_idempotent(db) -> None:
    env = {"JALON_DEMO_PASSWORD": "demo-password-1"}
    assert jalon("demo", env=env).exit_code == 0
    once = rows()
    assert jalon("demo", env=env).exit_code == 0
    twice = rows()
    assert {k: v for k, v in twice.items() if k != "Change"} == {
        k: v for k, v in once.items() if k != "Change"
    }
    assert Roadmap.objects.count() == 1


def test_demo_with_a_password_sets_it(db) -> None:
    jalon("demo", env={"JALON_DEMO_PASSWORD": "first-password"})
    jalon("demo", env={"JALON_DEMO_PASSWORD": "second-password"})
    assert User.objects.get(email=DEMO_EMAIL).check_password("second-password")


def test_demo_today_loads_the_plan_and_its_framing_for_that_day(db) -> None:
    from datetime import date

    result = jalon("demo", "--today", "2027-03-15", env={"JALON_DEMO_PASSWORD": "demo-password-1"})
    assert result.exit_code == 0, result.output
    roadmap = Roadmap.objects.get(workspace__slug="cloud-kicks", slug="cloud-kicks")
    assert (roadmap.start, roadmap.end) == (date(2026, 12, 1), date(2027, 5, 31))  # 15 March: 4th month
    days = sorted(w.day for w in roadmap.framing.workshops.all() if w.day is not None)
    assert roadmap.start <= days[0] and days[-1] <= roadmap.end


def test_demo_today_refuses_a_day_that_is_not_a_date_and_loads_nothing(db) -> None:
    result = jalon("demo", "--today", "2027-02-30")
    assert result.exit_code != 0
    assert "--today" in result.output
    assert not Roadmap.objects.exists()


# createuser and member add ------------------------------------------------------------------------


def test_createuser_reads_the_password_from_stdin(db) -> None:
    result = jalon("createuser", "--email", "lea@example.com", "--password-stdin", input="un-long-secret\n")
    assert result.exit_code == 0, result.output
    assert User.objects.get(email="lea@example.com").check_password("un-long-secret")
    assert "un-long-secret" not in result.stdout


def test_createuser_without_stdin_generates_and_prints_a_password(db) -> None:
    result = jalon("createuser", "--email", "max@example.com")
    assert result.exit_code == 0
    password = re.search(r"(?:Password|Mot de passe)\s*:\s*(\S+)", result.stdout)[1]  # type: ignore[index]
    assert User.objects.get(email="max@example.com").check_password(password)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (("--email", "not-an-email", "--password-stdin"), "un-long-secret\n"),
        (("--email", "court@example.com", "--password-stdin"), "court\n"),
    ],
)
def test_createuser_refuses_bad_input_with_exit_2_and_one_line(db, args: tuple[str, ...], stdin: str) -> None:
    result = jalon("createuser", *args, input=stdin)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert not User.objects.exists()


def test_createuser_refuses_an_existing_email(db, make_user) -> None:
    make_user("lea@example.com")
    result = jalon("createuser", "--email", "LEA@example.com", "--password-stdin", input="un-long-secret\n")
    assert result.exit_code == 2
    assert User.objects.count() == 1


def test_createuser_refuses_a_common_password_as_the_sign_up_page_does(db) -> None:
    result = jalon("createuser", "--email", "lea@example.com", "--password-stdin", input="password123\n")
    assert result.exit_code == 2
    assert "common" in result.stderr or "courant" in result.stderr
    assert not User.objects.exists()


@pytest.fixture
def workspace_and_user(demo, make_user):
    return demo.workspace, make_user("lea@example.com")


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stakeholder"])
def test_member_add_gives_each_role(workspace_and_user, role: str) -> None:
    workspace, user = workspace_and_user
    result = jalon("member", "add", "--workspace", "cloud-kicks", "--email", user.email, "--role", role)
    assert result.exit_code == 0, result.output
    assert Membership.objects.get(workspace=workspace, user=user).role == role


@pytest.mark.parametrize(
    ("language", "said"), [("fr", "lea@example.com est maintenant partie prenante de cloud-kicks."),
                           ("en", "lea@example.com is now stakeholder of cloud-kicks.")],
)  # fmt: skip
def test_member_add_names_the_role_in_the_commands_language(workspace_and_user, language, said) -> None:
    _workspace, user = workspace_and_user
    result = jalon(
        "member", "add", "--workspace", "cloud-kicks", "--email", user.email, "--role", "stakeholder",
        env={"JALON_LANGUAGE": language},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert " ".join(result.output.replace("\u00a0", " ").split()) == said


def test_member_add_refuses_to_make_an_owner_of_a_namesake_they_own(workspace_and_user) -> None:
    from jalon.workspaces.services import create_workspace

    workspace, user = workspace_and_user
    create_workspace(actor=user, name="CLOUD  KICKS")
    result = jalon(
        "member", "add", "--workspace", "cloud-kicks", "--email", user.email, "--role", "owner",
        env={"JALON_LANGUAGE": "en"},
    )  # fmt: skip
    assert result.exit_code != 0
    assert "already owns a workspace called CLOUD  KICKS, which reads like this one" in result.output
    assert not Membership.objects.filter(workspace=workspace, user=user).exists()


def test_member_add_changes_an_existing_role(workspace_and_user) -> None:
    workspace, user = workspace_and_user
    jalon("member", "add", "--workspace", "cloud-kicks", "--email", user.email, "--role", "viewer")
    jalon("member", "add", "--workspace", "cloud-kicks", "--email", user.email, "--role", "editor")
    assert list(Membership.objects.filter(workspace=workspace, user=user).values_list("role", flat=True)) == [
        "editor"
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("--workspace", "cloud-kicks", "--email", "lea@example.com", "--role", "admin"),
        ("--workspace", "nowhere", "--email", "lea@example.com", "--role", "viewer"),
        ("--workspace", "cloud-kicks", "--email", "nobody@example.com", "--role", "viewer"),
    ],
    ids=["unknown-role", "unknown-workspace", "unknown-user"],
)
def test_member_add_refuses_with_exit_2_and_a_one_line_message(
    workspace_and_user, args: tuple[str, ...]
) -> None:
    before = rows()
    result = jalon("member", "add", *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert rows() == before


def test_member_add_of_an_unknown_role_names_it(workspace_and_user) -> None:
    result = jalon(
        "member", "add", "--workspace", "cloud-kicks", "--email", "lea@example.com", "--role", "admin"
    )
    assert "admin" in result.stderr


# export and import --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_writes_the_roadmap_file_to_stdout(demo, fmt: Format) -> None:
    result = jalon("export", "--workspace", "cloud-kicks", "--roadmap", "cloud-kicks", "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout == export_roadmap(actor=None, roadmap=demo.roadmap, fmt=fmt)
    tree = json.loads(result.stdout) if fmt == "json" else yaml.safe_load(result.stdout)
    assert tree["format"] == "jalon/1"


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_writes_to_a_file_with_output(demo, tmp_path: Path, fmt: Format) -> None:
    target = tmp_path / f"plan.{fmt}"
    result = jalon(
        "export",
        "--workspace",
        "cloud-kicks",
        "--roadmap",
        "cloud-kicks",
        "--format",
        fmt,
        "--output",
        str(target),
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == export_roadmap(actor=None, roadmap=demo.roadmap, fmt=fmt)


@pytest.mark.parametrize(
    "args",
    [
        ("--workspace", "cloud-kicks", "--roadmap", "nope"),
        ("--workspace", "cloud-kicks", "--roadmap", "cloud-kicks", "--format", "xml"),
    ],
    ids=["unknown-roadmap", "unknown-format"],
)
def test_export_refuses_with_exit_2(demo, args: tuple[str, ...]) -> None:
    result = jalon("export", *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_import_of_an_exported_file_recreates_the_roadmap(demo, tmp_path: Path) -> None:
    exported = tmp_path / "plan.json"
    exported.write_text(export_roadmap(actor=None, roadmap=demo.roadmap, fmt="json"), encoding="utf-8")
    Workspace.objects.create(slug="copie", name="Copie")
    result = jalon("import", str(exported), "--workspace", "copie")
    assert result.exit_code == 0, result.output
    copy = Roadmap.objects.get(workspace__slug="copie", slug="cloud-kicks")
    assert export_roadmap(actor=None, roadmap=copy, fmt="json") == exported.read_text(encoding="utf-8")


def test_import_of_an_existing_slug_needs_replace(demo) -> None:
    before = rows()
    refused = jalon("import", str(DEMO_FILE), "--workspace", "cloud-kicks")
    assert refused.exit_code == 2
    assert "roadmap.slug" in refused.stderr
    assert rows() == before
    replaced = jalon("import", str(DEMO_FILE), "--workspace", "cloud-kicks", "--replace", "--yes")
    assert replaced.exit_code == 0
    assert Roadmap.objects.filter(workspace__slug="cloud-kicks").count() == 1


def test_import_of_a_bad_file_exits_2_lists_every_problem_and_writes_nothing(demo, tmp_path: Path) -> None:
    document = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    document["roadmap"]["slug"] = "nouvelle"
    document["objectives"][3]["deadline"] = "2027-02-30"
    document["objectives"][1]["colour"] = "bleu"
    document["kpis"][0]["frequency"] = "hourly"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    before = rows()
    result = jalon("import", str(bad), "--workspace", "cloud-kicks")
    assert result.exit_code == 2
    assert "Rien n’a été importé" in result.stderr or "Nothing was imported" in result.stderr
    for path in ("objectives[3].deadline", "objectives[1].colour", "kpis[0].frequency"):
        assert path in result.stderr
    assert rows() == before


def test_import_of_a_non_utf8_file_exits_2(demo, tmp_path: Path) -> None:
    bad = tmp_path / "latin.yaml"
    bad.write_bytes(
        DEMO_FILE.read_text(encoding="utf-8").replace("slug: cloud-kicks", "slug: x").encode("cp1252")
    )
    before = rows()
    result = jalon("import", str(bad), "--workspace", "cloud-kicks")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert rows() == before


def test_import_into_an_unknown_workspace_exits_2(db, tmp_path: Path) -> None:
    result = jalon("import", str(DEMO_FILE), "--workspace", "nowhere")
    assert result.exit_code == 2
    assert "nowhere" in result.stderr
    assert not Roadmap.objects.exists()
