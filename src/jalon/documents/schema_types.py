"""The types every section of a ``jalon/1`` file builds on: dates, numbers and free-form texts within
the bounds of ``jalon.bounds`` (with error types of their own so ``roadmap_file`` words each problem),
keys, and the strict model that refuses unknown keys."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from jalon import bounds

SLUG_PATTERN = bounds.KEY_SHAPE
CURRENCY_PATTERN = r"^[A-Z]{3}$"  # an ISO 4217 code, as the roadmap's model wants it
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
MAX_SNAPSHOT_CHARS = 2_000_000  # a review's frozen snapshot, as JSON (a 1,000-activity roadmap's is ~300 kB)


def _date_in_range(day: date) -> date:
    if not bounds.date_in_range(day):
        raise PydanticCustomError("date_out_of_range", "date out of range")
    return day


def _number_in_range(number: float) -> float:
    if not bounds.number_in_range(number):
        raise PydanticCustomError("number_out_of_range", "number out of range")
    return number


def _amount_in_range(number: float) -> float:
    if number < 0 or not bounds.number_in_range(number):
        raise PydanticCustomError("amount_out_of_range", "amount out of range")
    return number


def _float_money(number: float) -> float:
    """An amount of money kept as a float (a plan action's cost): 0 to 999,999,999,999.99, like the form."""
    if not 0 <= number <= bounds.MONEY_HIGHEST:  # NaN fails it too
        raise PydanticCustomError("money_out_of_range", "amount out of range")
    return number


def money(amount: Decimal) -> Decimal:
    """An amount of money is never negative: refused in the words that give its whole range."""
    if amount < 0:
        raise PydanticCustomError("money_out_of_range", "amount out of range")
    return amount


def _plain_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    try:
        size = len(json.dumps(snapshot, allow_nan=False))
    except (TypeError, ValueError):
        raise PydanticCustomError("snapshot_not_json", "not plain JSON") from None
    if size > MAX_SNAPSHOT_CHARS:
        raise PydanticCustomError("snapshot_too_large", "snapshot too large")
    return snapshot


SaneDate = Annotated[date, AfterValidator(_date_in_range)]
Number = Annotated[float, AfterValidator(_number_in_range)]
Amount = Annotated[float, AfterValidator(_amount_in_range)]  # a number that cannot be negative
FloatMoney = Annotated[float, AfterValidator(_float_money)]
Text = Annotated[str, Field(max_length=bounds.TEXT_MAX)]
Ref = Annotated[str, Field(max_length=200)]  # a key of another item (its own rules say what a key is)
Snapshot = Annotated[dict[str, Any], AfterValidator(_plain_snapshot)]


_NUMBER_TYPES = (int, float, Decimal)


def _is_number_field(annotation: Any) -> bool:
    """Whether a field wants a number (``int``, ``float | None``, ``Decimal``…), never a text."""
    if annotation in _NUMBER_TYPES and annotation is not bool:
        return True
    parts = get_args(annotation)
    return bool(parts) and str not in parts and any(_is_number_field(part) for part in parts)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_underscores_in_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        """``"1_000"`` is not a number, though Python and pydantic read it as 1000 (``1:30`` and ``0x1F``
        they already refuse)."""
        if isinstance(value, str) and "_" in value and info.field_name is not None:
            field = cls.model_fields.get(info.field_name)
            if field is not None and _is_number_field(field.annotation):
                raise PydanticCustomError("float_parsing", "not a number")
        return value


Key = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=60)]
