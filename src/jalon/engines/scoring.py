"""Prioritisation scores for a backlog of activities.

Every score is a pure function of a small frozen dataclass, so the backlog can sort by any of them and
the portfolio optimiser can maximise any of them. Conventions (written once, used everywhere):

- RICE  = reach × impact × confidence / effort (Intercom's formula; impact on the 0.25–3 scale,
  confidence a fraction 0–1, effort in person-months).
- ICE   = impact × confidence × ease, each on a 1–10 scale (the product, so a 1 anywhere sinks it).
- WSJF  = cost of delay / job size, cost of delay = user-business value + time criticality + risk
  reduction or opportunity enablement (SAFe; relative Fibonacci-like numbers).
- cost-benefit = expected value in euros / cost in euros.
- impact × feasibility, each on a 1–5 scale, and its 2×2 quadrant: quick win (high impact, high
  feasibility), major project (high impact, hard), fill-in (low impact, easy), money pit (low, hard).
- a weighted score over criteria that the workspace defines: each criterion has a weight and a scale,
  values are normalised to 0–1 (reversed when lower is better) and the result is a 0–100 score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

__all__ = [
    "Criterion",
    "IceInput",
    "ImpactFeasibility",
    "Quadrant",
    "RiceInput",
    "ScoringError",
    "WsjfInput",
    "cost_benefit_ratio",
    "ice_score",
    "impact_feasibility_score",
    "quadrant",
    "rank",
    "rice_score",
    "weighted_score",
    "wsjf_score",
]

T = TypeVar("T")


class ScoringError(ValueError):
    """An input outside the scale a score is defined on."""


def _require_finite(**numbers: float) -> None:
    for name, number in numbers.items():
        if not math.isfinite(number):
            raise ScoringError(f"{name} must be a finite number, got {number!r}")


def _require_range(name: str, number: float, low: float, high: float) -> None:
    _require_finite(**{name: number})
    if not low <= number <= high:
        raise ScoringError(f"{name} must lie between {low:g} and {high:g}, got {number:g}")


@dataclass(frozen=True)
class RiceInput:
    reach_per_quarter: float
    impact: float
    confidence: float
    effort_person_months: float

    def __post_init__(self) -> None:
        _require_range("reach_per_quarter", self.reach_per_quarter, 0.0, math.inf)
        _require_range("impact", self.impact, 0.0, 3.0)
        _require_range("confidence", self.confidence, 0.0, 1.0)
        _require_finite(effort_person_months=self.effort_person_months)
        if self.effort_person_months <= 0:
            raise ScoringError("effort_person_months must be positive")


def rice_score(item: RiceInput) -> float:
    return item.reach_per_quarter * item.impact * item.confidence / item.effort_person_months


@dataclass(frozen=True)
class IceInput:
    impact: float
    confidence: float
    ease: float

    def __post_init__(self) -> None:
        for name in ("impact", "confidence", "ease"):
            _require_range(name, getattr(self, name), 1.0, 10.0)


def ice_score(item: IceInput) -> float:
    return item.impact * item.confidence * item.ease


@dataclass(frozen=True)
class WsjfInput:
    business_value: float
    time_criticality: float
    risk_reduction: float
    job_size: float

    def __post_init__(self) -> None:
        for name in ("business_value", "time_criticality", "risk_reduction"):
            _require_range(name, getattr(self, name), 0.0, math.inf)
        _require_finite(job_size=self.job_size)
        if self.job_size <= 0:
            raise ScoringError("job_size must be positive")

    @property
    def cost_of_delay(self) -> float:
        return self.business_value + self.time_criticality + self.risk_reduction


def wsjf_score(item: WsjfInput) -> float:
    return item.cost_of_delay / item.job_size


def cost_benefit_ratio(*, value_eur: float, cost_eur: float) -> float:
    """Euros of expected value per euro spent; a free activity with value is infinitely attractive."""
    _require_finite(value_eur=value_eur, cost_eur=cost_eur)
    if cost_eur < 0:
        raise ScoringError("cost_eur must not be negative")
    if cost_eur == 0:
        return math.inf if value_eur > 0 else 0.0
    return value_eur / cost_eur


class Quadrant(StrEnum):
    QUICK_WIN = "quick_win"
    MAJOR_PROJECT = "major_project"
    FILL_IN = "fill_in"
    MONEY_PIT = "money_pit"


@dataclass(frozen=True)
class ImpactFeasibility:
    impact: float
    feasibility: float

    def __post_init__(self) -> None:
        _require_range("impact", self.impact, 1.0, 5.0)
        _require_range("feasibility", self.feasibility, 1.0, 5.0)


def impact_feasibility_score(item: ImpactFeasibility) -> float:
    return item.impact * item.feasibility


def quadrant(item: ImpactFeasibility, *, threshold: float = 3.0) -> Quadrant:
    """The 2×2 cell; a value equal to the threshold counts as high (a 3 out of 5 is not low)."""
    high_impact = item.impact >= threshold
    easy = item.feasibility >= threshold
    if high_impact:
        return Quadrant.QUICK_WIN if easy else Quadrant.MAJOR_PROJECT
    return Quadrant.FILL_IN if easy else Quadrant.MONEY_PIT


@dataclass(frozen=True)
class Criterion:
    """One criterion of a workspace's own score, with the scale its values are entered on."""

    name: str
    weight: float
    scale_min: float = 0.0
    scale_max: float = 10.0
    higher_is_better: bool = True

    def __post_init__(self) -> None:
        if not self.name:
            raise ScoringError("a criterion needs a name")
        _require_finite(weight=self.weight, scale_min=self.scale_min, scale_max=self.scale_max)
        if self.weight < 0:
            raise ScoringError(f"the weight of {self.name!r} must not be negative")
        if self.scale_max <= self.scale_min:
            raise ScoringError(f"the scale of {self.name!r} must go up")

    def normalise(self, value: float) -> float:
        _require_range(self.name, value, self.scale_min, self.scale_max)
        share = (value - self.scale_min) / (self.scale_max - self.scale_min)
        return share if self.higher_is_better else 1.0 - share


def weighted_score(values: Mapping[str, float], *, criteria: Sequence[Criterion]) -> float:
    """0–100: the weighted mean of the normalised criteria. Every criterion needs a value."""
    names = [criterion.name for criterion in criteria]
    if len(set(names)) != len(names):
        raise ScoringError("criterion names must be unique")
    total_weight = sum(criterion.weight for criterion in criteria)
    if total_weight <= 0:
        raise ScoringError("at least one criterion needs a positive weight")
    unknown = set(values) - set(names)
    if unknown:
        raise ScoringError(f"unknown criteria: {', '.join(sorted(unknown))}")
    missing = [name for name in names if name not in values]
    if missing:
        raise ScoringError(f"missing values for: {', '.join(missing)}")
    weighted = sum(criterion.weight * criterion.normalise(values[criterion.name]) for criterion in criteria)
    return 100.0 * weighted / total_weight


def rank(items: Iterable[T], *, score: Callable[[T], float]) -> list[T]:
    """Best first; ties keep the backlog's order so a re-sort never shuffles equal items."""
    return sorted(items, key=lambda item: -score(item))
