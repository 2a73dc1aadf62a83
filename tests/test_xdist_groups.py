"""The tests that share an expensive fixture run in one worker: `make test` hands tests out with
``--dist loadgroup``, which keeps an ``xdist_group`` together only if pytest-xdist can mark the test's id
with the group's name. pytest 9.2 stopped reading the attribute xdist 3.8 writes, and every group fell
apart without a word (pyproject.toml pins the pair that works)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.xdist_group("proof_of_grouping")


def test_a_grouped_test_carries_its_group_in_its_id_when_the_run_hands_out_groups(
    request: pytest.FixtureRequest,
) -> None:
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("only in a parallel run with --dist loadgroup (make test-sqlite, for one)")
    assert request.node.nodeid.endswith("@proof_of_grouping"), request.node.nodeid
