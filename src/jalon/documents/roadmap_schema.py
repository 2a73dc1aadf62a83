"""The ``jalon/1`` file's schema: every key, its type and its bounds (see docs/roadmap-file.md).

Dates, numbers and free-form texts use the bounds of ``jalon.bounds`` (``schema_types``), with error types
of their own so ``roadmap_file`` words each problem; unknown keys are errors. The framing section is in
``framing_schema``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from jalon import bounds
from jalon.documents.framing_schema import FramingItem, QualitativeIndicatorItem
from jalon.documents.schema_types import (
    COLOUR_PATTERN,
    CURRENCY_PATTERN,
    MAX_SNAPSHOT_CHARS,
    SLUG_PATTERN,
    Amount,
    Key,
    Number,
    Ref,
    SaneDate,
    Snapshot,
    Text,
    _Strict,
    money,
)

__all__ = ["MAX_SNAPSHOT_CHARS", "SLUG_PATTERN", "FramingItem", "RoadmapFile"]


class HorizonItem(_Strict):
    start: SaneDate
    end: SaneDate


class RoadmapItem(_Strict):
    slug: str = Field(pattern=SLUG_PATTERN, max_length=60)
    title: str = Field(min_length=1, max_length=200)
    type: Literal["strategic", "campaign", "channel", "event", "product", "digital", "portfolio", "project"]
    vision: Text = ""
    horizon: HorizonItem
    fiscal_year_start_month: int = Field(1, ge=1, le=12)
    language: Literal["fr", "en"] = "fr"
    currency: str = Field("EUR", pattern=CURRENCY_PATTERN)
    sector: str = Field("", max_length=40)


class MeasurableItem(_Strict):
    metric: str = Field("", max_length=200)
    unit: str = Field("", max_length=30)
    baseline: Number | None = None
    target: Number | None = None
    direction: Literal["increase", "decrease", "reach", "maintain"] | None = None
    done_state: Text = ""


class ObjectiveItem(_Strict):
    key: str = Field(pattern=SLUG_PATTERN, max_length=60)
    title: str = Field(min_length=1, max_length=200)
    impact: Text = ""
    specific: Text = ""
    measurable: MeasurableItem | None = None
    deadline: SaneDate | None = None
    deadline_rule: str | None = Field(None, max_length=40)
    term: Literal["short", "medium", "long"] | None = None
    parent: Ref | None = None
    owner: str = Field("", max_length=200)
    qualitative_indicators: list[QualitativeIndicatorItem] = Field([], max_length=100)


class MeasurementItem(_Strict):
    date: SaneDate
    value: Number
    source: str = Field("", max_length=200)


class KPIItem(_Strict):
    key: str = Field(pattern=SLUG_PATTERN, max_length=60)
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field("", max_length=30)
    objective: Ref | None = None
    owner: str = Field("", max_length=200)
    frequency: Literal["realtime", "daily", "weekly", "monthly", "quarterly", "semiannual"]
    direction: Literal["increase", "decrease", "band"] | None = None
    baseline: Number | None = None
    baseline_date: SaneDate | None = None
    target: Number | None = None
    target_low: Number | None = None
    target_high: Number | None = None
    target_date: SaneDate | None = None
    benchmark_low: Number | None = None
    benchmark_high: Number | None = None
    benchmark_source: str = Field("", max_length=300)
    benchmark_metric: str = Field("", max_length=60)
    lowest_possible: Number | None = None
    highest_possible: Number | None = None
    measurements: list[MeasurementItem] = []


class TacticItem(_Strict):
    key: str = Field(pattern=SLUG_PATTERN, max_length=60)
    title: str = Field(min_length=1, max_length=200)
    description: Text = ""


class StrategyItem(_Strict):
    key: str = Field(pattern=SLUG_PATTERN, max_length=60)
    objective: Ref
    title: str = Field(min_length=1, max_length=200)
    tactics: list[TacticItem] = []


Money = Annotated[
    Decimal, Field(max_digits=bounds.MONEY_DIGITS, decimal_places=bounds.MONEY_PLACES), AfterValidator(money)
]
OneToFive = Annotated[int, Field(ge=1, le=5)]


class ThemeItem(_Strict):
    key: Key
    name: str = Field(min_length=1, max_length=200)
    colour: str | None = Field(None, pattern=COLOUR_PATTERN)  # None: the next of ``THEME_COLOURS``
    budget: Money = Decimal(0)
    maintenance: bool = False


class AbsenceItem(_Strict):
    start: SaneDate
    end: SaneDate
    note: str = Field("", max_length=200)


class PersonItem(_Strict):
    key: Key
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["member", "agency"] = "member"
    role: str = Field("", max_length=200)
    capacity_hours_per_week: float = Field(35, ge=0, le=168)
    absences: list[AbsenceItem] = []


class AfterItem(_Strict):
    """Finish-to-start: this activity starts ``lag_days`` after ``activity`` ends."""

    activity: Ref
    lag_days: int = Field(0, ge=-3650, le=3650)


class AssignmentItem(_Strict):
    person: Ref
    hours_per_week: float = Field(ge=0, le=168)


class ActivityItem(_Strict):
    key: Key
    title: str = Field(min_length=1, max_length=200)
    description: Text = ""
    theme: Ref | None = None
    objectives: list[Ref] = []
    tactic: Ref | None = Field(None, description="strategy-key/tactic-key")
    audience: str = Field("", max_length=200)
    channel: str = Field("", max_length=100)
    owner: Ref | None = None
    status: Literal["idea", "planned", "in_progress", "done", "dropped"] = "idea"
    start: SaneDate | None = None
    end: SaneDate | None = None
    duration_days: int | None = Field(None, ge=1, le=36500)
    pinned: bool = False
    not_before: SaneDate | None = None
    must_finish_by: SaneDate | None = None
    effort_days: Amount = 0
    cost: Money = Decimal(0)
    spent: Money = Decimal(0)
    value: Amount = 0
    impact: OneToFive | None = None
    feasibility: OneToFive | None = None
    confidence: int | None = Field(None, ge=0, le=100)
    after: list[AfterItem] = []
    assignments: list[AssignmentItem] = []


Day = SaneDate  # ``date`` is also a field name below


class MilestoneItem(_Strict):
    key: Key
    title: str = Field(min_length=1, max_length=200)
    date: Day
    reached_on: Day | None = None
    objectives: list[Ref] = []
    activities: list[Ref] = []


class RiskItem(_Strict):
    key: Key
    title: str = Field(min_length=1, max_length=200)
    description: Text = ""
    probability: OneToFive = 3
    impact: OneToFive = 3
    owner: str = Field("", max_length=200)
    contingency: Text = ""
    status: Literal["open", "mitigated", "closed"] = "open"


class CommunicationItemEntry(_Strict):
    key: Key
    audience: Literal["direction", "teams", "partners", "agencies", "customers", "staff"]
    message: Text = Field(min_length=1)
    channel: str = Field(min_length=1, max_length=100)
    frequency: Literal["once", "weekly", "fortnightly", "monthly", "quarterly", "semiannual", "annual"]
    owner: str = Field("", max_length=200)
    next_date: SaneDate | None = None


class ReviewItem(_Strict):
    key: Key
    title: str = Field(min_length=1, max_length=200)
    held_on: SaneDate
    decisions: Text = ""
    notes: Text = ""
    snapshot: Snapshot = {}


class RoadmapFile(_Strict):
    format: Literal["jalon/1"]
    roadmap: RoadmapItem
    objectives: list[ObjectiveItem] = []
    kpis: list[KPIItem] = []
    strategies: list[StrategyItem] = []
    themes: list[ThemeItem] = []
    people: list[PersonItem] = []
    activities: list[ActivityItem] = []
    milestones: list[MilestoneItem] = []
    risks: list[RiskItem] = []
    communications: list[CommunicationItemEntry] = []
    reviews: list[ReviewItem] = []
    framing: FramingItem | None = None
