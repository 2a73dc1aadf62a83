"""Which tests use the database, for the PostgreSQL group: it runs only those (a test that reads no row proves
the same thing on SQLite, which runs every test). A test uses the database when it carries the
``django_db`` mark, asks for one of pytest-django's database fixtures — itself or through the fixtures it
asks for (``demo``, ``team``, ``members``…: pytest's fixture closure) — or carries the ``database`` mark,
which says it reaches the database on its own (a ``jalon`` command or psycopg on the database
``JALON_DATABASE_URL`` names: tests/server/test_backup.py).

Without the mark or one of these fixtures, pytest-django blocks every query: a test left out here would
fail on SQLite at its first query."""

from __future__ import annotations

import pytest

# ``django_db_blocker`` is not one of them: pytest-django's autouse fixtures ask for it in every test.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "django_db_setup",
        "_django_db_helper",
    }
)
DATABASE_MARKS = ("django_db", "database")
LEFT_OUT = "database_use_left_out"  # the number a worker sends back to the controller (xdist's workeroutput)


def uses_database(item: pytest.Item) -> bool:
    if any(item.get_closest_marker(mark) is not None for mark in DATABASE_MARKS):
        return True
    return not DATABASE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))


def on_postgres() -> bool:
    from django.conf import settings

    return bool(settings.configured) and any(
        database["ENGINE"] != "django.db.backends.sqlite3" for database in settings.DATABASES.values()
    )


def leave_out_tests_without_database(config: pytest.Config, items: list[pytest.Item]) -> int:
    """Under PostgreSQL, deselect the tests that use no database; the number left out."""
    if not on_postgres():
        return 0
    kept = [item for item in items if uses_database(item)]
    left_out = [item for item in items if not uses_database(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
    return len(left_out)


def summary(count: int) -> str:
    return (
        f"PostgreSQL: {count} tests that use no database left out (they run on SQLite; tests/database_use.py)"
    )
