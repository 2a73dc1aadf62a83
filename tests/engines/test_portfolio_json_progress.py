"""The portfolio result as JSON and back (what a background job stores), and the progress it reports."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from jalon.engines.portfolio import (
    Activity,
    Capacity,
    ConstraintKind,
    Effort,
    Problem,
    Result,
    Status,
    ThemeBudget,
    solve,
)

LIMIT = 5.0


def problem() -> Problem:
    """Twelve activities under a budget, a theme maximum, a capacity and a dependency: all kinds of reason."""
    activities = tuple(
        Activity(
            id=f"a{n}",
            value=10.0 + 7 * n % 23,
            cost_eur=5.0 + 3 * n % 11,
            theme="web" if n % 2 else "brand",
            effort=(Effort("content", "Q1", 2.0 + n % 3),),
            requires=frozenset({"a1"}) if n == 4 else frozenset(),
            must_do=n == 0,
            must_not=n == 11,
        )
        for n in range(12)
    )
    return Problem(
        activities,
        budget_eur=45.0,
        theme_budgets=(ThemeBudget("web", max_eur=25.0),),
        capacities=(Capacity("content", "Q1", 20.0),),
    )


def stored(result: Result) -> Result:
    """What reading the JSON back gives: timings rounded to the millisecond, ``solve_seconds`` not kept."""
    return replace(result, seconds=round(result.seconds, 3), solve_seconds=0.0)


def untimed(result: Result) -> Result:
    return replace(result, seconds=0.0, solve_seconds=0.0)


def test_a_result_survives_a_trip_through_json() -> None:
    result = solve(problem(), time_limit=LIMIT)
    assert result.status is Status.OPTIMAL and result.reasons and result.cutoff_value_per_eur is not None
    assert any(reason.constraints for reason in result.reasons)
    back = Result.from_json(json.loads(json.dumps(result.as_json())))
    assert back == stored(result)
    assert isinstance(back.status, Status)
    assert all(isinstance(ref.kind, ConstraintKind) for r in back.reasons for ref in r.constraints)


def test_an_impossible_result_keeps_its_conflict_through_json() -> None:
    impossible = replace(problem(), budget_eur=1.0)
    result = solve(impossible, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE and result.conflict
    back = Result.from_json(json.loads(json.dumps(result.as_json())))
    assert back == stored(result)
    assert back.conflict_is_minimal is result.conflict_is_minimal


def test_an_unknown_status_in_json_is_refused() -> None:
    data = solve(problem(), time_limit=LIMIT).as_json()
    with pytest.raises(ValueError):
        Result.from_json({**data, "status": "splendid"})


def test_progress_rises_to_one_and_changes_nothing_in_the_answer() -> None:
    seen: list[float] = []
    followed = solve(problem(), time_limit=LIMIT, progress=seen.append)
    alone = solve(problem(), time_limit=LIMIT)
    assert seen[0] == 0.5  # the selection is settled before the reasons' re-solves start
    assert seen == sorted(set(seen)) and seen[-1] == 1.0
    assert len(seen) > 2  # the re-solves report as they go
    assert len(seen) <= 2 + len(problem().activities)  # once per re-solve at most, never more
    assert untimed(followed) == untimed(alone)


def test_progress_ends_at_one_for_an_impossible_problem_too() -> None:
    seen: list[float] = []
    result = solve(replace(problem(), budget_eur=1.0), time_limit=LIMIT, progress=seen.append)
    assert result.status is Status.INFEASIBLE
    assert seen == [0.5, 1.0]


def test_without_reasons_progress_goes_straight_from_the_choice_to_the_end() -> None:
    seen: list[float] = []
    solve(problem(), time_limit=LIMIT, explain_reasons=False, progress=seen.append)
    assert seen == [0.5, 1.0]
