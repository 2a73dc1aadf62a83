"""The multidimensional knapsack core and the OR-Library reader."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from jalon.engines.portfolio_mkp import MkpFormatError, MkpInstance, parse_orlib_mkp, solve_mkp
from jalon.engines.status import Status

FIXTURE = Path(__file__).parent / "fixtures" / "mknapcb1_first.txt"


def fits(instance: MkpInstance, selection: tuple[int, ...]) -> bool:
    return all(
        sum(row[j] for j in selection) <= capacity
        for row, capacity in zip(instance.weights, instance.capacities, strict=True)
    )


def test_reader_returns_every_instance_with_its_sizes_and_published_value() -> None:
    (instance,) = parse_orlib_mkp(FIXTURE.read_text())
    assert len(instance.values) == 100
    assert len(instance.capacities) == 5
    assert instance.published_optimum == 24381
    assert instance.values[:3] == (504, 803, 667)


def test_reader_reads_several_instances_in_file_order() -> None:
    text = "2\n2 1 0\n3 4\n1 1\n1\n1 1 5\n5\n2\n3\n"
    first, second = parse_orlib_mkp(text)
    assert first.values == (3, 4) and first.published_optimum is None
    assert second.capacities == (3,) and second.published_optimum == 5


@pytest.mark.parametrize(
    "text",
    ["", "1\n2 1 0\n3 4\n1 1\n", "1\n2 1 0\n3 x\n1 1\n1\n", "1\n1 1 0\n1\n1\n1\n9\n", "1\n0 1 0\n\n1\n"],
)
def test_reader_refuses_truncated_or_malformed_text(text: str) -> None:
    with pytest.raises(MkpFormatError):
        parse_orlib_mkp(text)


def test_small_instance_is_solved_to_proven_optimality() -> None:
    instance = MkpInstance(
        values=(10, 13, 7, 8, 9, 4),
        weights=((3, 4, 2, 3, 3, 1), (2, 5, 1, 2, 4, 3)),
        capacities=(8, 9),
    )
    best = max(
        sum(instance.values[j] for j in subset)
        for size in range(7)
        for subset in itertools.combinations(range(6), size)
        if fits(instance, subset)
    )
    result = solve_mkp(instance, time_limit=2.0)
    assert result.status is Status.OPTIMAL
    assert result.value == best == result.bound
    assert fits(instance, result.selection)


def test_chu_beasley_instance_within_half_a_percent_in_a_second_with_a_valid_bound() -> None:
    (instance,) = parse_orlib_mkp(FIXTURE.read_text())
    result = solve_mkp(instance, time_limit=1.0)
    assert fits(instance, result.selection)
    assert result.value == sum(instance.values[j] for j in result.selection)
    assert result.value >= 0.995 * 24381
    assert result.bound >= 24381  # the published value is optimal for this instance
    assert result.seconds < 1.5
