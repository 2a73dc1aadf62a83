"""The advisor: strategies and tactics ranked for an objective, each with why it is proposed.

``advise(playbook, objective)`` recognises the objective's metric (:mod:`jalon.engines.metric_match`)
and the way it should move (the objective's verb, else the metric's good direction), then scores
every tactic from 0 to 1:

- metric fit (weight 0.55 when a metric is recognised): 1 when the tactic itself moves the metric
  the right way, 0.8 when one of its strategies does, 0.7 when its goal does, 0.35 when it improves
  a related metric; negative when it moves the metric the wrong way. Multiplied by the match's
  confidence;
- shared words (0.20; 0.60 without a metric): the objective's words found in the tactic's titles,
  keywords and strategies' titles, rare words weighing more; the verbs that say nothing of the subject
  (faire, make, do…: ``metric_match.subject_words``) count on neither side;
- term (0.08): quick tactics for a short-term objective, structural ones for a long-term one;
- channels (0.07): the channels the roadmap's framing already uses; audience (0.05): its persona kinds
  or lifecycle stages. Neutral (0.5) when the framing says nothing; a tactic sharing any of them scores
  from 0.5 up to 1 by the share of its own channels (or audiences) in use, one sharing none 0;
- effort (0.05): lighter first.

A tactic the roadmap already has (same id, or a title that reads the same) keeps a third of its
score and says so. A strategy scores by its own metric fit (0.45), its words (0.15) and its three
best tactics (0.40, weighted 1, 1/2 and 1/4: one excellent tactic beats three mediocre ones).
Ranking is exact and deterministic (ties broken by id); there is nothing to search, so no time
limit or seed. Pure Python, no I/O.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from jalon.engines.advisor_model import (
    Advice,
    AdviceStatus,
    Direction,
    GoalEntry,
    Objective,
    Playbook,
    RankedStrategy,
    RankedTactic,
    Reason,
    ReasonCode,
    StrategyEntry,
    TacticEntry,
)
from jalon.engines.metric_match import MetricEntry, MetricIndex, MetricMatch, content_words, subject_words
from jalon.engines.smart_lexicon import says_more_or_less, verb_direction, verb_forms
from jalon.engines.smart_text import normalize

__all__ = ["Advisor", "advise"]

_W_METRIC, _W_TEXT, _W_TERM, _W_CHANNEL, _W_AUDIENCE, _W_EFFORT = 0.55, 0.20, 0.08, 0.07, 0.05, 0.05
_W_TEXT_ONLY = 0.60
_IN_ROADMAP_FACTOR = 1 / 3
_SAME_TITLE_RATIO = 0.85
_TERM_FIT: Mapping[str, Mapping[str, float]] = {
    "short": {"weeks": 1.0, "months": 0.5, "quarters": 0.0},
    "medium": {"weeks": 0.7, "months": 1.0, "quarters": 0.6},
    "long": {"weeks": 0.4, "months": 0.8, "quarters": 1.0},
}
_EFFORT_FIT = {"low": 1.0, "medium": 0.6, "high": 0.2}
_NEUTRAL = 0.5
# A strategy is as good as its best tactic, helped a little by the next two.
_BEST_TACTIC_WEIGHTS = (1.0, 0.5, 0.25)
_WORD = re.compile(r"[^\W_]+")
_OPPOSITE = {"increase": "decrease", "decrease": "increase"}


def advise(
    playbook: Playbook,
    objective: Objective,
    *,
    max_strategies: int = 5,
    tactics_per_strategy: int = 4,
    min_score: float = 0.2,
) -> Advice:
    """Rank the playbook for ``objective``; see the module's documentation for the scores."""
    return Advisor(playbook).advise(
        objective,
        max_strategies=max_strategies,
        tactics_per_strategy=tactics_per_strategy,
        min_score=min_score,
    )


@dataclass(frozen=True)
class _Fit:
    value: float
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class _Query:
    words: frozenset[str]
    shown: Mapping[str, str]


