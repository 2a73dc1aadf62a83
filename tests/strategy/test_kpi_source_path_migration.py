"""The upgrade to relative KPI source names (strategy 0005): a path written under any ``.../uploads/``
folder keeps the part after it, so a restored backup finds its files; other names are left alone, and
going back changes nothing. The rows are written with the historical models of strategy 0004."""

from __future__ import annotations

from datetime import date

import pytest

from tests.migration_steps import migrate, migrated_to

BEFORE = [("strategy", "0004_roadmap_sector")]
AFTER = [("strategy", "0005_kpi_source_relative_path")]


@pytest.fixture
def before_upgrade(transactional_db):
    """Old historical models; the database goes back to the latest schema after the test."""
    with migrated_to(BEFORE) as apps:
        yield apps


STORED = {
    "old-home": ("/srv/jalon/uploads/kpi-sources/7/ab12.csv", "kpi-sources/7/ab12.csv"),
    "uploads-twice": ("/home/uploads/jalon/uploads/kpi-sources/8/cd34.xlsx", "kpi-sources/8/cd34.xlsx"),
    "relative": ("kpi-sources/9/ef56.parquet", "kpi-sources/9/ef56.parquet"),
    "elsewhere": ("/tmp/feed.csv", "/tmp/feed.csv"),  # not under an uploads folder: reading refuses it
}


def _sources(apps) -> None:
    workspace = apps.get_model("workspaces", "Workspace").objects.create(slug="w", name="W")
    roadmap = apps.get_model("strategy", "Roadmap").objects.create(
        workspace=workspace, slug="r", title="R", type="strategic", start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )  # fmt: skip
    for key, (stored, _relative) in STORED.items():
        kpi = apps.get_model("strategy", "KPI").objects.create(
            roadmap=roadmap, key=key, name=key, frequency="weekly"
        )
        apps.get_model("strategy", "KPISource").objects.create(
            kpi=kpi, file_name="f", stored_path=stored, query="select 1"
        )


def _stored(apps) -> dict[str, str]:
    KPISource = apps.get_model("strategy", "KPISource")
    return dict(KPISource.objects.values_list("kpi__key", "stored_path"))


def test_upgrade_keeps_the_part_after_uploads_and_leaves_other_names_alone(before_upgrade):
    _sources(before_upgrade)
    after = migrate(AFTER)
    assert _stored(after) == {key: relative for key, (_stored_path, relative) in STORED.items()}


def test_going_back_leaves_the_relative_names_as_they_are(before_upgrade):
    _sources(before_upgrade)
    migrate(AFTER)
    back = migrate(BEFORE)
    assert _stored(back) == {key: relative for key, (_stored_path, relative) in STORED.items()}
