"""From a roadmap to the optimiser's problem: budgets, sunk costs, maintenance, dependencies, capacity,
must-dos and scores; and the proposal beside the current plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from jalon.engines import portfolio as engine
from jalon.planning import services
from jalon.planning.models import Activity, Status
from jalon.planning.portfolio.problem import (
    UNTHEMED_SUNK,
    Rules,
    Score,
    ThemeLimits,
    build_problem,
    load_plan,
    score_of,
)
from jalon.planning.portfolio.proposal import propose
from tests.planning import portfolio_plans
from tests.planning.portfolio_plans import default_rules

# The fixtures from portfolio_plans.py that these tests ask for, bound here for pytest to find them by name.
small = portfolio_plans.small


def engine_activity(problem: engine.Problem, key: str) -> engine.Activity:
    return next(a for a in problem.activities if a.id == key)


def test_done_and_maintenance_activities_are_not_candidates(small: SimpleNamespace) -> None:
    built = build_problem(load_plan(small.roadmap), default_rules(small))
    assert [a.id for a in built.problem.activities] == ["seo", "cms", "ads", "emails", "loyalty"]


def test_done_costs_count_against_their_group_and_maintenance_is_kept_aside(small: SimpleNamespace) -> None:
    built = build_problem(load_plan(small.roadmap), default_rules(small))
    budgets = {t.theme: t for t in built.problem.theme_budgets}
    assert budgets["acquisition"] == engine.ThemeBudget("acquisition", 0.0, 10000.0, 1000.0)
    assert budgets["retention"] == engine.ThemeBudget("retention", 0.0, 6000.0, 0.0)
    assert budgets["running"].maintenance_eur == 2000.0 and budgets["running"].max_eur is None
    assert built.problem.budget_eur == 18000.0
    assert (built.sunk_eur, built.kept_for_maintenance_eur) == (1000.0, 2000.0)


def test_maintenance_reserve_grows_to_what_its_committed_activities_cost(small: SimpleNamespace) -> None:
    rules = default_rules(small, themes={"running": ThemeLimits(None, 500.0)})
    built = build_problem(load_plan(small.roadmap), rules)
    running = next(t for t in built.problem.theme_budgets if t.theme == "running")
    assert running.maintenance_eur == 1500.0  # hosting is planned at 1 500, more than the 500 asked


def test_done_cost_without_a_group_is_reserved_from_the_overall_budget(small: SimpleNamespace) -> None:
    services.create(Activity, actor=small.owner, roadmap=small.roadmap, key="misc", title="Misc",
                    cost=Decimal(700), status=Status.DONE)  # fmt: skip
    built = build_problem(load_plan(small.roadmap), default_rules(small))
    reserve = next(t for t in built.problem.theme_budgets if t.theme == UNTHEMED_SUNK)
    assert reserve.maintenance_eur == 700.0 and reserve.max_eur is None


def test_in_progress_pinned_and_chosen_activities_are_must_dos(small: SimpleNamespace) -> None:
    services.update(
        small.activities["cms"], actor=small.owner, expected_version=1,
        changes={"pinned": True, "start": date(2026, 8, 3), "end": date(2026, 8, 14)},
    )  # fmt: skip
    built = build_problem(load_plan(small.roadmap), default_rules(small, must_do=frozenset({"emails"})))
    assert {a.id for a in built.problem.activities if a.must_do} == {"loyalty", "cms", "emails"}
    assert built.must_do_why == {
        "cms": ("pinned", ""), "emails": ("chosen", ""), "loyalty": ("in_progress", ""),
    }  # fmt: skip


def test_what_an_in_progress_activity_needs_is_a_must_do_too(small: SimpleNamespace) -> None:
    seo = small.activities["seo"]
    services.update(
        seo, actor=small.owner, expected_version=seo.version, changes={"status": Status.IN_PROGRESS}
    )
    built = build_problem(load_plan(small.roadmap), default_rules(small, must_not=frozenset({"cms"})))
    assert built.must_do_why["cms"] == ("needed", "SEO overhaul")
    assert engine_activity(built.problem, "cms").must_do
    assert not engine_activity(built.problem, "cms").must_not  # a ruled-out box cannot undo work under way


def test_work_under_way_is_taken_off_capacity_instead_of_constraining_it(small: SimpleNamespace) -> None:
    seo = small.activities["seo"]
    services.update(seo, actor=small.owner, expected_version=seo.version,
                    changes={"status": Status.IN_PROGRESS, "effort_days": 500})  # fmt: skip
    services.assign(actor=small.owner, activity=small.activities["ads"], person=small.alice, hours_per_week=7,
                    confirm=True)  # fmt: skip
    ads = Activity.objects.get(key="ads")
    services.update(ads, actor=small.owner, expected_version=ads.version,
                    changes={"start": date(2026, 10, 1), "effort_days": 3})  # fmt: skip
    plan = load_plan(small.roadmap)
    built = build_problem(plan, default_rules(small))
    assert engine_activity(built.problem, "seo").effort == ()
    assert built.problem.capacities == (engine.Capacity("alice", "2027-Q3", 0.0),)  # SEO takes it all
    proposal = propose(plan, default_rules(small))
    assert proposal.result.status is engine.Status.OPTIMAL and "ads" not in proposal.funded


def test_a_ruled_out_activity_is_must_not(small: SimpleNamespace) -> None:
    built = build_problem(load_plan(small.roadmap), default_rules(small, must_not=frozenset({"ads"})))
    assert engine_activity(built.problem, "ads").must_not
    assert not engine_activity(built.problem, "seo").must_not


def test_dependencies_become_requires_between_candidates(small: SimpleNamespace) -> None:
    built = build_problem(load_plan(small.roadmap), default_rules(small))
    assert engine_activity(built.problem, "seo").requires == frozenset({"cms"})


def test_a_dropped_prerequisite_rules_its_successor_out(small: SimpleNamespace) -> None:
    services.update(small.activities["cms"], actor=small.owner, expected_version=1,
                    changes={"status": Status.DROPPED})  # fmt: skip
    built = build_problem(load_plan(small.roadmap), default_rules(small))
    seo = engine_activity(built.problem, "seo")
    assert seo.must_not and seo.requires == frozenset()
    assert built.must_not_why["seo"] == "CMS migration"


def test_capacity_is_the_persons_days_in_the_fiscal_quarter_of_the_start(small: SimpleNamespace) -> None:
    # Cloud Kicks' fiscal year starts in February: 1 September 2026 is in Q3 (Aug-Oct) of FY2027.
    built = build_problem(load_plan(small.roadmap), default_rules(small))
    assert engine_activity(built.problem, "seo").effort == (engine.Effort("alice", "2027-Q3", 10.0),)
    (capacity,) = built.problem.capacities
    # 7 h on each of the 65 working days of August-October (15 August is a Saturday), in 7-hour days.
    assert capacity == engine.Capacity("alice", "2027-Q3", 65.0)
    assert built.quarters["2027-Q3"] == (3, 2027)


def test_absences_reduce_capacity(small: SimpleNamespace) -> None:
    services.add_absence(actor=small.owner, person=small.alice, start=date(2026, 8, 3), end=date(2026, 8, 7))
    built = build_problem(load_plan(small.roadmap), default_rules(small))
    assert built.problem.capacities[0].days == 65.0 - 5  # a week away: five working days fewer


def test_effort_without_start_or_people_is_listed_as_unchecked(small: SimpleNamespace) -> None:
    services.update(small.activities["emails"], actor=small.owner, expected_version=1,
                    changes={"effort_days": 4})  # fmt: skip
    built = build_problem(load_plan(small.roadmap), default_rules(small))
    assert [a.key for a in built.unchecked_effort] == ["emails"]


def test_objectives_to_cover_skip_the_ones_no_candidate_serves(small: SimpleNamespace) -> None:
    built = build_problem(load_plan(small.roadmap), default_rules(small, cover_objectives=True))
    assert built.problem.objectives_to_cover == frozenset({"conversion", "cart"})
    assert [o.key for o in built.uncoverable] == ["mobile"]


def test_scores_come_from_impact_feasibility_and_confidence(small: SimpleNamespace) -> None:
    activity = small.activities["emails"]
    activity.impact, activity.feasibility, activity.confidence = 4, 5, 80
    assert score_of(activity, Score.IMPACT_FEASIBILITY) == (20.0, False)
    assert score_of(activity, Score.ICE) == (8.0 * 8.0 * 10.0, False)
    assert score_of(activity, Score.CONFIDENT_VALUE) == (9000 * 0.8, False)
    activity.impact = None
    assert score_of(activity, Score.IMPACT_FEASIBILITY) == (0.0, True)


def test_the_best_portfolio_funds_the_prerequisite_and_drops_the_planned_ads(small: SimpleNamespace) -> None:
    proposal = propose(load_plan(small.roadmap), default_rules(small))
    assert proposal.result.status is engine.Status.OPTIMAL
    assert set(proposal.funded) == {"seo", "cms", "emails", "loyalty"}
    after = {row.activity.key: row.after for row in proposal.rows}
    assert after == {"seo": "planned", "cms": "planned", "ads": "idea", "emails": "planned",
                     "loyalty": "in_progress"}  # fmt: skip


def test_the_comparison_puts_current_plan_and_proposal_side_by_side(small: SimpleNamespace) -> None:
    proposal = propose(load_plan(small.roadmap), default_rules(small))
    comparison = proposal.comparison
    assert comparison is not None
    # Current: ads, loyalty, old, hosting. Proposal: seo, cms, emails, loyalty, old, hosting.
    assert (comparison.current.value, comparison.current.cost) == (11500.0, 10500.0)
    assert (comparison.proposed.value, comparison.proposed.cost) == (28500.0, 15000.0)
    lines = {line.theme.key: line for line in comparison.themes if line.theme}
    assert (lines["acquisition"].current, lines["acquisition"].proposed) == (6000.0, 8000.0)
    assert lines["acquisition"].limit == 10000.0 and not lines["acquisition"].proposed_over
    objectives = {line.objective.key: line for line in comparison.objectives}
    assert (objectives["conversion"].current, objectives["conversion"].proposed) == (0.0, 12000.0)
    assert [a.key for a in comparison.leaving] == ["ads"]
    assert [a.key for a in comparison.entering] == ["seo", "cms", "emails"]


def test_adding_budget_never_lowers_the_value(small: SimpleNamespace) -> None:
    plan = load_plan(small.roadmap)
    values = [
        propose(plan, default_rules(small, budget_eur=budget), explain=False).result.objective_value
        for budget in (12000.0, 15000.0, 18000.0, 22000.0)
    ]
    found = [value for value in values if value is not None]
    assert found == values and found == sorted(found)


def test_rules_survive_a_round_trip_through_json(small: SimpleNamespace) -> None:
    rules = default_rules(small, maximise=Score.ICE, cover_objectives=True, must_do=frozenset({"cms"}),
                          themes={"acquisition": ThemeLimits(1000.0, None)})  # fmt: skip
    assert Rules.from_json(rules.as_json()) == rules
