"""The public report leaves out confidential evidence and names no organisation in evidence."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from communitydna.framework import Sector
from communitydna.reports import build_report, render_html
from communitydna.snapshot import Evidence, Organisation, Place, Polarity, Snapshot

from .support import GENERATED_ON, by_id, make_snapshot, parse, tag, text_of


def _evidence_texts(root: ET.Element) -> list[str]:
    return [
        text_of(li) for li in root.iter(tag("li")) if "evidence" in (li.get("class") or "").split()
    ]


def _public(snapshot: Snapshot) -> ET.Element:
    return parse(render_html(build_report(snapshot, generated_on=GENERATED_ON, public=True)))


def test_the_public_report_leaves_out_confidential_evidence() -> None:
    snapshot = make_snapshot()
    report = build_report(snapshot, generated_on=GENERATED_ON, public=True)
    assert "e-confidential" not in report.evidence_ids()
    assert report.evidence_ids() == {e.id for e in snapshot.evidence if not e.confidential}
    text = text_of(_public(snapshot))
    assert "privately doubts" not in text
    assert "Confidential" not in text


def test_the_full_report_still_shows_confidential_evidence_and_warns_against_publishing() -> None:
    snapshot = make_snapshot()
    root = parse(render_html(build_report(snapshot, generated_on=GENERATED_ON)))
    assert "privately doubts" in text_of(root)
    assert "not for publication" in text_of(by_id(root, "method-notes"))


def test_no_organisation_is_named_in_the_public_evidence() -> None:
    snapshot = make_snapshot()
    items = _evidence_texts(_public(snapshot))
    assert len(items) >= sum(1 for e in snapshot.evidence if not e.confidential)
    for item in items:
        for organisation in snapshot.organisations:
            assert organisation.name.casefold() not in item.casefold(), (organisation.name, item)
    assert any("a social-sector charity" in item for item in items)


def test_names_inside_the_evidence_text_are_replaced_by_sector_and_type() -> None:
    snapshot = Snapshot(
        place=Place("Northgate"),
        organisations=(
            Organisation("fb", "Northgate Foodbank", Sector.SOCIAL, type="food bank"),
            Organisation("h", "Holroyd Castings Ltd", Sector.COMMERCIAL, type="foundry"),
        ),
        evidence=(
            Evidence(
                "e1",
                "Northgate Foodbank said Holroyd Castings gives to the northgate foodbank.",
                source="Interview: Northgate Foodbank manager",
                measures=("social",),
                polarity=Polarity.POSITIVE,
            ),
        ),
    )
    report = build_report(snapshot, generated_on=GENERATED_ON, public=True)
    (item,) = report.measures[0].supporting
    assert item.text == (
        "A social-sector food bank said a commercial-sector foundry gives to the "
        "social-sector food bank."
    )
    assert item.source == "Interview: a social-sector food bank manager"


def test_the_public_report_says_it_is_the_public_version() -> None:
    root = _public(make_snapshot())
    notes = text_of(by_id(root, "method-notes"))
    assert "This is the public version of the report" in notes
    assert "1 evidence item marked confidential is left out" in notes
    assert "Public version" in text_of(by_id(root, "top"))


def test_organisations_of_public_evidence_are_described_without_links() -> None:
    report = build_report(make_snapshot(), generated_on=GENERATED_ON, public=True)
    described = [o for m in report.measures for e in m.supporting for o in e.organisations]
    assert described
    assert all(o.anchor == "" and o.id == "" for o in described)
    assert {o.name for o in described} >= {"a social-sector charity"}


demo = pytest.importorskip("communitydna.demo")


def test_the_public_demo_report_names_no_organisation_in_its_evidence() -> None:
    snapshot = demo.demo_snapshot()
    items = _evidence_texts(_public(snapshot))
    assert len(items) >= sum(1 for e in snapshot.evidence if not e.confidential)
    confidential = [e for e in snapshot.evidence if e.confidential]
    for item in items:
        for organisation in snapshot.organisations:
            assert organisation.name.casefold() not in item.casefold(), (organisation.name, item)
        for e in confidential:
            assert " ".join(e.text.split()) not in item