class Advisor:
    """The playbook with its indexes built once, to advise on many objectives."""

    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook
        self.metric_index = MetricIndex.build(playbook.metrics)
        self.metrics: Mapping[str, MetricEntry] = {m.id: m for m in playbook.metrics}
        self.goals: Mapping[str, GoalEntry] = {g.id: g for g in playbook.goals}
        self.strategies: Mapping[str, StrategyEntry] = {s.id: s for s in playbook.strategies}
        self._tactic_words = {t.id: self._words_of(t) for t in playbook.tactics}
        self._strategy_words = {
            s.id: frozenset(_words(s.words)) | frozenset(_words(self.goals[s.goal_id].words))
            for s in playbook.strategies
        }
        documents = [*self._tactic_words.values(), *self._strategy_words.values()]
        counts: dict[str, int] = {}
        for document in documents:
            for word in document:
                counts[word] = counts.get(word, 0) + 1
        self._word_weight = {w: math.log(1.0 + len(documents) / n) for w, n in counts.items()}

    def _words_of(self, tactic: TacticEntry) -> frozenset[str]:
        words = set(_words(tactic.words))
        for strategy_id in tactic.strategy_ids:
            words |= _words(self.strategies[strategy_id].words)
        return frozenset(words)

    # --- the objective ---------------------------------------------------------------------------

    def recognise(self, objective: Objective) -> MetricMatch | None:
        if objective.metric_id is not None and objective.metric_id in self.metrics:
            return MetricMatch(objective.metric_id, 1.0, objective.metric_id)
        for text in (objective.metric_text, objective.text):
            if text.strip():
                found = self.metric_index.match(text, corrections=objective.corrections)
                if found is not None:
                    return found
        return None

    def desired_direction(self, objective: Objective, metric: MetricMatch | None) -> Direction | None:
        stated: str | None = objective.direction
        if stated is None and objective.text.strip():
            stated = _first_change_verb(objective.text)  # None for « améliorer »: the KPI's better way
        if metric is not None and metric.opposite and stated in _OPPOSITE:
            stated = _OPPOSITE[stated]  # "reduce inactive customers": the reactivation rate should rise
        if stated == "increase":
            return "increase"
        if stated == "decrease":
            return "decrease"
        if metric is None:
            return None
        return "increase" if self.metrics[metric.metric_id].better == "higher" else "decrease"

    # --- ranking ---------------------------------------------------------------------------------

    def advise(
        self,
        objective: Objective,
        *,
        max_strategies: int = 5,
        tactics_per_strategy: int = 4,
        min_score: float = 0.2,
    ) -> Advice:
        metric = self.recognise(objective)
        direction = self.desired_direction(objective, metric)
        query = self._query(objective)
        strategy_fit = {
            s.id: self._strategy_metric_fit(s, metric, direction) for s in self.playbook.strategies
        }
        ranked: list[RankedTactic] = []
        for tactic in self.playbook.tactics:
            item = self._rank_tactic(tactic, objective, metric, direction, query, strategy_fit)
            if item is not None and item.score >= min_score:
                ranked.append(item)
        ranked.sort(key=lambda t: (-t.score, t.tactic_id))
        strategies = self._rank_strategies(objective, strategy_fit, query, ranked, tactics_per_strategy)
        strategies = [s for s in strategies if s.score >= min_score][:max_strategies]
        if metric is not None:
            status = AdviceStatus.MATCHED
        else:
            status = AdviceStatus.TEXT_ONLY if ranked else AdviceStatus.NO_MATCH
        return Advice(status, metric, direction, tuple(strategies), tuple(ranked))

    def _query(self, objective: Objective) -> _Query:
        """The objective's known words, each with the spelling the user wrote (for the reasons)."""
        shown: dict[str, str] = {}
        for text in (objective.text, objective.metric_text):
            for original in _WORD.findall(text):
                for word in subject_words(original):
                    if word in self._word_weight:
                        shown.setdefault(word, original.lower())
        return _Query(frozenset(shown), shown)

    def _text_fit(self, words: frozenset[str], query: _Query) -> _Fit:
        if not query.words:
            return _Fit(0.0)
        shared = sorted(words & query.words, key=lambda w: query.shown[w])
        total = sum(self._word_weight[w] for w in query.words)
        value = sum(self._word_weight[w] for w in shared) / total
        items = tuple(query.shown[w] for w in shared)
        reasons = (Reason(ReasonCode.SHARED_WORDS, items=items),) if shared else ()
        return _Fit(value, reasons)

    def _strategy_metric_fit(
        self, strategy: StrategyEntry, metric: MetricMatch | None, direction: Direction | None
    ) -> _Fit:
        if metric is None or direction is None:
            return _Fit(0.0)
        m, confidence = metric.metric_id, metric.confidence
        goal = self.goals[strategy.goal_id]
        if m in strategy.metrics:
            if strategy.metrics[m] != direction:
                return _Fit(-confidence, (Reason(ReasonCode.OPPOSITE_DIRECTION, metric_id=m),))
            return _Fit(confidence, (Reason(ReasonCode.MOVES_METRIC, metric_id=m, direction=direction),))
        if goal.metrics.get(m) == direction:
            return _Fit(0.8 * confidence, (Reason(ReasonCode.SERVES_GOAL, metric_id=m, goal_id=goal.id),))
        related = self._related_improved(strategy.metrics, m)
        if related:
            return _Fit(0.35 * confidence, (Reason(ReasonCode.RELATED_METRIC, metric_id=related),))
        return _Fit(0.0)

    def _tactic_metric_fit(
        self,
        tactic: TacticEntry,
        metric: MetricMatch | None,
        direction: Direction | None,
        strategy_fit: Mapping[str, _Fit],
    ) -> _Fit:
        if metric is None or direction is None:
            return _Fit(0.0)
        m, confidence = metric.metric_id, metric.confidence
        if m in tactic.metrics:
            if tactic.metrics[m] != direction:
                return _Fit(-confidence, (Reason(ReasonCode.OPPOSITE_DIRECTION, metric_id=m),))
            return _Fit(confidence, (Reason(ReasonCode.MOVES_METRIC, metric_id=m, direction=direction),))
        best_id = max(tactic.strategy_ids, key=lambda s: strategy_fit[s].value)
        best = strategy_fit[best_id]
        if best.value >= confidence:
            reason = Reason(ReasonCode.VIA_STRATEGY, metric_id=m, strategy_id=best_id, direction=direction)
            return _Fit(0.8 * confidence, (reason,))
        if best.value >= 0.8 * confidence:
            return _Fit(0.7 * confidence, best.reasons)
        related = self._related_improved(tactic.metrics, m)
        if related:
            return _Fit(0.35 * confidence, (Reason(ReasonCode.RELATED_METRIC, metric_id=related),))
        return _Fit(0.0)

    def _related_improved(self, moved: Mapping[str, Direction], metric_id: str) -> str | None:
        """A metric in ``moved`` that moves with ``metric_id`` and is moved its good way."""
        target = self.metrics[metric_id]
        for other_id in sorted(moved):
            other = self.metrics[other_id]
            linked = other_id in target.related or metric_id in other.related
            good = "increase" if other.better == "higher" else "decrease"
            if linked and moved[other_id] == good:
                return other_id
        return None

    def _rank_tactic(
        self,
        tactic: TacticEntry,
        objective: Objective,
        metric: MetricMatch | None,
        direction: Direction | None,
        query: _Query,
        strategy_fit: Mapping[str, _Fit],
    ) -> RankedTactic | None:
        metric_fit = self._tactic_metric_fit(tactic, metric, direction, strategy_fit)
        text_fit = self._text_fit(self._tactic_words[tactic.id], query)
        if metric_fit.value == 0 and text_fit.value == 0:
            return None
        term_fit = _term_fit(tactic, objective)
        channel_fit = _overlap_fit(tactic.channels, objective.channels, ReasonCode.CHANNEL_FIT, new=True)
        audience_fit = _audience_fit(tactic, objective)
        effort = (_EFFORT_FIT[tactic.effort] + _EFFORT_FIT[tactic.cost]) / 2
        rest = _W_TERM * term_fit.value + _W_CHANNEL * channel_fit.value + _W_AUDIENCE * audience_fit.value
        rest += _W_EFFORT * effort
        if metric is not None:
            score = _W_METRIC * max(metric_fit.value, 0.0) + _W_TEXT * text_fit.value + rest
        else:
            score = _W_TEXT_ONLY * text_fit.value + rest * (1 - _W_TEXT_ONLY) / (1 - _W_METRIC - _W_TEXT)
        reasons = [*metric_fit.reasons, *text_fit.reasons, *term_fit.reasons, *channel_fit.reasons]
        reasons += audience_fit.reasons
        if tactic.effort == "low" and tactic.cost == "low":
            reasons.append(Reason(ReasonCode.LOW_EFFORT))
        if metric_fit.value < 0:
            score = min(score, 0.05)
        in_roadmap = tactic.id in objective.existing_tactic_ids or _same_title(
            tactic.titles, objective.existing_titles
        )
        if in_roadmap:
            score *= _IN_ROADMAP_FACTOR
            reasons.append(Reason(ReasonCode.IN_ROADMAP))
        strategy_id = max(
            tactic.strategy_ids, key=lambda s: (strategy_fit[s].value, -tactic.strategy_ids.index(s))
        )
        return RankedTactic(tactic.id, strategy_id, round(min(score, 1.0), 4), tuple(reasons), in_roadmap)

    def _rank_strategies(
        self,
        objective: Objective,
        strategy_fit: Mapping[str, _Fit],
        query: _Query,
        ranked: Sequence[RankedTactic],
        per_strategy: int,
    ) -> list[RankedStrategy]:
        by_strategy: dict[str, list[RankedTactic]] = {}
        tactic_strategies = {t.id: t.strategy_ids for t in self.playbook.tactics}
        for item in ranked:
            for strategy_id in tactic_strategies[item.tactic_id]:
                by_strategy.setdefault(strategy_id, []).append(item)
        result = []
        for strategy in self.playbook.strategies:
            items = by_strategy.get(strategy.id, [])
            fresh = [t.score for t in items if not t.in_roadmap][:3]
            if not items:
                continue
            fit = strategy_fit[strategy.id]
            text = self._text_fit(self._strategy_words[strategy.id], query)
            tactics_part = sum(w * v for w, v in zip(_BEST_TACTIC_WEIGHTS, fresh, strict=False)) / sum(
                _BEST_TACTIC_WEIGHTS
            )
            score = 0.45 * max(fit.value, 0.0) + 0.15 * text.value + 0.40 * tactics_part
            in_roadmap = _same_title(strategy.titles, objective.existing_titles)
            reasons = [*fit.reasons, *text.reasons]
            if in_roadmap:
                reasons.append(Reason(ReasonCode.IN_ROADMAP))
            # each tactic is shown under the strategy it serves best; shared ones only as a fallback
            own = [t for t in items if t.strategy_id == strategy.id] or items
            result.append(
                RankedStrategy(
                    strategy.id,
                    strategy.goal_id,
                    round(min(score, 1.0), 4),
                    tuple(reasons),
                    tuple(own[:per_strategy]),
                    in_roadmap,
                )
            )
        result.sort(key=lambda s: (-s.score, s.strategy_id))
        return result


