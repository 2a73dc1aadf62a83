"""The forecast engine's data: targets, the method's explanation, the result, and their JSON form."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from jalon.engines.forecast_calibration import CalibrationClass
from jalon.engines.forecast_dates import Step
from jalon.engines.status import Status

__all__ = [
    "Bounds",
    "Direction",
    "Explanation",
    "InvalidSeriesError",
    "Method",
    "Pace",
    "Reason",
    "Result",
    "Status",
    "StepForecast",
    "Target",
]


# Odds that the pages (and the SMART coach) read as "on track" and as "at risk"; below: off track.
ON_TRACK_ODDS = 0.6
AT_RISK_ODDS = 0.3


class InvalidSeriesError(ValueError):
    """Input the engine cannot use: no measurements, a value that is not a finite number, a bad target."""


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    BAND = "band"


class Reason(StrEnum):
    """Why the method looks the way it does; the shells turn each into a sentence."""

    PROPORTIONAL = "proportional"  # every value positive: changes modelled in percent
    ADDITIVE = "additive"  # zero or negative values: changes modelled in units
    SEASONAL = "seasonal"  # value: the strength of the seasonal pattern (0-1)
    SEASONALITY_WEAK = "seasonality_weak"  # value: its strength, below the threshold
    SEASONALITY_SHORT = "seasonality_short"  # value: seasons of data, fewer than two
    TREND_UP = "trend_up"  # value: t statistic of the slope
    TREND_DOWN = "trend_down"
    NO_TREND = "no_trend"
    LEVEL_SHIFT = "level_shift"  # when: first period of the new level, used alone
    LEVEL_SHIFT_KEPT = "level_shift_kept"  # when: a shift too recent to use the new level alone
    GAPS_FILLED = "gaps_filled"  # value: periods interpolated between measurements
    NO_MOVEMENT = "no_movement"  # every value used is the same: the spread is the usual one of the class
    RANGE_LOW = "range_low"  # value: the lowest possible value, which cut the interval on the deadline
    RANGE_HIGH = "range_high"  # value: the highest possible value, which cut the interval on the deadline


@dataclass(frozen=True)
class Explanation:
    code: Reason
    value: float | None = None
    when: date | None = None


@dataclass(frozen=True)
class Target:
    """Reach at least ``value`` (increase), at most ``value`` (decrease), or stay within ``low``-``high``."""

    direction: Direction
    value: float | None = None
    low: float | None = None
    high: float | None = None

    @classmethod
    def at_least(cls, value: float) -> Target:
        return cls(Direction.INCREASE, value=value)

    @classmethod
    def at_most(cls, value: float) -> Target:
        return cls(Direction.DECREASE, value=value)

    @classmethod
    def between(cls, low: float, high: float) -> Target:
        return cls(Direction.BAND, low=low, high=high)

    def met_by(self, value: float) -> bool:
        """Whether ``value`` meets the target (at least, at most, or inside the band, ends included)."""
        if self.direction is Direction.BAND:
            return float(self.low or 0) <= value <= float(self.high or 0)
        if self.direction is Direction.DECREASE:
            return value <= float(self.value or 0)
        return value >= float(self.value or 0)

    def check(self) -> None:
        numbers = (self.low, self.high) if self.direction is Direction.BAND else (self.value,)
        if any(n is None or not math.isfinite(n) for n in numbers):
            raise InvalidSeriesError("the target needs finite numbers")
        if self.direction is Direction.BAND and float(self.low or 0) > float(self.high or 0):
            raise InvalidSeriesError("the band's low end is above its high end")

    def as_json(self) -> dict[str, Any]:
        return {"direction": self.direction.value, "value": self.value, "low": self.low, "high": self.high}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Target:
        return cls(Direction(data["direction"]), data.get("value"), data.get("low"), data.get("high"))


@dataclass(frozen=True)
class Bounds:
    """The values a KPI can take: a count or a cost never goes below 0, a rate in % stays within 0-100.
    ``None`` leaves that side open. The forecast is censored to them: a future below ``low`` counts as
    ``low`` (the interval, the odds and the simulated paths never leave the range)."""

    low: float | None = None
    high: float | None = None

    def check(self) -> None:
        ends = [end for end in (self.low, self.high) if end is not None]
        if any(not math.isfinite(end) for end in ends):
            raise InvalidSeriesError("the range needs finite numbers")
        if self.low is not None and self.high is not None and self.low >= self.high:
            raise InvalidSeriesError("the range's lowest value must be below its highest")

    def contains(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def as_json(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high}


@dataclass(frozen=True)
class Method:
    """What was fitted: always the combination of SES, damped trend and Theta, on this footing."""

    step: Step
    season_length: int
    proportional: bool
    seasonal: bool
    calibration: CalibrationClass
    points_used: int
    reasons: tuple[Explanation, ...]
    name: str = "ses+damped+theta"

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "step": self.step.value,
            "season_length": self.season_length,
            "proportional": self.proportional,
            "seasonal": self.seasonal,
            "calibration": self.calibration.value,
            "points_used": self.points_used,
            "reasons": [
                {"code": r.code.value, "value": r.value, "when": r.when.isoformat() if r.when else None}
                for r in self.reasons
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Method:
        return cls(
            step=Step(data["step"]),
            season_length=int(data["season_length"]),
            proportional=bool(data["proportional"]),
            seasonal=bool(data["seasonal"]),
            calibration=CalibrationClass(data["calibration"]),
            points_used=int(data["points_used"]),
            reasons=tuple(
                Explanation(
                    Reason(r["code"]),
                    r.get("value"),
                    date.fromisoformat(r["when"]) if r.get("when") else None,
                )
                for r in data.get("reasons") or ()
            ),
            name=str(data.get("name") or "ses+damped+theta"),
        )


@dataclass(frozen=True)
class Pace:
    """Change per month: what the target requires from the last measurement, and what was seen so far."""

    last_value: float
    last_date: date
    required_per_month: float
    observed_per_month: float | None
    at_observed_pace: float | None

    def as_json(self) -> dict[str, Any]:
        return {
            "last_value": self.last_value,
            "last_date": self.last_date.isoformat(),
            "required_per_month": self.required_per_month,
            "observed_per_month": self.observed_per_month,
            "at_observed_pace": self.at_observed_pace,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Pace:
        return cls(
            float(data["last_value"]),
            date.fromisoformat(data["last_date"]),
            float(data["required_per_month"]),
            data.get("observed_per_month"),
            data.get("at_observed_pace"),
        )


@dataclass(frozen=True)
class StepForecast:
    """One future step: its date, the central projection (the median) and the interval's ends."""

    date: date
    projection: float
    low: float
    high: float


