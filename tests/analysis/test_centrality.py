"""Betweenness and centralisation against networkx and the reference values."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communitydna.analysis import centrality
from communitydna.analysis.centrality import (
    betweenness,
    betweenness_centralisation,
    degree_centralisation,
)
from communitydna.analysis.graph import Network, network_from_edges

from .support import KNOWN, as_networkx, florentine, karate, kite

REFERENCE = {
    "karate": ({"0": 231.0714, "33": 160.5516, "32": 76.6905}, 0.399621, 0.405557),
    "florentine": ({"Medici": 47.5, "Guadagni": 23.1667}, 0.274725, 0.436813),
    "kite": ({"7": 14.0, "5": 8.3333}, 0.333333, 0.296296),
}


@pytest.mark.parametrize("name", list(KNOWN))
def test_known_graphs_give_the_reference_betweenness_and_centralisation(name: str) -> None:
    known = KNOWN[name]()
    net = known.network
    values = betweenness(net).values
    top, degree_c, between_c = REFERENCE[name]
    for node, value in top.items():
        assert values[net.index(node)] == pytest.approx(value, abs=1e-4)
    assert degree_centralisation(net.degree) == pytest.approx(degree_c, abs=1e-6)
    assert betweenness_centralisation(values) == pytest.approx(between_c, abs=1e-6)


@pytest.mark.parametrize("make", [karate, florentine, kite])
def test_betweenness_equals_networkx_on_the_known_graphs(make) -> None:  # type: ignore[no-untyped-def]
    known = make()
    ours = betweenness(known.network).values
    theirs = nx.betweenness_centrality(known.graph, normalized=False)
    assert ours == pytest.approx([theirs[v] for v in known.nodes], abs=1e-9)


@st.composite
def graphs_with_pendants_and_twins(draw: st.DrawFn) -> Network:
    n = draw(st.integers(0, 16))
    possible = [(a, b) for a in range(n) for b in range(a + 1, n)]
    edges = list(draw(st.lists(st.sampled_from(possible), max_size=35))) if possible else []
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    for anchor in draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=4)) if n else []:
        graph.add_edge(anchor, graph.number_of_nodes())  # a pendant
    for original in draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=3)) if n else []:
        twin = graph.number_of_nodes()
        graph.add_node(twin)
        graph.add_edges_from((twin, w) for w in list(graph[original]))  # a false twin
    return network_from_edges(graph.number_of_nodes(), list(graph.edges()))


@settings(max_examples=200, deadline=None)
@given(graphs_with_pendants_and_twins())
def test_the_exact_shortcuts_give_the_same_betweenness_as_networkx(net: Network) -> None:
    ours = betweenness(net).values
    theirs = nx.betweenness_centrality(as_networkx(net), normalized=False)
    assert ours == pytest.approx([theirs[v] for v in range(net.n)], abs=1e-9)


def test_pendants_and_twins_are_not_searched_again() -> None:
    star = network_from_edges(6, [(0, k) for k in range(1, 6)])
    assert betweenness(star).sources == 1
    square = network_from_edges(4, [(0, 1), (1, 2), (2, 3), (3, 0)])  # 0 and 2 are twins
    assert betweenness(square).sources == 2


def test_above_the_work_limit_betweenness_is_sampled_with_a_seed() -> None:
    graph = nx.gnp_random_graph(300, 0.03, seed=1)
    net = network_from_edges(300, list(graph.edges()))
    first = betweenness(net, exact_work=1000, seed=3)
    again = betweenness(net, exact_work=1000, seed=3)
    other = betweenness(net, exact_work=1000, seed=4)
    assert not first.exact
    assert first.pivots == centrality.MIN_PIVOTS
    assert first.values.tolist() == again.values.tolist()
    assert first.values.tolist() != other.values.tolist()
    assert "seed 3" in first.method


def test_forced_pivots_estimate_betweenness_scaled_to_the_whole_network() -> None:
    net = karate().network
    estimate = betweenness(net, pivots=20, seed=1)
    exact = betweenness(net)
    assert estimate.pivots == 20
    assert estimate.values.sum() == pytest.approx(exact.values.sum(), rel=0.35)
    assert int(np.argmax(estimate.values)) in {0, 33}


def test_helper_processes_give_the_same_values_as_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(centrality, "PARALLEL_WORK", 0)
    net = karate().network
    assert betweenness(net, jobs=3).values == pytest.approx(betweenness(net).values, abs=1e-9)


def test_a_helper_that_cannot_start_leaves_its_share_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(centrality, "PARALLEL_WORK", 0)
    monkeypatch.setattr(centrality.sys, "executable", "/nonexistent/python")
    net = kite().network
    assert betweenness(net, jobs=2).values == pytest.approx(betweenness(net).values)


def test_centralisation_is_undefined_below_three_organisations() -> None:
    assert degree_centralisation([1, 1]) is None
    assert betweenness_centralisation([0.0, 0.0]) is None
