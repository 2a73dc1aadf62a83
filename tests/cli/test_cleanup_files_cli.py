"""`jalon cleanup-files`: lists, then removes, the uploaded files that no row points to — never a file a row
names, never anything outside the uploads folder, never through a symbolic link — with counts and bytes
in the reader's language."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from jalon.cli import app
from jalon.framing import services as framing
from jalon.jobs.models import Job
from jalon.strategy.models import KPI, KPISource
from tests.factories import Team, make_roadmap
from tests.framing.prototypes import png

runner = CliRunner()
AN_HOUR_AGO = time.time() - 2 * 3600


@pytest.fixture
def uploads(settings, tmp_path: Path) -> Path:
    """A temporary JALON_HOME's uploads folder."""
    folder = tmp_path / "home" / "uploads"
    folder.mkdir(parents=True)
    settings.MEDIA_ROOT = folder
    return folder


def cleanup(*args: str, language: str = "en") -> Any:
    return runner.invoke(app, ["cleanup-files", *args], env={"JALON_LANGUAGE": language})


def write(path: Path, size: int, *, old: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    if old:
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return path


def all_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


@pytest.fixture
def in_use(team: Team, uploads: Path) -> set[str]:
    """A prototype (file and thumbnail), a KPI source's data file and a report job's document, all named by
    rows: the files no cleanup may remove."""
    roadmap = make_roadmap(team.workspace, team.owner)
    prototype = framing.add_prototype(
        actor=team.owner, framing=framing.open_framing(actor=team.owner, roadmap=roadmap), title="Maquette",
        data=png(), file_name="m.png",
    )  # fmt: skip
    kpi = KPI.objects.create(roadmap=roadmap, key="ventes", name="Ventes", frequency="monthly")
    write(uploads / "kpi-sources" / str(kpi.pk) / "0123abcd.csv", 40)
    KPISource.objects.create(
        kpi=kpi, file_name="ventes.csv", stored_path=f"kpi-sources/{kpi.pk}/0123abcd.csv", query="select 1"
    )
    job = Job.objects.create(
        workspace=team.workspace, roadmap=roadmap, kind="report", updated_at=timezone.now()
    )
    write(uploads / "reports" / f"job-{job.pk}.pdf", 100)
    for name in (prototype.file.name, prototype.thumbnail.name):
        os.utime(uploads / name, (AN_HOUR_AGO, AN_HOUR_AGO))
    return all_files(uploads)


@pytest.fixture
def unused(uploads: Path, in_use: set[str]) -> set[str]:
    """Files no row names: a prototype left from before its row's deletion removed it, its thumbnail, the
    report of a job gone, the data file of a KPI deleted, a stray file."""
    write(uploads / "prototypes" / "0ld0ld.png", 1000)
    write(uploads / "prototypes" / "thumbnails" / "0ld0ld.png", 200)
    write(uploads / "reports" / "job-999999.pptx", 2048)
    write(uploads / "kpi-sources" / "999999" / "feed.csv", 10)
    write(uploads / "notes.txt", 5)
    return {
        "prototypes/0ld0ld.png", "prototypes/thumbnails/0ld0ld.png", "reports/job-999999.pptx",
        "kpi-sources/999999/feed.csv", "notes.txt",
    }  # fmt: skip


def test_a_dry_run_lists_the_unused_files_with_their_count_and_bytes_and_removes_nothing(
    uploads: Path, in_use: set[str], unused: set[str]
) -> None:
    result = cleanup("--dry-run")
    assert result.exit_code == 0, result.output
    listed = {line.split(" (")[0] for line in result.output.splitlines()[:-1]}
    assert listed == unused
    assert result.output.splitlines()[-1] == "5 unused files (3.2 KB) would be removed; nothing was removed."
    assert all_files(uploads) == in_use | unused


def test_the_unused_files_are_removed_and_every_file_a_row_names_is_kept(
    uploads: Path, in_use: set[str], unused: set[str]
) -> None:
    result = cleanup()
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Removed 5 unused files (3.2 KB)."
    assert all_files(uploads) == in_use
    assert not (uploads / "kpi-sources" / "999999").exists()  # the folder it left empty goes too
    assert cleanup().output == f"No unused file in {uploads}.\n"


def test_the_counts_and_bytes_are_in_french_for_a_french_reader(
    uploads: Path, in_use: set[str], unused: set[str]
) -> None:
    assert cleanup(language="fr").output.splitlines()[-1] == (
        "5 fichiers inutilisés supprimés (3,2\u00a0Ko)."
    )


def test_files_just_written_are_left_alone_as_an_upload_may_be_under_way(db, uploads: Path) -> None:
    fresh = write(uploads / "prototypes" / "fresh.png", 10, old=False)
    result = cleanup()
    assert fresh.exists()
    assert "1 file less than an hour old was left alone (an upload may be under way)." in result.output


def test_symbolic_links_are_neither_followed_nor_removed(db, uploads: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    target = write(outside / "precious.csv", 10)
    write(outside / "folder" / "precious.png", 10)
    (uploads / "link.csv").symlink_to(target)
    (uploads / "linked-folder").symlink_to(outside / "folder", target_is_directory=True)
    result = cleanup()
    assert result.output == f"No unused file in {uploads}.\n"
    assert (uploads / "link.csv").is_symlink() and target.exists()
    assert (outside / "folder" / "precious.png").exists()


def test_in_its_own_process_it_cleans_the_uploads_of_the_jalon_home_it_is_given(migrated_home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    env["JALON_HOME"] = str(migrated_home)  # as `jalon migrate` leaves it
    jalon = str(Path(sys.executable).with_name("jalon"))

    def run(*args: str) -> str:
        done = subprocess.run(
            [jalon, *args], env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    left = write(migrated_home / "uploads" / "prototypes" / "old.png", 3000)
    assert run("cleanup-files", "--dry-run").splitlines() == [
        "prototypes/old.png (2,9\u00a0Ko)",
        "1 fichier inutilisé (2,9\u00a0Ko) serait supprimé\u00a0; rien n’a été supprimé.",
    ]
    assert left.exists()
    assert run("cleanup-files").splitlines()[-1] == "1 fichier inutilisé supprimé (2,9\u00a0Ko)."
    assert not left.exists()
