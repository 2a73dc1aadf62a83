"""A roadmap's ``jalon/1`` tree made into the tree of its copy: a new slug and title, every date moved by
whole months, and what a copy does not carry left out.

The copy is then imported like any file (``documents.services.copy_roadmap``), so it is, by construction,
what an export and an import would give. What changes on the way:

- every date moves by ``months`` (a month's last day stays a month's last day, ``strategy.periods.moved``),
  but not the facts: KPI measurements and qualitative ratings keep their dates when they are copied, and the
  team's absences are the workspace's own (the copy works with the same people);
- reviews are not copied (they froze what the original roadmap was), nor its history;
- into another workspace, the team stays behind (people, every owner named, assignments, the framing's
  stakeholders): they are another client's people;
- measurements and ratings are copied only when asked;
- every activity goes back to the backlog's first state, *idea*, with nothing spent, and no milestone is
  reached yet: the copy is a plan to run again, so last period's "done" must not count as its progress (the
  dashboard, the budget and the scheduler read statuses and amounts spent);
- a deadline set by a rule ("end of the fiscal year") is worked out again from the copy's start.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from jalon.bounds import date_in_range
from jalon.errors import ValidationFailed
from jalon.formatting import format_long_date
from jalon.strategy.periods import moved

NOT_MOVED = frozenset({"measurements", "ratings", "people"})
"""Sections whose dates are facts or belong to the workspace, not to the plan being copied."""
MAX_MONTHS = 1200
PEOPLE_FIELDS = frozenset({"owner", "assignments"})
"""Fields naming the original workspace's people, wherever they are in the tree."""


def copied_document(
    document: dict[str, Any], *, slug: str, title: str, months: int, measurements: bool, team: bool = True
) -> dict[str, Any]:
    """The tree of the copy; ``ValidationFailed`` on ``months`` when a date would leave the range. Without
    ``team`` (a copy into another workspace) the people stay behind, with every owner named (objectives,
    KPIs, activities, risks, communication plan, animation plan), the assignments and the framing's
    stakeholders: they are the original workspace's people, another client's."""
    tree = copy.deepcopy(document)
    tree["roadmap"].update(slug=slug, title=title)
    tree.pop("reviews", None)
    if not team:
        tree.pop("people", None)
        (tree.get("framing") or {}).pop("stakeholders", None)
        tree = _without(tree, PEOPLE_FIELDS)
    for objective in tree.get("objectives", []):
        if objective.get("deadline_rule"):
            objective.pop("deadline", None)  # the rule gives it again, from the copy's start
        if not measurements:
            for indicator in objective.get("qualitative_indicators", []):
                indicator.pop("ratings", None)
    if not measurements:
        for kpi in tree.get("kpis", []):
            kpi.pop("measurements", None)
    for activity in tree.get("activities", []):
        activity["status"] = "idea"
        activity.pop("spent", None)
    for milestone in tree.get("milestones", []):
        milestone.pop("reached_on", None)
    if months:
        outside: list[date] = []
        tree = _moved(tree, months, outside)
        if outside:
            first = min(outside)
            raise ValidationFailed(
                {"months": [_("Moved by this many months, the date {date} would leave the supported range "
                              "(1900 to 2200); nothing was copied.").format(date=format_long_date(first))]}
            )  # fmt: skip
    return tree


def _without(value: Any, fields: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: _without(v, fields) for k, v in value.items() if k not in fields}
    if isinstance(value, list):
        return [_without(v, fields) for v in value]
    return value


def _moved(value: Any, months: int, outside: list[date]) -> Any:
    if isinstance(value, dict):
        return {k: v if k in NOT_MOVED else _moved(v, months, outside) for k, v in value.items()}
    if isinstance(value, list):
        return [_moved(v, months, outside) for v in value]
    if isinstance(value, date):
        try:
            shifted = moved(value, "monthly", months)
        except (ValueError, OverflowError):  # past year 9999
            outside.append(value)
            return value
        if not date_in_range(shifted):
            outside.append(value)
        return shifted
    return value
