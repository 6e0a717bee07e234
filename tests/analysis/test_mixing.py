"""Sector pairs and the E-I index."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communitydna.analysis.graph import network_from_edges
from communitydna.analysis.mixing import ei_index, group_ei, network_ei, pair_figures

from .support import as_networkx, karate, random_network


def test_the_karate_club_split_by_club_has_the_reference_ei_index() -> None:
    ei, expected = network_ei(karate().network)
    assert ei == pytest.approx(-0.717949, abs=1e-6)
    assert expected == pytest.approx(0.030303, abs=1e-6)


def test_a_group_of_one_tie_out_and_one_in_scores_zero() -> None:
    net = network_from_edges(4, [(0, 1), (1, 2)], groups=[0, 0, 1, 1])
    assert group_ei(net, 0)[0] == 0.0
    assert ei_index(0, 0) is None


def test_a_sector_pair_is_measured_by_hand() -> None:
    # public 0, 1; social 2, 3, 4; commercial 5
    net = network_from_edges(
        6,
        [(0, 2), (0, 3), (1, 2), (2, 3), (0, 1), (4, 5)],
        groups=[0, 0, 2, 2, 2, 1],
        group_names=["public", "commercial", "social"],
        strength=[5, 1, 3, 3, 3, 3],
        tense=[False, True, False, False, False, False],
    )
    f = pair_figures(net, "social-public", 2, 0)
    assert f.ties == 3
    assert f.density == pytest.approx(3 / 6)
    assert f.weighted_density == pytest.approx((1 + 0.2 + 0.6) / 6)
    assert f.tense_share == pytest.approx(1 / 3)
    assert f.share_with_tie == {"social": pytest.approx(2 / 3), "public": 1.0}
    assert f.ei_index == pytest.approx((3 - 2) / 5)  # within: 2-3 and 0-1
    assert f.ei_expected == pytest.approx((6 - 4) / 10)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 25), st.floats(0, 0.3))
def test_pair_ties_and_shares_match_a_count_over_networkx_edges(
    seed: int, n: int, p: float
) -> None:
    net = random_network(seed, n, p)
    graph = as_networkx(net)
    g = net.groups.tolist()
    f = pair_figures(net, "social-public", 2, 0)
    crossing = [(u, v) for u, v in graph.edges() if {g[u], g[v]} == {0, 2}]
    assert f.ties == len(crossing)
    for code, name in ((2, "social"), (0, "public")):
        members = [v for v in range(n) if g[v] == code]
        other = 0 if code == 2 else 2
        tied = [v for v in members if any(g[w] == other for w in graph[v])]
        expected = len(tied) / len(members) if members else None
        assert f.share_with_tie[name] == (pytest.approx(expected) if expected is not None else None)
