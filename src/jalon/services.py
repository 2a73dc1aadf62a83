"""Steps every create/update service shares: accept only editable fields, validate, save, record (keys made
from titles are in ``jalon.keys``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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
        obj.full_clean(validate_constraints=False)
        obj.validate_constraints()
    except ValidationError as error:
        raise ValidationFailed(_duplicate_key_in_words(error)) from error
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise ValidationFailed({"key": [_("This key is already used in this roadmap.")]}) from error
    record(obj, actor=actor, before={}, after={})


def _duplicate_key_in_words(error: ValidationError) -> dict[str, list[str]]:
    """Django words a duplicate as "<Model> with this <Roadmap> and <Key> already exists" (model names in
    English); users know the key they typed, so say that instead."""
    messages = error.message_dict
    if any(e.code in ("unique", "unique_together") for e in error.error_dict.get(NON_FIELD_ERRORS, ())):
        messages.pop(NON_FIELD_ERRORS)
        messages["key"] = [_("This key is already used in this roadmap.")]
    return messages
