"""`jalon import FILE --replace` says what replacing loses (saved scenarios, history, proposals), refuses
without `--yes` when nobody can answer, and keeps the roadmap as it was, restorable from its history."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from jalon.cli import app
from jalon.demo.loader import DEMO_FILE
from jalon.documents.services import export_roadmap, restore_version
from jalon.history.models import Change, RoadmapVersion
from jalon.jobs.models import Job
from jalon.planning.models import Activity, Scenario
from jalon.strategy.models import Roadmap

runner = CliRunner()


@pytest.fixture
def worked_on(demo):
    """The demo after some work the file does not hold: a saved scenario, a proposal, an edited title."""
    roadmap = demo.roadmap
    Scenario.objects.create(roadmap=roadmap, key="prudent", name="Prudent", status="optimal")
    Job.objects.create(workspace=demo.workspace, roadmap=roadmap, kind="schedule", updated_at=timezone.now())
    Activity.objects.filter(roadmap=roadmap, key=roadmap.activities.first().key).update(title="Renamed")
    return demo


def test_replace_without_yes_is_refused_and_lists_what_would_be_lost(worked_on) -> None:
    roadmap = worked_on.roadmap
    history = Change.objects.count()
    before = export_roadmap(actor=None, roadmap=roadmap, fmt="json")
    result = runner.invoke(app, ["import", str(DEMO_FILE), "--workspace", "cloud-kicks", "--replace"])
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    for count, words in ((1, ("saved scenario", "scénario enregistré")),
                         (1, ("schedule proposal", "proposition de planning"))):  # fmt: skip
        assert any(f"{count} {word}" in result.stderr for word in words), result.stderr
    assert any(word in result.stderr for word in ("history entries", "entrées d’historique"))
    assert Roadmap.objects.get(pk=roadmap.pk)
    assert Scenario.objects.filter(roadmap=roadmap).count() == 1
    assert Change.objects.count() == history
    assert export_roadmap(actor=None, roadmap=roadmap, fmt="json") == before
    assert not RoadmapVersion.objects.exists()


def test_replace_with_yes_keeps_the_previous_roadmap_as_a_version_with_what_it_lost(worked_on) -> None:
    before = export_roadmap(actor=None, roadmap=worked_on.roadmap, fmt="json")
    result = runner.invoke(
        app, ["import", str(DEMO_FILE), "--workspace", "cloud-kicks", "--replace", "--yes"]
    )
    assert result.exit_code == 0, result.output
    version = RoadmapVersion.objects.get(workspace__slug="cloud-kicks", slug="cloud-kicks")
    assert version.document == before
    assert version.lost["scenarios"] == 1 and version.lost["proposals"] == 1
    assert version.lost["history"] > 0
    now = Roadmap.objects.get(workspace__slug="cloud-kicks", slug="cloud-kicks")
    assert not now.activities.filter(title="Renamed").exists()
    restored = restore_version(actor=None, version=version, confirmed=True)
    assert restored.activities.filter(title="Renamed").exists()
    assert export_roadmap(actor=None, roadmap=restored, fmt="json") == before
    assert RoadmapVersion.objects.count() == 2  # the roadmap replaced by the restore is kept in turn


def test_replace_of_a_bad_file_asks_nothing_and_writes_nothing(worked_on, tmp_path: Path) -> None:
    document = json.loads(export_roadmap(actor=None, roadmap=worked_on.roadmap, fmt="json"))
    document["activities"][0]["confidence"] = 400
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--workspace", "cloud-kicks", "--replace", "--yes"])
    assert result.exit_code == 2
    assert "activities[0].confidence" in result.stderr
    assert Scenario.objects.filter(roadmap=worked_on.roadmap).exists()
    assert not RoadmapVersion.objects.exists()


def _at_a_terminal(args: list[str], answer: str, home: Path) -> tuple[int, str]:
    """`jalon` run with a terminal for its input, the person typing ``answer``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    env |= {"JALON_HOME": str(home), "JALON_LANGUAGE": "en", "JALON_DEMO_PASSWORD": "demo-password-1"}
    jalon = str(Path(sys.executable).with_name("jalon"))
    primary, secondary = pty.openpty()
    try:
        os.write(primary, answer.encode())
        done = subprocess.run(
            [jalon, *args], stdin=secondary, capture_output=True, text=True, env=env, timeout=120, check=False
        )
    finally:
        os.close(primary)
        os.close(secondary)
    return done.returncode, done.stdout + done.stderr


def test_at_a_terminal_replace_asks_and_a_no_keeps_the_roadmap_a_yes_replaces_it(demo_home: Path) -> None:
    home = demo_home  # as `jalon migrate` then `jalon demo` leave it
    args = ["import", str(DEMO_FILE), "--workspace", "cloud-kicks", "--replace"]
    code, said = _at_a_terminal(args, "n\n", home)
    assert code == 2
    assert "Replace it?" in said and "Lost for good" in said and "Nothing was replaced" in said
    code, said = _at_a_terminal(args, "y\n", home)
    assert code == 0, said
    assert "Roadmap cloud-kicks imported into cloud-kicks." in said


def test_replace_without_yes_names_the_framing_replaced_and_the_ballots_lost(worked_on, members) -> None:
    from jalon.demo.framing import load_demo_framing
    from jalon.framing import services
    from jalon.framing.models import Ballot, Stakeholder, Vote

    framing = load_demo_framing(worked_on.roadmap)
    vote = Vote.objects.get(framing=framing)
    Stakeholder.objects.filter(framing=framing).update(member=None)
    services.create(
        Stakeholder, actor=None, framing=framing, name="Camille", member=members["editor"],
        workshops=[vote.workshop],
    )  # fmt: skip
    services.cast(actor=members["editor"], vote=vote, points={vote.options.all()[0].pk: 1})
    result = runner.invoke(app, ["import", str(DEMO_FILE), "--workspace", "cloud-kicks", "--replace"])
    assert result.exit_code == 2
    assert any(w in result.stderr for w in ("5 plan actions and 1 vote", "5 actions du plan et 1 vote"))
    assert any(w in result.stderr for w in ("4 ballots cast", "4 bulletins déposés")), result.stderr
    assert Ballot.objects.count() == 4  # nothing replaced: the three demo ballots and the editor's kept
