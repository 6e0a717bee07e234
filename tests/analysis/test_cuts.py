"""Cut points and bridges, with the sector pairs each one carries."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communitydna.analysis.cuts import cuts
from communitydna.analysis.graph import PAIRS, Network, network_from_edges

from .support import KNOWN, as_networkx, random_network


@pytest.mark.parametrize(("name", "count"), [("karate", 1), ("florentine", 4), ("kite", 2)])
def test_known_graphs_have_the_reference_number_of_cut_points(name: str, count: int) -> None:
    points, _ = cuts(KNOWN[name]().network)
    assert len(points) == count


def lost_pairs(before: nx.Graph, after: nx.Graph, groups: list[int]) -> dict[str, int]:
    was = {v: i for i, c in enumerate(nx.connected_components(before)) for v in c}
    now = {v: i for i, c in enumerate(nx.connected_components(after)) for v in c}
    return {
        key: sum(
            1
            for x in after
            for y in after
            if groups[x] == a and groups[y] == b and was[x] == was[y] and now[x] != now[y]
        )
        for key, a, b in PAIRS
    }


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 20), st.floats(0, 0.3))
def test_cut_points_and_bridges_match_networkx_and_a_recount_of_lost_pairs(
    seed: int, n: int, p: float
) -> None:
    net: Network = random_network(seed, n, p)
    graph = as_networkx(net)
    groups = net.groups.tolist()
    points, bridges = cuts(net)
    assert sorted(c.node for c in points) == sorted(nx.articulation_points(graph))
    for c in points:
        after = graph.copy()
        after.remove_node(c.node)
        assert c.pairs == lost_pairs(graph, after, groups)
        part = next(comp for comp in nx.connected_components(graph) if c.node in comp)
        sizes = [len(x) for x in nx.connected_components(after.subgraph(part - {c.node}))]
        assert c.separated == sum(sizes) - max(sizes)
    expected = sorted(tuple(sorted(e)) for e in nx.bridges(graph))
    assert sorted((int(b.source), int(b.target)) for b in bridges) == expected
    for b in bridges:
        after = graph.copy()
        after.remove_edge(int(b.source), int(b.target))
        assert b.pairs == lost_pairs(graph, after, groups)


def test_the_cut_point_that_cuts_off_most_comes_first() -> None:
    # 0 is the hub of five; a path 5-6-7 hangs from one of them
    net = network_from_edges(
        8, [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (5, 6), (6, 7)], groups=[0, 2, 2, 1] * 2
    )
    points, _ = cuts(net)
    assert [(c.node, c.separated) for c in points] == [(0, 4), (5, 2), (6, 1)]
