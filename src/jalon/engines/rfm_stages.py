"""Lifecycle stages defined in RFM terms, and how many customers are in each today.

A stage is a rule on a customer's number of orders, recency (days since the last order) and tenure
(days since the first order), each bound optional. Stages are tried in their order and a customer
belongs to the first one that accepts them, so every customer is counted once; those no stage accepts
are counted apart (``unmatched``) so an edited list that leaves a gap shows it. Prospects — known
contacts who never ordered, who are not in an orders file — are counted in the first stage that
accepts a customer with no order and puts no condition on dates.

The default stages follow the method's cycle, from prospect to inactive:

=========== ======================================================================
prospect    no order yet
new         first order in the last 90 days
loyal       3 orders or more, the last in the last 180 days
active      the last order in the last 180 days
at risk     the last order 181 to 365 days ago
inactive    no order for more than 365 days
=========== ======================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from jalon.engines.rfm import IntArray, Profiles

__all__ = ["DEFAULT_STAGES", "StageCount", "StageCounts", "StageRule", "StageRuleError", "assign", "count"]

UNMATCHED = -1


class StageRuleError(ValueError):
    """A stage whose bounds cannot hold (negative, or a minimum above its maximum)."""


@dataclass(frozen=True)
class StageRule:
    """Bounds are inclusive; None means no bound."""

    key: str
    name_fr: str
    name_en: str
    orders_min: int | None = None
    orders_max: int | None = None
    recency_days_min: int | None = None
    recency_days_max: int | None = None
    tenure_days_max: int | None = None

    def __post_init__(self) -> None:
        bounds = (self.orders_min, self.orders_max, self.recency_days_min, self.recency_days_max,
                  self.tenure_days_max)  # fmt: skip
        if any(bound is not None and bound < 0 for bound in bounds):
            raise StageRuleError(f"stage {self.key}: bounds cannot be negative")
        for low, high in ((self.orders_min, self.orders_max), (self.recency_days_min, self.recency_days_max)):
            if low is not None and high is not None and low > high:
                raise StageRuleError(f"stage {self.key}: a minimum is above its maximum")

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    @property
    def accepts_prospects(self) -> bool:
        """Whether a contact with no order at all belongs here (no bound on dates, zero orders allowed)."""
        dated = (self.recency_days_min, self.recency_days_max, self.tenure_days_max)
        return (self.orders_min or 0) == 0 and all(bound is None for bound in dated)

    def accepts(self, profiles: Profiles) -> NDArray[np.bool_]:
        """Which customers of ``profiles`` this rule accepts, on its own."""
        keep = np.ones(len(profiles), dtype=np.bool_)
        for values, low, high in (
            (profiles.orders, self.orders_min, self.orders_max),
            (profiles.recency_days, self.recency_days_min, self.recency_days_max),
            (profiles.tenure_days, None, self.tenure_days_max),
        ):
            if low is not None:
                keep &= values >= low
            if high is not None:
                keep &= values <= high
        return keep


DEFAULT_STAGES: tuple[StageRule, ...] = (
    StageRule("prospect", "Prospect", "Prospect", orders_max=0),
    StageRule("new", "Nouveau client", "New customer", orders_min=1, tenure_days_max=90),
    StageRule("loyal", "Client fidèle", "Loyal customer", orders_min=3, recency_days_max=180),
    StageRule("active", "Client actif", "Active customer", orders_min=1, recency_days_max=180),
    StageRule(
        "at_risk",
        "Client à risque",
        "At-risk customer",
        orders_min=1,
        recency_days_min=181,
        recency_days_max=365,
    ),
    StageRule("inactive", "Client inactif", "Inactive customer", orders_min=1, recency_days_min=366),
)


def assign(profiles: Profiles, stages: Sequence[StageRule] = DEFAULT_STAGES) -> IntArray:
    """Each customer's stage index (the first rule that accepts them), or -1 when none does."""
    stage = np.full(len(profiles), UNMATCHED, dtype=np.int64)
    for index, rule in enumerate(stages):
        stage[(stage == UNMATCHED) & rule.accepts(profiles)] = index
    return stage


@dataclass(frozen=True)
class StageCount:
    stage: StageRule
    customers: int
    revenue: float  # what the stage's customers spent in the orders read


@dataclass(frozen=True)
class StageCounts:
    stages: tuple[StageCount, ...]
    unmatched: int
    prospects_unplaced: int  # prospects given but no stage accepts a contact without orders

    @property
    def total(self) -> int:
        return sum(count.customers for count in self.stages) + self.unmatched + self.prospects_unplaced


def count(
    profiles: Profiles, stages: Sequence[StageRule] = DEFAULT_STAGES, *, prospects: int = 0
) -> StageCounts:
    """How many customers (and ``prospects`` without orders) are in each stage at ``profiles.as_of``."""
    if prospects < 0:
        raise StageRuleError("the number of prospects cannot be negative")
    stage = assign(profiles, stages)
    sizes = np.bincount(stage + 1, minlength=len(stages) + 1)
    revenue = np.bincount(stage + 1, weights=profiles.revenue, minlength=len(stages) + 1)
    home = next((index for index, rule in enumerate(stages) if rule.accepts_prospects), None)
    counts = tuple(
        StageCount(
            rule, int(sizes[index + 1]) + (prospects if index == home else 0), float(revenue[index + 1])
        )
        for index, rule in enumerate(stages)
    )
    return StageCounts(counts, int(sizes[0]), prospects if home is None else 0)
