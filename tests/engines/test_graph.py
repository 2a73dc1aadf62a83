"""The one dependency-cycle check."""

from __future__ import annotations

from jalon.engines.graph import reaches


def test_a_node_reaches_what_follows_it_through_several_links_and_not_what_comes_before() -> None:
    successors = {"brief": ["design"], "design": ["launch", "ads"], "ads": ["launch"]}
    assert reaches(successors, "brief", "launch")
    assert not reaches(successors, "launch", "brief")
    assert not reaches(successors, "ads", "design")


def test_a_loop_already_in_the_graph_does_not_keep_the_search_going() -> None:
    successors = {1: [2], 2: [3], 3: [1]}
    assert reaches(successors, 1, 3)
    assert not reaches(successors, 1, 4)
