"""One measurable target per objective: the objective's target and its main KPI's target are one value.

The objective holds the value; its *main* KPI (its first KPI, unless that KPI tracks a band) shows the same
number. Whichever of the two a user edits, the other follows in the same transaction, with its version
bumped and the change recorded in the history, so no page can show two targets that disagree.
A new main KPI takes the objective's target when the objective has one (an imported file whose KPI said
something else is brought into line), and gives its own to an objective that has none (with the KPI's
name as the objective's metric when it has none, so the measurable target says what it measures).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.bounds import number_in_range
from jalon.errors import ValidationFailed
from jalon.formatting import format_quantity
from jalon.history.services import apply_changes
from jalon.strategy.models import KPI, KPIDirection, Measurement, Objective

Aim = float | tuple[float, float]  # one target, or the low and high ends of a band


def main_kpi(objective: Objective) -> KPI | None:
    """The KPI an objective's measurable target belongs to: its first one (by position)."""
    return objective.kpis.order_by("position", "id").first()


def _mirrors(kpi: KPI) -> bool:
    return kpi.direction != KPIDirection.BAND


def _disagrees(objective: Objective, kpi: KPI) -> bool:
    """Whether ``kpi``, its objective's first, was typed with a target other than the objective's (an
    empty one, or one out of range, which the model's check words, is not a disagreement)."""
    return (
        _mirrors(kpi)
        and objective.target is not None
        and kpi.target is not None
        and number_in_range(kpi.target)
        and kpi.target != objective.target
    )


def _leads(objective: Objective, kpi: KPI) -> bool:
    """Whether ``kpi``, new or moved under ``objective``, would be its first KPI (by position)."""
    first = objective.kpis.exclude(pk=kpi.pk).order_by("position", "id").first()
    return first is None or (kpi.pk is not None and (kpi.position, kpi.pk) < (first.position, first.pk))


def check_first_target(objective: Objective | None, kpi: KPI, *, moved: bool = False) -> None:
    """The first KPI of an objective shares its target: one typed with another is refused in words, rather
    than saved with the objective's in silence (a rate's target of 3 % read 1 200 000 % under an objective
    of sales). Every door meets it: the form, ``create_kpi`` (scripts, the command line), ``update_kpi``
    moving a KPI under an objective (``moved``: said with both targets, the KPI's own being already saved)
    and a roadmap file (``first_target_problem``, which words it with both targets)."""
    if objective is None or not _disagrees(objective, kpi) or not _leads(objective, kpi):
        return
    if moved:
        raise ValidationFailed({"target": [first_target_problem(objective, kpi, moved=True) or ""]})
    shared = format_quantity(objective.target, objective.unit)
    raise ValidationFailed({"target": [_(
        "As the first KPI of “{objective}”, it shares its target: {target}. Leave the target"
        " empty or type that one; the objective’s page changes it."
    ).format(objective=objective.title, target=shared)]})  # fmt: skip


def first_target_problem(objective: Objective, kpi: KPI, *, moved: bool = False) -> str | None:
    """``check_first_target`` as a roadmap file words it, the KPI and both targets named (a file has no
    form beside the KPI to say which one it is). ``moved``: the KPI is not under ``objective`` yet, so it
    *would become* its first (said so: it is not the first of anything until the move is saved)."""
    if objective.target is None or kpi.target is None or not _disagrees(objective, kpi):
        return None
    if moved:
        message = _(
            "The KPI “{kpi}” would become the first of the objective “{objective}”, so it would share its"
            " target: {target}, not {typed}. Remove the KPI’s target or write the objective’s."
        )
    else:
        message = _(
            "The KPI “{kpi}” is the first of the objective “{objective}”, so it shares its target:"
            " {target}, not {typed}. Remove the KPI’s target or write the objective’s."
        )
    return message.format(
        kpi=kpi.name, objective=objective.title, target=format_quantity(objective.target, objective.unit),
        typed=format_quantity(kpi.target, kpi.unit or objective.unit),
    )  # fmt: skip


def objective_changed(objective: Objective, *, actor: User | None) -> None:
    """After an objective's target changed: its main KPI shows the same target."""
    kpi = main_kpi(objective)
    if kpi is None or not _mirrors(kpi) or objective.target is None or kpi.target == objective.target:
        return
    apply_changes(kpi, actor=actor, expected_version=kpi.version, changes={"target": objective.target})


def kpi_changed(kpi: KPI, *, actor: User | None, created: bool = False) -> None:
    """After a KPI was created or its target edited: if it is its objective's main KPI, the two agree."""
    objective = kpi.objective
    if objective is None or not _mirrors(kpi):
        return
    main = main_kpi(objective)
    if main is None or main.pk != kpi.pk:
        return
    if created and objective.target is not None:
        if kpi.target != objective.target:
            apply_changes(
                kpi, actor=actor, expected_version=kpi.version, changes={"target": objective.target}
            )
        return
    if kpi.target is not None and objective.target != kpi.target:
        fresh = Objective.objects.get(pk=objective.pk)
        changes: dict[str, object] = {"target": kpi.target}
        if not (fresh.metric or fresh.done_state):  # a measurable target needs its metric: the KPI's
            changes.update(metric=kpi.name, unit=fresh.unit or kpi.unit)
        apply_changes(fresh, actor=actor, expected_version=fresh.version, changes=changes)


def default_direction(objective: Objective | None) -> str:
    """A KPI given no direction follows its objective's: decrease for a decreasing objective."""
    decreasing = objective is not None and objective.direction == "decrease"
    return KPIDirection.DECREASE if decreasing else KPIDirection.INCREASE


def align_new_main(objective: Objective, kpi: KPI) -> None:
    """The same rule as ``kpi_changed(created=True)`` on objects not saved yet (an imported file)."""
    if not _mirrors(kpi):
        return
    if objective.target is not None:
        kpi.target = objective.target
    elif kpi.target is not None:
        objective.target = kpi.target
        if not (objective.metric or objective.done_state):
            objective.metric, objective.unit = kpi.name, objective.unit or kpi.unit


def band_of(kpi: KPI) -> tuple[float, float] | None:
    """A band KPI's low and high ends (None for a KPI with one target, or a band not typed in full)."""
    if kpi.direction != KPIDirection.BAND or kpi.target_low is None or kpi.target_high is None:
        return None
    return kpi.target_low, kpi.target_high


def tracked(
    objective: Objective, kpis: Iterable[KPI], *, as_of: date | None = None
) -> tuple[KPI, Aim, list[Measurement]] | None:
    """The KPI an objective is read by, the one rule of the executive view and the quarterly reviews: its
    first KPI with a measurement (on or before ``as_of`` when given) and a target — its own, else the
    objective's, or its band — with that target and those measurements (by date, prefetched)."""
    for kpi in kpis:
        target = band_of(kpi) or (kpi.target if kpi.target is not None else objective.target)
        measurements = [m for m in kpi.measurements.all() if as_of is None or m.date <= as_of]
        if measurements and target is not None:
            return kpi, target, measurements
    return None
