"""The plain RCPSP solver on PSPLIB J30 instances (copied as fixtures, with their optima)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from jalon.engines.scheduling import InvalidInstanceError, RcpspInstance, Status, parse_psplib, solve_rcpsp
from jalon.engines.scheduling_heuristics import best_schedule

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
    result = solve_rcpsp(instance(name), time_limit=5.0, seed=0)
    assert result.makespan == OPTIMA[name]
    assert result.status is Status.OPTIMAL
    assert result.lower_bound == OPTIMA[name]
    assert_feasible(instance(name), result.starts)


def test_heuristic_schedule_is_feasible_and_no_better_than_the_optimum() -> None:
    inst = instance("J30_2.txt")
    starts = best_schedule(inst.network(), seed=1, time_budget_s=0.2)
    assert_feasible(inst, starts)
    assert int((starts + inst.network().durations).max()) >= OPTIMA["J30_2.txt"]
