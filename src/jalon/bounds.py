"""The bounds every stored value keeps, whatever wrote it (a form, an in-place edit, a file, a CSV, the
CLI): dates from 1900 to 2200, finite numbers no larger than 10^15 either way, free-form texts of at
most 20,000 characters, and keys of lowercase letters, digits and hyphens (what a jalon/1 file reads back)
that are not a route word (an activity keyed ``new`` could never be opened: ``activities/new/`` is the
creation page).

Values outside these bounds save fine and then break the pages that compute with them (a horizon from
year 1 to 9999 overflows the timeline, a baseline of 1e400 is infinite, SQLite stores NaN as empty).
Models mix ``Bounded`` in, so ``full_clean`` refuses them with a message that states the range.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy

from jalon.engines.limits import EARLIEST_YEAR, LATEST_YEAR
from jalon.engines.limits import MAX_LAG_DAYS as MAX_LAG_DAYS  # re-exported: the bounds of every stored value
from jalon.engines.limits import NUMBER_LIMIT as NUMBER_LIMIT

EARLIEST_DATE = date(EARLIEST_YEAR, 1, 1)
LATEST_DATE = date(LATEST_YEAR, 12, 31)
OUT_OF_RANGE = gettext_lazy("Enter a date between 1900 and 2200.")
NUMBER_OUT_OF_RANGE = gettext_lazy(
    "Enter a finite number between -1,000,000,000,000,000 and 1,000,000,000,000,000."
)
# A number that cannot be negative (an effort, a value, a cost): the range it may take, not the one of
# every number (a negative one is refused in its own words, so "between -10^15 and 10^15" misled).
NON_NEGATIVE_OUT_OF_RANGE = gettext_lazy("Enter a finite number between 0 and 1,000,000,000,000,000.")
# An amount of money (a budget, a cost, a spend): two decimals and 14 digits in all, never negative.
MONEY_DIGITS, MONEY_PLACES = 14, 2
MONEY_HIGHEST = Decimal("999999999999.99")
MONEY_OUT_OF_RANGE = gettext_lazy("Enter an amount between 0 and 999,999,999,999.99.")
TEXT_MAX = 20_000
TEXT_TOO_LONG = gettext_lazy("Write at most 20,000 characters.")
LAG_OUT_OF_RANGE = gettext_lazy("Enter a lag between -3,650 and 3,650 days.")
# A key or an identifier as a jalon/1 file writes it: a key that saves with a capital or an underscore
# (which a form's slug field accepts) would make the roadmap's own export impossible to import again.
KEY_SHAPE = r"^[a-z0-9][a-z0-9-]*$"
KEY_OUT_OF_SHAPE = gettext_lazy("Use lowercase letters, digits and hyphens only.")
RESERVED_KEYS = frozenset({"new", "edit", "delete", "move", "import", "export", "apply", "status"})
RESERVED_KEY = gettext_lazy("This key is reserved; choose another one.")


def date_in_range(day: date) -> bool:
    return EARLIEST_DATE <= (day.date() if isinstance(day, datetime) else day) <= LATEST_DATE


def number_in_range(number: float) -> bool:
    return math.isfinite(number) and abs(number) <= NUMBER_LIMIT


def not_negative(field: models.Field[Any, Any]) -> bool:
    """Whether ``field`` refuses a number below zero (a ``MinValueValidator(0)``)."""
    return any(isinstance(v, MinValueValidator) and v.limit_value == 0 for v in field.validators)


def problem(field: models.Field[Any, Any], value: Any) -> str | None:
    """What is out of bounds in ``value`` for ``field`` (None when nothing)."""
    if value is None:
        return None
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return None if not isinstance(value, date) or date_in_range(value) else str(OUT_OF_RANGE)
    if isinstance(field, models.FloatField):
        if not isinstance(value, int | float) or number_in_range(value):
            return None
        return str(NON_NEGATIVE_OUT_OF_RANGE if not_negative(field) else NUMBER_OUT_OF_RANGE)
    if isinstance(field, models.TextField):
        return None if not isinstance(value, str) or len(value) <= TEXT_MAX else str(TEXT_TOO_LONG)
    if field.name == "lag_days" and isinstance(value, int) and abs(value) > MAX_LAG_DAYS:
        return str(LAG_OUT_OF_RANGE)
    if field.name in ("key", "slug") and isinstance(value, str):
        if value in RESERVED_KEYS:
            return str(RESERVED_KEY)
        if not re.match(KEY_SHAPE, value):
            return str(KEY_OUT_OF_SHAPE)
    return None


class Bounded(models.Model):
    """A model whose ``clean_fields`` (hence ``full_clean`` and every model form) also checks the bounds."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.error_dict
        for field in self._meta.concrete_fields:
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            message = problem(field, getattr(self, field.attname))
            if message is not None:
                errors[field.name] = [ValidationError(message, code="bounds")]
        if errors:
            raise ValidationError(errors)


def between(low: float, high: float) -> list[MinValueValidator | MaxValueValidator]:
    """The validators of a number that must stay from ``low`` to ``high`` (a rating from 1 to 5, the hours
    of a week from 0 to 168)."""
    return [MinValueValidator(low), MaxValueValidator(high)]


def in_order(
    first: str, last: str, *, name: str, optional: bool = True, **options: Any
) -> models.CheckConstraint:
    """The database's guarantee that ``last`` is not before ``first`` (an end and its start, a window's
    close and its opening); ``optional``: either may be empty."""
    ordered = models.Q(**{f"{last}__gte": models.F(first)})
    if optional:
        ordered = models.Q(**{f"{first}__isnull": True}) | models.Q(**{f"{last}__isnull": True}) | ordered
    return models.CheckConstraint(condition=ordered, name=name, **options)
