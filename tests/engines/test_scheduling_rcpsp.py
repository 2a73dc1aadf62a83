"""The plain RCPSP solver on PSPLIB J30 instances (copied as fixtures, with their optima)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from ortools.sat.python import cp_model

from jalon.engines.scheduling import InvalidInstanceError, RcpspInstance, Status, parse_psplib, solve_rcpsp
from jalon.engines.scheduling_genetic import evolve
from jalon.engines.scheduling_rcpsp import _Model, lower_bound, solver

FIXTURES = Path(__file__).parent / "fixtures"
OPTIMA = {r["instance"]: int(r["optimum"]) for r in csv.DictReader((FIXTURES / "j30_optima.csv").open())}


def instance(name: str) -> RcpspInstance:
    return parse_psplib((FIXTURES / name).read_text(), name=name)


def assert_feasible(inst: RcpspInstance, starts: tuple[int, ...] | np.ndarray) -> None:
    finish = [s + d for s, d in zip(starts, inst.durations, strict=True)]
    for i, succ in enumerate(inst.successors):
        for j in succ:
            assert starts[j] >= finish[i]
    for t in range(max(finish)):
        for k, capacity in enumerate(inst.capacities):
            used = sum(inst.demands[i][k] for i in range(len(starts)) if starts[i] <= t < finish[i])
            assert used <= capacity


def test_reader_reads_jobs_capacities_and_zero_based_successors() -> None:
    inst = instance("J30_1.txt")
    assert len(inst.durations) == 32
    assert inst.capacities == (12, 13, 4, 12)
    assert inst.successors[0] == (1, 2, 3)
    assert inst.durations[1] == 8 and inst.demands[1] == (4, 0, 0, 0)


def test_reader_rejects_text_that_is_not_an_instance() -> None:
    with pytest.raises(InvalidInstanceError):
        parse_psplib("hello world\n")


@pytest.mark.parametrize("name", sorted(OPTIMA))
def test_solver_reaches_the_known_optimum_and_proves_it(name: str) -> None:
    # Deterministic time: the proof must not depend on how busy the machine running the tests is.
    result = solve_rcpsp(instance(name), time_limit=5.0, seed=0, deterministic=True)
    assert result.makespan == OPTIMA[name]
    assert result.status is Status.OPTIMAL
    assert result.lower_bound == OPTIMA[name]
    assert_feasible(instance(name), result.starts)


def test_genetic_schedule_is_a_feasible_hint_for_the_cp_sat_model() -> None:
    network = instance("J30_1.txt").network()
    hint = evolve(network, seed=0, time_budget_s=0.05)
    makespan = int((hint + network.durations).max())
    built = _Model(network, horizon=makespan, bound=lower_bound(network))
    built.hint(hint)
    for var, value in zip(built.starts, hint, strict=True):
        built.model.add(var == int(value))  # the hint itself must satisfy every constraint
    assert solver(seconds=5.0, seed=0).solve(built.model) == cp_model.OPTIMAL


def test_lower_bound_never_exceeds_the_optimum() -> None:
    for name, optimum in OPTIMA.items():
        assert lower_bound(instance(name).network()) <= optimum


def test_an_activity_needing_more_than_a_capacity_makes_the_instance_infeasible() -> None:
    text = "3 1\n4\n0 0 1 2\n2 5 1 3\n0 0 0\n"
    result = solve_rcpsp(parse_psplib(text), time_limit=1.0, seed=0)
    assert result.status is Status.INFEASIBLE and result.makespan is None


def test_same_seed_same_schedule_when_the_optimum_is_proven() -> None:
    first = solve_rcpsp(instance("J30_2.txt"), time_limit=5.0, seed=4, deterministic=True)
    second = solve_rcpsp(instance("J30_2.txt"), time_limit=5.0, seed=4, deterministic=True)
    assert first.status is Status.OPTIMAL and first.starts == second.starts
