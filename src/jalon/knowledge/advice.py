"""Advice for an objective, in one language, with the benchmarks that apply and their sources.

``advice_report(objective, lang=...)`` runs the pure advisor over the packaged playbook, then
replaces ids by labels and reason codes by sentences in ``lang``, and adds the benchmark band of
the recognised metric (sector, region and device when given) with every source. The result is a
plain dict, the same for the command line's table and its ``--json`` output (and later the pages).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jalon.engines.advisor_model import Advice, Objective, RankedStrategy, RankedTactic
from jalon.engines.benchmark_band import Band, BandQuery, band
from jalon.knowledge.engine_input import benchmark_points, packaged_advisor
from jalon.knowledge.loader import Knowledge, load_knowledge
from jalon.knowledge.reasons import reason_text
from jalon.knowledge.schema import Benchmark, Tactic

LANGUAGES = ("fr", "en")


def advice_report(
    objective: Objective,
    *,
    lang: str = "fr",
    sector: str | None = None,
    region: str | None = None,
    max_strategies: int = 5,
    tactics_per_strategy: int = 4,
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """The ranked strategies and tactics for ``objective`` and the matching benchmarks, in ``lang``;
    ``names`` are the roadmap's own words for its persona kinds and stages (see ``reason_text``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    knowledge = load_knowledge()
    advice = packaged_advisor().advise(
        objective, max_strategies=max_strategies, tactics_per_strategy=tactics_per_strategy
    )
    benchmarks = None
    if advice.metric is not None:
        query = BandQuery(advice.metric.metric_id, sector=sector, region=region, device=advice.metric.device)
        found = band(benchmark_points(knowledge), query)
        benchmarks = _band_report(found, knowledge, lang, query) if found else None
    return {
        "objective": objective.text,
        "lang": lang,
        "status": advice.status.value,
        "metric": _metric_report(advice, knowledge, lang),
        "direction": advice.direction,
        "direction_label": knowledge.vocabulary.directions[advice.direction].get(lang)
        if advice.direction
        else None,
        "strategies": [_strategy_report(s, knowledge, lang, names) for s in advice.strategies],
        "benchmarks": benchmarks,
    }


def benchmark_report(
    metric_id: str,
    *,
    lang: str = "fr",
    sector: str | None = None,
    region: str | None = None,
    device: str | None = None,
) -> dict[str, Any] | None:
    """The benchmark band of ``metric_id`` with its sources in ``lang``, or None when no figure is known."""
    knowledge = load_knowledge()
    query = BandQuery(metric_id, sector=sector, region=region, device=device)
    found = band(benchmark_points(knowledge), query)
    return _band_report(found, knowledge, lang, query) if found else None


def _metric_report(advice: Advice, knowledge: Knowledge, lang: str) -> dict[str, Any] | None:
    match = advice.metric
    if match is None:
        return None
    metric = knowledge.metrics[match.metric_id]
    return {
        "id": metric.id,
        "name": metric.name.get(lang),
        "unit": metric.unit,
        "confidence": match.confidence,
        "matched": match.phrase,
        "source": match.source.value,
        "ambiguous": match.ambiguous,
        "device": match.device,
        "alternatives": [
            {"id": c.metric_id, "name": knowledge.metrics[c.metric_id].name.get(lang), "score": c.score}
            for c in match.alternatives
        ],
    }


def _strategy_report(
    item: RankedStrategy, knowledge: Knowledge, lang: str, names: Mapping[str, Mapping[str, str]] | None
) -> dict[str, Any]:
    strategy = knowledge.strategies[item.strategy_id]
    goal = knowledge.goals[item.goal_id]
    return {
        "id": strategy.id,
        "title": strategy.title.get(lang),
        "description": strategy.description.get(lang),
        "goal": {"id": goal.id, "title": goal.title.get(lang)},
        "score": item.score,
        "in_roadmap": item.in_roadmap,
        "why": [reason_text(r, lang=lang, knowledge=knowledge, names=names) for r in item.reasons],
        "tactics": [_tactic_report(t, knowledge, lang, names) for t in item.tactics],
    }


def _tactic_report(
    item: RankedTactic, knowledge: Knowledge, lang: str, names: Mapping[str, Mapping[str, str]] | None
) -> dict[str, Any]:
    tactic: Tactic = knowledge.tactics[item.tactic_id]
    vocab = knowledge.vocabulary
    return {
        "id": tactic.id,
        "title": tactic.title.get(lang),
        "description": tactic.description.get(lang),
        "score": item.score,
        "in_roadmap": item.in_roadmap,
        "why": [reason_text(r, lang=lang, knowledge=knowledge, names=names) for r in item.reasons],
        "channels": [vocab.channels[c].get(lang) for c in tactic.channels],
        "data_needed": [vocab.data[d].get(lang) for d in tactic.data],
        "effort": vocab.levels[tactic.effort].get(lang),
        "cost_band": tactic.cost,
        "cost": vocab.levels[tactic.cost].get(lang),
        "cost_range": {
            "low": vocab.cost_bands[tactic.cost].low,
            "high": vocab.cost_bands[tactic.cost].high,
            "middle": vocab.cost_bands[tactic.cost].middle,
            "currency": "EUR",
        },
        "time_to_impact": vocab.delays[tactic.time_to_impact].get(lang),
        "stages": [vocab.stages[s].get(lang) for s in tactic.stages],
        "personas": [vocab.personas[p].get(lang) for p in tactic.personas],
        "kpis": [
            {
                "id": metric_id,
                "name": knowledge.metrics[metric_id].name.get(lang),
                "direction": direction,
                "direction_label": vocab.directions[direction].get(lang),
            }
            for metric_id, direction in tactic.kpis.items()
        ],
        "prerequisites": [text.get(lang) for text in tactic.prerequisites],
        "risks": [text.get(lang) for text in tactic.risks],
    }


def _band_report(found: Band, knowledge: Knowledge, lang: str, query: BandQuery) -> dict[str, Any]:
    metric = knowledge.metrics[found.metric_id]
    return {
        "metric": metric.id,
        "name": metric.name.get(lang),
        "unit": metric.unit,
        "low": found.low,
        "high": found.high,
        "sector": query.sector,
        "sector_label": knowledge.vocabulary.sectors[query.sector].get(lang) if query.sector else None,
        "region": query.region,
        "device": query.device,
        "fallbacks": {
            "sector": found.sector_fallback,
            "region": found.region_fallback,
            "device": found.device_fallback,
            "segment": found.segment_fallback,
        },
        "points": [point_report(knowledge.benchmarks[p.id], knowledge, lang) for p in found.points],
    }


def point_report(item: Benchmark, knowledge: Knowledge, lang: str) -> dict[str, Any]:
    """One benchmark figure with its labels in ``lang`` and its whole source (the band's points, the command
    line's table and the knowledge page's rows)."""
    vocab = knowledge.vocabulary
    low, high = item.bounds
    source = item.source
    return {
        "id": item.id,
        "low": low,
        "high": high,
        "statistic": item.statistic,
        "year": item.year,
        "sector": vocab.sectors[item.sector].get(lang),
        "region": vocab.regions[item.region].get(lang),
        "device": vocab.devices[item.device].get(lang),
        "segment": vocab.segments[item.segment].get(lang),
        "note": item.note.get(lang) if item.note else None,
        "source": {
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "original_url": source.original_url,
            "year": source.year,
            "sample": source.sample.get(lang),
            "read_on": source.read_on.isoformat(),
            "passage": source.passage,
        },
    }
