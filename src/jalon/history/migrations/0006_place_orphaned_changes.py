"""The changes of items deleted before ``0003`` were left without a roadmap (no log showed them). Their own
values seldom name a roadmap, but many name another item that does: an activity's theme, a KPI's
objective, a strategy's objective… (the links a change records, by id), and items of a roadmap only link to
items of the same roadmap. And the other way round, a change of an item still placed may name the deleted
one (an activity that left a theme since deleted). Either way the deleted item's changes join that roadmap.

What names no placed item (an item whose changes only ever changed its texts, dates or amounts) stays
without a roadmap: nothing stored tells its roadmap any more."""

from __future__ import annotations

from collections import defaultdict
from importlib import import_module
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import migrations, models

# The models a roadmap's items are, with their way to the roadmap, as 0003 placed them.
ROADMAP_PATHS = import_module("jalon.history.migrations.0003_change_roadmap_label").ROADMAP_PATHS

Item = tuple[int, int]  # (content type, object id)


def place_orphans(apps: Any, schema_editor: Any) -> None:
    alias = schema_editor.connection.alias
    Change = apps.get_model("history", "Change")
    ContentType = apps.get_model("contenttypes", "ContentType")
    paths = {(app, model): path for app, model, path in ROADMAP_PATHS}
    types = {
        ct.pk: apps.get_model(ct.app_label, ct.model)
        for ct in ContentType.objects.using(alias).all()
        if (ct.app_label, ct.model) in paths
    }
    type_of = {model: pk for pk, model in types.items()}
    changes = Change.objects.using(alias).filter(content_type_id__in=list(types))
    orphans: dict[Item, list[dict[str, Any]]] = defaultdict(list)
    for content_type, object_id, fields in changes.filter(roadmap__isnull=True).values_list(
        "content_type_id", "object_id", "fields"
    ):
        orphans[(content_type, object_id)].append(fields)
    if not orphans:
        return
    placed = _through_links_to_them(changes, types, type_of, orphans)
    placed |= _through_their_links(apps, alias, types, type_of, orphans, paths)
    for (content_type, object_id), roadmap in placed.items():
        changes.filter(roadmap__isnull=True, content_type_id=content_type, object_id=object_id).update(
            roadmap_id=roadmap
        )


def _links(model: Any, fields: dict[str, Any], type_of: dict[Any, int]) -> list[Item]:
    """The items of a roadmap ``fields`` (a change of a ``model``) name by id, before or after."""
    found: list[Item] = []
    for name, values in fields.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a name the services record themselves (a team, an assignment…)
            continue
        if not isinstance(field, models.ForeignKey) or not isinstance(values, list):
            continue
        target = type_of.get(field.related_model)
        found += [(target, value) for value in values if target is not None and isinstance(value, int)]
    return found


def _through_their_links(
    apps: Any, alias: str, types: dict[int, Any], type_of: dict[Any, int], orphans: Any, paths: Any
) -> dict[Item, int]:
    """Each deleted item placed in the roadmap of an existing item its changes name."""
    wanted: dict[Item, list[Item]] = defaultdict(list)  # linked item -> the deleted items naming it
    for item, all_fields in orphans.items():
        for fields in all_fields:
            for linked in _links(types[item[0]], fields, type_of):
                wanted[linked].append(item)
    by_type: dict[int, set[int]] = defaultdict(set)
    for content_type, object_id in wanted:
        by_type[content_type].add(object_id)
    placed: dict[Item, int] = {}
    for content_type, ids in by_type.items():
        model = types[content_type]
        path = paths[(model._meta.app_label, model._meta.model_name)]
        for pk, roadmap in model.objects.using(alias).filter(pk__in=ids).values_list("pk", path):
            for item in wanted[(content_type, pk)]:
                placed.setdefault(item, roadmap)
    return placed


def _through_links_to_them(
    changes: Any, types: dict[int, Any], type_of: dict[Any, int], orphans: Any
) -> dict[Item, int]:
    """Each deleted item placed in the roadmap of a placed change that names it."""
    placed: dict[Item, int] = {}
    rows = changes.filter(roadmap__isnull=False).values_list("content_type_id", "roadmap_id", "fields")
    for content_type, roadmap, fields in rows.iterator(chunk_size=2000):
        for linked in _links(types[content_type], fields, type_of):
            if linked in orphans:
                placed.setdefault(linked, roadmap)
    return placed


class Migration(migrations.Migration):
    dependencies = [("history", "0005_origins_of_copies_restores_versions")]

    operations = [migrations.RunPython(place_orphans, migrations.RunPython.noop)]
