"""The knowledge files' schema (pydantic v2): vocabulary, metrics, playbook and benchmarks.

Every text a person reads is a :class:`Text` with a French and an English version, both required.
Every benchmark carries its :class:`Source` (title, publisher, URL, year, sample, the date we read
it and the passage the figure comes from); the schema refuses one without them. ``url`` is the page
we actually read; when that page reports someone else's study, ``publisher`` and ``title`` name the
study and the passage says who quotes it. Cross-references
(a tactic's strategy, a KPI's metric, a channel's vocabulary key) are checked by
:class:`Knowledge` once all files are read.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
MetricId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Direction = Literal["increase", "decrease"]
Level = Literal["low", "medium", "high"]
Delay = Literal["weeks", "months", "quarters"]
Unit = Literal["%", "ratio", "months", "USD", "EUR", "count", "points", "seconds"]
Statistic = Literal["average", "median", "range", "top_decile", "rule_of_thumb"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Text(_Strict):
    """One text in both languages; neither may be empty."""

    fr: str = Field(min_length=1, max_length=1200)
    en: str = Field(min_length=1, max_length=1200)

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Words(_Strict):
    """Phrases in each language (synonyms of a metric, extra keywords of a tactic)."""

    fr: list[Annotated[str, Field(min_length=1, max_length=120)]] = Field(default_factory=list)
    en: list[Annotated[str, Field(min_length=1, max_length=120)]] = Field(default_factory=list)

    def all(self) -> tuple[str, ...]:
        return (*self.fr, *self.en)


class CostBand(_Strict):
    """What a cost level means in money: the first year's tools and agency, in euros (our convention)."""

    low: float = Field(ge=0)
    high: float = Field(gt=0)

    @model_validator(mode="after")
    def _in_order(self) -> CostBand:
        if self.low >= self.high:
            raise ValueError(f"cost band {self.low}..{self.high}: low must be below high")
        return self

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


class Vocabulary(_Strict):
    """The controlled words the playbook and the benchmarks use, each with its label."""

    channels: dict[Key, Text]
    stages: dict[Key, Text]
    personas: dict[Key, Text]
    data: dict[Key, Text]
    sectors: dict[Key, Text]
    regions: dict[Key, Text]
    devices: dict[Key, Text]
    segments: dict[Key, Text]
    levels: dict[Level, Text]
    cost_bands: dict[Level, CostBand]
    delays: dict[Delay, Text]
    directions: dict[Direction, Text]


class Metric(_Strict):
    id: MetricId
    name: Text
    unit: Unit
    better: Literal["higher", "lower"]
    synonyms: Words
    # names of the opposite quantity ("clients inactifs" for the reactivation rate): they match the metric,
    # and a change they are the object of reads the other way ("reduce inactive customers" raises it)
    opposites: Words = Field(default_factory=Words)
    related: list[MetricId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _synonyms_in_both_languages(self) -> Metric:
        if not self.synonyms.fr or not self.synonyms.en:
            raise ValueError(f"metric {self.id}: synonyms are needed in French and in English")
        return self


class Goal(_Strict):
    id: Key
    title: Text
    description: Text
    metrics: dict[MetricId, Direction] = Field(min_length=1)


class Strategy(_Strict):
    id: Key
    goal: Key
    title: Text
    description: Text
    metrics: dict[MetricId, Direction] = Field(min_length=1)


class Tactic(_Strict):
    id: Key
    strategies: list[Key] = Field(min_length=1)
    title: Text
    description: Text
    channels: list[Key] = Field(min_length=1)
    data: list[Key] = Field(min_length=1)
    effort: Level
    cost: Level
    time_to_impact: Delay
    stages: list[Key] = Field(min_length=1)
    personas: list[Key] = Field(min_length=1)
    kpis: dict[MetricId, Direction] = Field(min_length=1)
    prerequisites: list[Text] = Field(min_length=1)
    risks: list[Text] = Field(min_length=1)
    keywords: Words = Field(default_factory=Words)


class Source(_Strict):
    title: str = Field(min_length=1, max_length=300)
    publisher: str = Field(min_length=1, max_length=200)
    url: str = Field(pattern=r"^https?://\S+$", max_length=500, description="the page we read the figure on")
    original_url: str | None = Field(
        None,
        pattern=r"^https?://\S+$",
        max_length=500,
        description="the publisher's own page, when we read a copy",
    )
    year: int = Field(ge=1990, le=2100, description="the year the source was published")
    sample: Text
    read_on: date
    passage: str = Field(min_length=1, max_length=600, description="where on the page the figure is")

    @model_validator(mode="after")
    def _read_after_publication(self) -> Source:
        if not 2000 <= self.read_on.year <= 2200 or self.read_on.year < self.year:
            raise ValueError(f"read_on {self.read_on} is before the source's year {self.year}")
        return self


class Benchmark(_Strict):
    id: Key
    metric: MetricId
    value: float | None = None
    low: float | None = None
    high: float | None = None
    statistic: Statistic
    sector: Key = "all"
    region: Key = "world"
    device: Key = "all"
    segment: Key = "all"
    year: int = Field(ge=1990, le=2100, description="the year the data describe")
    note: Text | None = None
    source: Source

    @model_validator(mode="after")
    def _value_or_range(self) -> Benchmark:
        if self.value is None and (self.low is None or self.high is None):
            raise ValueError(f"benchmark {self.id}: give a value, or both low and high")
        if self.value is not None and (self.low is not None or self.high is not None):
            raise ValueError(f"benchmark {self.id}: give a value or a range, not both")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"benchmark {self.id}: low is above high")
        if self.year > self.source.year:
            raise ValueError(f"benchmark {self.id}: data year {self.year} after the source's year")
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        if self.value is not None:
            return self.value, self.value
        assert self.low is not None and self.high is not None
        return self.low, self.high


class VocabularyFile(_Strict):
    vocabulary: Vocabulary


class MetricsFile(_Strict):
    metrics: list[Metric] = Field(min_length=1)


class GoalsFile(_Strict):
    goals: list[Goal] = Field(min_length=1)
    strategies: list[Strategy] = Field(min_length=1)


class TacticsFile(_Strict):
    tactics: list[Tactic] = Field(min_length=1)


class BenchmarksFile(_Strict):
    benchmarks: list[Benchmark] = Field(min_length=1)
