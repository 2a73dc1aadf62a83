"""The portfolio optimiser: each rule, the statuses, the reasons and the conflicts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jalon.engines.portfolio import (
    Activity,
    AtMost,
    Capacity,
    ConstraintKind,
    ConstraintRef,
    Effort,
    Problem,
    ProblemError,
    ReasonCode,
    Status,
    ThemeBudget,
    check_selection,
    solve,
)

LIMIT = 5.0


def activity(id: str, value: float, cost_eur: float, **rules: object) -> Activity:
    return Activity(id=id, value=value, cost_eur=cost_eur, **rules)  # type: ignore[arg-type]


def reason_of(result: object, activity_id: str):
    return next(r for r in result.reasons if r.activity_id == activity_id)  # type: ignore[attr-defined]


def test_budget_picks_the_best_combination_not_the_best_ratios() -> None:
    # Greedy by value per euro takes a (ratio 1.2) then nothing else fits; the optimum is b + c.
    problem = Problem((activity("a", 72, 60), activity("b", 50, 50), activity("c", 50, 50)), budget_eur=100)
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.OPTIMAL
    assert set(result.selected) == {"b", "c"}
    assert result.objective_value == 100
    assert result.bound == pytest.approx(100)
    assert result.total_cost_eur == 100


def test_theme_maximum_counts_the_maintenance_reserve() -> None:
    problem = Problem(
        (activity("seo", 10, 40, theme="web"), activity("ads", 9, 40, theme="web")),
        theme_budgets=(ThemeBudget("web", max_eur=100, maintenance_eur=30),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.selected == ("seo",)


def test_theme_minimum_forces_spending_on_the_theme() -> None:
    problem = Problem(
        (activity("event", 1, 50, theme="brand"), activity("ads", 10, 50, theme="growth")),
        budget_eur=60,
        theme_budgets=(ThemeBudget("brand", min_eur=40),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.selected == ("event",)
    assert reason_of(result, "event").code is ReasonCode.HELD_BY_RULES


def test_overall_budget_pays_the_maintenance_reserves_first() -> None:
    problem = Problem(
        (activity("a", 5, 60),), budget_eur=100, theme_budgets=(ThemeBudget("ops", maintenance_eur=50),)
    )
    assert solve(problem, time_limit=LIMIT).selected == ()


def test_team_capacity_is_checked_quarter_by_quarter() -> None:
    problem = Problem(
        (
            activity("a", 10, 0, effort=(Effort("content", "Q1", 8),)),
            activity("b", 10, 0, effort=(Effort("content", "Q1", 8),)),
            activity("c", 5, 0, effort=(Effort("content", "Q2", 8),)),
        ),
        capacities=(Capacity("content", "Q1", 10), Capacity("content", "Q2", 10)),
    )
    result = solve(problem, time_limit=LIMIT)
    assert len(result.selected) == 2
    assert "c" in result.selected


def test_requires_funds_the_prerequisite_with_its_dependant() -> None:
    problem = Problem(
        (
            activity("campaign", 100, 50, requires=frozenset({"crm"})),
            activity("crm", 1, 50),
            activity("x", 30, 50),
        ),
        budget_eur=100,
    )
    result = solve(problem, time_limit=LIMIT)
    assert set(result.selected) == {"campaign", "crm"}
    held = reason_of(result, "crm")
    assert held.code is ReasonCode.HELD_BY_RULES
    assert held.constraints == (ConstraintRef(ConstraintKind.REQUIRES, ("campaign", "crm")),)


def test_excludes_and_at_most_keep_alternatives_apart() -> None:
    problem = Problem(
        (
            activity("a", 10, 1, excludes=frozenset({"b"})),
            activity("b", 9, 1),
            activity("c", 8, 1),
            activity("d", 7, 1),
        ),
        at_most=(AtMost("channels", frozenset({"c", "d"}), 1),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert set(result.selected) == {"a", "c"}
    assert reason_of(result, "b").constraints == (ConstraintRef(ConstraintKind.EXCLUDES, ("a", "b")),)


def test_must_do_and_must_not_override_value() -> None:
    problem = Problem(
        (
            activity("low", 1, 90, must_do=True),
            activity("high", 50, 10, must_not=True),
            activity("mid", 20, 20),
        ),
        budget_eur=100,
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.selected == ("low",)
    assert reason_of(result, "low").code is ReasonCode.MUST_DO
    assert reason_of(result, "high").code is ReasonCode.MUST_NOT
    assert reason_of(result, "high").flip_possible is False


def test_every_objective_is_covered_when_asked() -> None:
    problem = Problem(
        (
            activity("a", 10, 50, objectives=frozenset({"acquire"})),
            activity("b", 9, 50, objectives=frozenset({"acquire"})),
            activity("c", 1, 50, objectives=frozenset({"retain"})),
        ),
        budget_eur=100,
        objectives_to_cover=frozenset({"acquire", "retain"}),
    )
    assert set(solve(problem, time_limit=LIMIT).selected) == {"a", "c"}


def test_a_chosen_score_can_replace_value_as_the_objective() -> None:
    problem = Problem(
        (
            Activity("a", value=100, cost_eur=10, scores={"rice": 1.0}),
            Activity("b", value=1, cost_eur=10, scores={"rice": 5.0}),
        ),
        budget_eur=10,
        maximise="rice",
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.selected == ("b",)
    assert result.objective_value == 5.0


def test_unfunded_activity_reports_budget_ratio_and_value_needed_to_enter() -> None:
    problem = Problem((activity("a", 10, 10), activity("b", 6, 10)), budget_eur=10)
    result = solve(problem, time_limit=LIMIT)
    out = reason_of(result, "b")
    assert not out.funded
    assert out.code is ReasonCode.BLOCKED_BY_RULES
    assert out.constraints == (ConstraintRef(ConstraintKind.BUDGET, (), 10),)
    assert out.value_per_eur == pytest.approx(0.6)
    assert result.cutoff_value_per_eur == pytest.approx(1.0)
    assert out.value_gap_to_flip == pytest.approx(4.0)
    assert reason_of(result, "a").value_gap_to_flip == pytest.approx(4.0)


def test_infeasible_problem_returns_only_the_conflicting_rules() -> None:
    problem = Problem(
        (
            activity("a", 1, 60, must_do=True, theme="t"),
            activity("b", 1, 60, must_do=True),
            activity("c", 1, 1, must_do=True),
        ),
        budget_eur=100,
        theme_budgets=(ThemeBudget("t", max_eur=1000),),
        capacities=(Capacity("x", "Q1", 5),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    assert result.selected == ()
    assert result.conflict_is_minimal
    assert set(result.conflict) == {
        ConstraintRef(ConstraintKind.BUDGET, (), 100),
        ConstraintRef(ConstraintKind.MUST_DO, ("a",)),
        ConstraintRef(ConstraintKind.MUST_DO, ("b",)),
    }


def test_theme_minimum_above_its_maximum_is_reported_as_the_conflict() -> None:
    problem = Problem(
        (activity("a", 1, 10, theme="t"),),
        theme_budgets=(ThemeBudget("t", min_eur=50, max_eur=40),),
    )
    result = solve(problem, time_limit=LIMIT)
    assert result.status is Status.INFEASIBLE
    assert {ref.kind for ref in result.conflict} == {ConstraintKind.THEME_MIN}


def test_unknown_activity_in_a_rule_is_a_problem_error() -> None:
    with pytest.raises(ProblemError, match="unknown_activity: activity 'a', other 'ghost'"):
        solve(Problem((activity("a", 1, 1, requires=frozenset({"ghost"})),)), time_limit=LIMIT)


def test_duplicate_ids_and_non_positive_time_limits_are_refused() -> None:
    with pytest.raises(ProblemError):
        solve(Problem((activity("a", 1, 1), activity("a", 2, 2))), time_limit=LIMIT)
    with pytest.raises(ProblemError):
        solve(Problem((activity("a", 1, 1),)), time_limit=0)


def test_time_limit_accepts_a_timedelta_and_same_seed_gives_same_answer() -> None:
    problem = Problem(tuple(activity(f"a{j}", 10 + j % 7, 5 + j % 5) for j in range(30)), budget_eur=60)
    first = solve(problem, time_limit=timedelta(seconds=2), seed=3)
    second = solve(problem, time_limit=timedelta(seconds=2), seed=3)
    assert first.selected == second.selected
    assert first.status is Status.OPTIMAL


def test_check_selection_names_each_broken_rule() -> None:
    problem = Problem(
        (activity("a", 1, 80), activity("b", 1, 80, requires=frozenset({"c"})), activity("c", 1, 0))
    )
    problem = Problem(problem.activities, budget_eur=100)
    broken = check_selection(problem, {"a", "b"})
    assert set(broken) == {
        ConstraintRef(ConstraintKind.BUDGET, (), 100),
        ConstraintRef(ConstraintKind.REQUIRES, ("b", "c")),
    }
    assert check_selection(problem, {"a", "c"}) == []