def _words(texts: Iterable[str]) -> set[str]:
    """The words of the playbook's texts that say what they are about (``subject_words``)."""
    return {word for text in texts for word in subject_words(text) if len(word) > 1}


def _term_fit(tactic: TacticEntry, objective: Objective) -> _Fit:
    if objective.term is None:
        return _Fit(_NEUTRAL)
    value = _TERM_FIT[objective.term][tactic.delay]
    if objective.term == "short" and tactic.delay == "weeks":
        return _Fit(value, (Reason(ReasonCode.QUICK_WIN),))
    if objective.term == "long" and tactic.delay == "quarters":
        return _Fit(value, (Reason(ReasonCode.STRUCTURAL),))
    return _Fit(value)


def _overlap_fit(offered: frozenset[str], wanted: frozenset[str], code: ReasonCode, *, new: bool) -> _Fit:
    """Neutral when either side is unknown; else 0.5 to 1 by the share of ``offered`` in ``wanted`` when
    they meet (any overlap beats knowing nothing), 0 when they do not."""
    if not wanted or not offered:
        return _Fit(_NEUTRAL)
    shared = offered & wanted
    if shared:
        value = _NEUTRAL + (1 - _NEUTRAL) * len(shared) / len(offered)
        return _Fit(value, (Reason(code, items=tuple(sorted(shared))),))
    if new:
        return _Fit(0.0, (Reason(ReasonCode.NEW_CHANNEL, items=tuple(sorted(offered))),))
    return _Fit(0.0)


