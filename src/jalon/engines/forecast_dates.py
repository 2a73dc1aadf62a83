"""Dated measurements (irregular dates allowed) to an equally spaced series, and steps to a deadline.

The step is read from the data: the median gap between measurements decides between day, week, month,
quarter and year. Each measurement falls in its calendar period (ISO week, month, ...); a period with
several keeps the latest, a missing period between two measured ones is interpolated linearly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from jalon.engines.calendar import add_months_keeping_end

__all__ = ["Grid", "Step", "regularise", "step_dates"]

MAX_STEPS = 1000


class Step(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


SEASON_LENGTH = {Step.DAY: 7, Step.WEEK: 52, Step.MONTH: 12, Step.QUARTER: 4, Step.YEAR: 1}
MONTHS_PER_STEP = {
    Step.DAY: 12 / 365.25,
    Step.WEEK: 12 * 7 / 365.25,
    Step.MONTH: 1,
    Step.QUARTER: 3,
    Step.YEAR: 12,
}


@dataclass(frozen=True)
class Grid:
    """The equally spaced series (one value per period); ``filled`` periods were interpolated."""

    step: Step
    values: NDArray[np.float64]
    last_date: date
    filled: int


def _step_of(dates: Sequence[date]) -> Step:
    if len(dates) < 2:
        return Step.MONTH
    gaps = np.diff(np.array([d.toordinal() for d in dates], dtype=np.float64))
    gap = float(np.median(gaps))
    if gap <= 2:
        return Step.DAY
    if gap <= 10:
        return Step.WEEK
    if gap <= 62:
        return Step.MONTH
    if gap <= 183:
        return Step.QUARTER
    return Step.YEAR


def _period(day: date, step: Step) -> int:
    if step is Step.DAY:
        return day.toordinal()
    if step is Step.WEEK:
        return (day.toordinal() - 1) // 7  # ordinal 1 is a Monday: weeks run Monday to Sunday
    if step is Step.MONTH:
        return day.year * 12 + day.month - 1
    if step is Step.QUARTER:
        return day.year * 4 + (day.month - 1) // 3
    return day.year


def regularise(observations: Sequence[tuple[date, float]], step: Step | None = None) -> Grid:
    """The equally spaced series behind ``observations`` (at least one), on ``step`` or the one the dates
    suggest."""
    ordered = sorted(observations, key=lambda item: item[0])
    step = step or _step_of(sorted({d for d, _ in ordered}))
    latest: dict[int, float] = {}
    for day, value in ordered:
        latest[_period(day, step)] = value
    periods = np.array(sorted(latest), dtype=np.int64)
    values = np.array([latest[int(p)] for p in periods], dtype=np.float64)
    span = np.arange(periods[0], periods[-1] + 1)
    if len(span) > MAX_STEPS:
        span = span[-MAX_STEPS:]
    filled = np.interp(span, periods, values)
    return Grid(
        step, filled.astype(np.float64), ordered[-1][0], int(len(span) - np.isin(span, periods).sum())
    )


def step_dates(last: date, step: Step, horizon: int) -> list[date]:
    """The dates of the ``horizon`` steps after ``last``."""
    if step is Step.DAY:
        return [last + timedelta(days=k) for k in range(1, horizon + 1)]
    if step is Step.WEEK:
        return [last + timedelta(weeks=k) for k in range(1, horizon + 1)]
    months = {Step.MONTH: 1, Step.QUARTER: 3, Step.YEAR: 12}[step]
    return [add_months_keeping_end(last, months * k) for k in range(1, horizon + 1)]


def step_date(last: date, step: Step, k: int) -> date:
    """The date of the ``k``-th step after ``last`` (the last of ``step_dates(last, step, k)``)."""
    if step is Step.DAY:
        return last + timedelta(days=k)
    if step is Step.WEEK:
        return last + timedelta(weeks=k)
    return add_months_keeping_end(last, {Step.MONTH: 1, Step.QUARTER: 3, Step.YEAR: 12}[step] * k)


def steps_to(last: date, deadline: date, step: Step) -> int:
    """The number of steps whose date is nearest to ``deadline`` (at least one). Each candidate's date is
    computed alone: listing every step to it took seconds for a daily KPI whose deadline is in 2200."""
    days = (deadline - last).days
    approx = max(1, round(days / (365.25 / 12 * MONTHS_PER_STEP[step])))
    best, gap = approx, None
    for k in range(max(1, approx - 2), approx + 3):
        distance = abs((step_date(last, step, k) - deadline).days)
        if gap is None or distance < gap:
            best, gap = k, distance
    return best
