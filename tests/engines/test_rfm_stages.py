"""Lifecycle stages in RFM terms: each customer in exactly one stage, prospects counted, gaps shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon.engines import rfm
from jalon.engines.rfm_stages import DEFAULT_STAGES, StageRule, StageRuleError, assign, count

pytestmark = pytest.mark.engine

AS_OF = date(2026, 1, 1)


def profiles_of(*customers: tuple[str, list[int]]) -> rfm.Profiles:
    """Customers with the days (before AS_OF) of their orders."""
    rows = [(name, AS_OF - timedelta(days=ago), 10.0) for name, agos in customers for ago in agos]
    return rfm.profiles(rfm.Orders.from_rows(rows), as_of=AS_OF)


def stage_of(found: rfm.Profiles, name: str) -> str:
    return DEFAULT_STAGES[int(assign(found)[found.customer_ids.index(name)])].key


def test_default_stages_read_like_the_lifecycle() -> None:
    found = profiles_of(
        ("newcomer", [20]),
        ("regular", [10, 100, 200, 300]),
        ("occasional", [150, 400]),
        ("slipping", [200, 500]),
        ("gone", [400, 700]),
    )
    assert stage_of(found, "newcomer") == "new"
    assert stage_of(found, "regular") == "loyal"
    assert stage_of(found, "occasional") == "active"
    assert stage_of(found, "slipping") == "at_risk"
    assert stage_of(found, "gone") == "inactive"


def test_counts_put_prospects_in_the_prospect_stage_and_add_up() -> None:
    found = profiles_of(("a", [5]), ("b", [200, 300]), ("c", [800]))
    counts = count(found, prospects=40)
    by_key = {c.stage.key: c.customers for c in counts.stages}
    assert by_key["prospect"] == 40
    assert counts.total == 43 and counts.unmatched == 0


def test_a_stage_list_with_a_gap_counts_the_unmatched_customers() -> None:
    stages = (StageRule("recent", "Récent", "Recent", recency_days_max=30),)
    counts = count(profiles_of(("a", [5]), ("b", [200])), stages, prospects=3)
    assert counts.stages[0].customers == 1
    assert counts.unmatched == 1 and counts.prospects_unplaced == 3


def test_impossible_stage_bounds_are_refused() -> None:
    with pytest.raises(StageRuleError):
        StageRule("x", "x", "x", orders_min=5, orders_max=2)
    with pytest.raises(StageRuleError):
        StageRule("x", "x", "x", recency_days_max=-1)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=900), min_size=1, max_size=6), min_size=1, max_size=25
    )
)
def test_every_customer_is_in_exactly_one_default_stage(orders_per_customer: list[list[int]]) -> None:
    found = profiles_of(*((f"c{n}", agos) for n, agos in enumerate(orders_per_customer)))
    counts = count(found)
    assert counts.unmatched == 0
    assert sum(c.customers for c in counts.stages) == len(found)
    stage = assign(found)
    for index in range(len(found)):
        accepting = [i for i, rule in enumerate(DEFAULT_STAGES) if rule.accepts(found)[index]]
        assert stage[index] == accepting[0]
