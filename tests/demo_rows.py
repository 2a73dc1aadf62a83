"""The Cloud Kicks demo's rows, read once per test process and written back for each test that asks for it.

Loading the demo through `jalon demo`'s code (reading and checking its jalon/1 file, then importing it) costs
some 60 ms of CPU; some 700 tests ask for it. ``capture`` loads it once, inside a transaction it rolls
back, and keeps the rows it added; ``restore`` inserts the same rows again (same keys, times moved to now) in
a few queries, as if the demo had just been loaded. The loader itself stays covered by the tests of
the demo and of `jalon demo`, which call it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class DemoRows:
    rows: list[tuple[type[models.Model], Rows]]
    content_types: dict[int, tuple[str, str]]  # id when captured -> (app label, model)
    captured_at: datetime
    workspace_pk: int
    roadmap_pk: int


class _Undo(Exception):
    """Raised to roll the capturing transaction back."""


def _models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model is not ContentType
    ]


def _moves_to_now(field: models.Field[Any, Any]) -> bool:
    """A time the database row takes when written (auto_now, auto_now_add), not one the demo file gives."""
    return isinstance(field, models.DateTimeField) and bool(field.auto_now or field.auto_now_add)


def capture(load: Callable[[], tuple[int, int]]) -> DemoRows:
    """The rows ``load`` adds (it returns the workspace's and the roadmap's keys); nothing stays written."""
    tables = _models()
    before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in tables}
    captured: list[tuple[type[models.Model], Rows]] = []
    try:
        with transaction.atomic():
            captured_at = timezone.now()
            workspace_pk, roadmap_pk = load()
            for model in tables:
                pk = model._meta.pk.attname
                added = [row for row in model._base_manager.values() if row[pk] not in before[model]]
                if added:
                    captured.append((model, added))
            content_types = {
                ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()
            }  # fmt: skip
            raise _Undo
    except _Undo:
        pass
    return DemoRows(captured, content_types, captured_at, workspace_pk, roadmap_pk)


def restore(demo: DemoRows) -> None:
    """Write the captured rows again, in one transaction (the foreign keys are checked at its end, when every
    row is there: in a browser test, where nothing wraps the test, each insert would commit on its own)."""
    with transaction.atomic():
        _insert(demo)
        # PostgreSQL: a sequence is behind the restored keys when a migration test dropped and made its table
        # again since the capture; each restored table's sequence is moved to its highest key (SQLite: none).
        statements = connection.ops.sequence_reset_sql(no_style(), [model for model, _ in demo.rows])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _insert(demo: DemoRows) -> None:
    moved = timezone.now() - demo.captured_at
    for model, rows in demo.rows:
        fields = [field for field in model._meta.concrete_fields]
        to_now = [field.attname for field in fields if _moves_to_now(field)]
        kinds = [
            field.attname
            for field in fields
            if isinstance(field, models.ForeignKey) and field.related_model is ContentType
        ]
        objects = []
        for row in rows:
            values = dict(row)
            for name in to_now:
                if values[name] is not None:
                    values[name] += moved
            for name in kinds:
                # A flush (transactional tests) writes the content types again under new keys.
                values[name] = ContentType.objects.get_by_natural_key(*demo.content_types[values[name]]).pk
            objects.append(model(**values))
        size = connection.ops.bulk_batch_size(fields, objects) or len(objects)
        for start in range(0, len(objects), size):
            # raw: the values as captured, as loaddata writes them (no auto_now, no signals).
            model._base_manager._insert(objects[start : start + size], fields=fields, raw=True)  # type: ignore[attr-defined]
