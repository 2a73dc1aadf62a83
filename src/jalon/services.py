"""Steps every create/update service shares: accept only editable fields, validate, save, record (keys made
from titles are in ``jalon.keys``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.history.services import record, refusal, save_or_refuse


def only(allowed: Iterable[str], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` if every field in it may be edited; else a ValidationFailed naming the others."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationFailed({name: [_("This field cannot be changed here.")] for name in sorted(unknown)})
    return dict(changes)


def save_new(obj: models.Model, *, actor: User | None) -> None:
    """Validate and insert ``obj`` and record its creation; a duplicate key or title is a field error,
    also when another save raced past the check (``save_or_refuse``)."""
    try:
        obj.full_clean(validate_constraints=False)
        obj.validate_constraints()
    except ValidationError as error:
        raise refusal(error) from error
    try:
        save_or_refuse(obj)
    except IntegrityError as error:
        raise ValidationFailed({"key": [_("This key is already used in this roadmap.")]}) from error
    record(obj, actor=actor, before={}, after={})
