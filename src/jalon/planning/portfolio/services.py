"""Saved runs of the portfolio optimiser: save one (or a budget −10 % / +10 % series), delete one, and
apply one to the roadmap through the planning services, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.engines import portfolio as engine
from jalon.errors import Conflict, ValidationFailed
from jalon.keys import base_key, free_key
from jalon.planning import services
from jalon.planning.models import Activity, Scenario, Status
from jalon.planning.portfolio.problem import Plan, Rules
from jalon.planning.portfolio.proposal import Proposal, propose, status_after
from jalon.workspaces.permissions import require_actor

BUDGET_STEP = 0.10
FOUND = (engine.Status.OPTIMAL, engine.Status.FEASIBLE)


def _summary(plan: Plan, proposal: Proposal) -> dict[str, Any]:
    if proposal.comparison is None:
        return {}
    side = proposal.comparison.proposed
    keys = {theme.pk: theme.key for theme in plan.themes}
    return {
        "cost_by_theme": {keys.get(pk, "") if pk else "": cost for pk, cost in side.cost_by_theme.items()},
        "value_by_objective": {o.key: side.value_by_objective.get(o.pk, 0.0) for o in plan.objectives},
        "funded": len(proposal.result.selected),
    }


def save_scenario(
    *,
    actor: User | None,
    plan: Plan,
    rules: Rules,
    name: str,
    key: str | None = None,
    proposal: Proposal | None = None,
) -> Scenario:
    """Run the optimiser with ``rules`` (without the reasons: the scenario keeps the decision) and save it
    under ``key`` (made from the name when not given; a suffix keeps it unique in the roadmap).

    ``proposal``: a run of these rules on this plan already made (a background run, given more time than
    the page's): it is saved as it is instead of running again."""
    roadmap = plan.roadmap
    require_actor(actor, "edit", roadmap)
    name = name.strip()
    if not name:
        raise ValidationFailed({"name": [_("Give the scenario a name.")]})
    if proposal is None:
        proposal = propose(plan, rules, explain=False)
    side = proposal.comparison.proposed if proposal.comparison else None
    scenario = Scenario(
        roadmap=roadmap, name=name[:200],
        parameters={**rules.as_json(), "candidates": [a.key for a in plan.candidates]},
        selection=proposal.funded, value=side.value if side else 0.0,
        score=proposal.result.objective_value, cost=Decimal(str(round(side.cost if side else 0.0, 2))),
        status=proposal.result.status.value, summary=_summary(plan, proposal), created_by=actor,
    )  # fmt: skip
    for _attempt in range(3):  # someone may take the same key between the check and the insert
        scenario.key = free_key(Scenario.objects.filter(roadmap=roadmap), key or name, fallback="scenario")
        try:
            with transaction.atomic():
                scenario.save()
            return scenario
        except IntegrityError:
            scenario.pk = None
    raise ValidationFailed({"name": [_("Another scenario was saved under this name just now; try again.")]})


def save_budget_variants(*, actor: User | None, plan: Plan, rules: Rules, name: str) -> list[Scenario]:
    """The same rules at this budget, 10 % less and 10 % more, saved as three scenarios."""
    require_actor(actor, "edit", plan.roadmap)
    if rules.budget_eur is None:
        raise ValidationFailed({"budget": [_("Set an overall budget to compare it with −10% and +10%.")]})
    base = base_key(name, "scenario")[:40].strip("-")
    variants = [
        (name, base, rules.budget_eur),
        (
            _("{name} (budget −10%)").format(name=name),
            f"{base}-minus-10",
            rules.budget_eur * (1 - BUDGET_STEP),
        ),
        (
            _("{name} (budget +10%)").format(name=name),
            f"{base}-plus-10",
            rules.budget_eur * (1 + BUDGET_STEP),
        ),
    ]
    with transaction.atomic():
        return [
            save_scenario(
                actor=actor, plan=plan, rules=replace(rules, budget_eur=round(budget, 2)), name=label, key=key
            )
            for label, key, budget in variants
        ]


def delete_scenario(*, actor: User | None, scenario: Scenario) -> None:
    require_actor(actor, "edit", scenario)
    scenario.delete()


class StaleActivity(Conflict):
    """An activity changed since the user reviewed what applying a scenario would do."""

    def __init__(self, activity: Activity, *, current_version: int, changes: Mapping[str, Any]) -> None:
        self.activity = activity
        super().__init__(current_version=current_version, changes=changes)


@dataclass(frozen=True)
class StatusChange:
    activity: Activity
    before: str
    after: str

    @property
    def after_label(self) -> str:
        return str(Status(self.after).label)


def pending_changes(activities: Iterable[Activity], scenario: Scenario) -> list[StatusChange]:
    """What applying ``scenario`` changes now: funded ideas become planned, planned activities it left
    out become ideas. Activities it did not consider (created since, done, in progress) are left alone."""
    candidates = set(scenario.parameters.get("candidates") or ())
    selected = set(scenario.selection)
    changes = []
    for activity in activities:
        if activity.key in candidates and activity.status in (Status.IDEA, Status.PLANNED):
            after = status_after(activity, activity.key in selected)
            if after != activity.status:
                changes.append(StatusChange(activity, activity.status, after))
    return changes


def apply_scenario(
    *, actor: User | None, scenario: Scenario, expected_versions: Mapping[str, int]
) -> list[StatusChange]:
    """Change the statuses ``pending_changes`` lists, all or nothing, each through the planning services
    (so with history). ``expected_versions`` are the versions the user reviewed: an activity changed
    since, or a change they did not review, is a ``Conflict`` and nothing is saved."""
    require_actor(actor, "edit", scenario)
    if scenario.status not in FOUND:
        raise ValidationFailed({"__all__": [_("This scenario funds nothing: it cannot be applied.")]})
    with transaction.atomic():
        activities = list(scenario.roadmap.activities.all())
        for activity in activities:
            activity.roadmap = scenario.roadmap  # already loaded: no query per activity
        changes = pending_changes(activities, scenario)
        for change in changes:
            activity = change.activity
            expected = expected_versions.get(activity.key)
            if expected is None:
                raise StaleActivity(
                    activity,
                    current_version=activity.version,
                    changes={"status": (change.before, change.after)},
                )
            try:
                services.update(
                    activity, actor=actor, expected_version=expected, changes={"status": change.after}
                )
            except Conflict as error:
                raise StaleActivity(
                    activity, current_version=error.current_version, changes=error.changes
                ) from error
        scenario.applied_at, scenario.applied_by = timezone.now(), actor
        scenario.save(update_fields=["applied_at", "applied_by"])
    return changes
