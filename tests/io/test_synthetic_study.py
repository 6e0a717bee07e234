"""Synthetic studies: any size, a realistic shape, the same for the same seed."""

from __future__ import annotations

from collections import Counter

import pytest

from communitydna.demo.synthetic import synthetic_snapshot
from communitydna.framework import SECTORS, Sector
from communitydna.snapshot import RelationshipStatus


def test_it_has_the_size_asked_for() -> None:
    study = synthetic_snapshot(300, 900)
    assert (len(study.organisations), len(study.relationships)) == (300, 900)


def test_the_same_seed_gives_the_same_study_and_another_seed_another() -> None:
    assert synthetic_snapshot(200, 500, seed=7) == synthetic_snapshot(200, 500, seed=7)
    assert synthetic_snapshot(200, 500, seed=7) != synthetic_snapshot(200, 500, seed=8)


def test_it_has_the_shape_of_a_real_place() -> None:
    study = synthetic_snapshot(2_000, 6_000, seed=1)
    sectors = Counter(o.sector for o in study.organisations)
    assert set(sectors) == set(SECTORS)
    assert sectors[Sector.SOCIAL] > sectors[Sector.COMMERCIAL] > sectors[Sector.PUBLIC]
    assert len({o.type for o in study.organisations}) > 20
    assert any(o.led_by for o in study.organisations)
    assert len({o.ward for o in study.organisations}) >= 3
    degree = Counter(e for r in study.relationships for e in (r.source, r.target))
    assert max(degree.values()) > 10 * (2 * 6_000 / 2_000)  # hubs
    statuses = Counter(r.status for r in study.relationships)
    assert statuses[RelationshipStatus.ACTIVE] > statuses[RelationshipStatus.ENDED] > 0
    assert statuses[RelationshipStatus.PROPOSED] > 0
    assert any(r.tense for r in study.relationships)
    grants = [r for r in study.relationships if r.type == "grant"]
    assert all(r.directed for r in grants)
    funders = Counter(study.organisation(r.source).sector for r in grants)
    assert funders[Sector.SOCIAL] < funders[Sector.PUBLIC] + funders[Sector.COMMERCIAL]
    assert len({m for e in study.evidence for m in e.measures}) == 10
    assert len(study.measures_unrated()) == 1
    assert any(r.evidence for r in study.relationships)


def test_it_copes_with_tiny_sizes() -> None:
    assert synthetic_snapshot(1, 10).relationships == ()
    assert synthetic_snapshot(0, 0).organisations == ()


@pytest.mark.slow
def test_it_builds_a_place_of_a_hundred_thousand_organisations() -> None:
    study = synthetic_snapshot(100_000, 300_000)
    assert study.counts()["relationships"] == 300_000
