"""The executive view's objective status: on track, at risk, off track or not measured (docs/timeline.md)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from jalon.planning.timeline.views import objective_health

TODAY = date(2026, 12, 2)


def objective(**fields: Any) -> Any:
    values = {"baseline": 2.0, "target": 4.0, "direction": "increase", "deadline": date(2027, 1, 31)}
    return SimpleNamespace(**{**values, **fields})


def kpi(
    *points: tuple[date, float], target: float | None = None, band: tuple[float, float] | None = None
) -> Any:
    measurements = [SimpleNamespace(date=day, value=value) for day, value in points]
    low, high = band or (None, None)
    return SimpleNamespace(
        target=target, direction="band" if band else "increase", target_low=low, target_high=high, unit="%",
        measurements=SimpleNamespace(all=lambda: measurements),
    )  # fmt: skip


START, LATER = date(2026, 2, 28), date(2026, 10, 31)  # 245 of the 337 days to the deadline: 73 % of the way


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        (4.0, "on_track"),  # target met
        (3.5, "on_track"),  # 75 % of the way at 73 % of the time
        (3.1, "at_risk"),  # 55 %: more than half of 73 %
        (2.5, "off_track"),  # 25 %: less than half
        (1.8, "off_track"),  # the wrong way
    ],
)
def test_progress_is_compared_with_the_time_elapsed(latest: float, status: str) -> None:
    health = objective_health(objective(), [kpi((START, 2.0), (LATER, latest))], TODAY)
    assert health.status == status
    assert (health.value, health.measured_on, health.target) == (latest, LATER, 4.0)


def test_a_decrease_objective_is_on_track_when_the_value_falls_fast_enough() -> None:
    falling = objective(baseline=70.0, target=60.0, direction="decrease")
    assert objective_health(falling, [kpi((START, 70.0), (LATER, 62.0))], TODAY).status == "on_track"
    assert objective_health(falling, [kpi((START, 70.0), (LATER, 69.0))], TODAY).status == "off_track"


def test_a_passed_deadline_without_the_target_is_off_track() -> None:
    late = objective(deadline=date(2026, 11, 30))
    assert objective_health(late, [kpi((START, 2.0), (LATER, 3.9))], TODAY).status == "off_track"


def test_the_kpi_target_wins_over_the_objective_target() -> None:
    health = objective_health(objective(), [kpi((START, 2.0), (LATER, 3.0), target=3.0)], TODAY)
    assert (health.status, health.target) == ("on_track", 3.0)


def test_an_objective_without_a_measured_kpi_keeps_its_own_target() -> None:
    health = objective_health(objective(), [], TODAY)
    assert (health.status, health.target) == ("not_measured", 4.0)


def test_without_measurement_or_target_it_is_not_measured() -> None:
    assert objective_health(objective(), [], TODAY).status == "not_measured"
    assert objective_health(objective(), [kpi()], TODAY).status == "not_measured"
    untargeted = objective(target=None)
    assert objective_health(untargeted, [kpi((START, 2.0))], TODAY).status == "not_measured"


@pytest.mark.parametrize(
    ("latest", "status"), [(1.2, "on_track"), (1.6, "on_track"), (2.4, "at_risk"), (2.9, "off_track")]
)
def test_an_objective_tracked_by_a_band_kpi_is_measured_against_its_band(latest: float, status: str) -> None:
    """Inside the band it is on track; outside, the way to the band's nearest end is compared with the time
    elapsed like any target (3.0 on 28 February, 73 % of the way to 31 January: 1.6 has covered it)."""
    band = kpi((START, 3.0), (LATER, latest), band=(0.5, 1.5))
    health = objective_health(objective(target=None, baseline=None), [band], LATER)
    assert (health.status, health.band, health.value) == (status, (0.5, 1.5), latest)
