"""Measures appear in the order of the study's framework variant."""

from __future__ import annotations

import pytest

from communitydna.framework import VARIANTS
from communitydna.reports import build_report

from .support import GENERATED_ON, by_id, make_snapshot, parse, render, tag, text_of


@pytest.mark.parametrize("variant", ["community", "place"])
def test_the_model_numbers_measures_in_the_variant_order(variant: str) -> None:
    report = build_report(make_snapshot(variant), generated_on=GENERATED_ON)
    order = VARIANTS[variant].order
    assert tuple(m.key for m in report.measures) == order
    assert [m.number for m in report.measures] == list(range(1, 11))
    assert tuple(r.measure.key for r in report.summary.rankings) == order
    assert tuple(m.key for m in report.method.measures) == order


@pytest.mark.parametrize("variant", ["community", "place"])
def test_measure_sections_appear_in_the_variant_order(variant: str) -> None:
    root = parse(render(make_snapshot(variant)))
    section_ids = [
        s.get("id")
        for s in root.iter(tag("section"))
        if "measure" in (s.get("class") or "").split()
    ]
    assert section_ids == [f"measure-{k}" for k in VARIANTS[variant].order]


@pytest.mark.parametrize("variant", ["community", "place"])
def test_the_rankings_table_lists_the_ten_measures_in_the_variant_order(variant: str) -> None:
    root = parse(render(make_snapshot(variant)))
    table = by_id(root, "rankings").find(f".//{tag('table')}")
    assert table is not None
    rows = table.findall(f"./{tag('tbody')}/{tag('tr')}")
    titles = [text_of(row.find(tag("th"))) for row in rows]  # type: ignore[arg-type]
    numbers = [text_of(row.find(tag("td"))) for row in rows]  # type: ignore[arg-type]
    assert titles == [m.title for m in VARIANTS[variant].measures()]
    assert numbers == [str(n) for n in range(1, 11)]


def test_measure_five_is_social_commercial_in_community_and_social_public_in_place() -> None:
    community = parse(render(make_snapshot("community")))
    place = parse(render(make_snapshot("place")))
    assert text_of(by_id(community, "measure-social-commercial-heading")).startswith("Measure 5:")
    assert text_of(by_id(place, "measure-social-public-heading")).startswith("Measure 5:")
