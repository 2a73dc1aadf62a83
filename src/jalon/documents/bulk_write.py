"""Imports write in two phases: everything is built and checked in memory, then inserted at once.

SQLite lets one writer at a time (and Jalon opens every transaction ``IMMEDIATE``): an import that
checked its rows one by one inside its transaction held the write lock for as long as it read, and a
5,000-row file kept every other person's save waiting for 20 s, then failing. Here the checks run before
any transaction; ``Batch.insert`` then writes every object with bulk inserts, its history entries
included, in one short transaction (all or nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from jalon.accounts.models import User
from jalon.history.models import Change
from jalon.history.services import plain
from jalon.strategy.models import Versioned
from jalon.workspaces.models import Workspace


def problems_in_memory(obj: models.Model, *, exclude: Iterable[str] = ()) -> list[tuple[str, str]]:
    """What ``full_clean`` refuses in ``obj`` as (field, message) pairs, read without the database: links
    are to objects of the same import (not saved yet) and keys were checked unique by the reader."""
    links = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    try:
        obj.full_clean(exclude=[*links, *exclude], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [(name, " ".join(messages)) for name, messages in error.message_dict.items()]
    return []


class Batch:
    """New objects in the order their links need them (a group per model), the fields to set once the
    objects they point to exist, and the history entries the inserts make."""

    def __init__(self, *, workspace: Workspace, actor: User | None) -> None:
        self.workspace, self.actor = workspace, actor
        self.groups: list[Sequence[models.Model]] = []
        self.late: list[tuple[models.Model, str, models.Model]] = []
        self.notes: list[tuple[models.Model, dict[str, Any]]] = []

    def add(self, objects: Sequence[models.Model]) -> None:
        """Objects of one model, inserted after the groups added before them."""
        if objects:
            self.groups.append(objects)

    def link_after(self, obj: models.Model, name: str, target: models.Model) -> None:
        """A link to an object of the same group (an objective's parent), set once both exist."""
        self.late.append((obj, name, target))

    def note(self, obj: models.Model, before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
        """A history entry for ``obj`` (as ``history.services.record`` writes it), once ``obj`` exists."""
        self.notes.append((obj, {k: [plain(before[k]), plain(after[k])] for k in after}))

    def count(self) -> int:
        return sum(len(group) for group in self.groups)

    def insert(self) -> None:
        """Insert every group, set the late fields, then write the history. Call it inside a transaction."""
        for group in self.groups:
            type(group[0])._default_manager.bulk_create(group)
        late: dict[tuple[type[models.Model], str], list[models.Model]] = {}
        for obj, name, target in self.late:
            setattr(obj, name, target)
            late.setdefault((type(obj), name), []).append(obj)
        for (model, name), objects in late.items():
            model._default_manager.bulk_update(objects, [name])
        created: list[tuple[models.Model, dict[str, Any]]] = [
            (obj, {}) for group in self.groups for obj in group if isinstance(obj, Versioned)
        ]  # every new editable object gets its "created" entry, as ``editing.save_new`` records it
        Change.objects.bulk_create(
            Change(
                workspace=self.workspace,
                content_type=ContentType.objects.get_for_model(type(obj)),  # cached by Django
                object_id=obj.pk,
                version=getattr(obj, "version", 1),
                actor=self.actor,
                fields=fields,
            )
            for obj, fields in [*created, *self.notes]
        )
