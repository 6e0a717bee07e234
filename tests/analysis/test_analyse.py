"""The whole analysis: its JSON document, determinism, the as-of day, a large place."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from communitydna.analysis import (
    UnknownOrganisationError,
    analyse,
    analysis_to_json,
    load_schema,
)
from communitydna.demo import demo_snapshot
from communitydna.framework import Sector
from communitydna.snapshot import Organisation, PartialDate, Place, Relationship, Snapshot

DAY = dt.date(2024, 4, 1)


@pytest.fixture(scope="module")
def demo_document() -> dict:  # type: ignore[type-arg]
    return analysis_to_json(analyse(demo_snapshot(), as_of=DAY, orders=20, seed=1))


def validate(document: dict) -> None:  # type: ignore[type-arg]
    validator = jsonschema.Draft202012Validator(
        load_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(json.loads(json.dumps(document)))


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_the_document_of_the_demo_study_validates_against_the_schema(demo_document: dict) -> None:  # type: ignore[type-arg]
    validate(demo_document)


def test_the_document_meets_the_output_contract(demo_document: dict) -> None:  # type: ignore[type-arg]
    d = demo_document
    assert d["place"] == "Calderholme"
    assert d["as_of"] == "2024-04-01"
    assert set(d["sectors"]) == {"public", "commercial", "social"}
    assert set(d["pairs"]) == {"social-public", "social-commercial", "public-commercial"}
    for pair in d["pairs"].values():
        assert {"ties", "density", "weighted_density", "ei_index", "tense_share"} <= set(pair)
        assert len(pair["share_with_tie"]) == 2
        assert isinstance(pair["robustness"], float)
    assert isinstance(d["ei_index"], float)
    assert isinstance(d["ei_expected"], float)
    broker = d["brokers"][0]
    assert {"id", "name", "sector", "roles", "z", "betweenness"} <= set(broker)
    assert all(isinstance(i, str) for i in d["cut_points"])
    assert isinstance(d["bridges"], list)
    assert set(d["gaps"]["without_tie"]["social"]) == {"public", "commercial"}
    assert set(d["gaps"]["breakdown"]) == {"led_by", "size", "ward", "type"}
    for suggestion in d["suggestions"].values():
        assert {"position", "label", "evidence_count", "confidence", "explanation"} <= set(
            suggestion
        )
    assert {s["key"] for s in d["shocks"]["scenarios"]} >= {
        "random",
        "degree",
        "degree-adaptive",
        "betweenness",
        "betweenness-adaptive",
    }


def test_the_same_seed_gives_the_same_document() -> None:
    first = analysis_to_json(analyse(demo_snapshot(), as_of=DAY, orders=10, seed=5))
    again = analysis_to_json(analyse(demo_snapshot(), as_of=DAY, orders=10, seed=5))
    other = analysis_to_json(analyse(demo_snapshot(), as_of=DAY, orders=10, seed=6))
    assert json.dumps(first) == json.dumps(again)
    assert (
        first["pairs"]["social-public"]["robustness"]
        != other["pairs"]["social-public"]["robustness"]
    )


def small_study() -> Snapshot:
    return Snapshot(
        place=Place("Northgate"),
        organisations=(
            Organisation("council", "Council", Sector.PUBLIC),
            Organisation("foodbank", "Foodbank", Sector.SOCIAL),
            Organisation("bakery", "Bakery", Sector.COMMERCIAL),
        ),
        relationships=(
            Relationship("r1", "council", "foodbank", since=PartialDate(2010)),
            Relationship("r2", "foodbank", "bakery", until=PartialDate(2011, 6)),
        ),
    )


def test_the_as_of_day_decides_which_relationships_are_analysed() -> None:
    early = analyse(small_study(), as_of=dt.date(2009, 1, 1), orders=5)
    middle = analyse(small_study(), as_of=dt.date(2011, 3, 1), orders=5)
    late = analyse(small_study(), as_of=dt.date(2012, 1, 1), orders=5)
    assert [a.network.m for a in (early, middle, late)] == [1, 2, 1]
    assert middle.pairs["social-commercial"].ties == 1
    assert late.pairs["social-commercial"].ties == 0
    assert analysis_to_json(late)["as_of"] == "2012-01-01"


def test_a_named_closure_adds_a_scenario_and_an_unknown_one_is_refused() -> None:
    result = analyse(small_study(), as_of=DAY, orders=5, remove=["foodbank"])
    named = result.scenario("named")
    assert named is not None
    assert named.removed == ("foodbank",)
    assert named.pair_shares["public-commercial"] is not None
    with pytest.raises(UnknownOrganisationError):
        analyse(small_study(), as_of=DAY, remove=["nobody"])


def test_a_study_with_no_organisations_still_gives_a_valid_document() -> None:
    empty = Snapshot(place=Place("Nowhere"))
    validate(analysis_to_json(analyse(empty, as_of=DAY, orders=3)))


def test_without_shocks_the_document_has_no_scenarios_and_no_robustness() -> None:
    document = analysis_to_json(analyse(small_study(), as_of=DAY, shocks=False))
    validate(document)
    assert document["shocks"]["scenarios"] == []
    assert document["pairs"]["social-public"]["robustness"] is None


@pytest.mark.slow
def test_a_synthetic_place_of_two_thousand_organisations_is_analysed_and_validates() -> None:
    from communitydna.demo.synthetic import synthetic_snapshot

    study = synthetic_snapshot(2000, 8000, seed=3)
    document = analysis_to_json(analyse(study, as_of=DAY, orders=10))
    validate(document)
    assert document["network"]["organisations"] == 2000
