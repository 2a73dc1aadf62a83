"""The upgrade to currency codes (strategy 0006): a currency saved as typed (« € », « usd ») becomes its
ISO 4217 code; a code stays; a value that names no currency is left alone. The rows are written with the
historical models of strategy 0005."""

from __future__ import annotations

from datetime import date

import pytest

from tests.migration_steps import migrate, migrated_to

BEFORE = [("strategy", "0005_kpi_source_relative_path")]
AFTER = [("strategy", "0006_roadmap_currency_code")]
SAVED = {"sign": ("€", "EUR"), "lower": ("usd", "USD"), "pound": ("£", "GBP"), "code": ("CHF", "CHF"),
         "nonsense": ("x1", "x1")}  # fmt: skip


@pytest.fixture
def before_upgrade(transactional_db):
    with migrated_to(BEFORE) as apps:
        yield apps


def test_upgrade_turns_typed_currencies_into_their_codes(before_upgrade):
    workspace = before_upgrade.get_model("workspaces", "Workspace").objects.create(slug="w", name="W")
    for slug, (typed, _code) in SAVED.items():
        before_upgrade.get_model("strategy", "Roadmap").objects.create(
            workspace=workspace, slug=slug, title=slug, type="strategic", start=date(2026, 1, 1),
            end=date(2026, 12, 31), currency=typed,
        )  # fmt: skip
    after = migrate(AFTER)
    found = dict(after.get_model("strategy", "Roadmap").objects.values_list("slug", "currency"))
    assert found == {slug: code for slug, (_typed, code) in SAVED.items()}
