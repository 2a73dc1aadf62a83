"""Steps every create/update service shares: accept only editable fields, validate, save, record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.history.services import record


def only(allowed: Iterable[str], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` if every field in it may be edited; else a ValidationFailed naming the others."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationFailed({name: [_("This field cannot be changed here.")] for name in sorted(unknown)})
    return dict(changes)


def save_new(obj: models.Model, *, actor: User | None) -> None:
    """Validate and insert ``obj`` and record its creation; a duplicate key is a field error."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationFailed(error.message_dict) from error
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise ValidationFailed({"key": [_("This key is already used in this roadmap.")]}) from error
    record(obj, actor=actor, before={}, after={})
