"""Synthetic orders of a shoe retailer (Cloud Kicks), deterministic for a seed: RFM's demo data.

Customers of six kinds buy the way a sneaker and running-shoe shop sees it: collectors who buy every
limited drop, runners who replace their shoes twice a year, families at back-to-school and Christmas,
bargain hunters during the sales (soldes d'hiver et d'été, Black Friday), gift buyers in December, and
one-time buyers. Each customer arrives on some day of the period, may stop buying at some later day,
and buys baskets of one to three pairs priced like shoes (``89.99``…). No Django and no I/O: rows in
memory; ``jalon.documents.orders_file.orders_csv`` writes them as a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

__all__ = ["KINDS", "CustomerKind", "synthetic_orders"]

# The two years of orders end on the day before the demo's written "today" (jalon.demo.dates.AS_WRITTEN,
# 2 November 2026): an import refuses an order dated after its day, and the demo moves them with its dates.
END = date(2026, 11, 1)
DAYS = 730  # two years of orders
PRICES = np.array([39.99, 49.99, 59.99, 69.99, 79.99, 89.99, 99.99, 119.99, 129.99, 149.99, 179.99, 219.99])


@dataclass(frozen=True)
class CustomerKind:
    key: str
    share: float  # of the customers
    orders_per_year: float  # while the customer is active
    price_from: int  # index range in PRICES
    price_to: int
    pairs_max: int
    season: str  # which days weigh more: "drops", "sales", "school", "december" or "" (all year)
    stays_days: int  # mean days a customer keeps buying after the first order


KINDS: tuple[CustomerKind, ...] = (
    CustomerKind("collector", 0.05, 7.0, 6, 11, 2, "drops", 900),
    CustomerKind("runner", 0.15, 2.2, 5, 9, 1, "", 700),
    CustomerKind("family", 0.20, 1.6, 2, 7, 3, "school", 600),
    CustomerKind("bargain", 0.20, 1.4, 0, 5, 2, "sales", 400),
    CustomerKind("gift", 0.15, 0.8, 3, 8, 1, "december", 500),
    CustomerKind("one_time", 0.25, 0.0, 1, 7, 1, "", 0),
)


def _season_weights(start: date, days: int) -> dict[str, np.ndarray]:
    """A weight per day of the period for each kind of season (1 = an ordinary day)."""
    dates = [start + timedelta(days=offset) for offset in range(days)]
    month = np.array([d.month for d in dates])
    day = np.array([d.day for d in dates])
    winter_sales = ((month == 1) & (day >= 8)) | ((month == 2) & (day <= 4))
    summer_sales = ((month == 6) & (day >= 25)) | ((month == 7) & (day <= 22))
    black_friday = (month == 11) & (day >= 22) & (day <= 30)
    school = ((month == 8) & (day >= 15)) | ((month == 9) & (day <= 15))
    december = (month == 12) & (day <= 24)
    drops = day <= 3  # the shop releases limited models on the first days of each month
    ones = np.ones(days)
    return {
        "": ones,
        "sales": ones + 8 * (winter_sales | summer_sales) + 10 * black_friday,
        "school": ones + 6 * school + 3 * december,
        "december": 0.2 * ones + 12 * december,
        "drops": ones + 10 * drops,
    }


def synthetic_orders(
    *, customers: int = 3000, seed: int = 0, end: date = END, days: int = DAYS
) -> list[tuple[str, date, float]]:
    """``(customer id, date, amount in €)`` rows sorted by date, then customer, over the ``days`` days that
    end on ``end`` (included): none later."""
    if customers < 1 or days < 1:
        raise ValueError("customers and days must be positive")
    start = end - timedelta(days=days - 1)
    rng = np.random.default_rng(seed)
    weights = _season_weights(start, days)
    kinds = rng.choice(len(KINDS), size=customers, p=[kind.share for kind in KINDS])
    # Most customers arrive early in the period, as in a shop that already had a clientele.
    arrival = np.minimum((rng.beta(1.0, 1.6, size=customers) * days).astype(np.int64), days - 1)
    rows: list[tuple[str, int, float]] = []
    for number in range(customers):
        kind = KINDS[int(kinds[number])]
        first = int(arrival[number])
        last = min(days - 1, first + int(rng.exponential(kind.stays_days))) if kind.stays_days else first
        span = last - first
        extra = rng.poisson(kind.orders_per_year * span / 365.0) if span > 0 else 0
        season = weights[kind.season][first + 1 : last + 1]
        later = (
            first + 1 + rng.choice(span, size=int(extra), p=season / season.sum())
            if extra and season.size
            else np.zeros(0, dtype=np.int64)
        )
        customer_id = f"CK-{number + 1:05d}"
        for offset in (first, *later.tolist()):
            pairs = int(rng.integers(1, kind.pairs_max + 1))
            prices = PRICES[rng.integers(kind.price_from, kind.price_to + 1, size=pairs)]
            rows.append((customer_id, int(offset), round(float(prices.sum()), 2)))
    rows.sort(key=lambda row: (row[1], row[0]))
    return [(customer, start + timedelta(days=offset), amount) for customer, offset, amount in rows]
