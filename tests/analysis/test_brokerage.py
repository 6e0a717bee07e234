"""Gould–Fernandez brokerage against the reference tables and a count over all ordered triples."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communitydna.analysis.brokerage import ROLES, gould_fernandez
from communitydna.analysis.graph import Network, network_from_edges

from .support import karate

TOY_ARCS = [(0, 1), (1, 2), (1, 3), (3, 4), (3, 5), (4, 0), (4, 5), (5, 6), (6, 4)]
TOY_GROUPS = [0, 0, 0, 1, 1, 2, 2]


def brute_force(network: Network) -> np.ndarray:
    """Walk every ordered triple (i, j, k) of distinct nodes."""
    arcs = set(zip(network.arc_source.tolist(), network.arc_target.tolist(), strict=True))
    g = network.groups.tolist()
    counts = np.zeros((network.n, 5), dtype=np.int64)
    for i, j, k in itertools.permutations(range(network.n), 3):
        if (i, j) in arcs and (j, k) in arcs and (i, k) not in arcs:
            a, b, c = g[i], g[j], g[k]
            if a == b == c:
                role = 0
            elif a == c:
                role = 1
            elif a == b:
                role = 2
            elif b == c:
                role = 3
            else:
                role = 4
            counts[j, role] += 1
    return counts


def test_the_toy_graph_gives_the_reference_roles() -> None:
    net = network_from_edges(7, TOY_ARCS, groups=TOY_GROUPS, directed=True)
    expected = {
        0: [0, 0, 0, 1, 0],
        1: [1, 0, 1, 0, 0],
        2: [0, 0, 0, 0, 0],
        3: [0, 0, 0, 1, 1],
        4: [0, 1, 1, 0, 1],
        5: [0, 0, 0, 2, 0],
        6: [0, 0, 1, 0, 0],
    }
    counts = gould_fernandez(net).counts
    assert {v: counts[v, :5].tolist() for v in range(7)} == expected
    assert counts[:, 5].tolist() == counts[:, :5].sum(axis=1).tolist()


def test_the_karate_club_gives_the_reference_totals_and_expectations() -> None:
    result = gould_fernandez(karate().network)
    assert result.totals.tolist() == [510, 20, 128, 128, 0, 786]
    assert result.expected_totals == pytest.approx(
        [135.81, 153.92, 153.92, 153.92, 0, 597.57], abs=0.01
    )
    assert result.counts[33, :5].tolist() == [156, 6, 40, 40, 0]
    assert result.counts[0, :5].tolist() == [174, 0, 15, 15, 0]


def test_on_an_undirected_graph_the_total_is_open_two_paths() -> None:
    known = karate()
    degree = known.network.degree

    triangles = np.array([nx.triangles(known.graph)[v] for v in known.nodes])
    assert gould_fernandez(known.network).totals[5] == int(
        (degree * (degree - 1) - 2 * triangles).sum()
    )


def test_z_scores_are_undefined_where_the_null_model_has_no_variance() -> None:
    net = network_from_edges(3, [(0, 1), (1, 2)], groups=[0, 1, 2], directed=True)
    result = gould_fernandez(net)
    assert np.isnan(result.z[1, 0])  # a group of one has no coordinator pairs to broker
    assert np.isfinite(result.z[1, 5])


def test_expectations_add_up_to_the_null_total_for_each_broker() -> None:
    result = gould_fernandez(karate().network)
    assert result.expected[:, :5].sum(axis=1) == pytest.approx(result.expected[:, 5])


@st.composite
def directed_graphs(draw: st.DrawFn) -> Network:
    n = draw(st.integers(0, 12))
    possible = [(a, b) for a in range(n) for b in range(n) if a != b]
    arcs = draw(st.lists(st.sampled_from(possible), max_size=50)) if possible else []
    directed = draw(st.lists(st.booleans(), min_size=len(arcs), max_size=len(arcs)))
    groups = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    return network_from_edges(n, arcs, groups=groups, directed=directed)


@settings(max_examples=200, deadline=None)
@given(directed_graphs())
def test_counts_equal_a_walk_over_every_ordered_triple(net: Network) -> None:
    counts = gould_fernandez(net).counts
    assert counts[:, :5].tolist() == brute_force(net).tolist()
    assert len(ROLES) == 5
