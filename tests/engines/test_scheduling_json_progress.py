"""The schedule as JSON and back (what a background job and ``jalon schedule solve --json`` store), the
progress ``solve`` reports, the one ``Status`` every engine answers with, and the scheduler's modules
importing each other in one direction only."""

from __future__ import annotations

import ast
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from jalon.engines import contact_pressure, forecast_model, portfolio, rfm, scheduling, scheduling_rcpsp
from jalon.engines.scheduling import (
    Activity,
    ConflictCode,
    Demand,
    Dependency,
    Milestone,
    Person,
    Problem,
    Result,
    Status,
    solve,
)

LIMIT = 5.0
MONDAY = date(2026, 3, 2)
ENGINES = Path(scheduling.__file__).parent


def late_problem() -> Problem:
    """One person, three chained activities and a milestone they cannot all meet: a result with moves,
    lateness and a conflict with fixes."""
    return Problem(
        start=MONDAY,
        activities=(
            Activity("brief", 3, (Demand("ana", hours_per_day=7),), current_start=date(2026, 3, 4)),
            Activity("copy", 4, (Demand("ana", hours_per_day=7),), (Dependency("brief", lag_days=1),)),
            Activity("launch", 2, (Demand("ana", hours_per_day=7),), (Dependency("copy"),)),
        ),
        people=(Person("ana", 7.0),),
        milestones=(Milestone("go-live", date(2026, 3, 9), ("launch",)),),
    )


def untimed(result: Result) -> Result:
    return replace(result, seconds=0.0)


def test_a_schedule_with_conflicts_survives_a_trip_through_json() -> None:
    result = solve(late_problem(), time_limit=LIMIT)
    assert result.found and result.lateness_days > 0 and result.conflicts
    assert any(conflict.fixes for conflict in result.conflicts)
    text = json.dumps(result.as_json())
    back = Result.from_json(json.loads(text))
    assert untimed(back) == untimed(result)
    assert back.seconds == round(result.seconds, 3)


def test_an_infeasible_schedule_survives_a_trip_through_json() -> None:
    cycle = Problem(
        start=MONDAY,
        activities=(
            Activity("a", 1, dependencies=(Dependency("b"),)),
            Activity("b", 1, dependencies=(Dependency("a"),)),
        ),
    )
    result = solve(cycle, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE and result.conflicts[0].code is ConflictCode.DEPENDENCY_CYCLE
    assert untimed(Result.from_json(result.as_json())) == untimed(result)


def test_json_keeps_the_documented_keys_of_the_command_line() -> None:
    data = solve(late_problem(), time_limit=LIMIT).as_json()
    assert list(data) == [
        "status", "makespan_days", "lateness_days", "lateness_days_by_milestone", "moved_days", "seconds",
        "activities", "conflicts",
    ]  # fmt: skip
    assert set(data["activities"][0]) == {"id", "start", "finish", "lateness_days", "moved_days"}
    assert set(data["conflicts"][0]) == {
        "code", "deadline_id", "deadline", "days_late", "activities", "people", "fixes"
    }  # fmt: skip


def test_an_unknown_status_in_json_is_refused() -> None:
    with pytest.raises(ValueError):
        Result.from_json({"status": "almost"})


def test_progress_rises_to_one_and_changes_nothing_in_the_answer() -> None:
    heard: list[float] = []
    with_progress = solve(late_problem(), time_limit=LIMIT, progress=heard.append)
    without = solve(late_problem(), time_limit=LIMIT)
    assert heard == sorted(heard) and len(set(heard)) == len(heard)
    assert heard[-1] == 1.0 and len(heard) >= 3  # compiled, the search's stages, the end
    assert all(0.0 < share <= 1.0 for share in heard)
    assert untimed(with_progress) == untimed(without)


def test_progress_ends_at_one_for_an_impossible_problem() -> None:
    heard: list[float] = []
    too_much = Problem(MONDAY, (Activity("a", 2, (Demand("ana", hours_per_day=9),)),), (Person("ana", 7.0),))
    assert solve(too_much, time_limit=LIMIT, progress=heard.append).status is Status.INFEASIBLE
    assert heard[-1] == 1.0


def test_every_engine_answers_with_the_same_status_enum() -> None:
    assert scheduling.Status is portfolio.Status is scheduling_rcpsp.Status is rfm.Status
    assert rfm.Status is forecast_model.Status is contact_pressure.Status
    assert Status("optimal").found and Status("feasible").found
    assert not Status("timed_out").found and not Status("infeasible").found


def _imports(module: str) -> set[str]:
    tree = ast.parse((ENGINES / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("jalon.engines."):
            found.add(node.module.removeprefix("jalon.engines."))
    return found


def test_the_scheduler_modules_import_each_other_in_one_direction() -> None:
    """types <- model <- fit <- explain <- scheduling: no module reaches back, not even lazily."""
    layers = ["scheduling_types", "scheduling_model", "scheduling_fit", "scheduling_explain", "scheduling"]
    for position, module in enumerate(layers):
        above = set(layers[position + 1 :])
        assert not _imports(module) & above, f"{module} imports {_imports(module) & above}"
