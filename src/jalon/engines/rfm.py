"""Customer segments from orders: RFM profiles, quantile scores, a k-means clustering, named segments.

``segment(orders, segments=None, as_of=None, seed=0)`` turns orders (customer, day, amount) into one
profile per customer — **recency** (days from the last order to ``as_of``, by default the day after the
last order in the file; to be given when there is no order: the engine reads no clock), **frequency**
(number of orders) and **monetary** value (total spent) — scores each of the three from 1 to 5 by
quintile (ties share a score), and clusters the customers with k-means (scikit-learn, seeded) on the
standardised logarithms of the three values. ``segments=None`` tries 4, 5
and 6 groups and keeps the one with the best simplified silhouette (distances to the groups' centres).

Each segment has its size, share of revenue, average basket, orders per customer, mean recency and its
mean R, F and M scores; its proposed name (champions, loyal, new, at risk, hibernating…, in French and
English) is chosen from that RFM profile: every name has a prototype profile and the segments get
distinct names by a minimum-distance assignment, never by their index. Orders dated after ``as_of`` are
left out (and counted). Lifecycle stages in RFM terms are in :mod:`jalon.engines.rfm_stages`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray

from jalon.engines.rfm_names import SegmentName, name_segments
from jalon.engines.status import Status

__all__ = [
    "AUTO_SEGMENTS",
    "MAX_SEGMENTS",
    "MIN_SEGMENTS",
    "Orders",
    "OrdersError",
    "Profiles",
    "Result",
    "Segment",
    "SegmentName",
    "Status",
    "profiles",
    "quantile_scores",
    "segment",
]

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

MIN_SEGMENTS, MAX_SEGMENTS = 2, 8
AUTO_SEGMENTS = (4, 5, 6)  # the method's "4 to 6 personas"
SCORE_BINS = 5
_EPOCH = date(1970, 1, 1)
_KMEANS_RUNS = 4


class OrdersError(ValueError):
    """Orders the engine cannot use (shapes, negative or non-finite amounts, unknown customers)."""


def day_number(day: date) -> int:
    """Days since 1970-01-01, the unit of :class:`Orders` ``day``."""
    return (day - _EPOCH).days


def from_day_number(number: int) -> date:
    return _EPOCH + timedelta(days=int(number))


@dataclass(frozen=True, eq=False)
class Orders:
    """Orders as columns: ``customer[i]`` indexes ``customer_ids``; ``day`` counts days since 1970-01-01."""

    customer_ids: tuple[str, ...]
    customer: IntArray
    day: IntArray
    amount: FloatArray

    def __post_init__(self) -> None:
        size = len(self.customer)
        if len(self.day) != size or len(self.amount) != size:
            raise OrdersError("customer, day and amount must have the same length")
        if size and (self.customer.min() < 0 or self.customer.max() >= len(self.customer_ids)):
            raise OrdersError("a customer index is outside customer_ids")
        if size and not (np.isfinite(self.amount).all() and (self.amount >= 0).all()):
            raise OrdersError("amounts must be finite and not negative")

    def __len__(self) -> int:
        return len(self.customer)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, date, float]]) -> Orders:
        """Orders from ``(customer id, date, amount)`` tuples."""
        codes: dict[str, int] = {}
        customer: list[int] = []
        days: list[int] = []
        amounts: list[float] = []
        for customer_id, day, amount in rows:
            customer.append(codes.setdefault(customer_id, len(codes)))
            days.append(day_number(day))
            amounts.append(float(amount))
        return cls(
            customer_ids=tuple(codes),
            customer=np.array(customer, dtype=np.int64),
            day=np.array(days, dtype=np.int64),
            amount=np.array(amounts, dtype=np.float64),
        )


@dataclass(frozen=True, eq=False)
class Profiles:
    """One row per customer who ordered on or before ``as_of`` (arrays aligned with ``customer_ids``)."""

    as_of: date
    customer_ids: tuple[str, ...]
    orders: IntArray
    revenue: FloatArray
    recency_days: IntArray  # as_of minus the last order's day
    tenure_days: IntArray  # as_of minus the first order's day
    r_score: IntArray  # 1..5, 5 = most recent
    f_score: IntArray  # 1..5, 5 = most orders
    m_score: IntArray  # 1..5, 5 = most spent

    def __len__(self) -> int:
        return len(self.customer_ids)


def quantile_scores(values: NDArray[Any], *, bins: int = SCORE_BINS) -> IntArray:
    """Scores 1..``bins`` by quantile of ``values`` (higher value, higher score). Equal values share a
    score: each value is placed at the middle of its run of ties in the sorted order."""
    size = len(values)
    if size == 0:
        return np.zeros(0, dtype=np.int64)
    _distinct, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    before = np.cumsum(counts) - counts
    middle = (before + counts / 2.0) / size  # share of customers below the middle of the tie run
    scores = np.minimum(np.floor(middle * bins).astype(np.int64) + 1, bins)
    return scores[inverse.reshape(-1)]


def profiles(orders: Orders, *, as_of: date | None = None) -> Profiles:
    """Each customer's recency, frequency, monetary value and quintile scores at ``as_of``."""
    if as_of is None and not len(orders):
        raise ValueError("as_of is needed when there is no order")  # the engine reads no clock
    as_of_day = int(orders.day.max()) + 1 if as_of is None else day_number(as_of)
    kept = orders.day <= as_of_day
    used, customer = np.unique(orders.customer[kept], return_inverse=True)
    customer = customer.reshape(-1)
    count = len(used)
    day, amount = orders.day[kept], orders.amount[kept]
    first = np.full(count, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(count, np.iinfo(np.int64).min, dtype=np.int64)
    np.minimum.at(first, customer, day)
    np.maximum.at(last, customer, day)
    frequency = np.bincount(customer, minlength=count).astype(np.int64)
    revenue = np.bincount(customer, weights=amount, minlength=count).astype(np.float64)
    recency = (as_of_day - last).astype(np.int64)
    return Profiles(
        as_of=from_day_number(as_of_day),
        customer_ids=tuple(orders.customer_ids[int(i)] for i in used),
        orders=frequency,
        revenue=revenue,
        recency_days=recency,
        tenure_days=(as_of_day - first).astype(np.int64),
        r_score=quantile_scores(-recency),
        f_score=quantile_scores(frequency),
        m_score=quantile_scores(revenue),
    )


@dataclass(frozen=True)
class Segment:
    """A group of customers; figures are means over its customers unless named otherwise."""

    index: int  # segments are numbered by revenue share, largest first
    name: SegmentName
    customers: int
    revenue: float
    revenue_share: float  # 0..1
    orders: int
    average_basket: float  # revenue / orders
    orders_per_customer: float
    recency_days: float
    r_score: float
    f_score: float
    m_score: float

    def as_json(self, language: str = "en") -> dict[str, Any]:
        return {
            "name": self.name.text(language),
            "key": self.name.key,
            "customers": self.customers,
            "revenue_share": round(self.revenue_share, 4),
            "recency_days": round(self.recency_days, 1),
            "orders_per_customer": round(self.orders_per_customer, 2),
            "average_basket": round(self.average_basket, 2),
            "revenue": round(self.revenue, 2),
            "rfm": [round(self.r_score, 2), round(self.f_score, 2), round(self.m_score, 2)],
        }


@dataclass(frozen=True, eq=False)
class Result:
    """``labels[i]`` is the segment index of ``profiles.customer_ids[i]``."""

    status: Status
    as_of: date
    segments: tuple[Segment, ...]
    profiles: Profiles
    labels: IntArray
    orders_after_as_of: int
    silhouette: float | None
    seconds: float

    @property
    def customers(self) -> int:
        return len(self.profiles)

    def as_json(self, language: str = "en") -> dict[str, Any]:
        return {
            "customers": self.customers,
            "as_of": self.as_of.isoformat(),
            "status": self.status.value,
            "orders_after_as_of": self.orders_after_as_of,
            "segments": [segment.as_json(language) for segment in self.segments],
        }


def segment(
    orders: Orders, *, segments: int | None = None, as_of: date | None = None, seed: int = 0
) -> Result:
    """Segment the customers of ``orders`` into ``segments`` groups (4 to 6, the best, when None)."""
    started = time.perf_counter()
    if segments is not None and not MIN_SEGMENTS <= segments <= MAX_SEGMENTS:
        raise OrdersError(f"segments must be from {MIN_SEGMENTS} to {MAX_SEGMENTS}")
    found = profiles(orders, as_of=as_of)
    after = int(np.count_nonzero(orders.day > day_number(found.as_of)))
    if len(found) == 0:
        return Result(Status.NO_ORDERS, found.as_of, (), found, np.zeros(0, np.int64), after, None,
                      time.perf_counter() - started)  # fmt: skip
    features = _features(found)
    distinct = len(np.unique(features, axis=0))
    candidates = AUTO_SEGMENTS if segments is None else (segments,)
    wanted = [min(k, distinct) for k in candidates]
    labels, silhouette = _best_clustering(features, sorted(set(wanted)), seed=seed)
    status = Status.FEWER_SEGMENTS if max(wanted) < min(candidates) else Status.SEGMENTED
    built = _describe(found, labels)
    return Result(
        status=status,
        as_of=found.as_of,
        segments=built.segments,
        profiles=found,
        labels=built.labels,
        orders_after_as_of=after,
        silhouette=silhouette,
        seconds=time.perf_counter() - started,
    )


def _features(found: Profiles) -> FloatArray:
    """Standardised log recency, log frequency, log monetary: k-means wants comparable, unskewed axes."""
    raw = np.column_stack(
        (np.log1p(found.recency_days), np.log1p(found.orders), np.log1p(found.revenue))
    ).astype(np.float64)
    spread = raw.std(axis=0)
    spread[spread == 0] = 1.0
    result: FloatArray = (raw - raw.mean(axis=0)) / spread
    return result


def _best_clustering(features: FloatArray, ks: list[int], *, seed: int) -> tuple[IntArray, float | None]:
    """The k-means labels with the best simplified silhouette among ``ks`` groups (seeded)."""
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    best: tuple[float, IntArray] | None = None
    # One thread: OpenMP's spinning workers are many times slower on a busy machine than one thread,
    # and one thread adds its sums in one order, so a seed gives the same answer everywhere.
    with threadpool_limits(limits=1):
        for k in ks:
            if k == 1:
                return np.zeros(len(features), dtype=np.int64), None
            model = KMeans(n_clusters=k, n_init=_KMEANS_RUNS, random_state=seed).fit(features)
            labels = model.labels_.astype(np.int64)
            score = simplified_silhouette(model.transform(features), labels)
            if best is None or score > best[0]:
                best = (score, labels)
    assert best is not None
    return best[1], best[0]


def simplified_silhouette(distances: FloatArray, labels: IntArray) -> float:
    """Mean of (b - a) / max(a, b) where a is a customer's distance to its own centre and b to the
    nearest other one: the silhouette with centres instead of every pair, over all customers at once."""
    rows = np.arange(len(labels))
    own = distances[rows, labels]
    others = distances.copy()
    others[rows, labels] = np.inf
    nearest = others.min(axis=1)
    widest = np.maximum(own, nearest)
    scores = np.where(widest > 0, (nearest - own) / np.where(widest > 0, widest, 1.0), 0.0)
    return float(scores.mean())


@dataclass(frozen=True, eq=False)
class _Described:
    segments: tuple[Segment, ...]
    labels: IntArray


def _describe(found: Profiles, raw_labels: IntArray) -> _Described:
    """Figures per cluster, numbered by revenue share (largest first), with names from their profile."""
    _, labels = np.unique(raw_labels, return_inverse=True)
    labels = labels.reshape(-1).astype(np.int64)
    count = int(labels.max()) + 1
    size = np.bincount(labels, minlength=count)
    revenue = np.bincount(labels, weights=found.revenue, minlength=count)
    orders = np.bincount(labels, weights=found.orders, minlength=count)
    means = {
        name: np.bincount(labels, weights=values, minlength=count) / size
        for name, values in (
            ("recency", found.recency_days),
            ("r", found.r_score),
            ("f", found.f_score),
            ("m", found.m_score),
        )
    }
    order = sorted(range(count), key=lambda c: (-revenue[c], -size[c], c))
    renumber = np.empty(count, dtype=np.int64)
    renumber[order] = np.arange(count)
    names = name_segments([(means["r"][c], means["f"][c], means["m"][c]) for c in order])
    total = float(revenue.sum())
    segments = tuple(
        Segment(
            index=position,
            name=names[position],
            customers=int(size[c]),
            revenue=float(revenue[c]),
            revenue_share=float(revenue[c]) / total if total > 0 else float(size[c]) / len(found),
            orders=int(orders[c]),
            average_basket=float(revenue[c] / orders[c]) if orders[c] else 0.0,
            orders_per_customer=float(orders[c] / size[c]),
            recency_days=float(means["recency"][c]),
            r_score=float(means["r"][c]),
            f_score=float(means["f"][c]),
            m_score=float(means["m"][c]),
        )
        for position, c in enumerate(order)
    )
    return _Described(segments, renumber[labels])
