"""Optimistic concurrency and history for every editable (``Versioned``) object.

``apply_changes`` is the one way an edit reaches the database: it refuses a stale version with a
``Conflict`` that lists what the other person changed, and records who changed what. ``delete_recorded``
is the one way an item is deleted with its deletion kept in the history.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.errors import Conflict, ValidationFailed
from jalon.history import origin
from jalon.history.models import Change

M = TypeVar("M", bound=models.Model)


def plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):  # by value: 3500.00 as saved and 3500 as typed are no change
        return format(value.normalize(), "f")
    return value


# The link each kind of object reaches its roadmap through, nearest first (a tactic through its strategy,
# a persona through its framing); the workspace's team reaches none.
ROADMAP_LINKS = ("roadmap", "strategy", "framing", "objective", "kpi")


def roadmap_of(obj: models.Model) -> Any:
    """The roadmap ``obj`` belongs to (``obj`` itself for a roadmap), None for the workspace's team."""
    if obj._meta.label == "strategy.Roadmap":
        return obj
    for link in ROADMAP_LINKS:
        field = next((f for f in obj._meta.concrete_fields if f.name == link and f.is_relation), None)
        if field is not None:
            parent = getattr(obj, link)
            return None if parent is None else roadmap_of(parent)
    return None


# What names an object whose own text (``str``) is not for people: a member by their name, an invitation by
# the address it was sent to.
NAMED_BY = {"workspaces.Membership": "user", "workspaces.Invitation": "email"}


def label_of(obj: models.Model) -> str:
    """What ``obj`` is called, kept with each change: its last known name once it is deleted."""
    attribute = NAMED_BY.get(obj._meta.label)
    return str(getattr(obj, attribute) if attribute else obj)[:200]


def record(
    obj: models.Model, *, actor: User | None, before: Mapping[str, Any], after: Mapping[str, Any]
) -> None:
    """Record who changed what in ``obj``: a ``Versioned`` object's new version, or the next change of an
    object without versions (a workspace's membership, an invitation)."""
    changed = {k: [plain(before[k]), plain(after[k])] for k in after if plain(before[k]) != plain(after[k])}
    content_type = ContentType.objects.get_for_model(type(obj))
    version = getattr(obj, "version", None)
    if version is None:
        version = Change.objects.filter(content_type=content_type, object_id=obj.pk).count() + 1
    Change.objects.create(
        workspace=obj.workspace,  # type: ignore[attr-defined]
        roadmap=roadmap_of(obj),
        label=label_of(obj),
        content_type=content_type,
        object_id=obj.pk,
        version=version,
        actor=actor,
        origin=origin.current(),
        fields=changed,
    )


def delete_recorded(obj: models.Model, *, actor: User | None, named_by: str) -> None:
    """Delete ``obj`` and record who did: its field ``named_by`` (its key, title, id…) going to nothing, and
    its key too when it is named otherwise: a save that reaches the key's address later says who deleted it
    (``history.deleted``)."""
    before = {named_by: getattr(obj, named_by)}
    key = getattr(obj, "key", None)
    if named_by != "key" and isinstance(key, str) and key:
        before["key"] = key
    with transaction.atomic():
        record(obj, actor=actor, before=before, after=dict.fromkeys(before))
        obj.delete()


def apply_changes(obj: M, *, actor: User | None, expected_version: int, changes: Mapping[str, Any]) -> M:
    """Save ``changes`` on ``obj`` if nobody saved since ``expected_version``; return the fresh object."""
    model = type(obj)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=obj.pk)
        stored_version: int = current.version  # type: ignore[attr-defined]
        if stored_version != expected_version:
            raise _conflict(current, expected_version, changes)
        before = {name: getattr(current, name) for name in changes}
        for name, value in changes.items():
            setattr(current, name, value)
        try:
            current.full_clean(exclude=_untouched(model, changes))
        except ValidationError as error:
            raise refusal(error) from error
        current.version = stored_version + 1  # type: ignore[attr-defined]
        save_or_refuse(current)
        record(current, actor=actor, before=before, after=changes)
    return current


def save_or_refuse(obj: models.Model) -> None:
    """Save ``obj`` in a savepoint. A unique constraint it meets there was passed by the checks run before
    (``full_clean``) only because another save landed in between: run them again, now that they see that
    save, and refuse with their message (the other's title named, as when there is no race) rather than a
    server error. The transaction around stays usable."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        try:
            obj.validate_unique()
            obj.validate_constraints()
        except ValidationError as found:
            raise refusal(found) from error
        raise


def refusal(error: ValidationError) -> ValidationFailed:
    """A model's ``ValidationError`` as the services' ``ValidationFailed``, its duplicates in words: Django
    words a duplicate key as "<Model> with this <Roadmap> and <Key> already exists" (model names in English),
    and a constraint's error stands above the form; users know the key they typed, and the title."""
    messages = error.message_dict
    for duplicate in error.error_dict.get(NON_FIELD_ERRORS, ()):
        if duplicate.code in ("unique", "unique_together"):
            messages["key"] = [_("This key is already used in this roadmap.")]
        elif duplicate.code and duplicate.code.startswith("duplicate_"):
            messages.setdefault(duplicate.code.removeprefix("duplicate_"), []).extend(duplicate.messages)
        else:
            continue
        messages[NON_FIELD_ERRORS].remove(duplicate.messages[0])
    if not messages.get(NON_FIELD_ERRORS, True):
        messages.pop(NON_FIELD_ERRORS)
    return ValidationFailed(messages)


def _untouched(model: type[models.Model], changes: Mapping[str, Any]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.name not in changes and f.attname not in changes]


def _conflict(current: models.Model, expected_version: int, changes: Mapping[str, Any]) -> Conflict:
    """What others changed since ``expected_version`` (field -> (their value, this user's value or None))."""
    theirs: dict[str, Any] = {}
    for change in Change.objects.filter(
        content_type=ContentType.objects.get_for_model(type(current)),
        object_id=current.pk,
        version__gt=expected_version,
    ).order_by("version"):
        for name, (_before, after) in change.fields.items():
            theirs[name] = after
    differences = {
        name: (value, plain(changes[name]) if name in changes else None) for name, value in theirs.items()
    }
    return Conflict(current_version=current.version, changes=differences)  # type: ignore[attr-defined]
