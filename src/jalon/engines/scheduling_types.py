"""The scheduler's data: the problem it reads (activities, people, milestones, the plan's start and end), the
conflicts it explains, and the result it returns, which ``Result.as_json()`` and ``Result.from_json()`` turn
into plain JSON and back (the command line's ``--json`` output, a background job's stored answer).

A leaf module (standard library only): the model, the explanations and ``solve`` all import it, and it
imports none of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from jalon.engines.refused import Refused
from jalon.engines.status import Status

__all__ = [
    "Absence",
    "Activity",
    "Conflict",
    "ConflictCode",
    "Demand",
    "Dependency",
    "Fix",
    "FixCode",
    "InvalidProblemError",
    "Milestone",
    "Person",
    "Problem",
    "ProblemCode",
    "Result",
    "ScheduledActivity",
    "Status",
]


class ConflictCode(StrEnum):
    DEPENDENCY_CYCLE = "dependency_cycle"
    DEMAND_EXCEEDS_CAPACITY = "demand_exceeds_capacity"
    PINNED_OVERLOAD = "pinned_overload"
    PINNED_DEPENDENCY = "pinned_dependency"
    DEADLINE_UNREACHABLE = "deadline_unreachable"
    DEADLINE_OVERLOAD = "deadline_overload"
    WINDOW = "window"
    HORIZON = "horizon"


class FixCode(StrEnum):
    EXTRA_CAPACITY = "extra_capacity"
    MOVE_DEADLINE = "move_deadline"
    UNPIN = "unpin"
    REMOVE_DEPENDENCY = "remove_dependency"
    EXTEND_HORIZON = "extend_horizon"
    LEAVE_OUT = "leave_out"


@dataclass(frozen=True)
class Fix:
    """One change that removes the conflict: ``target_id`` is a person, a milestone or an activity (empty
    for the plan's end). ``value``: what leaving an activity out gives up (its value and its dependants')."""

    code: FixCode
    target_id: str
    hours_per_day: float = 0.0
    new_deadline: date | None = None
    days: int = 0
    value: float = 0.0


@dataclass(frozen=True)
class Conflict:
    code: ConflictCode
    activity_ids: tuple[str, ...]
    person_ids: tuple[str, ...] = ()
    deadline_id: str | None = None
    """The milestone's id, or the activity's id for an activity's own deadline."""
    deadline: date | None = None
    days_late: int = 0
    fixes: tuple[Fix, ...] = ()


class ProblemCode(StrEnum):
    """Why a problem is refused; the shells word it. Parameters: ``activity``, ``person``, ``milestone``,
    ``other`` (an id the problem names but does not define), as each code needs."""

    DUPLICATE_ACTIVITY = "duplicate_activity"
    DUPLICATE_PERSON = "duplicate_person"
    CAPACITY_NOT_POSITIVE = "capacity_not_positive"  # person
    ABSENCE_REVERSED = "absence_reversed"  # person
    END_BEFORE_START = "end_before_start"
    NEGATIVE_DURATION = "negative_duration"  # activity
    BAD_VALUE = "bad_value"  # activity
    WINDOW_REVERSED = "window_reversed"  # activity
    PINNED_WITHOUT_START = "pinned_without_start"  # activity
    UNKNOWN_PREDECESSOR = "unknown_predecessor"  # activity, other
    NEGATIVE_LAG = "negative_lag"  # activity
    UNKNOWN_PERSON = "unknown_person"  # activity, other
    HOURS_OR_SHARE = "hours_or_share"  # activity: a demand needs exactly one of hours_per_day and share
    NEGATIVE_DEMAND = "negative_demand"  # activity
    MILESTONE_UNKNOWN_ACTIVITY = "milestone_unknown_activity"  # milestone, other


class InvalidProblemError(Refused[ProblemCode]):
    """A problem that refers to unknown ids or has impossible numbers: a :class:`ProblemCode` and its
    parameters (``str()`` is a plain English line for logs; the shells word ``code`` and ``params``)."""


@dataclass(frozen=True)
class Absence:
    """Days off (inclusive). ``hours_per_day`` None means the whole capacity is away."""

    start: date
    end: date
    hours_per_day: float | None = None


@dataclass(frozen=True)
class Person:
    """A team member, or a team pooled as one resource (its capacity is the team's total)."""

    id: str
    capacity_hours_per_day: float = 7.0
    absences: tuple[Absence, ...] = ()
    working_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    is_team: bool = False


@dataclass(frozen=True)
class Demand:
    """What an activity needs from a person each of its days: hours, or a share of their capacity."""

    person_id: str
    hours_per_day: float | None = None
    share: float | None = None


@dataclass(frozen=True)
class Dependency:
    """Finish-to-start: this activity starts ``lag_days`` working days after the predecessor ends."""

    predecessor_id: str
    lag_days: int = 0


