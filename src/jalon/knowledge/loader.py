"""Read the knowledge files shipped in ``jalon/knowledge/data/`` and check them as a whole.

``load_knowledge()`` reads ``vocabulary.yaml``, ``metrics.yaml``, ``goals.yaml``, every
``tactics-*.yaml`` and every ``benchmarks*.yaml``, validates each against its pydantic schema,
then checks the cross-references (a tactic's strategy exists, a KPI names a known metric, a channel
is in the vocabulary, a percentage lies between 0 and 100…). A problem anywhere raises
:class:`KnowledgeError` listing every problem with its file and place, so a bad edit is caught by
the tests before it ships. The result is cached: the files are read once per process.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from jalon.knowledge.schema import (
    Benchmark,
    BenchmarksFile,
    Goal,
    GoalsFile,
    Metric,
    MetricsFile,
    Strategy,
    Tactic,
    TacticsFile,
    Vocabulary,
    VocabularyFile,
)

M = TypeVar("M", bound=BaseModel)
DATA_DIR = Path(__file__).resolve().parent / "data"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What a value may be, per unit: a benchmark outside is a typo, not a figure.
UNIT_RANGES: dict[str, tuple[float, float]] = {
    "%": (0.0, 100.0),
    "ratio": (0.0, 100.0),
    "months": (0.0, 240.0),
    "USD": (0.0, 1_000_000.0),
    "EUR": (0.0, 1_000_000.0),
    "count": (0.0, 1e12),
    "points": (-100.0, 100.0),
    "seconds": (0.0, 3600.0),
}


class KnowledgeError(ValueError):
    """The knowledge files are inconsistent; ``problems`` lists each one with its place."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Knowledge:
    vocabulary: Vocabulary
    metrics: dict[str, Metric]
    goals: dict[str, Goal]
    strategies: dict[str, Strategy]
    tactics: dict[str, Tactic]
    benchmarks: dict[str, Benchmark]

    def tactics_of(self, strategy_id: str) -> list[Tactic]:
        return [tactic for tactic in self.tactics.values() if strategy_id in tactic.strategies]

    def benchmarks_of(self, metric_id: str) -> list[Benchmark]:
        return [item for item in self.benchmarks.values() if item.metric == metric_id]


def read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)


def _parse(model: type[M], path: Path, problems: list[str]) -> M | None:
    try:
        return model.model_validate(read_yaml(path))
    except (OSError, yaml.YAMLError) as error:
        problems.append(f"{path.name}: cannot read: {error}")
    except ValidationError as error:
        for item in error.errors():
            where = ".".join(str(part) for part in item["loc"])
            problems.append(f"{path.name}: {where}: {item['msg']}")
    return None


def _index(items: Iterable[M], kind: str, problems: list[str]) -> dict[str, M]:
    items = list(items)
    counts = Counter(str(getattr(item, "id")) for item in items)  # noqa: B009 - models share the field
    problems.extend(f"{kind} {key!r} is defined {n} times" for key, n in counts.items() if n > 1)
    return {str(getattr(item, "id")): item for item in items}  # noqa: B009


def load_knowledge(directory: Path | None = None) -> Knowledge:
    """Read and check every knowledge file in ``directory`` (default: the package's data)."""
    if directory is None:
        return _load_packaged()
    return _load(directory)


@cache
def _load_packaged() -> Knowledge:
    return _load(DATA_DIR)


