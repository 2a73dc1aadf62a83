"""Imports read and check everything before they write, then write in one short transaction: another
person's save is never locked out while a file is being read (issue 13, a 5,000-row CSV import kept
every other writer waiting 20 s, then failing)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection, transaction

from jalon.demo.synthetic import create_synthetic
from jalon.documents.csv_write import import_activities
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.strategy.kpis import forecast_store
from jalon.workspaces.models import Workspace

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite's one writer"
    ),
]


def another_writer_can_write() -> bool:
    """Whether another connection could start writing now, without waiting."""
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


COMMITTED = "(committed)"


@contextmanager
def each_statement_checked() -> Iterator[list[tuple[str, bool]]]:
    """Before every statement the import runs: its first word, and whether another writer could write; then
    ``COMMITTED`` once its transaction has committed, before the KPIs' forecasts computed after it
    (``forecast_store.after_commit``: reads, and each forecast stored in a short transaction of its own)."""
    seen: list[tuple[str, bool]] = []

    def probe(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append((sql.split(None, 1)[0].upper(), another_writer_can_write()))
        return execute(sql, params, many, context)

    real = forecast_store.after_commit

    def marked(*args: Any, **kwargs: Any) -> None:
        transaction.on_commit(lambda: seen.append((COMMITTED, another_writer_can_write())))
        real(*args, **kwargs)

    with connection.execute_wrapper(probe), mock.patch.object(forecast_store, "after_commit", marked):
        yield seen


def assert_reads_first_then_one_short_write(seen: list[tuple[str, bool]], *, at_most: int) -> None:
    """Every statement before the transaction left others free to write; the transaction is the last
    thing the import does, and it is short."""
    if any(word == COMMITTED for word, _free in seen):
        committed = next(i for i, (word, _free) in enumerate(seen) if word == COMMITTED)
        assert seen[committed][1], "the lock outlived the import's transaction"
        seen = seen[:committed]
    begin = next(i for i, (word, _free) in enumerate(seen) if word in ("BEGIN", "INSERT", "UPDATE", "DELETE"))
    reading, writing = seen[:begin], seen[begin:]
    assert writing[0][0] == "BEGIN"
    assert reading and all(free for _word, free in reading), "another writer was locked out while reading"
    assert not any(free for _word, free in writing[1:]), "the write is one transaction, at the end"
    assert len(writing) <= at_most, f"{len(writing)} statements hold the write lock"


def csv_of(rows: int, prefix: str = "n") -> str:
    lines = ["key,title,status,start,end,dependencies"]
    for i in range(rows):
        after = f"{prefix}{i - 1}" if i % 2 else ""
        lines.append(f"{prefix}{i},Nouvelle action {i},planned,2026-03-02,2026-03-20,{after}")
    return "\n".join(lines) + "\n"


def test_another_writer_can_write_while_a_csv_import_reads_and_checks_its_rows(demo) -> None:
    with each_statement_checked() as seen:
        created = import_activities(actor=None, roadmap=demo.roadmap, text=csv_of(200))
    assert len(created) == 200
    assert_reads_first_then_one_short_write(seen, at_most=40)


def test_the_csv_write_does_not_grow_statement_by_statement_with_the_rows(demo) -> None:
    with each_statement_checked() as small:
        import_activities(actor=None, roadmap=demo.roadmap, text=csv_of(20))
    with each_statement_checked() as large:
        import_activities(actor=None, roadmap=demo.roadmap, text=csv_of(400, prefix="m"))
    writes = [sum(1 for word, _ in seen if word == "INSERT") for seen in (small, large)]
    assert writes[1] < 20 * writes[0], writes  # bulk inserts: batches, not one statement per row


def test_another_writer_can_write_while_a_roadmap_file_is_read_and_checked(db) -> None:
    text = export_roadmap(actor=None, roadmap=create_synthetic(n=60, workspace_slug="source"), fmt="yaml")
    target = Workspace.objects.create(slug="cible", name="Cible")
    with each_statement_checked() as seen:
        roadmap = import_roadmap(actor=None, workspace=target, text=text, fmt="yaml")
    assert roadmap.activities.count() == 60
    assert_reads_first_then_one_short_write(seen, at_most=60)


def test_the_replaced_roadmap_is_exported_before_the_transaction_unless_someone_wrote_since(demo) -> None:
    from jalon.documents.services import _Kept

    kept = _Kept.read(demo.roadmap)
    assert kept.still_current(demo.roadmap)  # nobody wrote: the file read before the lock is the roadmap
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    first = "(SELECT min(id) FROM planning_activity)"
    other.execute(f"UPDATE planning_activity SET title = 'Changed meanwhile' WHERE id = {first}")
    other.close()
    assert not kept.still_current(demo.roadmap)  # someone saved: the import reads it again inside


def test_a_replace_import_keeps_the_roadmap_as_it_was_at_the_moment_of_the_write(demo) -> None:
    from jalon.history.models import RoadmapVersion

    text = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="yaml")
    with each_statement_checked() as seen:
        import_roadmap(
            actor=None, workspace=demo.workspace, text=text, fmt="yaml", replace=True, confirmed=True
        )
    assert RoadmapVersion.objects.get().document == export_roadmap(
        actor=None, roadmap=demo.roadmap.__class__.objects.get(slug="cloud-kicks"), fmt="json"
    )
    # inside: the replaced roadmap's cascade delete, a numbering query per table and the inserts; its
    # export (15 more queries, most of the time) was read before the lock
    assert_reads_first_then_one_short_write(seen, at_most=90)
