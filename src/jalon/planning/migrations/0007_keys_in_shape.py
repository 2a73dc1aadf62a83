"""Keys saved before keys took their shape (``bounds.KEY_SHAPE``: lowercase letters, digits, hyphens) are
rewritten in it: ``Lancement_Ete`` becomes ``lancement-ete``. Such a key made the roadmap's own export
impossible to import again (the file's keys must have the shape). A rewritten key stays unique where its
model keeps it unique (``-2``, ``-3``… on a collision, and for a reserved word such as ``new``), and what
refers to a key by text follows it: a scenario's rules, candidates, selection and summary, a review's
snapshot, and the saved versions of a roadmap whose identifier changed.

The history of changes keeps the keys as they were (it records the past), and so do finished background
jobs. Self-contained on purpose: a migration must not change when the application's code does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

from django.db import migrations

MAX_LENGTH = 60
SHAPE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED = frozenset({"new", "edit", "delete", "move", "import", "export", "apply", "status"})
# (app, model, key field, the field within which the key is unique), parents before their children.
KEYED = (
    ("strategy", "Roadmap", "slug", "workspace_id"),
    ("strategy", "Objective", "key", "roadmap_id"),
    ("strategy", "KPI", "key", "roadmap_id"),
    ("strategy", "Strategy", "key", "roadmap_id"),
    ("strategy", "Tactic", "key", "strategy_id"),
    ("planning", "Theme", "key", "roadmap_id"),
    ("planning", "Person", "key", "workspace_id"),
    ("planning", "Activity", "key", "roadmap_id"),
    ("planning", "Milestone", "key", "roadmap_id"),
    ("planning", "Review", "key", "roadmap_id"),
    ("planning", "Scenario", "key", "roadmap_id"),
    ("planning", "Risk", "key", "roadmap_id"),
    ("planning", "CommunicationItem", "key", "roadmap_id"),
    ("reports", "ReportPreset", "key", "roadmap_id"),
    ("framing", "Persona", "key", "framing_id"),
    ("framing", "LifecycleStage", "key", "framing_id"),
    ("framing", "PlanAction", "key", "framing_id"),
)

Renamed = dict[str, dict[int, dict[str, str]]]  # model -> scope id -> old key -> new key


def in_shape(key: str) -> bool:
    return bool(SHAPE.match(key)) and key not in RESERVED and len(key) <= MAX_LENGTH


def shaped(key: str) -> str:
    """``key`` in the shape: accents dropped, lowercase, every other run of signs one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_LENGTH].strip("-") or "item"


def free(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… the first not taken nor reserved."""
    candidate, number = base, 1
    while candidate in taken or candidate in RESERVED:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    return candidate


def rename_keys(apps: Any, app: str, model: str, field: str, scope: str) -> dict[int, dict[str, str]]:
    Model = apps.get_model(app, model)
    rows = list(Model.objects.order_by("pk").values_list("pk", field, scope))
    taken: dict[int, set[str]] = defaultdict(set)
    for _pk, key, within in rows:
        if in_shape(key):
            taken[within].add(key)
    renamed: dict[int, dict[str, str]] = defaultdict(dict)
    for pk, key, within in rows:
        if in_shape(key):
            continue
        new = free(shaped(key), taken[within])
        taken[within].add(new)
        renamed[within][key] = new
        Model.objects.filter(pk=pk).update(**{field: new})
    return renamed


def _list(values: Any, names: dict[str, str]) -> Any:
    return [names.get(value, value) for value in values] if isinstance(values, list) else values


def _mapping(values: Any, names: dict[str, str]) -> Any:
    return {names.get(key, key): value for key, value in values.items()} if isinstance(values, dict) else values


def follow_in_scenarios(apps: Any, renamed: Renamed) -> None:
    """A scenario names activities (candidates, must-do, ruled out, funded), thematic groups (their
    budgets, the cost per group) and objectives (the value per objective) by key."""
    roadmaps = {r for model in ("Activity", "Theme", "Objective") for r in renamed[model]}
    for scenario in apps.get_model("planning", "Scenario").objects.filter(roadmap_id__in=roadmaps):
        activities = renamed["Activity"].get(scenario.roadmap_id, {})
        themes = renamed["Theme"].get(scenario.roadmap_id, {})
        objectives = renamed["Objective"].get(scenario.roadmap_id, {})
        rules, summary = dict(scenario.parameters or {}), dict(scenario.summary or {})
        for name in ("candidates", "must_do", "must_not"):
            if name in rules:
                rules[name] = _list(rules[name], activities)
        if "themes" in rules:
            rules["themes"] = _mapping(rules["themes"], themes)
        if "cost_by_theme" in summary:
            summary["cost_by_theme"] = _mapping(summary["cost_by_theme"], themes)
        if "value_by_objective" in summary:
            summary["value_by_objective"] = _mapping(summary["value_by_objective"], objectives)
        scenario.parameters, scenario.summary = rules, summary
        scenario.selection = _list(scenario.selection, activities)
        scenario.save(update_fields=["parameters", "summary", "selection"])


SNAPSHOT_LISTS = {"objectives": "Objective", "kpis": "KPI", "activities": "Activity", "milestones": "Milestone"}


def follow_in_reviews(apps: Any, renamed: Renamed) -> None:
    """A review's snapshot lists objectives, KPIs, activities and milestones by key; the next review
    compares with it by key."""
    roadmaps = {r for model in SNAPSHOT_LISTS.values() for r in renamed[model]}
    for review in apps.get_model("planning", "Review").objects.filter(roadmap_id__in=roadmaps):
        snapshot = dict(review.snapshot or {})
        for name, model in SNAPSHOT_LISTS.items():
            names = renamed[model].get(review.roadmap_id, {})
            items = snapshot.get(name)
            if names and isinstance(items, list):
                snapshot[name] = [
                    {**item, "key": names.get(item.get("key"), item.get("key"))} if isinstance(item, dict) else item
                    for item in items
                ]
        review.snapshot = snapshot
        review.save(update_fields=["snapshot"])


def follow_in_roadmap_versions(apps: Any, renamed: Renamed) -> None:
    """A roadmap's saved versions are found by its workspace and identifier."""
    Version = apps.get_model("history", "RoadmapVersion")
    for workspace, names in renamed["Roadmap"].items():
        for old, new in names.items():
            Version.objects.filter(workspace_id=workspace, slug=old).update(slug=new)


def keys_in_shape(apps: Any, schema_editor: Any) -> None:
    renamed: Renamed = defaultdict(dict)
    for app, model, field, scope in KEYED:
        renamed[model] = rename_keys(apps, app, model, field, scope)
    follow_in_scenarios(apps, renamed)
    follow_in_reviews(apps, renamed)
    follow_in_roadmap_versions(apps, renamed)


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0006_people_in_workspace_finish"),
        ("strategy", "0005_kpi_source_relative_path"),
        ("framing", "0005_ceilings_participants_indicators_thumbnails"),
        ("reports", "0001_initial"),
        ("history", "0002_roadmap_version"),
    ]

    operations = [migrations.RunPython(keys_in_shape, migrations.RunPython.noop)]
