"""Properties of the optimiser on random small portfolios, checked against brute force."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalon.engines.portfolio import (
    Activity,
    AtMost,
    Capacity,
    Effort,
    Problem,
    Status,
    ThemeBudget,
    check_selection,
    solve,
)
from jalon.engines.portfolio_model import Linear, linear_constraints

THEMES = ("brand", "growth")


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    size = draw(st.integers(min_value=1, max_value=7))
    ids = [f"a{j}" for j in range(size)]
    activities = []
    for j, id in enumerate(ids):
        others = [other for other in ids if other != id]
        activities.append(
            Activity(
                id=id,
                value=draw(st.integers(min_value=0, max_value=50)),
                cost_eur=draw(st.integers(min_value=0, max_value=40)),
                theme=draw(st.sampled_from(THEMES)),
                effort=(Effort("team", draw(st.sampled_from(("Q1", "Q2"))), draw(st.integers(0, 10))),),
                objectives=frozenset(draw(st.lists(st.sampled_from(("o1", "o2")), max_size=1))),
                requires=frozenset(draw(st.lists(st.sampled_from(others), max_size=1)) if others else ()),
                excludes=frozenset(draw(st.lists(st.sampled_from(others), max_size=1)) if others else ()),
                must_do=draw(st.booleans()) and j == 0,
                must_not=draw(st.booleans()) and j == 1,
            )
        )
    return Problem(
        activities=tuple(activities),
        budget_eur=draw(st.integers(min_value=0, max_value=120)),
        theme_budgets=(
            ThemeBudget(
                "brand",
                min_eur=draw(st.integers(0, 20)),
                max_eur=draw(st.integers(20, 80)),
                maintenance_eur=draw(st.integers(0, 10)),
            ),
        ),
        capacities=(Capacity("team", "Q1", draw(st.integers(0, 15))), Capacity("team", "Q2", 12)),
        at_most=(AtMost("pair", frozenset(ids[:2]), 1),),
        objectives_to_cover=frozenset(draw(st.lists(st.sampled_from(("o1", "o2")), max_size=2))),
    )


def brute_force_best(problem: Problem) -> float | None:
    best = None
    ids = [a.id for a in problem.activities]
    for picks in itertools.product((False, True), repeat=len(ids)):
        selected = {id for id, pick in zip(ids, picks, strict=True) if pick}
        if not check_selection(problem, selected):
            value = sum(a.value for a in problem.activities if a.id in selected)
            best = value if best is None or value > best else best
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_returned_selection_obeys_every_rule_and_matches_brute_force(problem: Problem) -> None:
    result = solve(problem, time_limit=5, explain_reasons=False)
    best = brute_force_best(problem)
    if best is None:
        assert result.status is Status.INFEASIBLE
        assert result.conflict
        return
    assert result.status is Status.OPTIMAL
    assert check_selection(problem, set(result.selected)) == []
    assert result.objective_value == best


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.integers(min_value=1, max_value=60))
def test_adding_budget_never_lowers_the_optimal_value(problem: Problem, extra_eur: int) -> None:
    before = solve(problem, time_limit=5, explain_reasons=False)
    assert problem.budget_eur is not None
    richer = Problem(
        activities=problem.activities,
        budget_eur=problem.budget_eur + extra_eur,
        theme_budgets=problem.theme_budgets,
        capacities=problem.capacities,
        at_most=problem.at_most,
        objectives_to_cover=problem.objectives_to_cover,
    )
    after = solve(richer, time_limit=5, explain_reasons=False)
    if before.status is Status.OPTIMAL:
        assert after.status is Status.OPTIMAL
        assert after.objective_value is not None and before.objective_value is not None
        assert after.objective_value >= before.objective_value


def satisfiable(rules: list[Linear], size: int) -> bool:
    return any(
        all(rule.holds(picks) for rule in rules) for picks in itertools.product((False, True), repeat=size)
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_a_conflict_cannot_hold_and_every_rule_in_it_is_needed(problem: Problem) -> None:
    result = solve(problem, time_limit=5, explain_reasons=False)
    if result.status is not Status.INFEASIBLE:
        return
    assert result.conflict_is_minimal
    rules = [rule for rule in linear_constraints(problem) if rule.ref in set(result.conflict)]
    size = len(problem.activities)
    assert not satisfiable(rules, size)
    for k in range(len(rules)):
        assert satisfiable(rules[:k] + rules[k + 1 :], size)
