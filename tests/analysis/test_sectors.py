"""The shape of each sector: counts, diversity, density, components, centralisation, isolates."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communitydna.analysis.graph import network_from_edges
from communitydna.analysis.sectors import (
    network_figures,
    sector_figures,
    shannon_diversity,
    simpson_diversity,
)

from .support import as_networkx, karate, random_network


def test_a_sector_is_measured_on_its_own_ties_only() -> None:
    # social 0-1-2 in a path, 3 alone in its sector but tied to the public 4
    net = network_from_edges(
        5,
        [(0, 1), (1, 2), (3, 4), (2, 4)],
        groups=[2, 2, 2, 2, 0],
        group_names=["public", "commercial", "social"],
        strength=[5, 1, 3, 3],
        tense=[True, False, False, False],
    )
    f = sector_figures(net, 2)
    assert f.organisations == 4
    assert f.ties == 2
    assert f.density == pytest.approx(2 / 6)
    assert f.weighted_density == pytest.approx((5 / 5 + 1 / 5) / 6)
    assert f.components == 2
    assert f.largest_component_share == 0.75
    assert f.isolates == ()
    assert f.isolated_in_sector == 1
    assert f.tense_share == 0.5
    assert f.degree_centralisation == pytest.approx((1 + 0 + 1 + 2) / (3 * 2))


def test_isolates_are_organisations_with_no_tie_at_all() -> None:
    net = network_from_edges(3, [(0, 1)], groups=[0, 0, 0], ids=["a", "b", "c"])
    assert sector_figures(net, 0).isolates == ("c",)


def test_an_empty_sector_has_no_density_and_no_share() -> None:
    net = network_from_edges(2, [(0, 1)], groups=[0, 0], group_names=["public", "social"])
    f = sector_figures(net, 1)
    assert (f.organisations, f.density, f.largest_component_share) == (0, None, None)
    assert (f.shannon, f.simpson, f.degree_centralisation) == (None, None, None)


def test_diversity_of_two_equal_types_and_of_one_type() -> None:
    assert shannon_diversity([4, 4]) == pytest.approx(math.log(2))
    assert simpson_diversity([4, 4]) == 0.5
    assert shannon_diversity([9]) == 0.0
    assert simpson_diversity([9]) == 0.0


def test_the_whole_karate_club_has_the_reference_degree_centralisation() -> None:
    whole = network_figures(karate().network)
    assert whole.degree_centralisation == pytest.approx(0.399621, abs=1e-6)
    assert (whole.organisations, whole.ties, whole.components) == (34, 78, 1)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 25), st.floats(0, 0.3))
def test_sector_components_and_density_match_networkx(seed: int, n: int, p: float) -> None:
    net = random_network(seed, n, p)
    graph = as_networkx(net)
    for code in range(3):
        members = [v for v in range(n) if net.groups[v] == code]
        sub = graph.subgraph(members)
        f = sector_figures(net, code)
        assert f.components == nx.number_connected_components(sub)
        assert f.ties == sub.number_of_edges()
        if len(members) > 1:
            assert f.density == pytest.approx(nx.density(sub))
        if members:
            largest = max(len(c) for c in nx.connected_components(sub))
            assert f.largest_component_share == pytest.approx(largest / len(members))
