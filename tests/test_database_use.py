"""The PostgreSQL group runs only the tests that use the database (tests/database_use.py): the rule reads the
test's marks and its whole fixture closure, so a fixture that asks for the database (``make_user`` asks
for ``db``) keeps the test that asks for the fixture."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.database_use import on_postgres, uses_database


def test_a_test_without_database_mark_or_fixture_uses_no_database(request: pytest.FixtureRequest) -> None:
    assert not uses_database(request.node)


def test_a_test_asking_for_settings_and_tmp_path_only_uses_no_database(
    request: pytest.FixtureRequest, settings, tmp_path
) -> None:
    assert not uses_database(request.node)


def test_a_test_asking_for_a_fixture_that_asks_for_db_uses_the_database(
    request: pytest.FixtureRequest, make_user
) -> None:
    assert uses_database(request.node)


@pytest.mark.django_db
def test_a_test_marked_django_db_uses_the_database(request: pytest.FixtureRequest) -> None:
    assert uses_database(request.node)


@pytest.mark.database
def test_a_test_marked_database_uses_the_database(request: pytest.FixtureRequest) -> None:
    assert uses_database(request.node)


def test_a_test_using_the_live_server_uses_the_database(request: pytest.FixtureRequest, live_server) -> None:
    assert uses_database(request.node)


def test_tests_are_left_out_only_when_the_database_is_postgresql(db) -> None:
    assert on_postgres() == (connection.vendor == "postgresql")
