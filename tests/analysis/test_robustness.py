"""Shocks: Newman–Ziff curves equal naive recomputation; R matches known values."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communitydna.analysis.centrality import betweenness
from communitydna.analysis.graph import Network, network_from_edges
from communitydna.analysis.robustness import (
    adaptive_betweenness_order,
    adaptive_degree_order,
    random_removals,
    removal_curves,
    robustness,
    scenarios,
    static_order,
)

from .support import KnownGraph, as_networkx, florentine, karate, kite

PAIRS = [(2, 0), (2, 1), (0, 1)]


def naive_curves(network: Network, order: list[int]) -> tuple[list[int], list[list[int]]]:
    """Remove one node at a time and recount components from scratch."""
    graph = as_networkx(network)
    groups = network.groups.tolist()
    largest: list[int] = []
    pairs: list[list[int]] = []

    def record() -> None:
        parts = list(nx.connected_components(graph))
        largest.append(max((len(c) for c in parts), default=0))
        pairs.append(
            [
                sum(sum(groups[v] == a for v in c) * sum(groups[v] == b for v in c) for c in parts)
                for a, b in PAIRS
            ]
        )

    record()
    for v in order:
        graph.remove_node(v)
        record()
    return largest, pairs


@st.composite
def graphs_and_orders(draw: st.DrawFn) -> tuple[Network, list[np.ndarray]]:
    n = draw(st.integers(0, 18))
    possible = [(a, b) for a in range(n) for b in range(a + 1, n)]
    edges = draw(st.lists(st.sampled_from(possible), max_size=40)) if possible else []
    groups = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    network = network_from_edges(n, edges, groups=groups)
    orders = []
    for _ in range(draw(st.integers(1, 4))):
        permutation = draw(st.permutations(range(n)))
        q = draw(st.integers(0, n))
        orders.append(np.array(permutation[:q], dtype=np.int64))
    return network, orders


@settings(max_examples=150, deadline=None)
@given(graphs_and_orders())
def test_newman_ziff_curves_equal_recounting_components_after_each_removal(
    case: tuple[Network, list[np.ndarray]],
) -> None:
    network, orders = case
    one_by_one = removal_curves(network, orders, PAIRS, side_by_side=False)
    side_by_side = removal_curves(network, orders, PAIRS, side_by_side=True)
    for order, first, second in zip(orders, one_by_one, side_by_side, strict=True):
        largest, pairs = naive_curves(network, order.tolist())
        assert first.largest.tolist() == largest
        assert first.pairs.tolist() == pairs
        assert second.largest.tolist() == largest
        assert second.pairs.tolist() == pairs


def test_whole_orders_and_partial_orders_can_run_side_by_side() -> None:
    network = network_from_edges(6, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)], groups=[0, 1, 2] * 2)
    orders = [np.arange(6), np.array([2]), np.array([], dtype=np.int64), np.array([5, 0])]
    together = removal_curves(network, orders, PAIRS)
    for order, curve in zip(orders, together, strict=True):
        alone = removal_curves(network, [order], PAIRS)[0]
        assert curve.largest.tolist() == alone.largest.tolist()
        assert curve.pairs.tolist() == alone.pairs.tolist()


def test_a_complete_graph_and_a_star_have_schneiders_textbook_r() -> None:
    complete = network_from_edges(10, [(a, b) for a in range(10) for b in range(a + 1, 10)])
    curve = removal_curves(complete, [np.arange(10)], [])[0]
    assert robustness(curve.largest / 10) == pytest.approx(0.45)
    star = network_from_edges(8, [(0, k) for k in range(1, 8)])
    curve = removal_curves(star, [static_order(star.degree.astype(float))], [])[0]
    assert robustness(curve.largest / 8) == pytest.approx(7 / 64)


REFERENCE = {
    # degree static, degree adaptive, betweenness static, betweenness adaptive, random mean, sd
    "karate": (0.141869, 0.135813, 0.145329, 0.134083, 0.4125, 0.0453),
    "florentine": (0.191111, 0.177778, 0.235556, 0.177778, 0.3642, 0.0515),
    "kite": (0.36, 0.31, 0.32, 0.29, 0.3859, 0.0374),
}


@pytest.mark.parametrize("make", [karate, florentine, kite])
def test_targeted_attacks_give_the_reference_robustness(make: type[KnownGraph]) -> None:
    known = make()
    net = known.network
    n = net.n
    between = betweenness(net).values
    orders = [
        static_order(net.degree.astype(float)),
        adaptive_degree_order(net),
        static_order(between),
        adaptive_betweenness_order(net)[0],
    ]
    found = [robustness(c.largest / n) for c in removal_curves(net, orders, [])]
    assert found == pytest.approx(REFERENCE[known.name][:4], abs=1e-6)


@pytest.mark.parametrize("make", [karate, florentine, kite])
def test_random_closures_agree_with_the_reference_within_sampling_error(
    make: type[KnownGraph],
) -> None:
    known = make()
    net = known.network
    rng = np.random.default_rng(1)
    curves = removal_curves(net, [rng.permutation(net.n) for _ in range(1000)], [])
    values = np.array([robustness(c.largest / net.n) for c in curves])
    mean, sd = REFERENCE[known.name][4:]
    # the reference is itself a mean of 1,000 orders: allow four standard errors of each
    assert values.mean() == pytest.approx(mean, abs=4 * 2 * sd / np.sqrt(1000))
    assert values.std() == pytest.approx(sd, rel=0.15)


def test_the_same_seed_gives_the_same_random_scenario_and_another_seed_does_not() -> None:
    net = karate().network
    first = scenarios(net, seed=7, orders=20, groups=False)[0]
    again = scenarios(net, seed=7, orders=20, groups=False)[0]
    other = scenarios(net, seed=8, orders=20, groups=False)[0]
    assert first.key == "random"
    assert first.robustness == again.robustness
    assert first.largest_share.tolist() == again.largest_share.tolist()
    assert first.robustness != other.robustness


def test_adaptive_degree_takes_the_lowest_node_among_equals() -> None:
    cycle = network_from_edges(5, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)])
    assert adaptive_degree_order(cycle).tolist()[:2] == [0, 2]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(1, 20),
    st.floats(0, 0.4),
    st.integers(1, 6),
    st.sampled_from([3, 5]),  # five groups do not fit the packed counts
)
def test_random_orders_summed_as_they_run_equal_their_curves_averaged(
    seed: int, n: int, p: float, count: int, groups: int
) -> None:
    graph = nx.gnp_random_graph(n, p, seed=seed)
    rng = np.random.default_rng(seed)
    network = network_from_edges(n, list(graph.edges()), groups=rng.integers(0, groups, n))
    orders = [rng.permutation(n).astype(np.int64) for _ in range(count)]
    summary = random_removals(network, orders, PAIRS)
    curves = removal_curves(network, orders, PAIRS)
    expected = [robustness(c.largest / n) for c in curves]
    assert summary.robustness.tolist() == pytest.approx(expected)
    assert summary.largest == pytest.approx(np.mean([c.largest for c in curves], axis=0))
    assert summary.pairs == pytest.approx(np.mean([c.pairs for c in curves], axis=0))
    sizes = np.bincount(network.groups, minlength=groups)
    for i, (a, b) in enumerate(PAIRS):
        possible = sizes[a] * sizes[b]
        if possible:
            pair_r = [robustness(c.pairs[:, i] / possible) for c in curves]
            assert summary.pair_robustness[:, i].tolist() == pytest.approx(pair_r)
