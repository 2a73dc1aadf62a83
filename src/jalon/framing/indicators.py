"""Qualitative indicators read: the periods a statement is rated for (month, quarter, half-year, year),
their names, and an objective's indicators with their ratings. The writes are in
``jalon.framing.services``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jalon.framing.models import IndicatorRating, QualitativeIndicator, RatingPeriod
from jalon.strategy.models import Objective

MONTHS = {RatingPeriod.MONTH: 1, RatingPeriod.QUARTER: 3, RatingPeriod.HALF: 6, RatingPeriod.YEAR: 12}


def period_start(period: str, day: date) -> date:
    """The first day of the period (of kind ``period``) that holds ``day``."""
    months = MONTHS[RatingPeriod(period)]
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def period_label(period: str, start: date) -> str:
    kind = RatingPeriod(period)
    if kind == RatingPeriod.MONTH:
        return date_format(start, "F Y")
    if kind == RatingPeriod.QUARTER:
        return _("Q{number} {year}").format(number=(start.month - 1) // 3 + 1, year=start.year)
    if kind == RatingPeriod.HALF:
        return _("H{number} {year}").format(number=(start.month - 1) // 6 + 1, year=start.year)
    return str(start.year)


def periods(period: str, first: date, last: date) -> list[date]:
    """The first days of the periods from the one holding ``first`` to the one holding ``last``."""
    months = MONTHS[RatingPeriod(period)]
    found: list[date] = []
    current = period_start(period, first)
    while current <= last and len(found) < 240:
        found.append(current)
        month = current.month - 1 + months
        current = date(current.year + month // 12, month % 12 + 1, 1)
    return found


@dataclass
class Rated:
    start: date
    label: str
    rating: IndicatorRating


@dataclass
class Shown:
    indicator: QualitativeIndicator
    ratings: list[Rated]
    periods: list[tuple[date, str]]  # what a new rating may be for (the roadmap's horizon)

    @property
    def latest(self) -> Rated | None:
        return self.ratings[-1] if self.ratings else None


def of_objective(objective: Objective) -> list[Shown]:
    """The objective's qualitative indicators, each with its ratings oldest first."""
    roadmap = objective.roadmap
    shown = []
    for indicator in objective.qualitative_indicators.prefetch_related("ratings"):
        kind = indicator.period
        ratings = [
            Rated(r.period_start, period_label(kind, r.period_start), r) for r in indicator.ratings.all()
        ]
        choices = [(p, period_label(kind, p)) for p in periods(kind, roadmap.start, roadmap.end)]
        shown.append(Shown(indicator, ratings, choices))
    return shown
