"""Choosing the benchmarks that apply to a KPI and drawing their band across sources."""

from __future__ import annotations

from typing import Any

import pytest

from jalon.engines.benchmark_band import BandQuery, BenchmarkPoint, Position, band, position

pytestmark = pytest.mark.engine


def point(pid: str, value: float, **extra: Any) -> BenchmarkPoint:
    return BenchmarkPoint(
        id=pid,
        metric_id=str(extra.pop("metric", "cart")),
        low=value,
        high=value,
        year=int(extra.pop("year", 2020)),
        **extra,
    )


POINTS = (
    point("all-2021", 69.8, sector="ecommerce", year=2021),
    point("all-2018", 76.9, sector="ecommerce", year=2018),
    point("fashion-2018", 73.5, sector="fashion", year=2018),
    point("fashion-2016", 67.4, sector="fashion", year=2016),
    point("mobile-fr", 70.0, sector="ecommerce", region="fr", device="mobile", year=2017),
    point("mobile", 80.0, sector="ecommerce", device="mobile", year=2023),
    point("best", 40.0, sector="ecommerce", statistic="top_decile", year=2023),
    point("other-metric", 2.0, metric="conversion"),
)


def test_the_band_spans_every_source_for_the_sector_newest_first() -> None:
    found = band(POINTS, BandQuery("cart", sector="fashion"))
    assert found is not None
    assert (found.low, found.high) == (67.4, 73.5)
    assert [p.id for p in found.points] == ["fashion-2018", "fashion-2016"]
    assert not found.sector_fallback


def test_a_sector_without_figures_falls_back_to_the_broad_ones_and_says_so() -> None:
    found = band(POINTS, BandQuery("cart", sector="jewellery"))
    assert found is not None and found.sector_fallback
    assert {p.id for p in found.points} == {"all-2021", "all-2018", "best"}


def test_a_top_decile_figure_is_listed_but_does_not_widen_the_band() -> None:
    found = band(POINTS, BandQuery("cart"))
    assert found is not None
    assert "best" in [p.id for p in found.points]
    assert (found.low, found.high) == (69.8, 76.9)


def test_a_device_selects_its_own_figures() -> None:
    found = band(POINTS, BandQuery("cart", device="mobile"))
    assert found is not None and {p.id for p in found.points} == {"mobile-fr", "mobile"}
    assert (found.low, found.high) == (70.0, 80.0)


def test_a_region_is_preferred_when_some_figure_has_it() -> None:
    french = band(POINTS, BandQuery("cart", device="mobile", region="fr"))
    assert (
        french is not None and [p.id for p in french.points] == ["mobile-fr"] and not french.region_fallback
    )
    german = band(POINTS, BandQuery("cart", device="mobile", region="de"))
    assert german is not None and german.region_fallback and len(german.points) == 2


def test_a_metric_without_benchmarks_has_no_band() -> None:
    assert band(POINTS, BandQuery("nps")) is None


def test_a_value_is_placed_below_within_or_above_the_band() -> None:
    found = band(POINTS, BandQuery("cart", sector="fashion"))
    assert found is not None
    assert position(60, found) is Position.BELOW
    assert position(70, found) is Position.WITHIN
    assert position(73.5, found) is Position.WITHIN
    assert position(85, found) is Position.ABOVE
