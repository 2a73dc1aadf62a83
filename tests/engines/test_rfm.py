"""The RFM engine: profiles, quintile scores, segments and their names, on hand-made orders, on random
orders (properties) and on the first 400 customers of the CDNOW file (fixtures/cdnow_first_400.txt,
copied from Fader & Hardie's data set as shipped by the Lifetimes package, MIT)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalon.documents.orders_file import read_orders
from jalon.engines import rfm
from jalon.engines.rfm_names import NAMES, name_segments
from tests.engines.samples import CDNOW_SAMPLE

pytestmark = pytest.mark.engine

DAY = date(2026, 1, 1)


@pytest.fixture(scope="module")
def cdnow() -> rfm.Orders:
    return read_orders(CDNOW_SAMPLE.read_bytes(), filename=CDNOW_SAMPLE.name).orders


def orders(*rows: tuple[str, int, float]) -> rfm.Orders:
    return rfm.Orders.from_rows(
        (customer, DAY + timedelta(days=day), amount) for customer, day, amount in rows
    )


def test_profiles_count_recency_to_the_day_after_the_last_order_by_default() -> None:
    found = rfm.profiles(orders(("ann", 0, 10.0), ("ann", 30, 20.0), ("bob", 10, 5.0)))
    assert found.as_of == DAY + timedelta(days=31)
    by_id = dict(zip(found.customer_ids, range(len(found)), strict=True))
    ann, bob = by_id["ann"], by_id["bob"]
    assert found.recency_days[ann] == 1 and found.recency_days[bob] == 21
    assert found.tenure_days[ann] == 31
    assert found.orders[ann] == 2 and found.revenue[ann] == pytest.approx(30.0)


def test_profiles_leave_out_orders_after_as_of() -> None:
    found = rfm.profiles(
        orders(("ann", 0, 10.0), ("ann", 30, 20.0), ("bob", 40, 5.0)), as_of=DAY + timedelta(days=20)
    )
    assert found.customer_ids == ("ann",)
    assert found.orders[0] == 1 and found.recency_days[0] == 20


def test_quantile_scores_give_equal_values_equal_scores_and_follow_the_order() -> None:
    values = np.array([1, 1, 1, 1, 2, 3, 4, 5, 6, 7])
    scores = rfm.quantile_scores(values)
    assert len(set(scores[:4].tolist())) == 1
    assert list(scores) == sorted(scores)
    assert scores.min() >= 1 and scores.max() == 5


def test_a_recent_frequent_big_spender_scores_five_on_each_axis() -> None:
    rows = [("star", day, 200.0) for day in range(0, 100, 5)]
    rows += [(f"c{n}", n, 10.0) for n in range(20)]
    found = rfm.profiles(orders(*rows))
    star = found.customer_ids.index("star")
    assert (found.r_score[star], found.f_score[star], found.m_score[star]) == (5, 5, 5)


def test_segment_names_follow_the_profile_not_the_order() -> None:
    best, worst = (5.0, 5.0, 5.0), (1.0, 1.0, 1.0)
    assert [n.key for n in name_segments([best, worst])] == ["champions", "lost"]
    assert [n.key for n in name_segments([worst, best])] == ["lost", "champions"]


def test_segment_names_are_distinct_even_for_alike_profiles() -> None:
    names = name_segments([(5.0, 5.0, 5.0), (4.9, 4.9, 4.9), (4.8, 5.0, 4.9)])
    assert len({name.key for name in names}) == 3
    assert all(name.fr and name.en for name in NAMES)


def test_cdnow_sample_segments_cover_every_customer_and_all_revenue(cdnow: rfm.Orders) -> None:
    result = rfm.segment(cdnow, seed=0)
    assert result.status is rfm.Status.SEGMENTED
    assert result.customers == 400
    assert 4 <= len(result.segments) <= 6
    assert sum(s.customers for s in result.segments) == 400
    assert sum(s.revenue_share for s in result.segments) == pytest.approx(1.0)
    assert sum(s.revenue for s in result.segments) == pytest.approx(float(cdnow.amount.sum()))
    assert result.as_of == date(1998, 7, 1)  # the last CDNOW order is on 30 June 1998


def test_cdnow_sample_segment_figures_match_their_customers(cdnow: rfm.Orders) -> None:
    result = rfm.segment(cdnow, segments=5, seed=3)
    profiles = result.profiles
    for segment in result.segments:
        members = result.labels == segment.index
        assert segment.customers == int(members.sum())
        assert segment.recency_days == pytest.approx(profiles.recency_days[members].mean())
        assert segment.orders_per_customer == pytest.approx(profiles.orders[members].mean())
        assert segment.average_basket == pytest.approx(
            profiles.revenue[members].sum() / profiles.orders[members].sum()
        )
    shares = [s.revenue_share for s in result.segments]
    assert shares == sorted(shares, reverse=True)


def test_cdnow_sample_champions_outscore_the_sleepiest_segment(cdnow: rfm.Orders) -> None:
    result = rfm.segment(cdnow, segments=4, seed=0)
    by_key = {s.name.key: s for s in result.segments}
    assert "champions" in by_key
    champions = by_key["champions"]
    weakest = min(result.segments, key=lambda s: s.r_score + s.f_score + s.m_score)
    assert weakest.name.key in {"hibernating", "lost", "about_to_sleep"}
    assert champions.recency_days < weakest.recency_days
    assert champions.orders_per_customer > weakest.orders_per_customer


def test_cdnow_sample_is_deterministic_with_a_seed(cdnow: rfm.Orders) -> None:
    first = rfm.segment(cdnow, seed=7)
    second = rfm.segment(cdnow, seed=7)
    assert np.array_equal(first.labels, second.labels)
    assert first.as_json() == second.as_json()


def test_asking_for_a_segment_count_gives_that_many(cdnow: rfm.Orders) -> None:
    for count in (4, 5, 6):
        assert len(rfm.segment(cdnow, segments=count).segments) == count


def test_fewer_distinct_customers_than_segments_gives_fewer_segments() -> None:
    result = rfm.segment(orders(("a", 0, 10.0), ("b", 0, 10.0), ("c", 5, 50.0)), segments=4)
    assert result.status is rfm.Status.FEWER_SEGMENTS
    assert len(result.segments) == 2
    assert sum(s.customers for s in result.segments) == 3


def test_no_orders_before_as_of_is_a_status_not_an_error() -> None:
    result = rfm.segment(orders(("a", 10, 10.0)), as_of=DAY)
    assert result.status is rfm.Status.NO_ORDERS
    assert result.segments == () and result.orders_after_as_of == 1


def test_bad_orders_are_refused() -> None:
    with pytest.raises(rfm.OrdersError):
        orders(("a", 0, -5.0))
    with pytest.raises(rfm.OrdersError):
        rfm.segment(orders(("a", 0, 5.0)), segments=12)


order_rows = st.lists(
    st.tuples(
        st.sampled_from([f"c{n}" for n in range(30)]),
        st.integers(min_value=0, max_value=400),
        st.floats(min_value=0, max_value=500, allow_nan=False).map(lambda x: round(x, 2)),
    ),
    min_size=1,
    max_size=120,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=order_rows, segments=st.sampled_from([None, 4, 5, 6]), seed=st.integers(0, 3))
def test_segment_sizes_always_sum_to_the_customers(
    rows: list[tuple[str, int, float]], segments: int | None, seed: int
) -> None:
    result = rfm.segment(orders(*rows), segments=segments, seed=seed)
    assert sum(s.customers for s in result.segments) == len({row[0] for row in rows}) == result.customers
    assert set(result.labels.tolist()) == set(range(len(result.segments)))
    assert len({s.name.key for s in result.segments}) == len(result.segments)
    again = rfm.segment(orders(*rows), segments=segments, seed=seed)
    assert np.array_equal(result.labels, again.labels)


def test_without_orders_the_day_to_count_to_must_be_given_the_engine_reads_no_clock() -> None:
    with pytest.raises(ValueError, match="as_of"):
        rfm.segment(orders())
    assert rfm.segment(orders(), as_of=DAY).as_of == DAY
