"""Each test run has a test database of its own, so two runs on one JALON_HOME (a long run in one shell, a
single test in another) cannot delete each other's: the cause of a test failing once with "no such table:
accounts_user", then passing alone and in the next run."""

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
import pytest

@pytest.mark.django_db
def test_a_test_of_another_run():
    from jalon.accounts.models import User

    assert not User.objects.exists()
"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="a SQLite file per run"
)
def test_another_test_run_on_the_same_home_leaves_this_run_s_database_alone(tmp_path: Path) -> None:
    User.objects.create_user(email="before@example.com")
    home = Path(connection.settings_dict["NAME"]).parent
    other = tmp_path / "test_another_run.py"
    other.write_text(ANOTHER_RUN, encoding="utf-8")
    # The same JALON_HOME and the suite's own fixtures (tests/conftest.py as a plugin): the other run creates
    # its test database, migrates it, runs its test and destroys its database, all while this one is open.
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "--rootdir", str(ROOT),
         "-c", str(ROOT / "pyproject.toml"), str(other)],
        cwd=ROOT, env={**os.environ, "JALON_HOME": str(home), "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    connection.close()  # as after a transactional test, a page request or in a job thread: a new connection
    assert Path(connection.settings_dict["NAME"]).exists()
    assert list(User.objects.values_list("email", flat=True)) == ["before@example.com"]
    assert done.returncode == 0, done.stdout[-2000:]  # nor did this run harm the other one
