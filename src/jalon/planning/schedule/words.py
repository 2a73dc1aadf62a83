"""The scheduler's answer in the reader's words: its status, its conflicts and their fixes (the engine
gives codes, ids and numbers), and what was left out of the plan and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalon.formatting import format_number, format_quantity
from jalon.planning.schedule.problem import LeftOut, Plan


@dataclass(frozen=True)
class Explanation:
    text: str
    fixes: list[str]


def _names(plan: Plan) -> dict[str, str]:
    names = {a.key: a.title for a in plan.activities}
    names |= {m.key: m.title for m in plan.milestones}
    return names


def _late(days: int) -> str:
    return ngettext("{count} working day late", "{count} working days late", days).format(count=days)


def _day(value: str | None) -> str:
    return date_format(date.fromisoformat(value)) if value else ""


def explain(plan: Plan, result: Mapping[str, Any]) -> list[Explanation]:
    things = _names(plan)
    people = {p.key: p.name for p in plan.people}
    windowed = {a.key for a in plan.activities if a.has_window}

    def listed(keys: list[str], names: Mapping[str, str]) -> str:
        return ", ".join(names.get(key, key) for key in keys)

    explanations = []
    for conflict in result.get("conflicts") or []:
        words = {
            "activities": listed(conflict["activities"], things),
            "people": listed(conflict["people"], people),
            "deadline": things.get(conflict["deadline_id"] or "", conflict["deadline_id"] or ""),
            "date": _day(conflict["deadline"]),
            "late": _late(int(conflict["days_late"])),
        }
        fixes = Fixes(things, people, windowed, plan.roadmap.currency)
        explanations.append(
            Explanation(_conflict_text(conflict, len(conflict["people"])).format(**words),
                        [fixes.text(fix) for fix in conflict["fixes"]])
        )  # fmt: skip
    return explanations


def _conflict_text(conflict: Mapping[str, Any], people: int) -> str:
    code = conflict["code"]
    if code == "deadline_overload" and people:
        return ngettext(
            "{deadline} ({date}) would be {late}: {people} is fully booked before it ({activities}).",
            "{deadline} ({date}) would be {late}: {people} are fully booked before it ({activities}).",
            people,
        )
    chained = len(conflict["activities"]) > 1
    if code in ("window", "horizon") and int(conflict["days_late"]) > 0:
        # Dependencies and fixed activities alone push it out, whatever the team's capacity.
        if code == "window":
            return _(
                "{deadline} cannot fit in its window (by {date}) whatever the capacity: it would end {late}."
            )
        return _(
            "{deadline} cannot fit before the end of the roadmap ({date}) whatever the capacity: it would "
            "end {late}."
        )
    texts = {
        "dependency_cycle": _("These activities depend on each other in a loop: {activities}."),
        "demand_exceeds_capacity": _("{activities} asks {people} for more hours a day than they have."),
        "pinned_overload": _("The fixed activities {activities} overload {people}."),
        "pinned_dependency": _("The fixed activities {activities} break a dependency between them."),
        "deadline_unreachable": _(
            "{deadline} ({date}) cannot be met whatever the capacity: the chain {activities} ends {late}."
        ),
        "deadline_overload": _(
            "{deadline} ({date}) would be {late}: the team is fully booked before it ({activities})."
        ),
        "window": _(
            "{deadline} cannot fit in its window (by {date}) with the rest of the plan ({activities})."
        )
        if chained
        else _("{deadline} cannot fit in its window (by {date}) with the rest of the plan."),
        "horizon": _(
            "{deadline} cannot fit before the end of the roadmap ({date}) with the rest of the plan "
            "({activities})."
        )
        if chained
        else _("{deadline} cannot fit before the end of the roadmap ({date}) with the rest of the plan."),
    }
    return texts.get(code, _("A constraint cannot be met ({activities})."))


@dataclass(frozen=True)
class Fixes:
    """Writes fixes: who and what they name, which activities have a window, the roadmap's currency."""

    things: Mapping[str, str]
    people: Mapping[str, str]
    windowed: frozenset[str] | set[str]
    currency: str

    def text(self, fix: Mapping[str, Any]) -> str:
        target = fix["target"]
        name = self.things.get(target, target)
        code = fix["code"]
        if code == "extra_capacity":
            hours = format_number(float(fix["hours_per_day"]), decimals=1)
            return _("Give {person} {hours} more hours a day.").format(
                person=self.people.get(target, target), hours=hours
            )
        if code == "move_deadline" and fix["new_deadline"]:
            return _("Move {deadline} to {date}.").format(deadline=name, date=_day(fix["new_deadline"]))
        if code == "extend_horizon" and fix["new_deadline"]:
            return _("End the roadmap on {date} instead: everything fits by then.").format(
                date=_day(fix["new_deadline"])
            )
        if code == "leave_out":
            value = format_quantity(float(fix.get("value") or 0), self.currency, decimals=0)
            return _(
                "Leave {activity} out of this plan, with what depends on it: the activities worth least "
                "that let the others fit (expected value {value})."
            ).format(activity=name, value=value)
        if code == "unpin" and target in self.windowed:
            return _("Let the scheduler move {activity} inside its window (unpin it).").format(activity=name)
        if code == "unpin":
            return _("Let the scheduler move {activity} (unpin it).").format(activity=name)
        return _("Remove one of the dependencies of {activity}.").format(activity=name)


def status_text(result: Mapping[str, Any]) -> str:
    texts = {
        "optimal": _("The best schedule was found."),
        "feasible": _("A good schedule was found (the search stopped before proving it is the best)."),
        "infeasible": _("No schedule is possible as things stand."),
        "timed_out": _("No schedule was found in the time allowed. Try again, or simplify the roadmap."),
    }
    return texts.get(str(result.get("status")), "")


def left_out(plan: Plan, result: Mapping[str, Any]) -> list[str]:
    """One sentence per reason, naming the activities not planned (older proposals say "skipped")."""
    names = {a.key: a.title for a in plan.activities}
    grouped: dict[str, list[str]] = {}
    for item in result.get("left_out") or []:
        grouped.setdefault(str(item["reason"]), []).append(names.get(item["key"], item["key"]))
    for key in result.get("skipped") or []:
        grouped.setdefault(LeftOut.UNSIZED, []).append(names.get(key, key))
    texts = {
        LeftOut.IDEA: _(
            "Ideas not selected, so not planned (tick them before running the scheduler, or apply a "
            "portfolio scenario that funds them): {names}."
        ),
        LeftOut.UNSIZED: _("Not scheduled (no dates and no effort to size them): {names}."),
        LeftOut.WINDOW_CLOSED: _("Not scheduled, their window closed before the plan starts: {names}."),
    }
    sentences = [
        texts[reason].format(names=", ".join(found)) for reason, found in grouped.items() if reason in texts
    ]
    done, dropped = int(result.get("done") or 0), int(result.get("dropped") or 0)
    if done or dropped:
        sentences.append(
            _("Done activities ({done}) and dropped ones ({dropped}) are never moved.").format(
                done=done, dropped=dropped
            )
        )
    return sentences
