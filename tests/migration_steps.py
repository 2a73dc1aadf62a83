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
    """Migrate the test database to ``targets``; the historical models there, of every app as the database
    then holds it: an app not named stays at its latest migration (or as far back as it must go, below), and
    its models have the columns it has since gained (a workspace's ``version``, NOT NULL, which a workspace
    written with the models of strategy 0005's own dependencies left out).

    An app asked for at its latest migration is taken back as far as it must be to stay below an app taken
    back: ``others_at_latest("planning")`` names history's latest migration, which needs planning's latest,
    so with planning taken back, history stops at its last migration that does not need what was undone."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    named = {app for app, _name in targets}
    whole = targets + [node for node in executor.loader.graph.leaf_nodes() if node[0] not in named]
    targets = _below_what_goes_back(executor, whole)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _below_what_goes_back(executor: MigrationExecutor, targets: Targets) -> Targets:
    graph = executor.loader.graph
    leaves = dict(graph.leaf_nodes())
    back = {app: name for app, name in targets if leaves.get(app) != name}
    undone: set[tuple[str, str]] = set()
    for app, name in back.items():
        later = set(graph.forwards_plan((app, leaves[app]))) - set(graph.forwards_plan((app, name)))
        undone |= {node for node in later if node[0] == app}
    kept: Targets = []
    for node in targets:
        while node[0] not in back and undone & set(graph.forwards_plan(node)):
            parents = [parent.key for parent in graph.node_map[node].parents if parent.key[0] == node[0]]
            node = parents[0]
        kept.append(node)
    return kept


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
