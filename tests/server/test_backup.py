"""`jalon backup` and `jalon restore`: everything saved in one archive with a manifest, restored into a
fresh installation that exports the identical roadmap and has the same uploaded files. On SQLite always;
on PostgreSQL too when the tests run on it (two scratch databases beside the test database)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings

from jalon import __version__
from tests.jalon_homes import Templates

JALON = str(Path(sys.executable).with_name("jalon"))
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3"


def jalon(
    *args: str, home: Path, database_url: str = "", stdin: str | None = None, program: str = JALON
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    env.update({"JALON_HOME": str(home), "JALON_LANGUAGE": "en", "JALON_DEMO_PASSWORD": "backup-pass-1"})
    if database_url:
        env["JALON_DATABASE_URL"] = database_url
    return subprocess.run(
        [program, *args], env=env, input=stdin, capture_output=True, text=True, timeout=180, check=False
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def database_urls() -> Iterator[tuple[str, str]]:
    """Two empty databases for the original and the restored installation ('' on SQLite)."""
    if not ON_POSTGRES:
        yield "", ""
        return
    import psycopg

    base = os.environ["JALON_DATABASE_URL"].rsplit("/", 1)[0]
    names = [
        f"{settings.DATABASES['default']['NAME']}_{which}_{os.getpid()}"[:60] for which in ("orig", "rest")
    ]
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    yield base + "/" + names[0], base + "/" + names[1]
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Homes(NamedTuple):
    original: Path
    fresh: Path
    source_url: str
    target_url: str


@pytest.fixture
def demo_homes(tmp_path: Path, database_urls: tuple[str, str], jalon_homes: Templates) -> Homes:
    """An installation with the demo roadmaps, to back up (`jalon migrate` then `jalon demo`, copied from
    this test process's template: tests/jalon_homes.py), and an empty home to restore it into."""
    homes = Homes(tmp_path / "original", tmp_path / "fresh", *database_urls)
    jalon_homes.copy("demo", homes.original, database_url=homes.source_url)
    return homes


@pytest.mark.database  # on PostgreSQL, two scratch databases beside the test database
def test_a_backup_restored_into_a_fresh_home_exports_the_identical_roadmap_and_uploads(
    tmp_path: Path, demo_homes: Homes
) -> None:
    original, fresh, source_url, target_url = demo_homes
    ok(jalon("demo", "--synthetic", "30", home=original, database_url=source_url))
    (original / "uploads" / "logos").mkdir(parents=True)
    (original / "uploads" / "logos" / "cloud-kicks.png").write_bytes(b"\x89PNG not really")
    exports = {
        slug: ok(
            jalon("export", "--workspace", ws, "--roadmap", slug, home=original, database_url=source_url)
        )
        for ws, slug in (("cloud-kicks", "cloud-kicks"), ("bench", "synthetic-30"))
    }

    archive = tmp_path / "saved" / "jalon.tar.gz"
    assert "Backup written" in ok(
        jalon("backup", "--output", str(archive), home=original, database_url=source_url)
    )
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as opened:
        manifest = json.loads(opened.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert manifest["format"] == "jalon-backup/1" and manifest["version"] == __version__
    assert manifest["database"] == ("postgresql" if ON_POSTGRES else "sqlite")
    assert manifest["uploads"] == 1 and "strategy" in manifest["migrations"]

    refused = jalon("restore", str(archive), home=fresh, database_url=target_url, stdin="n\n")
    assert refused.returncode == 2 and "Nothing was restored" in refused.stderr
    assert "Restored the backup" in ok(
        jalon("restore", str(archive), "--yes", home=fresh, database_url=target_url)
    )
    for (ws, slug), text in zip(
        (("cloud-kicks", "cloud-kicks"), ("bench", "synthetic-30")), exports.values(), strict=True
    ):
        assert (
            ok(jalon("export", "--workspace", ws, "--roadmap", slug, home=fresh, database_url=target_url))
            == text
        )
    assert (fresh / "uploads" / "logos" / "cloud-kicks.png").read_bytes() == b"\x89PNG not really"


ATTACH_A_SOURCE = """
from django.core.files.uploadedfile import SimpleUploadedFile
from jalon.cli.core import setup_django
setup_django()
from jalon.strategy.kpis.source_services import attach_source
from jalon.strategy.models import KPI
from jalon.workspaces.models import Membership
kpi = KPI.objects.filter(roadmap__slug="cloud-kicks").order_by("pk").first()
owner = Membership.objects.get(workspace=kpi.roadmap.workspace, role="owner").user
data = b"day,value\\n2026-01-05,10\\n2026-01-12,12.5\\n"
attach_source(actor=owner, kpi=kpi, upload=SimpleUploadedFile("sales.csv", data),
              query="select day::date, value from data")
# Attaching queries the file at once; long after, the worker finds the source due again.
from datetime import timedelta
from django.utils import timezone
from jalon.strategy.models import KPISource
KPISource.objects.filter(kpi=kpi).update(refreshed_at=timezone.now() - timedelta(days=400))
print(kpi.name)
"""


@pytest.mark.database  # on PostgreSQL, two scratch databases beside the test database
def test_a_kpi_source_restored_into_a_fresh_home_refreshes_from_the_restored_file(
    tmp_path: Path, demo_homes: Homes
) -> None:
    original, fresh, source_url, target_url = demo_homes
    kpi = ok(jalon("-c", ATTACH_A_SOURCE, home=original, database_url=source_url, program=sys.executable))
    archive = tmp_path / "jalon.tar.gz"
    ok(jalon("backup", "--output", str(archive), home=original, database_url=source_url))
    shutil.rmtree(original)  # the old home is gone: only the restored file can be read
    ok(jalon("restore", str(archive), "--yes", home=fresh, database_url=target_url))
    refreshed = ok(jalon("worker", "--once", home=fresh, database_url=target_url))
    assert f"KPI {kpi.strip()}: 2 measurements refreshed from its source." in refreshed.splitlines()


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(tmp_path: Path, db, demo_home: Path) -> None:
    home = demo_home
    before = ok(jalon("export", "--workspace", "cloud-kicks", "--roadmap", "cloud-kicks", home=home))
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    result = jalon("restore", str(bogus), "--yes", home=home)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Nothing was restored: Cannot read {bogus}: it is not a Jalon backup."
    ]
    assert ok(jalon("export", "--workspace", "cloud-kicks", "--roadmap", "cloud-kicks", home=home)) == before


def test_a_backup_from_a_newer_jalon_is_refused_before_anything_is_touched(
    tmp_path: Path, migrated_home: Path
) -> None:
    home = migrated_home
    archive = tmp_path / "b.tar.gz"
    ok(jalon("backup", "--output", str(archive), home=home))
    newer = tmp_path / "newer.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(newer, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            if member.name == "manifest.json":
                manifest = json.loads(data.read())  # type: ignore[union-attr]
                manifest["version"], manifest["migrations"]["strategy"] = "9.0.0", "0999_from_the_future"
                import io

                raw = json.dumps(manifest).encode()
                member.size = len(raw)
                data = io.BytesIO(raw)
            target.addfile(member, data)
    result = jalon("restore", str(newer), "--yes", home=home)
    assert result.returncode == 2
    assert "comes from a newer Jalon (9.0.0); upgrade Jalon first" in result.stderr


@pytest.mark.parametrize(
    "manifest",
    [
        b'{"format": "jalon-backup/1", "migrations": [1, 2]}',  # a traceback: cannot convert to a mapping
        b'{"format": "jalon-backup/1", "uploads": "many"}',  # a traceback: not a number
        b'{"format": "jalon-backup/1", "version": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",  # too deep
        b'{"format": "jalon-backup/1", "uploads": ' + b"9" * 5_000 + b"}",  # Python refuses such an integer
    ],
    ids=["migrations-a-list", "uploads-a-word", "nested-100000-deep", "5000-digits"],
)
def test_a_backup_whose_manifest_has_the_wrong_shape_is_not_a_backup(manifest: bytes) -> None:
    import io

    from django.utils import translation

    from jalon.backup import BackupError, read_manifest

    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        archive.addfile(info, io.BytesIO(manifest))
    out.seek(0)
    english = translation.override("en")
    with tarfile.open(fileobj=out, mode="r:gz") as archive, english, pytest.raises(BackupError) as refused:
        read_manifest(archive)
    assert str(refused.value) == "This file is not a Jalon backup (no manifest)."
