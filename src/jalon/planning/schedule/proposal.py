"""A schedule proposal as JSON (stored in its job): every moved activity with its old and new dates and
the version it had, the figures, the conflicts and their fixes as codes, and what was left out and why."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from jalon.engines import scheduling as engine
from jalon.planning.models import Status

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jalon.planning.schedule.problem import Built, Plan


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def proposal_json(plan: Plan, built: Built, result: engine.Result) -> dict[str, Any]:
    by_key = {a.key: a for a in plan.activities}
    moves: list[dict[str, Any]] = []
    for scheduled in result.activities:
        activity = by_key[scheduled.id]
        if scheduled.id not in built.movable:
            continue
        if activity.end is not None and (
            activity.start == scheduled.start
            or (scheduled.moved_days == 0 and activity.start is not None and activity.start >= built.start)
        ):
            continue  # the same working days (maybe from a weekend start): its dates stay as they are
        moves.append({
            "key": activity.key, "title": activity.title, "version": activity.version,
            "old_start": _iso(activity.start), "old_end": _iso(activity.end),
            "new_start": _iso(scheduled.start), "new_end": _iso(scheduled.finish),
        })  # fmt: skip
    return {
        "start": built.start.isoformat(),
        "end": _iso(built.problem.end),
        "status": result.status.value,
        "seconds": round(result.seconds, 2),
        "scheduled": len(result.activities),
        "makespan_days": result.makespan_days,
        "lateness_days": result.lateness_days,
        "lateness_by_milestone": dict(result.lateness_days_by_milestone),
        "moved_days": result.moved_days,
        "moves": moves,
        "conflicts": [_conflict_json(c) for c in result.conflicts],
        "left_out": [{"key": key, "reason": reason} for key, reason in built.left_out],
        "done": sum(1 for a in plan.activities if a.status == Status.DONE),
        "dropped": sum(1 for a in plan.activities if a.status == Status.DROPPED),
        "idle_people": list(built.idle_people),
    }


def _conflict_json(conflict: engine.Conflict) -> dict[str, Any]:
    return {
        "code": conflict.code.value,
        "activities": list(conflict.activity_ids),
        "people": list(conflict.person_ids),
        "deadline_id": conflict.deadline_id,
        "deadline": _iso(conflict.deadline),
        "days_late": conflict.days_late,
        "fixes": [
            {
                "code": fix.code.value,
                "target": fix.target_id,
                "hours_per_day": fix.hours_per_day,
                "new_deadline": _iso(fix.new_deadline),
                "days": fix.days,
                "value": fix.value,
            }
            for fix in conflict.fixes
        ],
    }


def has_schedule(result: Mapping[str, Any]) -> bool:
    return result.get("status") in (engine.Status.OPTIMAL.value, engine.Status.FEASIBLE.value)