def _load(directory: Path) -> Knowledge:
    problems: list[str] = []
    vocabulary = _parse(VocabularyFile, directory / "vocabulary.yaml", problems)
    metrics_file = _parse(MetricsFile, directory / "metrics.yaml", problems)
    goals_file = _parse(GoalsFile, directory / "goals.yaml", problems)
    tactic_files = [_parse(TacticsFile, p, problems) for p in sorted(directory.glob("tactics-*.yaml"))]
    bench_files = [_parse(BenchmarksFile, p, problems) for p in sorted(directory.glob("benchmarks*.yaml"))]
    if not tactic_files or not bench_files:
        problems.append(f"{directory}: no tactics-*.yaml or benchmarks*.yaml file")
    if problems or vocabulary is None or metrics_file is None or goals_file is None:
        raise KnowledgeError(problems)
    knowledge = Knowledge(
        vocabulary=vocabulary.vocabulary,
        metrics=_index(metrics_file.metrics, "metric", problems),
        goals=_index(goals_file.goals, "goal", problems),
        strategies=_index(goals_file.strategies, "strategy", problems),
        tactics=_index((t for f in tactic_files if f for t in f.tactics), "tactic", problems),
        benchmarks=_index((b for f in bench_files if f for b in f.benchmarks), "benchmark", problems),
    )
    problems.extend(cross_reference_problems(knowledge))
    if problems:
        raise KnowledgeError(problems)
    return knowledge


def cross_reference_problems(knowledge: Knowledge) -> list[str]:
    """Every reference that points nowhere, every value outside its unit's range."""
    problems: list[str] = []
    vocab = knowledge.vocabulary

    def known(kind: str, keys: Iterable[str], table: dict[str, Any], where: str) -> None:
        problems.extend(f"{where}: unknown {kind} {key!r}" for key in keys if key not in table)

    problems.extend(
        f"vocabulary.cost_bands: no band for the level {level!r}"
        for level in sorted(set(vocab.levels) - set(vocab.cost_bands))
    )
    bands = [vocab.cost_bands[level] for level in ("low", "medium", "high") if level in vocab.cost_bands]
    if any(lower.high > higher.low for lower, higher in pairwise(bands)):
        problems.append("vocabulary.cost_bands: the bands must rise from low to high without overlapping")
    for metric in knowledge.metrics.values():
        known("metric", metric.related, knowledge.metrics, f"metric {metric.id}.related")
        both = {p.casefold() for p in metric.synonyms.all()} & {p.casefold() for p in metric.opposites.all()}
        problems.extend(f"metric {metric.id}: {p!r} is both a synonym and an opposite" for p in sorted(both))
    for goal in knowledge.goals.values():
        known("metric", goal.metrics, knowledge.metrics, f"goal {goal.id}.metrics")
        if not any(s.goal == goal.id for s in knowledge.strategies.values()):
            problems.append(f"goal {goal.id}: no strategy serves it")
    for strategy in knowledge.strategies.values():
        known("goal", [strategy.goal], knowledge.goals, f"strategy {strategy.id}.goal")
        known("metric", strategy.metrics, knowledge.metrics, f"strategy {strategy.id}.metrics")
        if not knowledge.tactics_of(strategy.id):
            problems.append(f"strategy {strategy.id}: no tactic implements it")
    for tactic in knowledge.tactics.values():
        where = f"tactic {tactic.id}"
        known("strategy", tactic.strategies, knowledge.strategies, f"{where}.strategies")
        known("metric", tactic.kpis, knowledge.metrics, f"{where}.kpis")
        known("channel", tactic.channels, vocab.channels, f"{where}.channels")
        known("data kind", tactic.data, vocab.data, f"{where}.data")
        known("stage", tactic.stages, vocab.stages, f"{where}.stages")
        known("persona kind", tactic.personas, vocab.personas, f"{where}.personas")
    for item in knowledge.benchmarks.values():
        where = f"benchmark {item.id}"
        known("metric", [item.metric], knowledge.metrics, f"{where}.metric")
        known("sector", [item.sector], vocab.sectors, f"{where}.sector")
        known("region", [item.region], vocab.regions, f"{where}.region")
        known("device", [item.device], vocab.devices, f"{where}.device")
        known("segment", [item.segment], vocab.segments, f"{where}.segment")
        measured = knowledge.metrics.get(item.metric)
        if measured is not None:
            low, high = UNIT_RANGES[measured.unit]
            if not all(low <= bound <= high for bound in item.bounds):
                problems.append(f"{where}: {item.bounds} outside {low}..{high} {measured.unit}")
    return problems
