"""Every evidence item of the study appears in the report, under the right heading."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from communitydna.framework import VARIANTS
from communitydna.reports import Report, build_report
from communitydna.snapshot import Polarity, Snapshot

from .support import GENERATED_ON, by_id, make_snapshot, parse, render, tag, text_of


def _has_class(element: ET.Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def evidence_by_heading(section: ET.Element) -> dict[str, list[str]]:
    """The texts of the evidence items that follow each heading among a section's children."""
    found: dict[str, list[str]] = {}
    current = ""
    for child in section:
        if child.tag in {tag("h2"), tag("h3"), tag("h4")}:
            current = text_of(child)
        elif child.tag == tag("ul") and _has_class(child, "evidence-list"):
            for item in child:
                text = next(e for e in item.iter() if _has_class(e, "evidence-text"))
                found.setdefault(current, []).append(text_of(text))
    return found


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("variant", ["community", "place"])
def test_every_evidence_item_appears_in_the_report(variant: str) -> None:
    snapshot = make_snapshot(variant)
    page = text_of(parse(render(snapshot)))
    for evidence in snapshot.evidence:
        assert _flat(evidence.text) in page, evidence.id
    report = build_report(snapshot, generated_on=GENERATED_ON)
    assert report.evidence_ids() == {e.id for e in snapshot.evidence}


def test_coded_evidence_appears_under_each_of_its_measures(
    snapshot: Snapshot, tree: ET.Element
) -> None:
    for evidence in snapshot.evidence:
        for key in evidence.measures:
            texts = [
                t for ts in evidence_by_heading(by_id(tree, f"measure-{key}")).values() for t in ts
            ]
            assert _flat(evidence.text) in texts, (evidence.id, key)


def test_evidence_appears_only_under_the_measures_it_is_coded_to(
    snapshot: Snapshot, tree: ET.Element
) -> None:
    for key in VARIANTS["community"].order:
        shown = [
            t for ts in evidence_by_heading(by_id(tree, f"measure-{key}")).values() for t in ts
        ]
        expected = [_flat(e.text) for e in snapshot.evidence_for(key)]
        assert sorted(shown) == sorted(expected), key


def test_positive_evidence_is_supporting_and_negative_is_contrary(
    snapshot: Snapshot, tree: ET.Element
) -> None:
    headings = {
        Polarity.POSITIVE: "Supporting evidence",
        Polarity.NEGATIVE: "Contrary evidence",
        Polarity.NEUTRAL: "Neutral evidence",
    }
    for evidence in snapshot.evidence:
        for key in evidence.measures:
            found = evidence_by_heading(by_id(tree, f"measure-{key}"))
            assert _flat(evidence.text) in found[headings[evidence.polarity]], evidence.id


def test_uncoded_evidence_appears_in_its_own_section(snapshot: Snapshot, tree: ET.Element) -> None:
    found = evidence_by_heading(by_id(tree, "uncoded-evidence"))
    texts = [t for ts in found.values() for t in ts]
    assert sorted(texts) == sorted(_flat(e.text) for e in snapshot.uncoded_evidence())
    assert len(texts) == 2


def test_the_uncoded_section_is_left_out_when_every_item_is_coded(snapshot: Snapshot) -> None:
    coded = Snapshot(
        place=snapshot.place,
        organisations=snapshot.organisations,
        evidence=tuple(e for e in snapshot.evidence if e.measures),
    )
    root = parse(render(coded))
    assert all(e.get("id") != "uncoded-evidence" for e in root.iter())


def test_evidence_shows_its_source_date_weight_and_linked_organisations(
    tree: ET.Element,
) -> None:
    section = by_id(tree, "measure-social")
    item = next(
        li
        for li in section.iter(tag("li"))
        if "share volunteers" in text_of(li) and _has_class(li, "evidence")
    )
    text = text_of(item)
    assert "Interview: foodbank manager" in text
    assert "15 July 2012" in text
    assert "weight 2" in text
    links = {a.get("href"): text_of(a) for a in item.iter(tag("a"))}
    assert links["#org-foodbank"] == "Northgate Foodbank"
    assert links["#org-youth"] == "Castle Youth Project"
    for href in links:
        by_id(tree, href[1:])  # every link lands on something


def test_evidence_coded_to_several_measures_says_where_else_it_is(tree: ET.Element) -> None:
    section = by_id(tree, "measure-public")
    item = next(li for li in section.iter(tag("li")) if "renewed for three years" in text_of(li))
    assert "Also coded to measure 4, social–public" in text_of(item)


def test_confidential_evidence_is_marked_confidential(tree: ET.Element) -> None:
    section = by_id(tree, "measure-governance")
    item = next(li for li in section.iter(tag("li")) if "privately doubts" in text_of(li))
    assert "Confidential" in text_of(item)


def test_a_measure_with_no_evidence_of_a_kind_says_so(report: Report, tree: ET.Element) -> None:
    text = text_of(by_id(tree, "measure-health"))
    assert "No supporting evidence has been coded to this measure." in text
    assert "No contrary evidence has been coded to this measure." in text
