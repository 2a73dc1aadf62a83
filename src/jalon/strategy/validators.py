"""Value ranges every stored number and date respects (one place; the models list them as validators)."""

from __future__ import annotations

import math
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1900, 2200
# Beyond this size a value is a typing error (and the forecast engine refuses it).
MAX_ABS_VALUE = 1e15


def validate_finite(value: float | None) -> None:
    if value is not None and not (math.isfinite(value) and abs(value) <= MAX_ABS_VALUE):
        raise ValidationError(_("Enter a number (at most 10^15 in size)."), code="not_finite")


def validate_year_range(value: date | None) -> None:
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Enter a date between %(first)d and %(last)d."),
            code="date_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