@dataclass(frozen=True)
class Result:
    """``probability``: the target met on the deadline. ``path_probability`` (Monte Carlo): for an
    increase or a decrease, the target reached at least once by the deadline; for a band, the KPI within
    it at every step until the deadline. Both None when there is not enough data."""

    status: Status
    target: Target
    deadline: date
    level: float
    points: int
    pace: Pace | None
    projection: float | None = None
    low: float | None = None
    high: float | None = None
    probability: float | None = None
    path_probability: float | None = None
    path: tuple[StepForecast, ...] = ()
    method: Method | None = None
    seed: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "target": self.target.as_json(),
            "deadline": self.deadline.isoformat(),
            "level": self.level,
            "points": self.points,
            "projection": self.projection,
            "low": self.low,
            "high": self.high,
            "probability": self.probability,
            "path_probability": self.path_probability,
            "path": [[s.date.isoformat(), s.projection, s.low, s.high] for s in self.path],
            "method": self.method.as_json() if self.method else None,
            "pace": self.pace.as_json() if self.pace else None,
            "seed": self.seed,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Result:
        """The result ``as_json`` wrote (an unknown status or code raises ``ValueError``)."""
        return cls(
            status=Status(data["status"]),
            target=Target.from_json(data["target"]),
            deadline=date.fromisoformat(data["deadline"]),
            level=float(data["level"]),
            points=int(data["points"]),
            pace=Pace.from_json(data["pace"]) if data.get("pace") else None,
            projection=data.get("projection"),
            low=data.get("low"),
            high=data.get("high"),
            probability=data.get("probability"),
            path_probability=data.get("path_probability"),
            path=tuple(
                StepForecast(date.fromisoformat(d), float(p), float(lo), float(hi))
                for d, p, lo, hi in data.get("path") or ()
            ),
            method=Method.from_json(data["method"]) if data.get("method") else None,
            seed=int(data.get("seed") or 0),
        )
