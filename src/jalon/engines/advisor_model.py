"""The advisor's data: the playbook as the engine sees it, the objective to advise on, the result.

Plain frozen dataclasses; the knowledge package builds them from its files (see
``jalon.knowledge.engine_input``), a service will build them from a roadmap. Texts a person reads
are not here: the result carries ids and reason codes, which the shells turn into sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from jalon.engines.metric_match import MetricEntry, MetricMatch

__all__ = [
    "Advice",
    "AdviceStatus",
    "AdvisorError",
    "Delay",
    "Direction",
    "GoalEntry",
    "Level",
    "Objective",
    "Playbook",
    "RankedStrategy",
    "RankedTactic",
    "Reason",
    "ReasonCode",
    "StrategyEntry",
    "TacticEntry",
    "Term",
]

Direction = Literal["increase", "decrease"]
ObjectiveDirection = Literal["increase", "decrease", "maintain", "reach"]
Term = Literal["short", "medium", "long"]
Level = Literal["low", "medium", "high"]
Delay = Literal["weeks", "months", "quarters"]


class AdvisorError(ValueError):
    """The playbook is inconsistent (a tactic names an unknown strategy, a metric nobody defines…)."""


@dataclass(frozen=True)
class GoalEntry:
    id: str
    metrics: Mapping[str, Direction]
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class StrategyEntry:
    id: str
    goal_id: str
    metrics: Mapping[str, Direction]
    words: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class TacticEntry:
    """``words`` are the tactic's titles and keywords in every language (for matching the objective's
    words); ``titles`` its titles alone (for recognising a tactic the roadmap already has)."""

    id: str
    strategy_ids: tuple[str, ...]
    metrics: Mapping[str, Direction]
    channels: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    personas: frozenset[str] = frozenset()
    effort: Level = "medium"
    cost: Level = "medium"
    delay: Delay = "months"
    words: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Playbook:
    metrics: tuple[MetricEntry, ...]
    goals: tuple[GoalEntry, ...]
    strategies: tuple[StrategyEntry, ...]
    tactics: tuple[TacticEntry, ...]

    def __post_init__(self) -> None:
        metric_ids = {m.id for m in self.metrics}
        goal_ids = {g.id for g in self.goals}
        strategy_ids = {s.id for s in self.strategies}
        problems = [
            f"strategy {s.id}: unknown goal {s.goal_id}" for s in self.strategies if s.goal_id not in goal_ids
        ]
        for tactic in self.tactics:
            problems += [
                f"tactic {tactic.id}: unknown strategy {s}"
                for s in tactic.strategy_ids
                if s not in strategy_ids
            ]
            problems += [
                f"tactic {tactic.id}: unknown metric {m}" for m in tactic.metrics if m not in metric_ids
            ]
            if not tactic.strategy_ids:
                problems.append(f"tactic {tactic.id}: no strategy")
        moved: list[tuple[str, Mapping[str, Direction]]] = [(g.id, g.metrics) for g in self.goals]
        moved += [(s.id, s.metrics) for s in self.strategies]
        for item_id, metrics in moved:
            problems += [f"{item_id}: unknown metric {m}" for m in metrics if m not in metric_ids]
        if problems:
            raise AdvisorError("; ".join(problems))


@dataclass(frozen=True)
class Objective:
    """What to advise on. ``text`` is the objective in the user's words; ``metric_text`` the KPI's
    name when known (matched before ``text``); ``metric_id`` skips matching altogether (a match the
    user confirmed). ``direction`` and ``term`` come from the objective when it has them.
    Channels, persona kinds and lifecycle stages are the roadmap's framing (empty: not known);
    ``existing_titles`` and ``existing_tactic_ids`` what the roadmap already does. ``corrections``
    maps :func:`~jalon.engines.metric_match.phrase_key` of a KPI name to the metric a user chose for
    it."""

    text: str = ""
    metric_text: str = ""
    metric_id: str | None = None
    direction: ObjectiveDirection | None = None
    term: Term | None = None
    channels: frozenset[str] = frozenset()
    personas: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    existing_titles: tuple[str, ...] = ()
    existing_tactic_ids: frozenset[str] = frozenset()
    corrections: Mapping[str, str] = field(default_factory=dict)


class AdviceStatus(StrEnum):
    MATCHED = "matched"  # the objective's metric was recognised; ranking starts from it
    TEXT_ONLY = (
        "text_only"  # no metric recognised; ranked by the words the objective shares with the playbook
    )
    NO_MATCH = "no_match"  # nothing in the playbook relates to the objective


class ReasonCode(StrEnum):
    MOVES_METRIC = "moves_metric"  # the tactic or strategy moves the objective's metric the right way
    VIA_STRATEGY = "via_strategy"  # the tactic's strategy moves the metric the right way
    SERVES_GOAL = "serves_goal"  # it belongs to a goal that moves the metric
    RELATED_METRIC = "related_metric"  # it moves a metric that moves with the objective's
    OPPOSITE_DIRECTION = "opposite_direction"  # it moves the metric the other way
    SHARED_WORDS = "shared_words"  # it shares words with the objective
    QUICK_WIN = "quick_win"  # effect within weeks, for a short-term objective
    STRUCTURAL = "structural"  # slower but lasting, for a long-term objective
    CHANNEL_FIT = "channel_fit"  # uses channels the roadmap already has
    NEW_CHANNEL = "new_channel"  # needs channels the roadmap does not use yet
    PERSONA_FIT = "persona_fit"  # addresses the roadmap's persona kinds
    STAGE_FIT = "stage_fit"  # addresses lifecycle stages the roadmap works on
    LOW_EFFORT = "low_effort"  # little effort and a low cost band
    IN_ROADMAP = "in_roadmap"  # the roadmap already has it


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    metric_id: str | None = None
    goal_id: str | None = None
    strategy_id: str | None = None
    direction: Direction | None = None
    items: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code.value}
        if self.metric_id:
            data["metric"] = self.metric_id
        if self.goal_id:
            data["goal"] = self.goal_id
        if self.strategy_id:
            data["strategy"] = self.strategy_id
        if self.direction:
            data["direction"] = self.direction
        if self.items:
            data["items"] = list(self.items)
        return data


@dataclass(frozen=True)
class RankedTactic:
    tactic_id: str
    strategy_id: str
    score: float
    reasons: tuple[Reason, ...]
    in_roadmap: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "tactic": self.tactic_id,
            "strategy": self.strategy_id,
            "score": self.score,
            "in_roadmap": self.in_roadmap,
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass(frozen=True)
class RankedStrategy:
    strategy_id: str
    goal_id: str
    score: float
    reasons: tuple[Reason, ...]
    tactics: tuple[RankedTactic, ...]
    in_roadmap: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy_id,
            "goal": self.goal_id,
            "score": self.score,
            "in_roadmap": self.in_roadmap,
            "reasons": [r.to_dict() for r in self.reasons],
            "tactics": [t.to_dict() for t in self.tactics],
        }


@dataclass(frozen=True)
class Advice:
    """``strategies`` best first, each with its best tactics; ``tactics`` every proposed tactic
    best first, whatever its strategy. ``direction`` is the way the metric should move."""

    status: AdviceStatus
    metric: MetricMatch | None
    direction: Direction | None
    strategies: tuple[RankedStrategy, ...]
    tactics: tuple[RankedTactic, ...]

    def to_dict(self) -> dict[str, Any]:
        metric = None
        if self.metric is not None:
            metric = {
                "id": self.metric.metric_id,
                "confidence": self.metric.confidence,
                "matched": self.metric.phrase,
                "source": self.metric.source.value,
                "ambiguous": self.metric.ambiguous,
                "device": self.metric.device,
                "alternatives": [
                    {"id": c.metric_id, "score": c.score, "matched": c.phrase}
                    for c in self.metric.alternatives
                ],
            }
        return {
            "status": self.status.value,
            "metric": metric,
            "direction": self.direction,
            "strategies": [s.to_dict() for s in self.strategies],
            "tactics": [t.to_dict() for t in self.tactics],
        }
