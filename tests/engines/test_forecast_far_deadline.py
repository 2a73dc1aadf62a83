"""A deadline centuries after the last measurement (dates run from 1900 to 2200) is counted in steps at once:
listing every step to it took seconds for each daily KPI on every page that forecasts it."""

from __future__ import annotations

import time
from datetime import date

import pytest

from jalon.engines.forecast_dates import Step, step_date, step_dates, steps_to


@pytest.mark.parametrize("step", list(Step))
def test_the_kth_step_date_is_the_last_of_the_listed_steps(step: Step) -> None:
    for last in (date(2026, 1, 31), date(1900, 2, 28)):
        for k in (1, 2, 13, 37):
            assert step_date(last, step, k) == step_dates(last, step, k)[-1]


def test_steps_to_a_deadline_in_2200_counts_without_listing_every_day() -> None:
    started = time.perf_counter()
    counts = [steps_to(date(1900, 1, 1), date(2200, 12, 31), Step.DAY) for _ in range(50)]
    assert counts[0] == (date(2200, 12, 31) - date(1900, 1, 1)).days
    assert steps_to(date(1900, 1, 1), date(2200, 12, 31), Step.MONTH) == 301 * 12  # 1 January 2201, a day off
    # listing the 109,938 days five times a call took about 0.2 s a call, 10 s for these 50
    assert time.perf_counter() - started < 1
