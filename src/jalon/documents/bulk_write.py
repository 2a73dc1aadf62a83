"""Imports write in two phases: everything is built and checked in memory, then inserted at once.

SQLite lets one writer at a time (and Jalon opens every transaction ``IMMEDIATE``): an import that
checked its rows one by one inside its transaction held the write lock for as long as it read, and a
5,000-row file kept every other person's save waiting for 20 s, then failing. Here the checks run before
any transaction, and on SQLite every row is even prepared before it (``Batch.prepare``); ``Batch.insert``
then writes every object with bulk inserts, its history entries included, in one short transaction (all
or nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models

from jalon.accounts.models import User
from jalon.history import origin
from jalon.history.models import Change
from jalon.history.services import label_of, plain, roadmap_of
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
        with origin.importing():  # an import, from the site or the command line (or the demo's)
            self.origin = origin.current()
        self.groups: list[Sequence[models.Model]] = []
        self.late: list[tuple[models.Model, str, models.Model]] = []
        self.notes: list[tuple[models.Model, dict[str, Any]]] = []
        self._prepared: list[_Rows] | None = None

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
        """Write everything. Call it inside a transaction, after ``prepare`` (called here if not yet)."""
        if connection.vendor == "sqlite":
            self.prepare()
            assert self._prepared is not None
            _insert_prepared(self._prepared)
            return
        for group in self.groups:
            type(group[0])._default_manager.bulk_create(group)
        late: dict[tuple[type[models.Model], str], list[models.Model]] = {}
        for obj, name, target in self.late:
            setattr(obj, name, target)
            late.setdefault((type(obj), name), []).append(obj)
        for (model, name), objects in late.items():
            model._default_manager.bulk_update(objects, [name])
        Change.objects.bulk_create(change for change, _obj in self._changes())

    def prepare(self) -> None:
        """On SQLite, turn every object into the row it will be, before the transaction.

        Most of a bulk insert's time goes into Django preparing each field of each row; on SQLite that time
        is spent holding the only write lock. Here it is spent before: rows keep a ``_Ref`` where the id of
        a new object goes, and ``insert`` only numbers the new objects and hands the rows to SQLite.
        (PostgreSQL locks rows, not the database: there ``insert`` uses ``bulk_create``.)
        """
        if connection.vendor != "sqlite" or self._prepared is not None:
            return
        for obj, name, target in self.late:
            setattr(obj, name, target)
        changes = list(self._changes())
        object_id = Change._meta.get_field("object_id")
        prepared = [_prepare(group) for group in self.groups]
        history = _prepare([change for change, _obj in changes])
        at = history.fields.index(object_id)
        for row, (_change, obj) in zip(history.rows, changes, strict=True):
            row[at] = _Ref(obj)
        history.refs.add(at)
        self._prepared = [*prepared, history]

    def _changes(self) -> Iterator[tuple[Change, models.Model]]:
        """Each new editable object's "created" entry (as ``editing.save_new`` records it), then the notes."""
        created: list[tuple[models.Model, dict[str, Any]]] = [
            (obj, {}) for group in self.groups for obj in group if isinstance(obj, Versioned)
        ]
        for obj, fields in [*created, *self.notes]:
            change = Change(
                workspace=self.workspace,
                roadmap=roadmap_of(obj),
                label=label_of(obj),
                content_type=ContentType.objects.get_for_model(type(obj)),  # cached by Django
                object_id=obj.pk or 0,
                version=getattr(obj, "version", 1),
                actor=self.actor,
                origin=self.origin,
                fields=fields,
            )
            yield change, obj


def insert_all(objects: Sequence[models.Model]) -> None:
    """Insert new objects of one model in one statement (SQLite: one ``executemany``, where ``bulk_create``
    would cut the rows into batches of 999 values). Call it inside a transaction."""
    if not objects:
        return
    if connection.vendor == "sqlite":
        _insert_prepared([_prepare(objects)])
    else:
        type(objects[0])._default_manager.bulk_create(objects)


class _Ref:
    """In a prepared row: the id of a new object, known once ``insert`` numbers it."""

    __slots__ = ("obj",)

    def __init__(self, obj: models.Model) -> None:
        self.obj = obj


@dataclass
class _Rows:
    objects: Sequence[models.Model]
    fields: list[Any]  # the model's concrete fields but its primary key
    rows: list[list[Any]]
    refs: set[int]  # the columns where a row may hold a ``_Ref``


def _prepare(objects: Sequence[models.Model]) -> _Rows:
    model = type(objects[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows, refs = [], set()
    for obj in objects:
        row: list[Any] = []
        for index, f in enumerate(fields):
            if isinstance(f, models.ForeignKey):
                target = f.get_cached_value(obj, None) if f.is_cached(obj) else None
                if target is not None and target.pk is None:
                    row.append(_Ref(target))
                    refs.add(index)
                else:
                    row.append(getattr(obj, f.attname))
            else:
                row.append(f.get_db_prep_save(f.pre_save(obj, True), connection))
        rows.append(row)
    return _Rows(objects, fields, rows, refs)


def _insert_prepared(prepared: list[_Rows]) -> None:
    """Number the new objects after the highest id each table ever gave (SQLite's AUTOINCREMENT never
    gives an id twice: history entries of deleted objects keep pointing at nothing), then insert the rows.
    Two groups of one model (the qualitative indicators of two objectives) are numbered one after the other:
    both read the same highest id before anything is inserted."""
    alias = connection.alias
    numbered: dict[str, int] = {}  # the highest id given so far, per table
    with connection.cursor() as cursor:
        for group in prepared:
            model = type(group.objects[0])
            table = model._meta.db_table
            cursor.execute(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
                f"coalesce((SELECT max({_quote(model._meta.pk.column)}) FROM {_quote(table)}), 0))",
                [table],
            )
            first = max(cursor.fetchone()[0], numbered.get(table, 0)) + 1
            numbered[table] = first + len(group.objects) - 1
            for offset, obj in enumerate(group.objects):
                obj.pk = first + offset
                obj._state.adding, obj._state.db = False, alias
        for group in prepared:
            model = type(group.objects[0])
            columns = [model._meta.pk.column, *(f.column for f in group.fields)]
            sql = (
                f"INSERT INTO {_quote(model._meta.db_table)} ({', '.join(_quote(c) for c in columns)}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})"
            )
            cursor.executemany(
                sql, [_row(obj, row, group.refs) for obj, row in zip(group.objects, group.rows, strict=True)]
            )


def _row(obj: models.Model, row: list[Any], refs: set[int]) -> list[Any]:
    values = [obj.pk, *row]
    for index in refs:
        value = row[index]
        if type(value) is _Ref:
            values[index + 1] = value.obj.pk
    return values


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)
