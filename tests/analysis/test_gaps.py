"""Gaps: who has no tie to a sector, broken down by led-by, size, ward and type."""

from __future__ import annotations

import datetime as dt

from communitydna.analysis.gaps import gaps
from communitydna.analysis.graph import network_from_snapshot
from communitydna.framework import Sector
from communitydna.snapshot import Organisation, Place, Relationship, Size, Snapshot

S = Snapshot(
    place=Place("Northgate", wards=("Riverside", "Castle", "Docks")),
    organisations=(
        Organisation("council", "Council", Sector.PUBLIC, ward="Riverside"),
        Organisation("police", "Police", Sector.PUBLIC, ward="castle"),
        Organisation("foodbank", "Foodbank", Sector.SOCIAL, ward="Riverside", size=Size.SMALL),
        Organisation(
            "youth",
            "Youth",
            Sector.SOCIAL,
            ward="Riverside",
            led_by=("bme", "youth"),
            size=Size.MICRO,
        ),
        Organisation("mosque", "Mosque", Sector.SOCIAL, ward="Docks", led_by=("bme",)),
        Organisation("bakery", "Bakery", Sector.COMMERCIAL, type="retail", ward="Castle"),
    ),
    relationships=(
        Relationship("r1", "council", "foodbank"),
        Relationship("r2", "mosque", "police"),
        Relationship("r3", "mosque", "bakery"),
        Relationship("r4", "youth", "bakery", until=None),
    ),
)


def result():  # type: ignore[no-untyped-def]
    return gaps(network_from_snapshot(S, dt.date(2020, 1, 1)), S.place.wards)


def test_it_lists_organisations_with_no_tie_to_each_other_sector() -> None:
    g = result()
    assert g.without_tie["social"] == {"public": ("youth",), "commercial": ("foodbank",)}
    assert g.without_tie["public"] == {"commercial": ("council", "police"), "social": ()}
    assert g.without_tie["commercial"] == {"public": ("bakery",), "social": ()}


def test_it_breaks_ties_down_by_led_by_counting_only_other_sectors() -> None:
    g = result()
    assert g.breakdown["led_by"]["bme"] == {"public": 0.5, "commercial": 1.0, "social": None}
    assert g.breakdown["led_by"]["youth"] == {"public": 0.0, "commercial": 1.0, "social": None}
    assert g.group_sizes["led_by"] == {"bme": 2, "youth": 1}


def test_it_breaks_ties_down_by_ward_size_and_type_leaving_blanks_out() -> None:
    g = result()
    riverside = g.breakdown["ward"]["Riverside"]
    assert riverside["public"] == 0.5  # foodbank yes, youth no
    assert riverside["social"] == 1.0  # the council
    assert set(g.breakdown["size"]) == {"small", "micro"}
    assert set(g.breakdown["type"]) == {"retail"}


def test_it_names_wards_with_no_social_sector_organisation() -> None:
    assert result().wards_without_social == ("Castle",)
