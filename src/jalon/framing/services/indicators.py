"""Use cases of the qualitative indicators of a roadmap objective: a statement rated 1 to 5 each period
(month, quarter, half-year or year)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.bounds import date_in_range
from jalon.errors import ValidationFailed
from jalon.framing.indicators import period_start
from jalon.framing.models import IndicatorRating, QualitativeIndicator, RatingPeriod
from jalon.history.services import apply_changes, delete_recorded, record
from jalon.services import only, save_new
from jalon.strategy.models import Objective
from jalon.workspaces.permissions import require_actor

INDICATOR_FIELDS = frozenset({"statement", "period"})


def add_indicator(
    *, actor: User | None, objective: Objective, statement: str, period: str = RatingPeriod.QUARTER
) -> QualitativeIndicator:
    require_actor(actor, "edit", objective.roadmap)
    with transaction.atomic():
        indicator = QualitativeIndicator(
            objective=objective, statement=statement.strip(), period=period,
            position=objective.qualitative_indicators.count(),
        )  # fmt: skip
        save_new(indicator, actor=actor)
    return indicator


def update_indicator(
    *, actor: User | None, indicator: QualitativeIndicator, expected_version: int, changes: Mapping[str, Any]
) -> QualitativeIndicator:
    """Change the statement or the period; ratings of another period kind are moved to the period that
    holds their first day (two ratings landing in the same period are refused)."""
    require_actor(actor, "edit", indicator.objective)
    values = only(INDICATOR_FIELDS, changes)
    with transaction.atomic():
        saved = apply_changes(indicator, actor=actor, expected_version=expected_version, changes=values)
        ratings = list(saved.ratings.all())
        starts = [period_start(saved.period, r.period_start) for r in ratings]
        if len(set(starts)) != len(starts):
            raise ValidationFailed({"period": [_("Two ratings would fall in the same period.")]})
        for rating, start in zip(ratings, starts, strict=True):
            if rating.period_start != start:
                IndicatorRating.objects.filter(pk=rating.pk).update(period_start=start)
    return saved


def delete_indicator(*, actor: User | None, indicator: QualitativeIndicator) -> None:
    require_actor(actor, "edit", indicator.objective)
    delete_recorded(indicator, actor=actor, named_by="id")


def rate(
    *, actor: User | None, indicator: QualitativeIndicator, day: date, rating: int, note: str = ""
) -> IndicatorRating:
    """Rate the period holding ``day`` from 1 to 5 (replacing that period's rating)."""
    require_actor(actor, "edit", indicator.objective)
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise ValidationFailed({"rating": [_("Give a rating from 1 to 5.")]})
    if not date_in_range(day):
        raise ValidationFailed({"period": [_("Enter a date between 1900 and 2200.")]})
    start = period_start(indicator.period, day)
    note = note.strip()[:300]
    with transaction.atomic():
        before = IndicatorRating.objects.filter(indicator=indicator, period_start=start).first()
        found, _created = IndicatorRating.objects.update_or_create(
            indicator=indicator, period_start=start, defaults={"rating": rating, "note": note}
        )
        record(
            indicator, actor=actor,
            before={"rating": None if before is None else [start.isoformat(), before.rating]},
            after={"rating": [start.isoformat(), rating]},
        )  # fmt: skip
    return found


def delete_rating(*, actor: User | None, rating: IndicatorRating) -> None:
    require_actor(actor, "edit", rating.indicator.objective)
    with transaction.atomic():
        record(
            rating.indicator, actor=actor,
            before={"rating": [rating.period_start.isoformat(), rating.rating]}, after={"rating": None},
        )  # fmt: skip
        rating.delete()
