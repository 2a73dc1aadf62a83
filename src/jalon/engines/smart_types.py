"""The SMART coach's data: what it is given beside the text, and what it answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

__all__ = [
    "CRITERION_NAMES", "Benchmark", "CoachContext", "Criterion", "Direction", "Evidence", "ForecastEvidence",
    "Lang", "Target", "Verdict",
]  # fmt: skip

# The five criteria's names, the one wording every page, report and the command line translate (the same
# gettext ids as the SMART table's and the coach's templates, so that makemessages finds them there).
CRITERION_NAMES: dict[str, str] = {
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable & realistic",
    "relevant": "Relevant",
    "time_bound": "Time-bound",
}

Lang = Literal["fr", "en"]
Direction = Literal["increase", "decrease", "reach", "maintain"]
Bound = Literal["floor", "ceiling"]


@dataclass(frozen=True)
class Benchmark:
    """A published range for the KPI: typical levels, or typical change per month."""

    low: float
    high: float
    per: Literal["level", "month"] = "level"
    source: str = ""


@dataclass(frozen=True)
class ForecastEvidence:
    """The forecast engine's answer for the tracked KPI: the odds of meeting the target by the deadline
    (for the objective, all its forecast KPIs together), the projection and its 80 % interval."""

    probability: float
    points: int
    projection: float | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class CoachContext:
    """What the roadmap knows beside the text. ``budget_eur`` is carried for callers, not judged.

    ``target``, ``metric``, ``unit``, ``direction``, ``deadline`` (with ``deadline_rule``) and
    ``done_state`` are the objective's own fields; ``kpi_name``, ``kpi_target`` and ``kpi_unit`` those of
    the KPI it is tracked with. When they say something else than the text, the verdict says so
    (``Verdict.conflicts``) and judges on the fields, which are the source of truth. ``horizon`` is the
    roadmap's first and last day.
    """

    baseline: float | None = None
    history: Sequence[tuple[date, float]] = ()
    impact: str = ""
    vision: str = ""
    parent_objective: str = ""
    budget_eur: float | None = None
    benchmark: Benchmark | None = None
    target: float | None = None
    metric: str = ""
    unit: str = ""
    direction: str = ""
    deadline: date | None = None
    deadline_rule: str = ""
    done_state: str = ""
    kpi_name: str = ""
    kpi_target: float | None = None
    kpi_unit: str = ""
    forecast: ForecastEvidence | None = None
    # the roadmap's first and last days: a deadline outside them is said (``Verdict.warnings``)
    horizon: tuple[date, date] | None = None


@dataclass(frozen=True)
class Criterion:
    ok: bool | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Target:
    value: float
    unit: str
    direction: Direction
    relative: bool
    # For "maintain": which side of the level is the good one ("at least 300": floor; "under 2 %":
    # ceiling); None when the text gives no side ("garder 300 adhérents": keep about that level).
    bound: Bound | None = None

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if self.value == int(self.value) else self.value
        return {"value": value, "unit": self.unit, "direction": self.direction, "relative": self.relative}


@dataclass(frozen=True)
class Evidence:
    """The numbers behind the achievable verdict (per month = 30.44 days).

    ``projected`` is the least-squares trend carried to the deadline, kept within what the unit allows
    (0–100 % for a percentage, nothing below zero for a count or an amount); ``projection_bounded`` says
    when the straight line had to be stopped at such a limit. When the verdict follows the forecast engine
    (``CoachContext.forecast``), ``projected`` is that forecast's projection, the figure the verdict quotes,
    so that the suggested rewrite never proposes another. ``unit`` is the unit the figures are in.
    """

    baseline: float | None = None
    target_level: float | None = None
    required_per_month: float | None = None
    observed_per_month: float | None = None
    spread_per_month: float | None = None
    projected: float | None = None
    projection_bounded: bool = False
    measurements: int = 0
    unit: str = "count"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # every field, under its own name


@dataclass(frozen=True)
class Verdict:
    specific: Criterion
    measurable: Criterion
    achievable: Criterion
    relevant: Criterion
    time_bound: Criterion
    deadline: date | None
    deadline_rule: str | None
    metric: str | None
    target: Target | None
    suggestion: str
    warnings: tuple[str, ...] = ()
    evidence: Evidence = field(default_factory=Evidence)
    deadline_label: str | None = None  # the deadline in words, with where it comes from
    conflicts: tuple[str, ...] = ()  # where the text, the fields and the KPI disagree
    language: Lang = "fr"  # the language the statement is written in (detected)

    @property
    def is_smart(self) -> bool:
        """All four text criteria pass and achievability is not refuted by the evidence."""
        judged = (self.specific, self.measurable, self.relevant, self.time_bound)
        return all(c.ok for c in judged) and self.achievable.ok is not False

    @property
    def passes_check(self) -> bool:
        """SMART with nothing to check: no warning (a deadline outside the horizon, already passed…) and no
        disagreement between the text and the fields. The SMART check lists every objective that fails it,
        and every page that counts objectives passing it counts with it, so that no two pages disagree."""
        return self.is_smart and not self.warnings and not self.conflicts

    def to_dict(self) -> dict[str, Any]:
        return {
            "specific": self.specific.to_dict(),
            "measurable": self.measurable.to_dict(),
            "achievable": self.achievable.to_dict(),
            "relevant": self.relevant.to_dict(),
            "time_bound": self.time_bound.to_dict(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_rule": self.deadline_rule,
            "deadline_label": self.deadline_label,
            "metric": self.metric,
            "target": self.target.to_dict() if self.target else None,
            "suggestion": self.suggestion,
            "warnings": list(self.warnings),
            "conflicts": list(self.conflicts),
            "evidence": self.evidence.to_dict(),
            "language": self.language,
        }
