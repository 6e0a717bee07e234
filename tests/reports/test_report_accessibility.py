"""The report is structured for screen readers and keyboards."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from communitydna.framework import Sector
from communitydna.snapshot import Organisation, Place, Recommendation, Snapshot

from .support import (
    by_id,
    headings,
    make_hostile_snapshot,
    make_snapshot,
    parse,
    render,
    tag,
    text_of,
)

SNAPSHOTS = [make_snapshot("community"), make_snapshot("place"), make_hostile_snapshot()]
IDS = ["community", "place", "hostile"]


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=IDS)
def test_there_is_exactly_one_h1_and_it_comes_first(snapshot: Snapshot) -> None:
    levels = [level for level, _ in headings(parse(render(snapshot)))]
    assert levels.count(1) == 1
    assert levels[0] == 1


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=IDS)
def test_headings_never_skip_a_level(snapshot: Snapshot) -> None:
    found = list(headings(parse(render(snapshot))))
    for (before, _), (level, text) in itertools.pairwise(found):
        assert level <= before + 1, f"h{before} is followed by h{level} {text!r}"


def test_every_table_has_a_caption_and_scoped_header_cells(tree: ET.Element) -> None:
    tables = list(tree.iter(tag("table")))
    assert len(tables) >= 5
    for table in tables:
        caption = table.find(tag("caption"))
        assert caption is not None
        assert text_of(caption)
        header_cells = list(table.iter(tag("th")))
        assert header_cells
        for th in header_cells:
            assert th.get("scope") in {"col", "row"}


def test_a_skip_link_leads_to_the_main_content(tree: ET.Element) -> None:
    body = tree.find(tag("body"))
    assert body is not None
    first = next(iter(body))
    assert first.tag == tag("a")
    assert first.get("href") == "#main"
    assert by_id(tree, "main").tag == tag("main")


def test_the_table_of_contents_links_to_every_section_present(tree: ET.Element) -> None:
    nav = tree.find(f".//{tag('nav')}")
    assert nav is not None
    targets = [a.get("href", "")[1:] for a in nav.iter(tag("a"))]
    for target in targets:
        by_id(tree, target)
    assert {"summary", "place", "method", "measures", "recommendations", "organisations"} <= set(
        targets
    )
    assert "measure-social" in targets


def test_ids_are_unique(tree: ET.Element) -> None:
    ids = Counter(e.get("id") for e in tree.iter() if e.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []


def test_every_internal_link_lands_on_an_element(tree: ET.Element) -> None:
    ids = {e.get("id") for e in tree.iter()}
    for a in tree.iter(tag("a")):
        assert a.get("href", "")[1:] in ids, a.get("href")


def test_ratings_are_given_in_words_beside_the_marker(tree: ET.Element) -> None:
    rankings = by_id(tree, "rankings")
    for row in rankings.iter(tag("tr")):
        cells = row.findall(tag("td"))
        if cells:
            rating = text_of(cells[1])
            assert rating, "a rating cell must carry text"
            scale = cells[2].find(f".//{tag('div')}")
            assert scale is not None
            assert scale.get("aria-hidden") == "true"


def test_ids_stay_unique_when_organisation_and_recommendation_ids_look_alike() -> None:
    snapshot = Snapshot(
        place=Place("Lookalike"),
        organisations=tuple(
            Organisation(i, f"Org {i}", Sector.SOCIAL)
            for i in ("x", "X", "x!", "x-heading", "x-2", "", "summary")
        ),
        recommendations=tuple(Recommendation(i, f"Do {i}") for i in ("a", "a-heading", "A", "-")),
    )
    root = parse(render(snapshot))
    ids = Counter(e.get("id") for e in root.iter() if e.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []
    for a in root.iter(tag("a")):
        assert a.get("href", "")[1:] in ids
