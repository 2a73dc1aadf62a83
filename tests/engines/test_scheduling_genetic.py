"""The population decoder and genetic search: same schedules as the one-list SGS, always feasible."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalon.engines.scheduling import parse_psplib
from jalon.engines.scheduling_genetic import Decoder, affordable_generations, crossover, evolve, mutate
from jalon.engines.scheduling_heuristics import IntArray, Network, latest_finishes, serial_sgs

FIXTURES = Path(__file__).parent / "fixtures"


@st.composite
def networks(draw: st.DrawFn) -> Network:
    """Random acyclic networks (edges go from lower to higher ids) whose every demand fits alone."""
    n = draw(st.integers(2, 14))
    resources = draw(st.integers(1, 3))
    capacities = np.asarray([draw(st.integers(1, 6)) for _ in range(resources)], dtype=np.int64)
    durations = np.asarray([draw(st.integers(0, 5)) for _ in range(n)], dtype=np.int64)
    demands = np.asarray(
        [[draw(st.integers(0, int(c))) for c in capacities] for _ in range(n)], dtype=np.int64
    ).reshape(n, resources)
    successors = tuple(
        tuple(sorted(draw(st.sets(st.integers(i + 1, n - 1), max_size=3)))) if i < n - 1 else ()
        for i in range(n)
    )
    return Network(durations, demands, capacities, successors)


def assert_feasible(network: Network, starts: IntArray) -> None:
    finish = starts + network.durations
    assert (starts >= 0).all()
    for i, succ in enumerate(network.successors):
        for j in succ:
            assert starts[j] >= finish[i], f"{i} -> {j} broken"
    for t in range(int(finish.max(initial=0))):
        running = (starts <= t) & (t < finish)
        assert (network.demands[running].sum(axis=0) <= network.capacities).all(), f"overload at {t}"


def assert_precedence_feasible(network: Network, lists: IntArray) -> None:
    for row in lists:
        assert sorted(row.tolist()) == list(range(network.size))
        position = np.empty(network.size, dtype=np.int64)
        position[row] = np.arange(network.size)
        for i, succ in enumerate(network.successors):
            for j in succ:
                assert position[i] < position[j]


def sample_lists(network: Network, count: int, seed: int) -> IntArray:
    decoder = Decoder(network)
    horizon = int(network.durations.sum()) + 1
    return decoder.random_lists(latest_finishes(network, horizon=horizon), count, np.random.default_rng(seed))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.integers(0, 1000))
def test_population_decoder_gives_the_one_list_sgs_schedules(network: Network, seed: int) -> None:
    lists = sample_lists(network, 6, seed)
    assert_precedence_feasible(network, lists)
    horizon = int(network.durations.sum()) + 1
    starts, failed = Decoder(network).decode(lists, horizon)
    assert not failed.any()
    for row, schedule in zip(lists, starts, strict=True):
        assert schedule.tolist() == serial_sgs(network, row.tolist(), horizon=horizon).tolist()
        assert_feasible(network, schedule)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.integers(0, 1000))
def test_justification_keeps_schedules_feasible_never_longer_replayable(network: Network, seed: int) -> None:
    decoder = Decoder(network)
    lists = sample_lists(network, 6, seed)
    horizon = int(network.durations.sum()) + 1
    starts, failed = decoder.decode(lists, horizon)
    improved, improved_lists = decoder.justify(starts, lists, ~failed, horizon)
    assert (decoder.makespans(improved) <= decoder.makespans(starts)).all()
    assert_precedence_feasible(network, improved_lists)
    again, _ = decoder.decode(improved_lists, horizon)
    assert again.tolist() == improved.tolist()  # the returned lists reproduce the schedules
    for schedule in improved:
        assert_feasible(network, schedule)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.integers(0, 1000))
def test_crossover_and_mutation_keep_lists_precedence_feasible(network: Network, seed: int) -> None:
    rng = np.random.default_rng(seed)
    lists = sample_lists(network, 8, seed)
    children = crossover(lists, lists[::-1], rng)
    assert_precedence_feasible(network, children)
    assert_precedence_feasible(network, mutate(children, Decoder(network).successor_matrix, rng))


def test_a_horizon_too_short_marks_the_list_failed_instead_of_overloading() -> None:
    network = Network(
        durations=np.asarray([3, 3], dtype=np.int64),
        demands=np.asarray([[2], [2]], dtype=np.int64),
        capacities=np.asarray([3], dtype=np.int64),
        successors=((), ()),
    )
    lists = np.asarray([[0, 1]], dtype=np.int64)
    _, failed = Decoder(network).decode(lists, 5)
    assert failed.tolist() == [True]
    starts, failed = Decoder(network).decode(lists, 6)
    assert failed.tolist() == [False] and starts.tolist() == [[0, 3]]


def test_genetic_search_is_feasible_seeded_and_no_better_than_the_optimum() -> None:
    network = parse_psplib((FIXTURES / "J30_2.txt").read_text()).network()
    starts = evolve(network, seed=1, time_budget_s=0.3)
    assert_feasible(network, starts)
    assert int((starts + network.durations).max()) >= 47  # the known optimum
    # The number of generations comes from the budget, not the clock: same seed, same schedule. The
    # wall-clock cap (four times the budget by default) is lifted so that a busy machine cannot cut one
    # of the two runs short; that cap is the only way the clock reaches the result.
    first = evolve(network, seed=3, time_budget_s=0.2, time_cap_s=3600)
    assert first.tolist() == evolve(network, seed=3, time_budget_s=0.2, time_cap_s=3600).tolist()


def test_generations_grow_with_the_budget_and_shrink_with_the_instance() -> None:
    assert affordable_generations(32, 64, 60, 0.0) == 0
    assert affordable_generations(32, 64, 60, 1.0) > affordable_generations(32, 64, 60, 0.1) > 0
    assert affordable_generations(122, 64, 160, 1.0) < affordable_generations(32, 64, 60, 1.0)
