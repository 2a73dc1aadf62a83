"""The knowledge files as the pure engines' dataclasses (playbook, metric synonyms, benchmark points)."""

from __future__ import annotations

from functools import cache

from jalon.engines.advisor import Advisor
from jalon.engines.advisor_model import GoalEntry, Playbook, StrategyEntry, TacticEntry
from jalon.engines.benchmark_band import BenchmarkPoint
from jalon.engines.metric_match import MetricEntry, MetricIndex
from jalon.knowledge.loader import Knowledge, load_knowledge


def metric_entries(knowledge: Knowledge) -> tuple[MetricEntry, ...]:
    """Each metric with its names and synonyms in both languages."""
    return tuple(
        MetricEntry(
            id=m.id,
            phrases=(m.name.fr, m.name.en, *m.synonyms.all()),
            better=m.better,
            related=tuple(m.related),
            opposites=m.opposites.all(),
        )
        for m in knowledge.metrics.values()
    )


def playbook(knowledge: Knowledge) -> Playbook:
    goals = tuple(
        GoalEntry(id=g.id, metrics=dict(g.metrics), words=(g.title.fr, g.title.en))
        for g in knowledge.goals.values()
    )
    strategies = tuple(
        StrategyEntry(
            id=s.id,
            goal_id=s.goal,
            metrics=dict(s.metrics),
            words=(s.title.fr, s.title.en),
            titles=(s.title.fr, s.title.en),
        )
        for s in knowledge.strategies.values()
    )
    tactics = tuple(
        TacticEntry(
            id=t.id,
            strategy_ids=tuple(t.strategies),
            metrics=dict(t.kpis),
            channels=frozenset(t.channels),
            stages=frozenset(t.stages),
            personas=frozenset(t.personas),
            effort=t.effort,
            cost=t.cost,
            delay=t.time_to_impact,
            words=(t.title.fr, t.title.en, *t.keywords.all()),
            titles=(t.title.fr, t.title.en),
        )
        for t in knowledge.tactics.values()
    )
    return Playbook(metrics=metric_entries(knowledge), goals=goals, strategies=strategies, tactics=tactics)


def benchmark_points(knowledge: Knowledge) -> tuple[BenchmarkPoint, ...]:
    points = []
    for item in knowledge.benchmarks.values():
        low, high = item.bounds
        points.append(
            BenchmarkPoint(
                id=item.id,
                metric_id=item.metric,
                low=low,
                high=high,
                year=item.year,
                sector=item.sector,
                region=item.region,
                device=item.device,
                segment=item.segment,
                statistic=item.statistic,
            )
        )
    return tuple(points)


@cache
def packaged_advisor() -> Advisor:
    """The advisor over the packaged knowledge, built once per process."""
    return Advisor(playbook(load_knowledge()))


@cache
def packaged_metric_index() -> MetricIndex:
    """The metric synonyms of the packaged knowledge, indexed once per process."""
    return MetricIndex.build(metric_entries(load_knowledge()))
