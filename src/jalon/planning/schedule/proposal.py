"""A schedule proposal, typed: the engine's ``Result`` and what the pages need beside it (every moved
activity with its old and new dates and the version it had, what was left out and why, the people
without capacity), and once applied or undone, when and by whom.

A job stores ``Proposal.as_json()``: the engine's result under ``"result"`` (``Result.as_json()``), the
rest beside it; applying and undoing add their ``applied_*`` / ``undone_*`` keys. The pages read it back
with ``Proposal.from_json``, which also reads the flat proposals stored before the result was typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from jalon.engines import scheduling as engine
from jalon.planning.models import Status

if TYPE_CHECKING:
    from jalon.planning.schedule.problem import Built, Plan

__all__ = ["Move", "Proposal", "Stamp", "proposal_of"]


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


@dataclass(frozen=True)
class Move:
    """An activity the proposal moves: its dates now (none for an undated one) and proposed."""

    key: str
    title: str
    version: int
    old_start: date | None
    old_end: date | None
    new_start: date
    new_end: date

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key, "title": self.title, "version": self.version,
            "old_start": _iso(self.old_start), "old_end": _iso(self.old_end),
            "new_start": self.new_start.isoformat(), "new_end": self.new_end.isoformat(),
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Move:
        return cls(
            str(data["key"]), str(data.get("title") or ""), int(data["version"]),
            _day(data.get("old_start")), _day(data.get("old_end")),
            date.fromisoformat(data["new_start"]), date.fromisoformat(data["new_end"]),
        )  # fmt: skip


@dataclass(frozen=True)
class Stamp:
    """When a proposal was applied (or undone), and by whom."""

    at: datetime
    by: int | None
    name: str

    def as_json(self, what: str) -> dict[str, Any]:
        return {f"{what}_at": self.at.isoformat(), f"{what}_by": self.by, f"{what}_by_name": self.name}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], what: str) -> Stamp | None:
        if not data.get(f"{what}_at"):
            return None
        by = data.get(f"{what}_by")
        return cls(
            datetime.fromisoformat(data[f"{what}_at"]),
            None if by is None else int(by),
            str(data.get(f"{what}_by_name") or ""),
        )


@dataclass(frozen=True)
class Proposal:
    start: date
    end: date | None
    result: engine.Result
    scheduled: int
    """Activities the engine placed (moved or not)."""
    moves: tuple[Move, ...] = ()
    left_out: tuple[tuple[str, str], ...] = ()
    """(activity key, ``LeftOut`` reason)."""
    done: int = 0
    dropped: int = 0
    idle_people: tuple[str, ...] = ()
    applied: Stamp | None = None
    applied_versions: Mapping[str, int] | None = field(default=None)
    """Activity key -> the version its move produced (kept so that the plan can be undone)."""
    undone: Stamp | None = None

    @property
    def has_schedule(self) -> bool:
        return self.result.found

    @property
    def can_undo(self) -> bool:
        return self.applied is not None and self.undone is None and self.applied_versions is not None

    def applied_dates(self) -> dict[str, tuple[date | None, date | None]]:
        """The dates the proposal gives each activity it moves: what an undo expects to find (one rule for
        the undo and for the page that says whether it would be refused)."""
        return {move.key: (move.new_start, move.new_end) for move in self.moves}

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start": self.start.isoformat(),
            "end": _iso(self.end),
            "result": self.result.as_json(),
            "scheduled": self.scheduled,
            "moves": [move.as_json() for move in self.moves],
            "left_out": [{"key": key, "reason": reason} for key, reason in self.left_out],
            "done": self.done,
            "dropped": self.dropped,
            "idle_people": list(self.idle_people),
        }
        if self.applied is not None:
            data |= self.applied.as_json("applied")
        if self.applied_versions is not None:
            data["applied_versions"] = dict(self.applied_versions)
        if self.undone is not None:
            data |= self.undone.as_json("undone")
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Proposal:
        """The proposal ``as_json`` wrote, or one stored flat before (the engine's figures at the top,
        ``lateness_by_milestone``, activities without dates or effort under ``skipped``)."""
        result = engine.Result.from_json(data["result"]) if "result" in data else _flat_result(data)
        left_out = [(str(item["key"]), str(item["reason"])) for item in data.get("left_out") or ()]
        left_out += [(str(key), "unsized") for key in data.get("skipped") or ()]
        versions = data.get("applied_versions")
        return cls(
            start=date.fromisoformat(data["start"]),
            end=_day(data.get("end")),
            result=result,
            scheduled=int(data.get("scheduled") or len(result.activities)),
            moves=tuple(Move.from_json(move) for move in data.get("moves") or ()),
            left_out=tuple(left_out),
            done=int(data.get("done") or 0),
            dropped=int(data.get("dropped") or 0),
            idle_people=tuple(str(key) for key in data.get("idle_people") or ()),
            applied=Stamp.from_json(data, "applied"),
            applied_versions=None if versions is None else {str(k): int(v) for k, v in versions.items()},
            undone=Stamp.from_json(data, "undone"),
        )


def _flat_result(data: Mapping[str, Any]) -> engine.Result:
    """The engine's figures as a flat proposal stored them: at the top, without the scheduled activities
    (the moves stood for them) and with the milestones' lateness under ``lateness_by_milestone``."""
    return engine.Result.from_json(
        {**data, "activities": (), "lateness_days_by_milestone": data.get("lateness_by_milestone")}
    )


def proposal_of(plan: Plan, built: Built, result: engine.Result) -> Proposal:
    """The engine's answer beside the plan it was computed on: the activities it moves (not those it
    keeps on the same working days, even from a weekend start)."""
    by_key = {a.key: a for a in plan.activities}
    moves: list[Move] = []
    for scheduled in result.activities:
        activity = by_key[scheduled.id]
        if scheduled.id not in built.movable:
            continue
        if activity.end is not None and (
            activity.start == scheduled.start
            or (scheduled.moved_days == 0 and activity.start is not None and activity.start >= built.start)
        ):
            continue  # the same working days (maybe from a weekend start): its dates stay as they are
        moves.append(
            Move(activity.key, activity.title, activity.version, activity.start, activity.end,
                 scheduled.start, scheduled.finish)
        )  # fmt: skip
    return Proposal(
        start=built.start,
        end=built.problem.end,
        result=result,
        scheduled=len(result.activities),
        moves=tuple(moves),
        left_out=built.left_out,
        done=sum(1 for a in plan.activities if a.status == Status.DONE),
        dropped=sum(1 for a in plan.activities if a.status == Status.DROPPED),
        idle_people=built.idle_people,
    )
