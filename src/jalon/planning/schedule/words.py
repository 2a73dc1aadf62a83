"""The scheduler's answer in the reader's words: its status, its conflicts and their fixes (the engine
gives codes, ids and numbers), and what was left out of the plan and why."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalon.engines import scheduling as engine
from jalon.formatting import format_long_date, format_number, format_quantity
from jalon.planning.schedule.problem import LeftOut, Plan
from jalon.planning.schedule.proposal import Proposal


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


def _day(value: date | None) -> str:
    return format_long_date(value) if value else ""


def explain(plan: Plan, proposal: Proposal) -> list[Explanation]:
    things = _names(plan)
    people = {p.key: p.name for p in plan.people}
    windowed = {a.key for a in plan.activities if a.has_window}

    def listed(keys: Sequence[str], names: Mapping[str, str]) -> str:
        return ", ".join(names.get(key, key) for key in keys)

    explanations = []
    for conflict in proposal.result.conflicts:
        deadline_id = conflict.deadline_id or ""
        words = {
            "activities": listed(conflict.activity_ids, things),
            "people": listed(conflict.person_ids, people),
            "deadline": things.get(deadline_id, deadline_id),
            "date": _day(conflict.deadline),
            "late": _late(conflict.days_late),
        }
        fixes = Fixes(things, people, windowed, plan.roadmap.currency)
        text = _conflict_text(conflict, len(conflict.person_ids)).format(**words)
        away = _away(plan, conflict.person_ids, proposal.start)
        kept = [fix for fix in conflict.fixes if not _while_away(plan, conflict.person_ids, fix)]
        explanations.append(Explanation(" ".join([text, *away]), [fixes.text(fix) for fix in kept]))
    return explanations


NAMED_ABSENCES = 3
"""A conflict names at most this many absences of each person it names."""


def _while_away(plan: Plan, keys: Sequence[str], fix: engine.Fix) -> bool:
    """A new end of the roadmap that falls while one of the people named is still away: the problem cuts
    absences at the reach, so the engine would offer a date that fits nothing (away until 2200)."""
    if fix.code.value != "extend_horizon" or fix.new_deadline is None:
        return False
    pks = {p.pk for p in plan.people if p.key in keys}
    day = fix.new_deadline
    return any(a.start <= day <= a.end for pk in pks for a in plan.absences.get(pk, []))


def _away(plan: Plan, keys: Sequence[str], start: date) -> list[str]:
    """Why the people a conflict names have fewer hours than it needs, in words: their absences from the
    plan start to the roadmap's end (the first ``NAMED_ABSENCES`` of each), so that someone away until
    2200 reads as away, not as merely fully booked."""
    by_key = {p.key: p for p in plan.people}
    said = []
    for key in keys:
        found = by_key.get(key)
        if found is None:
            continue
        mine = [a for a in plan.absences.get(found.pk, []) if a.end >= start and a.start <= plan.roadmap.end]
        for absence in mine[:NAMED_ABSENCES]:
            if absence.start <= start:
                until = _("{person} is away until {end}.")
                said.append(until.format(person=found.name, end=_day(absence.end)))
            else:
                said.append(
                    _("{person} is away from {start} to {end}.").format(
                        person=found.name, start=_day(absence.start), end=_day(absence.end)
                    )
                )
    return said


def _conflict_text(conflict: engine.Conflict, people: int) -> str:
    code = conflict.code.value
    if code == "deadline_overload" and people:
        return ngettext(
            "{deadline} ({date}) would be {late}: {people} is fully booked before it ({activities}).",
            "{deadline} ({date}) would be {late}: {people} are fully booked before it ({activities}).",
            people,
        )
    chained = len(conflict.activity_ids) > 1
    if code in ("window", "horizon") and conflict.days_late > 0:
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

    def text(self, fix: engine.Fix) -> str:
        target = fix.target_id
        name = self.things.get(target, target)
        code = fix.code.value
        if code == "extra_capacity":
            hours = format_number(fix.hours_per_day, decimals=1)
            count = int(fix.hours_per_day) if float(fix.hours_per_day).is_integer() else 2  # 1.5: plural
            return ngettext(
                "Give {person} {hours} more hour a day.", "Give {person} {hours} more hours a day.", count
            ).format(person=self.people.get(target, target), hours=hours)
        if code == "move_deadline" and fix.new_deadline:
            return _("Move {deadline} to {date}.").format(deadline=name, date=_day(fix.new_deadline))
        if code == "extend_horizon" and fix.new_deadline:
            return _("End the roadmap on {date} instead: everything fits by then.").format(
                date=_day(fix.new_deadline)
            )
        if code == "leave_out":
            value = format_quantity(fix.value, self.currency, decimals=0)
            return _(
                "Leave {activity} out of this plan, with what depends on it: the activities worth least "
                "that let the others fit (expected value {value})."
            ).format(activity=name, value=value)
        if code == "unpin" and target in self.windowed:
            return _("Let the scheduler move {activity} inside its window (unpin it).").format(activity=name)
        if code == "unpin":
            return _("Let the scheduler move {activity} (unpin it).").format(activity=name)
        return _("Remove one of the dependencies of {activity}.").format(activity=name)


def status_text(proposal: Proposal) -> str:
    texts = {
        "optimal": _("The best schedule was found."),
        "feasible": _("A good schedule was found (the search stopped before proving it is the best)."),
        "infeasible": _("No schedule is possible as things stand."),
        "timed_out": _("No schedule was found in the time allowed. Try again, or simplify the roadmap."),
    }
    return texts.get(proposal.result.status.value, "")


def left_out(plan: Plan, proposal: Proposal) -> list[str]:
    """One sentence per reason, naming the activities not planned."""
    names = {a.key: a.title for a in plan.activities}
    starts = {a.key: a.start for a in plan.activities}
    ends = {a.key: a.end for a in plan.activities}
    grouped: dict[str, list[str]] = {}
    for key, reason in proposal.left_out:
        name = names.get(key, key)
        if reason == LeftOut.FAR and starts.get(key):  # named with its date, as on the timelines
            name = f"{name} ({_day(starts[key])})"
        if reason == LeftOut.RUNS_PAST and starts.get(key) and ends.get(key):
            name = f"{name} ({_day(starts[key])} – {_day(ends[key])})"
        grouped.setdefault(reason, []).append(name)
    texts = {
        LeftOut.IDEA: _(
            "Ideas not selected, so not planned (tick them before running the scheduler, or apply a "
            "portfolio scenario that funds them): {names}."
        ),
        LeftOut.UNSIZED: _("Not scheduled (no dates and no effort to size them): {names}."),
        LeftOut.WINDOW_CLOSED: _("Not scheduled, their window closed before the plan starts: {names}."),
        LeftOut.FAR: _(
            "Not scheduled, dated too far from the roadmap's horizon (they stay where they are): {names}."
        ),
        LeftOut.RUNS_PAST: _(
            "Not moved, they run past the roadmap's reach, 12 months either side of its horizon (they stay "
            "where they are, and their hours within the reach are counted): {names}."
        ),
    }
    sentences = [
        texts[reason].format(names=", ".join(found)) for reason, found in grouped.items() if reason in texts
    ]
    done, dropped = proposal.done, proposal.dropped
    if done or dropped:
        sentences.append(
            _("Done activities ({done}) and dropped ones ({dropped}) are never moved.").format(
                done=done, dropped=dropped
            )
        )
    return sentences
