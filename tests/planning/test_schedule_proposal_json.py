"""A schedule proposal as a job stores it: typed, back and forth, and the flat proposals stored before."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from jalon.engines import scheduling as engine
from jalon.planning.schedule.proposal import Move, Proposal, Stamp

RESULT = engine.Result(
    engine.Status.FEASIBLE,
    (engine.ScheduledActivity("brief", date(2030, 4, 1), date(2030, 4, 5), 2, 3),),
    makespan_days=5,
    lateness_days=2,
    lateness_days_by_milestone={"go-live": 2},
    moved_days=3,
    conflicts=(
        engine.Conflict(
            engine.ConflictCode.DEADLINE_OVERLOAD, ("brief",), ("ana",), "go-live", date(2030, 4, 3), 2,
            (engine.Fix(engine.FixCode.EXTRA_CAPACITY, "ana", hours_per_day=3.5),),
        ),
    ),
    seconds=0.25,
)  # fmt: skip


def test_a_proposal_applied_then_undone_survives_a_trip_through_json() -> None:
    proposal = Proposal(
        start=date(2030, 4, 1), end=date(2030, 12, 31), result=RESULT, scheduled=1,
        moves=(Move("brief", "Brief", 3, None, None, date(2030, 4, 1), date(2030, 4, 5)),),
        left_out=(("loyalty", "idea"),), done=2, dropped=1, idle_people=("bob",),
        applied=Stamp(datetime(2030, 3, 30, 9, 0, tzinfo=UTC), 7, "Ana"),
        applied_versions={"brief": 4},
        undone=Stamp(datetime(2030, 3, 31, 9, 0, tzinfo=UTC), None, ""),
    )  # fmt: skip
    back = Proposal.from_json(json.loads(json.dumps(proposal.as_json())))
    assert back == proposal
    assert back.has_schedule and not back.can_undo  # undone already


def test_an_applied_proposal_can_be_undone_once() -> None:
    applied = Proposal(date(2030, 4, 1), None, RESULT, 1, applied=Stamp(datetime.now(UTC), 1, "A"),
                       applied_versions={"brief": 4})  # fmt: skip
    assert applied.can_undo and not Proposal(date(2030, 4, 1), None, RESULT, 1).can_undo


def test_a_flat_proposal_stored_before_the_typed_result_is_still_read() -> None:
    stored = {
        "start": "2030-04-01", "end": None, "status": "infeasible", "seconds": 1.2, "scheduled": 4,
        "makespan_days": 0, "lateness_days": 0, "lateness_by_milestone": {"go-live": 3}, "moved_days": 0,
        "moves": [], "left_out": [{"key": "loyalty", "reason": "idea"}], "skipped": ["report"],
        "conflicts": [{"code": "window", "activities": ["noel"], "people": [], "deadline_id": "noel",
                       "deadline": "2030-12-24", "days_late": 0,
                       "fixes": [{"code": "leave_out", "target": "noel", "hours_per_day": 0.0,
                                  "new_deadline": None, "days": 0, "value": 12.0}]}],
        "done": 1, "dropped": 0, "idle_people": [],
    }  # fmt: skip
    proposal = Proposal.from_json(stored)
    assert proposal.result.status is engine.Status.INFEASIBLE and not proposal.has_schedule
    assert proposal.scheduled == 4 and proposal.result.lateness_days_by_milestone == {"go-live": 3}
    (conflict,) = proposal.result.conflicts
    assert conflict.code is engine.ConflictCode.WINDOW and conflict.deadline == date(2030, 12, 24)
    assert conflict.fixes[0].code is engine.FixCode.LEAVE_OUT and conflict.fixes[0].value == 12.0
    assert proposal.left_out == (("loyalty", "idea"), ("report", "unsized"))
