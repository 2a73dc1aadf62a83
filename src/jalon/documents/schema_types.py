"""The types every section of a ``jalon/1`` file builds on: dates, numbers and free-form texts within
the bounds of ``jalon.bounds`` (with error types of their own so ``roadmap_file`` words each problem),
keys, and the strict model that refuses unknown keys."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
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
Text = Annotated[str, Field(max_length=bounds.TEXT_MAX)]
Ref = Annotated[str, Field(max_length=200)]  # a key of another item (its own rules say what a key is)
Snapshot = Annotated[dict[str, Any], AfterValidator(_plain_snapshot)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


Key = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=60)]
