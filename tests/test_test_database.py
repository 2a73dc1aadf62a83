"""Each test run has a test database of its own, so two runs on one JALON_HOME (a long run in one shell, a
single test in another) cannot delete each other's: the cause of a test failing once with "no such table:
accounts_user", then passing alone and in the next run. The same holds for two runs on one PostgreSQL server
(two `make test-postgres` at once on one machine): each has its database, named after its process, and
destroys it at its end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from jalon.accounts.models import User

ROOT = Path(__file__).resolve().parent.parent
ANOTHER_RUN = """
import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_a_test_of_another_run():
    from jalon.accounts.models import User

    assert not User.objects.exists()
    with open(os.environ["ANOTHER_RUN_DATABASE"], "w", encoding="utf-8") as file:
        file.write(connection.settings_dict["NAME"])
"""


def _exists(name: str) -> bool:
    if connection.vendor == "sqlite":
        return Path(name).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


@pytest.mark.django_db(transaction=True)
def test_another_test_run_on_the_same_home_or_server_leaves_this_run_s_database_alone(tmp_path: Path) -> None:
    User.objects.create_user(email="before@example.com")
    ours = connection.settings_dict["NAME"]
    other = tmp_path / "test_another_run.py"
    other.write_text(ANOTHER_RUN, encoding="utf-8")
    # The suite's fixtures as the conftest of the other run's folder: as a plugin (`-p tests.conftest`) they
    # came before pytest-django's, which took precedence, and the other run's database had no process id.
    (tmp_path / "conftest.py").write_text("from tests.conftest import *  # noqa: F403\n", encoding="utf-8")
    theirs = tmp_path / "their-database.txt"
    # The same JALON_HOME (and JALON_DATABASE_URL) and the suite's own fixtures: the other run creates its
    # test database, migrates it, runs its test and destroys its database, all while this one is open;
    # `--create-db` as `make test-postgres` runs.
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "--rootdir", str(ROOT),
         "-c", str(ROOT / "pyproject.toml"), "--create-db", str(other)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "JALON_HOME": str(settings.JALON_HOME), "PYTHONPATH": str(ROOT),
             "ANOTHER_RUN_DATABASE": str(theirs)},
    )  # fmt: skip
    output, _ = run.communicate(timeout=600)
    assert run.returncode == 0, output[-2000:]  # nor did this run harm the other one
    their_name = theirs.read_text(encoding="utf-8")
    assert ours.endswith(f"_{os.getpid()}") and their_name.endswith(f"_{run.pid}")
    assert not _exists(their_name)  # destroyed at the end of its run
    connection.close()  # as after a transactional test, a page request or in a job thread: a new connection
    assert _exists(ours)
    assert list(User.objects.values_list("email", flat=True)) == ["before@example.com"]
