"""The data-migration tests take the test database back to an old schema: whatever happens there, it is at
the latest schema again afterwards. Before, a migration test failing half-way left it at the old one, and
every later test of the same process failed on a column that was missing (tests/migration_steps.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jalon.strategy.models import Roadmap
from tests.migration_steps import latest, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

TWO_STEPS_BACK = [("strategy", "0005_kpi_source_relative_path")]
ONE_STEP_BACK = [("strategy", "0006_roadmap_currency_code")]


def _at_the_latest_schema() -> bool:
    return MigrationExecutor(connection).migration_plan(latest()) == []


def test_a_migration_back_failing_half_way_leaves_the_database_at_the_latest_schema(monkeypatch) -> None:
    unapplied: list[str] = []
    unapply = MigrationExecutor.unapply_migration

    def fail_at_the_second_step(self, state, migration, fake=False):
        if unapplied:
            raise RuntimeError("the second step fails")
        unapplied.append(migration.name)
        return unapply(self, state, migration, fake=fake)

    monkeypatch.setattr(MigrationExecutor, "unapply_migration", fail_at_the_second_step)
    with pytest.raises(RuntimeError, match="second step"), migrated_to(TWO_STEPS_BACK):
        pytest.fail("the block runs only once the database is at the old schema")

    assert len(unapplied) == 1  # it was left half-way: one step undone, the next one failed
    assert _at_the_latest_schema()
    assert not Roadmap.objects.filter(archived_at__isnull=False).exists()  # 0007's column is there again


def test_a_test_failing_at_an_old_schema_leaves_the_database_at_the_latest_schema() -> None:
    with pytest.raises(AssertionError, match="at the old schema"), migrated_to(ONE_STEP_BACK) as apps:
        assert not _at_the_latest_schema()
        fields = {field.name for field in apps.get_model("strategy", "Roadmap")._meta.get_fields()}
        assert "archived_at" not in fields
        raise AssertionError("a test failing at the old schema")

    assert _at_the_latest_schema()
    assert not Roadmap.objects.filter(archived_at__isnull=False).exists()
