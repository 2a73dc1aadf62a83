"""One loaded demo for the browser tests that only read, instead of one emptied and written again per test.

A browser test commits what it writes (the live server reads it from another connection), so pytest-django
empties every table after it (``flush``) and the next test writes the demo and its members again: some
0.4 s of CPU a test, spent even by the many tests that only look at pages. A test marked ``reads_only``
(the marker ``MARK``) finds the demo and its members (the ``members`` fixture's) as the first such test
loaded them, and leaves them for the next one; nothing is emptied between them. The first test that is not
marked so empties the tables first, as it would after any browser test (``leave``).

The guard: the database is read before and after each such test, every row of every table
(``fingerprint``); a test that changed, added or deleted a row fails, naming the tables, and the tables are
emptied so that nothing it wrote reaches the next test. Logging in (``log_in`` in conftest.py) writes what is
not the test's own doing: a session row, a row of django-axes's log of logins, the person's last login and,
asked for, their language. Those are left out of the comparison and put back after each test (the sessions
and the log emptied, as loaded; last login and language as loaded), so a test that reads in English leaves
the next one reading in French as before. A cache a page fills as it reads (``CACHE_TABLES``: the KPIs'
stored forecasts) is left out of the comparison too, and kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

MARK = "reads_only"
# The tables logging in adds a row to: the session, django-axes's log of each login.
LOGIN_TABLES = ("django_session", "axes_accesslog")
# The columns log_in writes on the person logging in (see above).
LOGIN_COLUMNS = ("last_login", "language")
# Caches a page fills as it reads: a KPI's forecast stored at its first view (``StoredForecast``, read only
# for the data it was computed from, so a row one test left can never show another test a wrong figure).
CACHE_TABLES = ("strategy_storedforecast",)


@dataclass
class Shared:
    roadmap_pk: int
    members: dict[str, int]  # role -> the user's key
    logins: list[tuple[Any, ...]]  # each user's key, last login and language as loaded
    fingerprint: dict[str, str]  # table -> digest of its rows


_shared: list[Shared] = []  # the demo this test process holds loaded, if any


def reads_only(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker(MARK) is not None


def _tables() -> list[tuple[str, str]]:
    """Each table's name and the columns compared (every one, less the login columns of the users)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db import connection

    users = get_user_model()
    tables = []
    for model in apps.get_models(include_auto_created=True):
        if (
            not model._meta.managed
            or model._meta.proxy
            or model._meta.db_table in LOGIN_TABLES + CACHE_TABLES
        ):
            continue
        columns = [f.column for f in model._meta.concrete_fields]
        if model is users:
            columns = [c for c in columns if c not in LOGIN_COLUMNS]
        quote = connection.ops.quote_name
        tables.append((quote(model._meta.db_table), ", ".join(quote(c) for c in columns)))
    return sorted(set(tables))


def fingerprint() -> dict[str, str]:
    """Each table's rows, read in key order and hashed."""
    from django.db import connection

    digests = {}
    with connection.cursor() as cursor:
        for table, columns in _tables():
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY 1")
            digests[table] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return digests


def _logins() -> list[tuple[Any, ...]]:
    from django.contrib.auth import get_user_model

    return list(get_user_model()._base_manager.order_by("pk").values_list("pk", *LOGIN_COLUMNS))


def _login_rows() -> int:
    from django.db import connection

    rows = 0
    with connection.cursor() as cursor:
        for table in LOGIN_TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            rows += cursor.fetchone()[0]
    return rows


def _put_logins_back(logins: list[tuple[Any, ...]]) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    users = get_user_model()._base_manager
    now = {row[0]: row for row in _logins()}
    for row in logins:
        if now.get(row[0]) != row:
            users.filter(pk=row[0]).update(**dict(zip(LOGIN_COLUMNS, row[1:], strict=True)))
    with connection.cursor() as cursor:
        for table in LOGIN_TABLES:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def flush() -> None:
    """Empty every table, as pytest-django does after a browser test (Django's TransactionTestCase)."""
    from django.core.management import call_command
    from django.db import connections

    for alias in connections:
        call_command("flush", verbosity=0, interactive=False, database=alias, reset_sequences=False)


def leave() -> None:
    """Before a test not marked ``reads_only``: the tables emptied if the shared demo is loaded."""
    if _shared:
        _shared.clear()
        flush()


def around(request: pytest.FixtureRequest, load: Any) -> Iterator[None]:
    """Around a ``reads_only`` test: the shared demo loaded if it is not (``load()`` loads it and returns its
    roadmap's key and its members' keys by role); after the test, the guard."""
    if not _shared:
        roadmap_pk, members = load()
        assert not _login_rows(), "the demo's loading logged someone in: its rows would be deleted"
        _shared.append(Shared(roadmap_pk, members, _logins(), fingerprint()))
    shared = _shared[0]
    yield
    _put_logins_back(shared.logins)
    after = fingerprint()
    changed = sorted(table for table, digest in after.items() if shared.fingerprint.get(table) != digest)
    if changed:
        leave()
        pytest.fail(
            f"{request.node.nodeid} is marked {MARK} but wrote into {', '.join(changed)}: "
            f"remove the mark (its tables were emptied for the next test)",
            pytrace=False,
        )


def shared() -> Shared:
    return _shared[0]
