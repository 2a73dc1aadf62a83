"""The upgrade to KPI tracking (strategy 0002) makes an objective's target and its main KPI's one value.

The data are written with the historical models of strategy 0001, as a roadmap from before the upgrade
would hold them, then the migrations run forward for real (SQLite, and PostgreSQL under
``JALON_DATABASE_URL``).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.migration_steps import migrate, migrated_to

BEFORE = [("strategy", "0001_initial")]
AFTER = [("strategy", "0002_kpi_tracking")]


@pytest.fixture
def before_upgrade(transactional_db):
    """Old historical models; the database goes back to the latest schema after the test."""
    with migrated_to(BEFORE) as apps:
        yield apps


def _roadmap(apps):
    workspace = apps.get_model("workspaces", "Workspace").objects.create(slug="w", name="W")
    return apps.get_model("strategy", "Roadmap").objects.create(
        workspace=workspace,
        slug="r",
        title="R",
        type="strategic",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )


def _objective(apps, roadmap, key: str, target: float | None):
    return apps.get_model("strategy", "Objective").objects.create(
        roadmap=roadmap, key=key, title=key, target=target
    )


def _kpi(apps, roadmap, objective, key: str, target: float | None, position: int):
    return apps.get_model("strategy", "KPI").objects.create(
        roadmap=roadmap,
        objective=objective,
        key=key,
        name=key,
        frequency="monthly",
        target=target,
        position=position,
    )


def test_upgrade_gives_the_main_kpi_its_objectives_target_and_leaves_other_kpis_alone(before_upgrade):
    apps = before_upgrade
    roadmap = _roadmap(apps)
    conversion = _objective(apps, roadmap, "conversion", 58.0)
    _kpi(apps, roadmap, conversion, "second", 12.0, position=2)
    _kpi(apps, roadmap, conversion, "main", 60.0, position=1)

    after = migrate(AFTER)
    KPI, Objective = after.get_model("strategy", "KPI"), after.get_model("strategy", "Objective")

    objective = Objective.objects.get(key="conversion")
    main = KPI.objects.get(key="main")
    assert objective.target == main.target == 58.0
    assert main.version == 2  # the change is a new version, so an open edit form sees it
    assert KPI.objects.get(key="second").target == 12.0
    assert objective.version == 1


def test_upgrade_gives_an_objective_without_a_target_its_main_kpis(before_upgrade):
    apps = before_upgrade
    roadmap = _roadmap(apps)
    churn = _objective(apps, roadmap, "churn", None)
    _kpi(apps, roadmap, churn, "churn-rate", 3.5, position=0)
    _objective(apps, roadmap, "no-kpi", 10.0)

    after = migrate(AFTER)
    KPI, Objective = after.get_model("strategy", "KPI"), after.get_model("strategy", "Objective")

    assert Objective.objects.get(key="churn").target == KPI.objects.get(key="churn-rate").target == 3.5
    assert Objective.objects.get(key="churn").version == 2
    assert Objective.objects.get(key="no-kpi").target == 10.0