@dataclass(frozen=True)
class Activity:
    """``earliest_start`` and ``latest_finish`` are its window (hard); ``deadline`` is a wish (soft: lateness
    is minimised). ``value`` (the portfolio's) decides what to leave out first when not everything fits."""

    id: str
    duration_days: int
    demands: tuple[Demand, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    earliest_start: date | None = None
    deadline: date | None = None
    current_start: date | None = None
    pinned: bool = False
    latest_finish: date | None = None
    value: float = 0.0


@dataclass(frozen=True)
class Milestone:
    """Every listed activity must finish on or before ``deadline``."""

    id: str
    deadline: date
    activity_ids: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    """``end``: the plan's horizon; no activity that the scheduler places finishes after it (pinned ones
    keep their dates)."""

    start: date
    activities: tuple[Activity, ...]
    people: tuple[Person, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    holidays_country: str | None = "FR"
    extra_holidays: tuple[date, ...] = ()
    end: date | None = None


@dataclass(frozen=True)
class ScheduledActivity:
    id: str
    start: date
    finish: date
    """The last working day of the activity (its start if it lasts zero days)."""
    lateness_days: int
    moved_days: int


@dataclass(frozen=True)
class Result:
    status: Status
    activities: tuple[ScheduledActivity, ...] = ()
    makespan_days: int = 0
    lateness_days: int = 0
    lateness_days_by_milestone: Mapping[str, int] = field(default_factory=dict)
    moved_days: int = 0
    conflicts: tuple[Conflict, ...] = ()
    seconds: float = 0.0

    @property
    def on_time(self) -> bool:
        return self.status.found and self.lateness_days == 0

    def start_of(self, activity_id: str) -> date:
        for scheduled in self.activities:
            if scheduled.id == activity_id:
                return scheduled.start
        raise KeyError(activity_id)

    @property
    def found(self) -> bool:
        """A schedule was found (proven best or not)."""
        return self.status.found

    def as_json(self) -> dict[str, Any]:
        """Plain JSON: dates as ISO strings, codes as their values, ``seconds`` to the millisecond."""
        return {
            "status": self.status.value,
            "makespan_days": self.makespan_days,
            "lateness_days": self.lateness_days,
            "lateness_days_by_milestone": dict(self.lateness_days_by_milestone),
            "moved_days": self.moved_days,
            "seconds": round(self.seconds, 3),
            "activities": [
                {
                    "id": a.id,
                    "start": a.start.isoformat(),
                    "finish": a.finish.isoformat(),
                    "lateness_days": a.lateness_days,
                    "moved_days": a.moved_days,
                }
                for a in self.activities
            ],
            "conflicts": [_conflict_json(c) for c in self.conflicts],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Result:
        """The result ``as_json`` wrote (an unknown status or code raises ``ValueError``)."""
        return cls(
            status=Status(data["status"]),
            activities=tuple(
                ScheduledActivity(
                    id=str(a["id"]),
                    start=date.fromisoformat(a["start"]),
                    finish=date.fromisoformat(a["finish"]),
                    lateness_days=int(a.get("lateness_days") or 0),
                    moved_days=int(a.get("moved_days") or 0),
                )
                for a in data.get("activities") or ()
            ),
            makespan_days=int(data.get("makespan_days") or 0),
            lateness_days=int(data.get("lateness_days") or 0),
            lateness_days_by_milestone={
                str(k): int(v) for k, v in (data.get("lateness_days_by_milestone") or {}).items()
            },
            moved_days=int(data.get("moved_days") or 0),
            conflicts=tuple(conflict_from_json(c) for c in data.get("conflicts") or ()),
            seconds=float(data.get("seconds") or 0.0),
        )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(value: Any) -> date | None:
    return None if not value else date.fromisoformat(str(value))


def _fix_json(fix: Fix) -> dict[str, Any]:
    return {
        "code": fix.code.value,
        "target": fix.target_id,
        "hours_per_day": fix.hours_per_day,
        "new_deadline": _iso(fix.new_deadline),
        "days": fix.days,
        "value": fix.value,
    }


def _conflict_json(conflict: Conflict) -> dict[str, Any]:
    return {
        "code": conflict.code.value,
        "deadline_id": conflict.deadline_id,
        "deadline": _iso(conflict.deadline),
        "days_late": conflict.days_late,
        "activities": list(conflict.activity_ids),
        "people": list(conflict.person_ids),
        "fixes": [_fix_json(f) for f in conflict.fixes],
    }


def conflict_from_json(data: Mapping[str, Any]) -> Conflict:
    """A conflict as ``Result.as_json`` wrote it."""
    return Conflict(
        code=ConflictCode(data["code"]),
        activity_ids=tuple(str(key) for key in data.get("activities") or ()),
        person_ids=tuple(str(key) for key in data.get("people") or ()),
        deadline_id=data.get("deadline_id"),
        deadline=_day(data.get("deadline")),
        days_late=int(data.get("days_late") or 0),
        fixes=tuple(
            Fix(
                code=FixCode(f["code"]),
                target_id=str(f.get("target") or ""),
                hours_per_day=float(f.get("hours_per_day") or 0.0),
                new_deadline=_day(f.get("new_deadline")),
                days=int(f.get("days") or 0),
                value=float(f.get("value") or 0.0),
            )
            for f in data.get("fixes") or ()
        ),
    )
