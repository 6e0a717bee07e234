"""Building the network: which relationships count on a day, and how they become ties and arcs."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from communitydna.analysis.exceptions import InvalidGraphError
from communitydna.analysis.graph import (
    PAIRS,
    network_from_edges,
    network_from_snapshot,
    network_without,
)
from communitydna.framework import Sector
from communitydna.snapshot import (
    Organisation,
    PartialDate,
    Place,
    Relationship,
    RelationshipStatus,
    Snapshot,
)

DAY = dt.date(2012, 7, 15)


def study(*relationships: Relationship) -> Snapshot:
    return Snapshot(
        place=Place("Northgate"),
        organisations=(
            Organisation("council", "Council", Sector.PUBLIC),
            Organisation("foodbank", "Foodbank", Sector.SOCIAL),
            Organisation("bakery", "Bakery", Sector.COMMERCIAL),
            Organisation("youth", "Youth", Sector.SOCIAL),
        ),
        relationships=relationships,
    )


def ties(snapshot: Snapshot, on: dt.date | None = DAY) -> list[tuple[str, str]]:
    net = network_from_snapshot(snapshot, on)
    return [(net.ids[u], net.ids[v]) for u, v in zip(net.tie_u, net.tie_v, strict=True)]


def test_only_active_relationships_count() -> None:
    s = study(
        Relationship("r1", "council", "foodbank"),
        Relationship("r2", "council", "bakery", status=RelationshipStatus.ENDED),
        Relationship("r3", "bakery", "youth", status=RelationshipStatus.PROPOSED),
    )
    assert ties(s) == [("council", "foodbank")]


def test_a_relationship_that_starts_after_the_day_does_not_count_yet() -> None:
    s = study(
        Relationship("r1", "council", "foodbank", since=PartialDate(2012, 8)),
        Relationship("r2", "council", "bakery", since=PartialDate(2012, 7)),
    )
    assert ties(s) == [("council", "bakery")]
    assert ties(s, dt.date(2012, 8, 1)) == [("council", "foodbank"), ("council", "bakery")]


def test_a_relationship_that_ended_before_the_day_no_longer_counts() -> None:
    s = study(
        Relationship("r1", "council", "foodbank", until=PartialDate(2012, 6)),
        Relationship("r2", "council", "bakery", until=PartialDate(2012, 7)),
        Relationship("r3", "bakery", "youth", until=PartialDate(2011)),
    )
    assert ties(s) == [("council", "bakery")]
    assert ties(s, None) == [("council", "foodbank"), ("council", "bakery"), ("bakery", "youth")]


def test_several_relationships_between_two_organisations_make_one_tie() -> None:
    s = study(
        Relationship("r1", "council", "foodbank", "grant", directed=True, strength=2),
        Relationship("r2", "foodbank", "council", "forum", strength=5, tense=True),
    )
    net = network_from_snapshot(s, DAY)
    assert net.m == 1
    assert net.tie_strength.tolist() == [5]
    assert net.tie_tense.tolist() == [True]
    assert sorted(zip(net.arc_source.tolist(), net.arc_target.tolist(), strict=True)) == [
        (0, 1),
        (1, 0),
    ]


def test_a_directed_relationship_is_one_arc_and_an_undirected_one_two() -> None:
    s = study(
        Relationship("r1", "council", "foodbank", "grant", directed=True),
        Relationship("r2", "bakery", "youth"),
    )
    net = network_from_snapshot(s, DAY)
    arcs = sorted(zip(net.arc_source.tolist(), net.arc_target.tolist(), strict=True))
    assert arcs == [(0, 1), (2, 3), (3, 2)]


def test_sectors_become_group_codes_in_the_framework_order() -> None:
    net = network_from_snapshot(study(), DAY)
    assert [net.group_names[g] for g in net.groups] == ["public", "social", "commercial", "social"]
    assert PAIRS == (
        ("social-public", 2, 0),
        ("social-commercial", 2, 1),
        ("public-commercial", 0, 1),
    )


def test_the_adjacency_lists_each_tie_from_both_ends() -> None:
    net = network_from_edges(4, [(0, 1), (2, 1), (1, 3)])
    assert net.neighbours(1).tolist() == [0, 2, 3]
    assert net.degree.tolist() == [1, 3, 1, 1]
    assert (net.adjacency() != net.adjacency().T).nnz == 0


def test_an_edge_to_a_node_that_does_not_exist_is_refused() -> None:
    with pytest.raises(InvalidGraphError):
        network_from_edges(2, [(0, 2)])
    with pytest.raises(InvalidGraphError):
        network_from_edges(2, [(0, 1)], strength=[1, 2])


def test_removing_organisations_keeps_their_numbers_and_drops_their_ties() -> None:
    net = network_from_edges(4, [(0, 1), (1, 2), (2, 3)], directed=True)
    left = network_without(net, np.array([False, True, False, False]))
    assert left.n == 4
    assert list(zip(left.tie_u.tolist(), left.tie_v.tolist(), strict=True)) == [(2, 3)]
    assert left.arc_source.tolist() == [2]
