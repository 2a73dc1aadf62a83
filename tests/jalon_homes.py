"""Jalon homes for the tests that run `jalon` in a process of its own (tests/server, tests/cli).

`jalon migrate` costs some 4 s of CPU and `jalon demo` 3 s more: they run once per test process, into a
template home (and, for an installation on PostgreSQL, a template database), and each test that needs a
migrated home, or one with the demo, gets a copy of it — the same files the commands write, the database
copied by SQLite's file or by PostgreSQL's ``CREATE DATABASE … TEMPLATE``. The tests whose subject is the
command itself still run it (`migrate` on a new home: tests/server/test_security.py).

Under xdist the SQLite templates are made once for the whole run, not once per worker: in the run's shared
temporary folder, by the first worker that asks, under a lock the other waits on (both workers built them,
some 7 s of CPU each, in every `make test-sqlite`). A PostgreSQL template stays the worker's own: its
database is dropped at the worker's end, and ``CREATE DATABASE … TEMPLATE`` refuses a template another
session is copying."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import pytest

JALON = str(Path(sys.executable).with_name("jalon"))
DEMO_PASSWORD = "home-password-1"  # the demo accounts' password in a home with the demo
Kind = Literal["migrated", "demo"]


def environment(home: Path, database_url: str = "", **extra: str) -> dict[str, str]:
    """The environment of a `jalon` command on ``home`` (and ``database_url``), none of the test run's own."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    clean.update({"JALON_HOME": str(home), "JALON_LANGUAGE": "en", "JALON_DEMO_PASSWORD": DEMO_PASSWORD})
    if database_url:
        clean["JALON_DATABASE_URL"] = database_url
    return clean | extra


def _run(*args: str, home: Path, database_url: str = "") -> None:
    done = subprocess.run(
        [JALON, *args],
        env=environment(home, database_url),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, (args, done.stderr)


class Templates:
    """The template homes of this test process (of the run, on SQLite under xdist), each made the first time
    a test asks for it."""

    def __init__(self, root: Path, shared: Path | None = None) -> None:
        self.root = root  # this process's own (the PostgreSQL templates)
        self.shared = shared or root  # the SQLite templates: the run's, under xdist
        self.databases: list[tuple[str, str]] = []  # (server's address, template database) to drop at the end

    def _made(self, kind: Kind, server: str) -> tuple[Path, str]:
        """The template home of ``kind`` and its database's URL ('' on SQLite: the file in the home)."""
        home = self.root / f"{kind}-postgres" if server else self.shared / kind
        name = f"jalon_home_{kind}_{os.getpid()}"
        url = f"{server}/{name}" if server else ""
        with _only_one_maker(home):
            if not home.exists():
                self._make(kind, home, server, name)
        return home, url

    def _make(self, kind: Kind, home: Path, server: str, name: str) -> None:
        url = f"{server}/{name}" if server else ""
        try:
            if kind == "demo":
                self._copy("migrated", home, server, url)
            elif server:
                _recreate(server, name)
            if server:
                self.databases.append((server, name))
            _run("demo" if kind == "demo" else "migrate", home=home, database_url=url)
        except BaseException:
            shutil.rmtree(home, ignore_errors=True)  # no half-made template for the next test
            raise

    def _copy(self, kind: Kind, target: Path, server: str, target_url: str) -> None:
        home, url = self._made(kind, server)
        shutil.copytree(home, target, symlinks=True)
        if url:
            _recreate(server, target_url.rsplit("/", 1)[1], template=url.rsplit("/", 1)[1])

    def copy(self, kind: Kind, target: Path, database_url: str = "") -> Path:
        """``target``: a home as `jalon migrate` (and `jalon demo` for ``"demo"``) leave it; on PostgreSQL
        the database ``database_url`` names is made again as they leave it (it need not exist)."""
        server = database_url.rsplit("/", 1)[0] if database_url else ""
        self._copy(kind, target, server, database_url)
        return target

    def drop(self) -> None:
        for server, name in reversed(self.databases):
            _drop(server, name)


@contextmanager
def _only_one_maker(home: Path) -> Iterator[None]:
    """Held while ``home`` is looked for and made: another worker making it is waited for, never copied
    half-made."""
    home.parent.mkdir(parents=True, exist_ok=True)
    with open(home.with_name(home.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _recreate(server: str, name: str, template: str = "") -> None:
    import psycopg

    with psycopg.connect(server + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def _drop(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def jalon_homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    own = tmp_path_factory.mktemp("jalon-homes")
    # An xdist worker's base folder is in the run's (pytest-xdist's advice for a fixture made once a run).
    shared = (
        tmp_path_factory.getbasetemp().parent / "jalon-homes" if "PYTEST_XDIST_WORKER" in os.environ else None
    )
    templates = Templates(own, shared)
    yield templates
    templates.drop()


@pytest.fixture
def migrated_home(jalon_homes: Templates, tmp_path: Path) -> Path:
    """``tmp_path / "home"``, as `jalon migrate` leaves a new home (SQLite)."""
    return jalon_homes.copy("migrated", tmp_path / "home")


@pytest.fixture
def demo_home(jalon_homes: Templates, tmp_path: Path) -> Path:
    """``tmp_path / "home"``, as `jalon migrate` then `jalon demo` leave it (SQLite; the demo accounts'
    password is ``DEMO_PASSWORD``)."""
    return jalon_homes.copy("demo", tmp_path / "home")
