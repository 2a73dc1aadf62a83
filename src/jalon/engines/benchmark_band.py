"""Which benchmarks apply to a KPI, and the band they draw (low to high across sources).

``band(points, BandQuery(metric_id, sector=…, region=…, device=…, segment=…))`` keeps the points of
the metric that fit the query best, falling back step by step when nothing fits exactly:

- device and segment: the one asked for, else the general one ("all"), else any;
- sector: the one asked for, else the broad sectors ("all", "ecommerce"), else any;
- region: the one asked for when some point has it, else every region.

Each fallback is flagged in the result so a page can say "no fashion figure; all e-commerce shown".
The band spans the lowest and highest typical values (averages, medians, ranges) of the kept points;
a top-decile figure or a rule of thumb is listed but does not widen the band unless it is all there
is. Where sources disagree the band is simply wider: every point stays listed with its source.
``position(value, band)`` says where a value stands against it. Pure Python, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Band", "BandQuery", "BenchmarkPoint", "Position", "band", "position"]

_BROAD_SECTORS = ("all", "ecommerce")
_TYPICAL = frozenset(("average", "median", "range"))


@dataclass(frozen=True)
class BenchmarkPoint:
    id: str
    metric_id: str
    low: float
    high: float
    year: int
    sector: str = "all"
    region: str = "world"
    device: str = "all"
    segment: str = "all"
    statistic: str = "average"


@dataclass(frozen=True)
class BandQuery:
    metric_id: str
    sector: str | None = None
    region: str | None = None
    device: str | None = None
    segment: str | None = None


@dataclass(frozen=True)
class Band:
    """``points`` newest first; the flags say which part of the query had to be relaxed."""

    metric_id: str
    low: float
    high: float
    points: tuple[BenchmarkPoint, ...]
    sector_fallback: bool = False
    region_fallback: bool = False
    device_fallback: bool = False
    segment_fallback: bool = False

    @property
    def sources(self) -> int:
        return len(self.points)


class Position(StrEnum):
    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"


def band(points: Iterable[BenchmarkPoint], query: BandQuery) -> Band | None:
    """The band for ``query``, or None when no point measures its metric."""
    kept = [p for p in points if p.metric_id == query.metric_id]
    if not kept:
        return None
    kept, device_fallback = _narrow(kept, lambda p: p.device, query.device, ("all",))
    kept, segment_fallback = _narrow(kept, lambda p: p.segment, query.segment, ("all",))
    kept, sector_fallback = _narrow(kept, lambda p: p.sector, query.sector, _BROAD_SECTORS)
    region_fallback = False
    if query.region is not None:
        in_region = [p for p in kept if p.region == query.region]
        kept, region_fallback = (in_region, False) if in_region else (kept, True)
    typical = [p for p in kept if p.statistic in _TYPICAL] or kept
    return Band(
        metric_id=query.metric_id,
        low=min(p.low for p in typical),
        high=max(p.high for p in typical),
        points=tuple(sorted(kept, key=lambda p: (-p.year, p.id))),
        sector_fallback=sector_fallback,
        region_fallback=region_fallback,
        device_fallback=device_fallback,
        segment_fallback=segment_fallback,
    )


def _narrow(
    points: Sequence[BenchmarkPoint],
    key: Callable[[BenchmarkPoint], str],
    wanted: str | None,
    general: Sequence[str],
) -> tuple[list[BenchmarkPoint], bool]:
    """Points whose ``key`` is ``wanted``; else the general values; else all. True when relaxed."""
    if wanted is not None:
        exact = [p for p in points if key(p) == wanted]
        if exact:
            return exact, False
    broad = [p for p in points if key(p) in general]
    if broad:
        return broad, wanted is not None and wanted not in general
    return list(points), wanted is not None


def position(value: float, benchmark: Band) -> Position:
    """Where ``value`` stands against the band; whether above is good depends on the metric."""
    if value < benchmark.low:
        return Position.BELOW
    if value > benchmark.high:
        return Position.ABOVE
    return Position.WITHIN