def _audience_fit(tactic: TacticEntry, objective: Objective) -> _Fit:
    """The better of the persona-kind and lifecycle-stage overlaps, with the reasons of both."""
    if not objective.personas and not objective.stages:
        return _Fit(_NEUTRAL)
    fits = [
        _overlap_fit(tactic.personas, objective.personas, ReasonCode.PERSONA_FIT, new=False)
        if objective.personas
        else None,
        _overlap_fit(tactic.stages, objective.stages, ReasonCode.STAGE_FIT, new=False)
        if objective.stages
        else None,
    ]
    known = [fit for fit in fits if fit is not None]
    return _Fit(max(fit.value for fit in known), tuple(r for fit in known for r in fit.reasons))


def _same_title(titles: Sequence[str], existing: Sequence[str]) -> bool:
    """True when one of ``titles`` reads the same as an existing title (case, accents, plurals aside)."""
    if not existing:
        return False
    keys = [_title_key(t) for t in titles if t.strip()]
    for other in existing:
        other_key = _title_key(other)
        if not other_key:
            continue
        matcher: difflib.SequenceMatcher[str] | None = None
        for key in keys:
            if key == other_key:
                return True
            if _length_ratio(key, other_key) < _SAME_TITLE_RATIO:
                continue  # the ratio is at most this bound: titles whose lengths differ so much cannot match
            if matcher is None:  # the second text's index, built once for all of ``keys``
                matcher = difflib.SequenceMatcher(None, "", other_key)
            matcher.set_seq1(key)
            if matcher.quick_ratio() >= _SAME_TITLE_RATIO and matcher.ratio() >= _SAME_TITLE_RATIO:
                return True
    return False


@functools.lru_cache(maxsize=4096)
def _title_key(title: str) -> str:
    """A title's content words, as ``_same_title`` compares them (each existing title is compared with
    every tactic of every objective: its words are found once)."""
    return " ".join(content_words(title))


def _length_ratio(first: str, second: str) -> float:
    """The most ``SequenceMatcher(None, first, second).ratio()`` can be, from the lengths alone: difflib's
    ``real_quick_ratio``, computed as difflib computes it, without indexing a 20,000-character title."""
    return 2.0 * min(len(first), len(second)) / (len(first) + len(second))


def _first_change_verb(text: str) -> str | None:
    """The direction of the statement's first change verb (increase, decrease, reach, maintain), as the
    SMART coach reads it; None for a verb that says "better" rather than "more" or "less" (« améliorer »,
    "optimise", "speed up"), whose direction is the KPI's own (better CPL is a lower one)."""
    for _, form in verb_forms(normalize(text)):
        direction = verb_direction(form)
        if direction is not None:
            return direction if says_more_or_less(form) else None
    return None
