"""Shared fixtures: users of every role in the Cloud Kicks demo workspace, plus an outsider.

Writing a fast test (README, "Tests"): the cheapest fixture that shows the behaviour — no database fixture
for a pure function (the PostgreSQL group then leaves it out), ``team`` rather than ``demo``, ``demo`` rather
than loading the demo; Cloud Kicks' documents through ``document`` (tests/reports/conftest.py, made once per
process); one LibreOffice conversion (some 3.5 s of CPU) per behaviour, not per parametrised case; a solver's
time limit that a small problem never reaches (quality belongs to ``make bench``); a fixture of seconds built
once, its tests one ``xdist_group``. Measure in CPU, not wall-clock: ``JALON_TEST_CPU_LOG``
(tests/cpu_times.py)."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings as hypothesis_settings

from tests.jalon_homes import demo_home, jalon_homes, migrated_home  # noqa: F401 (fixtures)

pytest_plugins = ["tests.cpu_times"]  # each test's CPU, when JALON_TEST_CPU_LOG names a file prefix

if TYPE_CHECKING:
    from jalon.accounts.models import User
    from jalon.demo.loader import DemoOutcome
    from tests.demo_rows import DemoRows
    from tests.factories import Team

# Hypothesis draws the same examples on every run of `make test` ("ci", derandomized, no example database):
# a property test found a counterexample in one run out of many (a line of empty cells read as a blank line,
# as the test did not expect), and a red CI that the next run cannot show again is a flaky test. To look
# for new counterexamples, run with JALON_HYPOTHESIS=explore (random draws, ten times as many), and keep
# what it finds as an @example.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False, max_examples=1_000)
hypothesis_settings.load_profile(os.environ.get("JALON_HYPOTHESIS", "ci"))

# Python's collector runs a full pass every 700 net allocations of containers by default: a test process,
# which builds and drops thousands of model instances, templates and forms a second, spent some 10 % of its
# CPU in it. Less often: tests/planning alone (849 tests, one process, quiet machine, two runs each) 105.9 →
# 97.1 s of CPU (-8 %) for 77 MB more at its peak (497 → 574 MB). The product's own processes keep Python's
# defaults.
gc.set_threshold(50_000, 20, 20)

DEMO_PASSWORD = "demo-password-1"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_left_out = pytest.StashKey[int]()
_folders = pytest.StashKey[dict[Path, pytest.Directory]]()


def pytest_configure(config: pytest.Config) -> None:
    """pytest-xdist's mark, known also without the plugin (``-p no:xdist``, as one runs a single module):
    ``--strict-markers`` refused the modules that carry it (tests/reports/test_documents_one_language.py)."""
    config.addinivalue_line("markers", "xdist_group(name): run in one xdist worker with its group's tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under PostgreSQL, only the tests that use the database run (tests/database_use.py). The tests marked
    ``slow`` (a minute or more) come first: xdist hands the tests out in this order (its groups before them),
    and one of them started last kept a worker busy a minute after the other had finished.
    ``--random-order-seed`` shuffles afterwards."""
    from tests.database_use import LEFT_OUT, leave_out_tests_without_database

    config.stash[_left_out] = leave_out_tests_without_database(config, items)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: the rest keep their order
    if hasattr(config, "workeroutput"):  # an xdist worker: its controller prints the number
        config.workeroutput[LEFT_OUT] = config.stash[_left_out]


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """One node per folder for the whole run, as pytest 9.2 keeps (pytest-dev/pytest#14964; pyproject.toml
    pins 9.1.1). A file given on the command line makes pytest collect its folder again, with new nodes for
    the sub-folders, while a sub-folder's conftest fixtures stay bound to the node it had the first time:
    with ``tests/reports/a.py tests/test_x.py tests/reports/b.py``, b.py's tests found no ``framed``, no
    ``document``. The sub-folders collected again are given back their first node
    (tests/test_conftest_fixtures.py)."""
    report = yield
    if isinstance(collector, pytest.Directory) and report.passed:
        folders = collector.session.stash.setdefault(_folders, {})
        report.result = [
            folders.setdefault(node.path, node) if isinstance(node, pytest.Directory) else node
            for node in report.result
        ]
    return report


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    from tests.database_use import LEFT_OUT

    if LEFT_OUT in getattr(node, "workeroutput", {}):
        node.config.stash[_left_out] = node.workeroutput[LEFT_OUT]  # every worker collects every test


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    from tests.database_use import summary

    if config.stash.get(_left_out, 0):
        terminalreporter.write_line(summary(config.stash[_left_out]))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, request: pytest.FixtureRequest
) -> None:
    """A test database of this test process's own: on SQLite JALON_HOME/test.sqlite3, on PostgreSQL
    test_<database> (``_gw0``… under xdist), followed by the process id; destroyed at the end of the run.

    Without the process id, two test runs on the same JALON_HOME (a long run in one shell, a single test in
    another; two worktree-less runs in one folder) shared one file: the second run deleted the first one's
    database to create its own, then deleted it again at its end. The first run's open connection went on
    with the deleted file, but every connection it opened next — after each transactional test, each page
    request, each job thread — found an empty new file: "no such table: accounts_user" in whatever test came
    next, passing alone and in the next run (tests/test_test_database.py). Two runs on one PostgreSQL server
    (two `make test-postgres` on one machine) collided the same way on test_jalon_gw0. ``--reuse-db`` keeps
    the database for the next run, so it keeps a name without the process id."""
    from django.conf import settings

    if request.config.getoption("reuse_db", False) and not request.config.getoption("create_db", False):
        return
    for database in settings.DATABASES.values():
        if database["ENGINE"] == "django.db.backends.sqlite3":
            database["TEST"]["NAME"] = f"{database['TEST']['NAME']}_{os.getpid()}"
        else:
            test = database.setdefault("TEST", {})
            test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_{os.getpid()}"


