"""Steps every create/update service shares: accept only editable fields, find a free key, validate, save,
record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
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


def free_key(
    items: models.QuerySet[Any] | models.Manager[Any],
    text: str,
    *,
    fallback: str,
    reserved: Iterable[str] = (),
) -> str:
    """A key made from ``text`` that none of ``items`` (one kind of item in one roadmap) uses yet:
    ``launch``, then ``launch-2``, ``launch-3``… ``fallback`` when ``text`` has no letter or digit."""
    base = slugify(text)[:50].strip("-") or fallback
    taken = set(items.filter(key__startswith=base).values_list("key", flat=True)) | set(reserved)
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


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
