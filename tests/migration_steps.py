"""Running the migrations to a given point in a test, for the data-migration tests: the rows are written with
the historical models of the step before, then the migration under test runs for real."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

Targets = list[tuple[str, str]]


def latest() -> Targets:
    """Every app at its latest migration."""
    return list(MigrationExecutor(connection).loader.graph.leaf_nodes())


def others_at_latest(app: str) -> Targets:
    """Every app but ``app`` at its latest migration: their columns (a roadmap's sector…) are in the state."""
    return [node for node in latest() if node[0] != app]


def migrate(targets: Targets) -> Apps:
    """Migrate the test database to ``targets``; the historical models there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def back_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@contextmanager
def migrated_to(targets: Targets) -> Iterator[Apps]:
    """The database at ``targets`` (its historical models given) for the block, then at the latest schema
    again, whatever happened: a test failing half-way, or the migration back itself failing after some of
    its steps, used to leave the test database at an old schema, and every later test of the same process
    failed on a missing column (tests/test_migration_steps.py)."""
    try:
        yield migrate(targets)
    finally:
        back_to_latest()
