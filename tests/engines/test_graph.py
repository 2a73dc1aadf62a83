"""The one dependency-cycle check, and the order the schedulers place a whole graph in."""

from __future__ import annotations

from jalon.engines.graph import reaches, topological_order


def test_a_node_reaches_what_follows_it_through_several_links_and_not_what_comes_before() -> None:
    successors = {"brief": ["design"], "design": ["launch", "ads"], "ads": ["launch"]}
    assert reaches(successors, "brief", "launch")
    assert not reaches(successors, "launch", "brief")
    assert not reaches(successors, "ads", "design")


def test_a_loop_already_in_the_graph_does_not_keep_the_search_going() -> None:
    successors = {1: [2], 2: [3], 3: [1]}
    assert reaches(successors, 1, 3)
    assert not reaches(successors, 1, 4)


def test_every_node_comes_after_its_predecessors_in_the_topological_order() -> None:
    successors = [[2], [2, 3], [4], [4], []]  # 0 and 1 before 2; 1 before 3; 2 and 3 before 4
    order = topological_order(successors)
    assert order is not None and sorted(order) == [0, 1, 2, 3, 4]
    position = {node: index for index, node in enumerate(order)}
    assert all(position[i] < position[j] for i, following in enumerate(successors) for j in following)


def test_a_cycle_has_no_topological_order() -> None:
    assert topological_order([[1], [2], [0], []]) is None
