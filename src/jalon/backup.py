"""Back up and restore a whole installation: the database and the uploaded files, in one archive.

The archive (``.tar.gz``, readable by its owner only) holds ``manifest.json`` (Jalon's version, when,
which database, the last migration of every app), the database (SQLite through its online backup API,
consistent while the server runs; PostgreSQL as a ``pg_dump`` custom-format dump) and ``uploads/``.

A restore replaces the database and the uploads of the current JALON_HOME / JALON_DATABASE_URL with the
archive's, then migrates: an archive from an older Jalon is upgraded on the way in. An archive from a
newer Jalon (migrations this one does not know) is refused before anything is touched.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader

from jalon import __version__
from jalon.config import PRIVATE_FILE

FORMAT = "jalon-backup/1"
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1024 * 1024  # a manifest is a few hundred bytes: no more is read
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
UPLOADS = "uploads"


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why, in the user's language."""


@dataclass(frozen=True)
class Manifest:
    version: str
    created_at: str
    database: str
    migrations: Mapping[str, str]
    uploads: int

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "created_at": self.created_at,
            "database": self.database,
            "migrations": dict(self.migrations),
            "uploads": self.uploads,
        }


def _vendor() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _applied_migrations() -> dict[str, str]:
    """The last applied migration of each app: what a restoring Jalon must know."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    last: dict[str, str] = {}
    for app, name in sorted(loader.applied_migrations):
        last[app] = max(last.get(app, ""), name)
    return last


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _run(command: list[str]) -> None:
    from django.utils.translation import gettext as _

    try:
        done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(
            _("{program} is not installed (Debian: apt-get install postgresql-client).").format(
                program=command[0]
            )
        ) from error
    if done.returncode != 0:
        raise BackupError(
            _("{program} failed: {error}").format(program=command[0], error=done.stderr.strip()[-500:])
        )


def _dump_database(folder: Path) -> str:
    if _vendor() == "sqlite":
        target = folder / SQLITE_MEMBER
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return SQLITE_MEMBER
    target = folder / POSTGRES_MEMBER
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}",
          str(settings.DATABASES["default"]["NAME"])])  # fmt: skip
    return POSTGRES_MEMBER


def _uploads() -> Path:
    return Path(settings.MEDIA_ROOT)


def create_backup(output: Path) -> Manifest:
    """Write the archive to ``output``; its manifest."""
    uploads = [p for p in _uploads().rglob("*") if p.is_file()] if _uploads().exists() else []
    manifest = Manifest(
        version=__version__,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        database=_vendor(),
        migrations=_applied_migrations(),
        uploads=len(uploads),
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory() as scratch:
        member = _dump_database(Path(scratch))
        descriptor = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE_FILE)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            data = json.dumps(manifest.as_json(), indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), PRIVATE_FILE, int(datetime.now(UTC).timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(Path(scratch) / member, arcname=member)
            for path in uploads:
                archive.add(path, arcname=f"{UPLOADS}/{path.relative_to(_uploads()).as_posix()}")
    partial.replace(output)  # a half-written archive never carries the final name
    return manifest


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    from django.utils.translation import gettext as _

    not_a_backup = BackupError(_("This file is not a Jalon backup (no manifest)."))
    try:
        member = archive.extractfile(MANIFEST)
        data = json.loads(member.read(MAX_MANIFEST_BYTES)) if member else None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise not_a_backup
        # a manifest of the wrong shape (migrations a list, uploads a word, lists nested 100,000 deep) ended
        # in a traceback
        return Manifest(
            version=str(data.get("version", "")),
            created_at=str(data.get("created_at", "")),
            database=str(data.get("database", "")),
            migrations={str(app): str(name) for app, name in dict(data.get("migrations") or {}).items()},
            uploads=int(data.get("uploads") or 0),
        )
    except (KeyError, ValueError, TypeError, RecursionError, tarfile.TarError, OSError) as error:
        raise not_a_backup from error


def _unknown_migrations(manifest: Manifest) -> list[str]:
    """Migrations the archive's database has and this Jalon does not know (a newer Jalon wrote it)."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return sorted(f"{app}.{name}" for app, name in manifest.migrations.items() if (app, name) not in known)


def _restore_sqlite(dump: Path) -> None:
    connections.close_all()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
    try:
        with target:
            source.backup(target)  # page by page into the live file, under SQLite's own locks
    finally:
        target.close()
        source.close()


def _restore_postgres(dump: Path) -> None:
    connections.close_all()
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          f"--dbname={settings.DATABASES['default']['NAME']}", str(dump)])  # fmt: skip


def _open(path: Path) -> tarfile.TarFile:
    from django.utils.translation import gettext as _

    try:
        return tarfile.open(path, mode="r:gz")  # the caller closes it
    except (OSError, tarfile.TarError) as error:
        raise BackupError(_("Cannot read {file}: it is not a Jalon backup.").format(file=path)) from error


def restore_backup(path: Path) -> Manifest:
    """Replace this installation's database and uploads with the archive's; its manifest."""
    from django.core.management import call_command
    from django.utils.translation import gettext as _

    with _open(path) as archive, tempfile.TemporaryDirectory() as scratch:
        manifest = read_manifest(archive)
        if manifest.database != _vendor():
            raise BackupError(
                _("This backup holds a {backup} database and this Jalon uses {current}.").format(
                    backup=manifest.database, current=_vendor()
                )
            )
        unknown = _unknown_migrations(manifest)
        if unknown:
            raise BackupError(
                _("This backup comes from a newer Jalon ({version}); upgrade Jalon first.").format(
                    version=manifest.version
                )
            )
        member = SQLITE_MEMBER if manifest.database == "sqlite" else POSTGRES_MEMBER
        try:
            archive.extractall(scratch, filter="data")
        except (OSError, tarfile.TarError) as error:
            raise BackupError(_("Cannot read {file}: it is not a Jalon backup.").format(file=path)) from error
        dump = Path(scratch) / member
        if not dump.is_file():
            raise BackupError(_("Cannot read {file}: it is not a Jalon backup.").format(file=path))
        if manifest.database == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgres(dump)
        uploads = _uploads()
        if uploads.exists():
            shutil.rmtree(uploads)
        uploads.mkdir(mode=0o700)
        if (Path(scratch) / UPLOADS).is_dir():
            shutil.copytree(Path(scratch) / UPLOADS, uploads, dirs_exist_ok=True)
        uploads.chmod(0o700)
    call_command("migrate", interactive=False, verbosity=0)
    return manifest