_after_flush: dict[str, list[tuple[Any, list[dict[str, Any]]]]] = {}


@pytest.fixture(scope="session", autouse=True)
def flush_writes_content_types_back() -> Iterator[None]:
    """After each test that commits (browser tests, ``transaction=True``), pytest-django empties every table
    with `flush`, whose post_migrate signal then makes the content types and permissions again, app by app:
    a third of a second a test, some 170 tests. What the signal wrote after the first flush is kept, and
    written back after the next ones in two inserts, under the same keys. If the signal wrote anything else
    (a receiver added one day), the signal runs every time, as before."""
    from django.core.management.commands import flush

    emit = getattr(flush, "emit_post_migrate_signal")  # noqa: B009 (the stubs do not declare it)

    def write_back(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
        if db in _after_flush:
            _write_back(db, _after_flush[db])
            return
        emit(verbosity, interactive, db, **kwargs)
        kept = _only_content_types_and_permissions(db)
        if kept is not None:
            _after_flush[db] = kept

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush, "emit_post_migrate_signal", write_back)
        yield


def _only_content_types_and_permissions(db: str) -> list[tuple[Any, list[dict[str, Any]]]] | None:
    """The content types and permissions the signal wrote in emptied tables; None if it wrote more."""
    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    kept = (ContentType, Permission)
    for model in apps.get_models(include_auto_created=True):
        if model not in kept and model._meta.managed and model._base_manager.using(db).exists():
            return None
    return [(model, [dict(row) for row in model._base_manager.using(db).values()]) for model in kept]


def _write_back(db: str, rows: list[tuple[Any, list[dict[str, Any]]]]) -> None:
    from django.contrib.contenttypes.models import ContentType

    for model, values in rows:
        model._base_manager.using(db).bulk_create([model(**row) for row in values])
    ContentType.objects.clear_cache()  # as the signal's receiver does: the keys it held were emptied


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's 1,000,000 rounds cost a quarter of a second per user created or logged in; tests check
    who may do what, not the hash's strength."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language and leaves it so: a test that activates a language and
    forgets it would otherwise change what later tests in the same worker read (tests passed or failed by
    their order)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def demo_rows(django_db_setup: None, django_db_blocker: Any) -> DemoRows:
    """The Cloud Kicks demo's rows, loaded once per test process through the same code as `jalon demo` (see
    tests/demo_rows.py), on a day its KPI measurements stand as the file writes them."""
    from django.test import override_settings

    from jalon.demo.dates import AS_WRITTEN
    from jalon.demo.loader import load_demo
    from tests.demo_rows import capture

    def load() -> tuple[int, int]:
        outcome = load_demo(password=DEMO_PASSWORD, today=AS_WRITTEN)
        return outcome.workspace.pk, outcome.roadmap.pk

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        return capture(load)


@pytest.fixture
def demo(demo_rows: DemoRows, db: None) -> DemoOutcome:
    """The Cloud Kicks demo, as `jalon demo` loads it (its rows written again for this test)."""
    from jalon.demo.loader import DEMO_EMAIL, DemoOutcome
    from jalon.strategy.models import Roadmap
    from tests.demo_rows import restore

    restore(demo_rows)
    # As load_demo returns it: the roadmap holds its workspace (query counts see no fetch of it).
    roadmap = Roadmap.objects.select_related("workspace").get(pk=demo_rows.roadmap_pk)
    return DemoOutcome(roadmap.workspace, roadmap, email=DEMO_EMAIL, generated_password=None)


@pytest.fixture
def team(db) -> Team:
    """A workspace with one user per role, without the demo: see tests/factories.py."""
    from tests.factories import make_team

    return make_team()


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    from jalon.accounts.models import User

    def make(email: str, *, language: str = "") -> User:
        return User.objects.create_user(email=email, password=DEMO_PASSWORD, language=language)

    return make


@pytest.fixture
def members(demo, make_user) -> dict[str, User]:
    """One user per role in the demo workspace, and an outsider with a workspace of their own."""
    from jalon.accounts.models import User
    from jalon.workspaces.models import Membership, Workspace

    users = {"owner": User.objects.get(email="demo@jalon.local")}
    for role in ("editor", "viewer", "stakeholder"):
        users[role] = make_user(f"{role}@example.com")
        Membership.objects.create(workspace=demo.workspace, user=users[role], role=role)
    users["outsider"] = make_user("outsider@example.com")
    other = Workspace.objects.create(slug="other", name="Other")
    Membership.objects.create(workspace=other, user=users["outsider"], role="owner")
    return users


@pytest.fixture
def server_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's own clock in UTC, as on a server: Django sets ``TZ`` to Europe/Paris when the tests
    configure it, which would hide a ``date.today()`` that the command line reads without Django."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
