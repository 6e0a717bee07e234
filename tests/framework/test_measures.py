from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communitydna.framework import (
    MEASURE_KEYS,
    MEASURES,
    VARIANTS,
    MeasureGroup,
    Sector,
    parse_measure,
    parse_sector,
    parse_variant,
)


def test_there_are_ten_measures_with_stable_keys() -> None:
    assert MEASURE_KEYS == (
        "social",
        "public",
        "commercial",
        "social-public",
        "social-commercial",
        "public-commercial",
        "health",
        "environment",
        "identity",
        "governance",
    )


def test_each_variant_orders_all_ten_measures_once() -> None:
    for variant in VARIANTS.values():
        assert sorted(variant.order) == sorted(MEASURE_KEYS)


def test_the_community_variant_starts_with_the_social_sector_and_weighs_it_most() -> None:
    community = VARIANTS["community"]
    assert community.order[0] == "social"
    assert community.weights["social"] == max(community.weights.values())
    assert community.weights["governance"] < community.weights["public"]


def test_the_place_variant_starts_with_the_commercial_sector_and_weighs_all_equally() -> None:
    place = VARIANTS["place"]
    assert place.order[:3] == ("commercial", "public", "social")
    assert set(place.weights.values()) == {1.0}


def test_weights_average_one_so_weighted_means_stay_on_the_scale() -> None:
    for variant in VARIANTS.values():
        assert sum(variant.weights.values()) / 10 == pytest.approx(1.0, abs=1e-5)


def test_the_first_six_measures_name_their_sectors_and_the_rest_none() -> None:
    for key in MEASURE_KEYS[:3]:
        assert MEASURES[key].sectors == (Sector(key),)
        assert MEASURES[key].group is MeasureGroup.SHAPE
    for key in MEASURE_KEYS[3:6]:
        assert {s.value for s in MEASURES[key].sectors} == set(key.split("-"))
    for key in MEASURE_KEYS[6:]:
        assert MEASURES[key].sectors == ()
        assert not MEASURES[key].is_network_measure


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("public", Sector.PUBLIC),
        ("Public Sector", Sector.PUBLIC),
        ("private", Sector.COMMERCIAL),
        ("Business sector", Sector.COMMERCIAL),
        ("COMMERCIAL", Sector.COMMERCIAL),
        ("voluntary", Sector.SOCIAL),
        ("Community", Sector.SOCIAL),
        ("third sector", Sector.SOCIAL),
        ("VCS", Sector.SOCIAL),
        ("vcse", Sector.SOCIAL),
        ("Charity", Sector.SOCIAL),
        ("  social   sector ", Sector.SOCIAL),
    ],
)
def test_it_reads_sectors_with_synonyms_and_a_trailing_sector(text: str, sector: Sector) -> None:
    assert parse_sector(text) is sector


@pytest.mark.parametrize("text", ["", "sector", "government-ish", "publicsector2"])
def test_it_rejects_text_that_names_no_sector(text: str) -> None:
    with pytest.raises(ValueError, match="not a sector"):
        parse_sector(text)


@pytest.mark.parametrize(
    ("text", "variant", "key"),
    [
        ("social-commercial", "community", "social-commercial"),
        ("5", "community", "social-commercial"),
        ("5", "place", "social-public"),
        (5, "place", "social-public"),
        (1.0, "place", "commercial"),
        ("M1", "community", "social"),
        ("Measure 10", "place", "governance"),
        ("Strength and shape of the social sector", "place", "social"),
        (
            "Partnerships between the public and commercial sectors",
            "community",
            "public-commercial",
        ),
        ("commercial and social", "community", "social-commercial"),
        ("Public–Commercial", "community", "public-commercial"),
        ("HEALTH & WELLBEING", "community", "health"),
        ("Environment", "community", "environment"),
        ("governance", "community", "governance"),
    ],
)
def test_it_reads_measures_by_key_number_or_title(text: str | int, variant: str, key: str) -> None:
    assert parse_measure(text, variant) == key


@pytest.mark.parametrize("text", ["0", "11", "measure 12", "wellness", "", True])
def test_it_rejects_what_is_not_a_measure(text: str | int) -> None:
    with pytest.raises(ValueError):
        parse_measure(text)


@given(st.sampled_from(sorted(VARIANTS)), st.integers(1, 10))
def test_a_measure_number_is_its_position_in_the_variant(variant: str, n: int) -> None:
    key = parse_measure(str(n), variant)
    assert VARIANTS[variant].number_of(key) == n


@given(st.text(max_size=40))
def test_parsing_a_measure_either_succeeds_or_raises_value_error(text: str) -> None:
    try:
        key = parse_measure(text)
    except ValueError:
        return
    assert key in MEASURE_KEYS


def test_it_reads_variants_with_community_as_the_default() -> None:
    assert parse_variant(None).key == "community"
    assert parse_variant("Place resilience").key == "place"
    assert parse_variant("neighbourhood").key == "community"
    with pytest.raises(ValueError, match="not a framework variant"):
        parse_variant("city")
