"""Use cases on roadmaps, objectives, KPIs, measurements, strategies and tactics.

Each function checks permission, runs in one transaction, validates, and records history.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jalon import unused_files
from jalon.accounts.models import User
from jalon.engines.calendar import InvalidRuleError, resolve_rule
from jalon.errors import ValidationFailed
from jalon.formatting import format_long_date
from jalon.history.models import Change, RoadmapVersion
from jalon.history.services import apply_changes, delete_recorded
from jalon.keys import free_key
from jalon.names import normalise
from jalon.services import only, save_new
from jalon.strategy.kpis import forecast_store, targets
from jalon.strategy.kpis import services as measurements
from jalon.strategy.models import KPI, Measurement, Objective, Roadmap, Strategy, Tactic
from jalon.workspaces.models import Workspace
from jalon.workspaces.permissions import require, require_actor

ROADMAP_FIELDS = frozenset(
    {"title", "type", "vision", "start", "end", "fiscal_year_start_month", "language", "currency", "sector"}
)
OBJECTIVE_FIELDS = frozenset(
    {
        "title", "impact", "specific", "metric", "unit", "baseline", "target", "direction", "done_state",
        "deadline", "deadline_rule", "term", "owner", "parent",
    }
)  # fmt: skip
KPI_FIELDS = frozenset(
    {
        "name", "unit", "owner", "frequency", "target", "objective", "direction", "baseline", "baseline_date",
        "target_low", "target_high", "target_date", "benchmark_low", "benchmark_high", "benchmark_source",
        "benchmark_metric", "lowest_possible", "highest_possible",
    }
)  # fmt: skip
STRATEGY_FIELDS = frozenset({"title", "objective"})
TACTIC_FIELDS = frozenset({"title", "description"})


def resolved_deadline(roadmap: Roadmap, rule: str) -> date:
    """The date a deadline rule names for this roadmap (seen from its horizon start)."""
    try:
        return resolve_rule(
            rule, reference=roadmap.start, fiscal_year_start_month=roadmap.fiscal_year_start_month
        )
    except InvalidRuleError as error:
        raise ValidationFailed(
            {"deadline_rule": [_("Unknown deadline rule {rule}.").format(rule=rule)]}
        ) from error


def _with_deadline(roadmap: Roadmap, changes: dict[str, Any]) -> dict[str, Any]:
    """A rule fixes the deadline; a hand-typed deadline drops a rule that no longer matches it."""
    rule = changes.get("deadline_rule")
    if rule:
        changes["deadline"] = resolved_deadline(roadmap, rule)
    elif "deadline" in changes and "deadline_rule" not in changes:
        changes["deadline_rule"] = ""
    return changes


def _check_parent(objective: Objective | None, roadmap: Roadmap, parent: Objective | None) -> None:
    if parent is None:
        return
    if parent.roadmap_id != roadmap.pk:
        raise ValidationFailed({"parent": [_("The parent objective must belong to the same roadmap.")]})
    node: Objective | None = parent
    while node is not None:
        if objective is not None and node.pk == objective.pk:
            raise ValidationFailed({"parent": [_("An objective cannot be its own ancestor.")]})
        node = node.parent


def after_parent(deadline: date | None, parent: Objective | None) -> str | None:
    """Why a sub-objective may not fall due on ``deadline`` under ``parent`` (None when it may): a
    sub-objective is a step towards its parent, reached by the parent's deadline at the latest. The form and
    the objective's page say it, and a roadmap's settings moving the deadline rules; a ``jalon/1`` file is not
    checked (every export must import again), nor a copy moved by months."""
    if deadline is None or parent is None or parent.deadline is None or deadline <= parent.deadline:
        return None
    return _(
        "A sub-objective falls due by its parent’s deadline at the latest: {parent} falls due on {day}."
    ).format(parent=parent.title, day=format_long_date(parent.deadline))


def _check_deadline(objective: Objective | None, values: Mapping[str, Any]) -> None:
    """A sub-objective's deadline within its parent's; a parent's deadline not before its sub-objectives'.
    Checked when the deadline or the parent changes (an older roadmap's other fields stay editable)."""
    parent = values.get("parent", objective.parent if objective else None)
    deadline = values.get("deadline", objective.deadline if objective else None)
    moved = objective is None or deadline != objective.deadline
    reparented = objective is not None and parent != objective.parent
    problem = after_parent(deadline, parent) if moved or reparented else None
    if problem is None and objective is not None and deadline is not None and moved:
        late = objective.children.filter(deadline__gt=deadline).order_by("deadline").last()
        if late is not None:
            problem = _(
                "Its sub-objective {child} falls due on {day}, after this deadline: a sub-objective falls "
                "due by its parent’s deadline at the latest."
            ).format(child=late.title, day=format_long_date(late.deadline or deadline))
    if problem is not None:
        raise ValidationFailed({"deadline": [problem]})


def _check_same_roadmap(roadmap: Roadmap, objective: Objective | None) -> None:
    """An update may not link to an objective of another roadmap (or of another workspace)."""
    if objective is not None and objective.roadmap_id != roadmap.pk:
        raise ValidationFailed({"objective": [_("The objective must belong to the same roadmap.")]})


# Roadmaps -----------------------------------------------------------------------------------------


def create_roadmap(*, actor: User | None, workspace: Workspace, slug: str = "", **fields: Any) -> Roadmap:
    """``slug`` blank: made from the title."""
    require_actor(actor, "edit", workspace)
    slug = slug or free_key(workspace.roadmaps, fields.get("title", ""), fallback="roadmap", field="slug")
    roadmap = Roadmap(workspace=workspace, slug=slug, **only(ROADMAP_FIELDS, fields))
    with transaction.atomic():
        save_new(roadmap, actor=actor)
    return roadmap


def update_roadmap(
    *, actor: User, roadmap: Roadmap, expected_version: int, changes: Mapping[str, Any]
) -> Roadmap:
    require(actor, "edit", roadmap)
    start = roadmap.start
    with transaction.atomic():
        saved = apply_changes(
            roadmap, actor=actor, expected_version=expected_version, changes=only(ROADMAP_FIELDS, changes)
        )
        # the rules read the start and the fiscal year: a refusal stands by the one that changed
        field = "start" if saved.start != start else "fiscal_year_start_month"
        _follow_deadline_rules(saved, actor=actor, field=field)
    return saved


def _follow_deadline_rules(roadmap: Roadmap, *, actor: User, field: str) -> None:
    """A deadline set by a rule ("end of Q3") moves with the roadmap's start and fiscal year, as the
    objective form and a jalon/1 file resolve it: a deadline left behind would make the roadmap's own
    export impossible to import again ("the deadline does not match its rule"). The change is refused, on
    ``field``, when a moved deadline would leave a sub-objective due after its parent."""
    moved: set[int] = set()
    for objective in roadmap.objectives.exclude(deadline_rule=""):
        resolved = resolved_deadline(roadmap, objective.deadline_rule)
        if resolved == objective.deadline:
            continue
        try:
            apply_changes(
                objective, actor=actor, expected_version=objective.version, changes={"deadline": resolved}
            )
        except ValidationFailed as refused:  # a rule that now lands past 2200
            message = next(text for texts in refused.errors.values() for text in texts)
            said = _("{objective}: {message}").format(objective=objective.title, message=message)
            raise ValidationFailed({field: [said]}) from refused
        moved.add(objective.pk)
    _check_moved_sub_objectives(roadmap, moved, field)


def _check_moved_sub_objectives(roadmap: Roadmap, moved: set[int], field: str) -> None:
    """No sub-objective left due after its parent by deadlines the rules moved (``moved``): neither can
    follow the other without undoing a date someone typed or a rule, so the roadmap's change is refused in
    words naming both. A pair already so before the change leaves the roadmap's other fields editable."""
    pairs = (
        roadmap.objectives.filter(Q(pk__in=moved) | Q(parent__in=moved), parent__isnull=False)
        .select_related("parent")
        .order_by("position", "pk")
    )
    for child in pairs:
        parent = child.parent
        if parent is None or child.deadline is None or after_parent(child.deadline, parent) is None:
            continue
        said = _(
            "With these dates, the deadlines given by rules would move and {child} would fall due on "
            "{child_day}, after its parent objective {parent} ({parent_day}). A sub-objective falls due by "
            "its parent’s deadline at the latest: change one of these two deadlines first."
        ).format(
            child=child.title,
            child_day=format_long_date(child.deadline),
            parent=parent.title,
            parent_day=format_long_date(parent.deadline or child.deadline),
        )
        raise ValidationFailed({field: [said]})


# Objectives ---------------------------------------------------------------------------------------


def create_objective(*, actor: User | None, roadmap: Roadmap, key: str = "", **fields: Any) -> Objective:
    """``key`` blank: made from the title."""
    require_actor(actor, "edit", roadmap)
    key = key or free_key(roadmap.objectives, fields.get("title", ""), fallback="objective")
    values = _with_deadline(roadmap, only(OBJECTIVE_FIELDS, fields))
    _check_parent(None, roadmap, values.get("parent"))
    _check_deadline(None, values)
    with transaction.atomic():
        position = roadmap.objectives.count()
        objective = Objective(roadmap=roadmap, key=key, position=position, **values)
        save_new(objective, actor=actor)
    return objective


def update_objective(
    *, actor: User, objective: Objective, expected_version: int, changes: Mapping[str, Any]
) -> Objective:
    require(actor, "edit", objective.roadmap)
    values = _with_deadline(objective.roadmap, only(OBJECTIVE_FIELDS, changes))
    if "parent" in values:
        _check_parent(objective, objective.roadmap, values["parent"])
    _check_deadline(objective, values)
    with transaction.atomic():
        saved = apply_changes(objective, actor=actor, expected_version=expected_version, changes=values)
        if "target" in values:
            targets.objective_changed(saved, actor=actor)
        # its KPIs' forecasts follow its target and deadline
        forecast_store.after_commit(objective.roadmap, saved.kpis.values_list("pk", flat=True))
    return saved


def delete_objective(*, actor: User, objective: Objective) -> None:
    require(actor, "edit", objective.roadmap)
    delete_recorded(objective, actor=actor, named_by="title")


# KPIs and measurements ----------------------------------------------------------------------------


def create_kpi(*, actor: User | None, roadmap: Roadmap, key: str = "", **fields: Any) -> KPI:
    """``key`` blank: made from the name."""
    require_actor(actor, "edit", roadmap)
    key = key or free_key(roadmap.kpis, fields.get("name", ""), fallback="kpi")
    values = only(KPI_FIELDS, fields)
    objective = values.get("objective")
    if not values.get("direction"):  # a KPI given no direction follows its objective's
        values["direction"] = targets.default_direction(objective)
    if objective is not None and objective.roadmap_id != roadmap.pk:
        raise ValidationFailed({"objective": [_("The objective must belong to the same roadmap.")]})
    with transaction.atomic():
        kpi = KPI(roadmap=roadmap, key=key, position=roadmap.kpis.count(), **values)
        targets.check_first_target(objective, kpi)
        save_new(kpi, actor=actor)
        targets.kpi_changed(kpi, actor=actor, created=True)
    kpi.refresh_from_db()
    return kpi


def update_kpi(*, actor: User, kpi: KPI, expected_version: int, changes: Mapping[str, Any]) -> KPI:
    """Save a KPI; the main KPI of an objective passes a new target on to it (``kpis.targets``)."""
    require(actor, "edit", kpi.roadmap)
    values = only(KPI_FIELDS, changes)
    _check_same_roadmap(kpi.roadmap, values.get("objective"))
    moved = "objective" in values and getattr(values["objective"], "pk", None) != kpi.objective_id
    with transaction.atomic():
        if moved:  # checked as it would be saved: the first KPI of an objective shares its target
            targets.check_first_target(values["objective"], _with(kpi, values), moved=True)
        saved = apply_changes(kpi, actor=actor, expected_version=expected_version, changes=values)
        if "target" in values or "direction" in values or moved:
            # A KPI newly linked to an objective takes its target, like a new KPI; an edited target leads.
            targets.kpi_changed(saved, actor=actor, created=moved)
        forecast_store.after_commit(kpi.roadmap, [kpi.pk])
    saved.refresh_from_db()
    return saved


def _with(kpi: KPI, values: Mapping[str, Any]) -> KPI:
    """A copy of ``kpi`` with ``values`` set, not saved (``kpi`` itself is left as it is)."""
    changed = copy.copy(kpi)  # Django copies the state and the related objects' cache with it
    for name, value in values.items():
        setattr(changed, name, value)
    return changed


def delete_kpi(*, actor: User, kpi: KPI) -> None:
    """Delete a KPI and its measurements (the objective's target stays; a next KPI becomes its main one)."""
    require(actor, "edit", kpi.roadmap)
    delete_recorded(kpi, actor=actor, named_by="name")


def add_measurement(
    *, actor: User | None, kpi: KPI, date: date, value: float, source: str = ""
) -> Measurement:
    """Record a KPI value for a day (a second value the same day replaces the first)."""
    require_actor(actor, "edit", kpi.roadmap)
    # the model's rules and a day not after today (``kpis.services.checked``); the same day replaces, below
    measurements.checked(Measurement(kpi=kpi, date=date, value=value, source=source))
    with transaction.atomic():
        measurement, _created = Measurement.objects.update_or_create(
            kpi=kpi, date=date, defaults={"value": value, "source": source}
        )
        forecast_store.after_commit(kpi.roadmap, [kpi.pk])
    return measurement


def delete_measurement(*, actor: User, measurement: Measurement) -> None:
    require(actor, "edit", measurement.kpi.roadmap)
    with transaction.atomic():
        measurement.delete()
        forecast_store.after_commit(measurement.kpi.roadmap, [measurement.kpi_id])


# Strategies and tactics ---------------------------------------------------------------------------


def create_strategy(
    *, actor: User | None, roadmap: Roadmap, objective: Objective, key: str = "", title: str
) -> Strategy:
    require_actor(actor, "edit", roadmap)
    key = key or free_key(roadmap.strategies, title, fallback="strategy")
    if objective.roadmap_id != roadmap.pk:
        raise ValidationFailed({"objective": [_("The objective must belong to the same roadmap.")]})
    with transaction.atomic():
        strategy = Strategy(
            roadmap=roadmap, objective=objective, key=key, title=title, position=roadmap.strategies.count()
        )
        save_new(strategy, actor=actor)
    return strategy


def update_strategy(
    *, actor: User, strategy: Strategy, expected_version: int, changes: Mapping[str, Any]
) -> Strategy:
    require(actor, "edit", strategy.roadmap)
    values = only(STRATEGY_FIELDS, changes)
    _check_same_roadmap(strategy.roadmap, values.get("objective"))
    return apply_changes(strategy, actor=actor, expected_version=expected_version, changes=values)


def delete_strategy(*, actor: User, strategy: Strategy) -> None:
    require(actor, "edit", strategy.roadmap)
    strategy.delete()


def create_tactic(
    *, actor: User | None, strategy: Strategy, key: str = "", title: str, description: str = ""
) -> Tactic:
    require_actor(actor, "edit", strategy.roadmap)
    key = key or free_key(strategy.tactics, title, fallback="tactic")
    with transaction.atomic():
        tactic = Tactic(
            strategy=strategy,
            key=key,
            title=title,
            description=description,
            position=strategy.tactics.count(),
        )
        save_new(tactic, actor=actor)
    return tactic


def update_tactic(
    *, actor: User, tactic: Tactic, expected_version: int, changes: Mapping[str, Any]
) -> Tactic:
    require(actor, "edit", tactic.strategy.roadmap)
    return apply_changes(
        tactic, actor=actor, expected_version=expected_version, changes=only(TACTIC_FIELDS, changes)
    )


def delete_tactic(*, actor: User, tactic: Tactic) -> None:
    require(actor, "edit", tactic.strategy.roadmap)
    tactic.delete()


# Archive, restore, delete -------------------------------------------------------------------------


def archive_roadmap(*, actor: User | None, roadmap: Roadmap) -> Roadmap:
    """Out of the workspace's list, read-only for everyone, not refreshed by ``jalon worker``; still
    readable and exportable. Owners only."""
    require_actor(actor, "manage", roadmap.workspace)
    if roadmap.is_archived:
        return roadmap
    return apply_changes(
        roadmap, actor=actor, expected_version=roadmap.version, changes={"archived_at": timezone.now()}
    )


def restore_roadmap(*, actor: User | None, roadmap: Roadmap) -> Roadmap:
    """Back in the workspace's list and editable again. Owners only."""
    require_actor(actor, "manage", roadmap.workspace)
    if not roadmap.is_archived:
        return roadmap
    return apply_changes(
        roadmap, actor=actor, expected_version=roadmap.version, changes={"archived_at": None}
    )


def same_words(typed: str, title: str) -> bool:
    """Whether the confirmation typed is the roadmap's title (case, accents and spaces aside)."""
    return bool(normalise(typed)) and normalise(typed) == normalise(title)


def delete_roadmap(*, actor: User | None, roadmap: Roadmap, typed_title: str) -> None:
    """Delete the roadmap and everything in it (not the workspace's team), once its title is typed back;
    its uploaded files (prototypes, KPI sources, documents written in the background) are removed once the
    deletion is committed, unless a row of another roadmap names the same file. Owners only."""
    require_actor(actor, "manage", roadmap.workspace)
    if not same_words(typed_title, roadmap.title):
        raise ValidationFailed({"title": [_("Type the roadmap's title to confirm its deletion.")]})
    with transaction.atomic():
        files = unused_files.files_of_roadmap(roadmap)
        RoadmapVersion.objects.filter(workspace=roadmap.workspace, slug=roadmap.slug).delete()
        # its change log goes with it (a deletion recorded here would be deleted with the roadmap's row)
        Change.objects.filter(roadmap=roadmap).delete()
        roadmap.delete()
        transaction.on_commit(lambda: unused_files.remove_if_unused(files))


def deletion_counts(roadmap: Roadmap) -> dict[str, int]:
    """What deleting the roadmap deletes, by kind, as the confirmation page lists it."""
    return {
        "objectives": roadmap.objectives.count(),
        "kpis": roadmap.kpis.count(),
        "measurements": Measurement.objects.filter(kpi__roadmap=roadmap).count(),
        "strategies": roadmap.strategies.count(),
        "activities": roadmap.activities.count(),
        "milestones": roadmap.milestones.count(),
        "risks": roadmap.risks.count(),
        "reviews": roadmap.reviews.count(),
        "files": len(unused_files.files_of_roadmap(roadmap)),
        "versions": RoadmapVersion.objects.filter(workspace=roadmap.workspace, slug=roadmap.slug).count(),
    }
