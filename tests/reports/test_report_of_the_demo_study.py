"""The demo study renders as a complete, well-formed report."""

from __future__ import annotations

import itertools

import pytest

from .support import headings, parse, render, text_of

demo = pytest.importorskip("communitydna.demo.study")


def test_the_demo_study_renders_with_every_evidence_item_and_headings_in_order() -> None:
    snapshot = demo.demo_snapshot()
    root = parse(render(snapshot))
    text = text_of(root)
    assert snapshot.place.name in text
    for evidence in snapshot.evidence:
        assert " ".join(evidence.text.split()) in text, evidence.id
    for recommendation in snapshot.recommendations:
        assert recommendation.title in text
    levels = [level for level, _ in headings(root)]
    assert levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    if snapshot.measures_unrated():
        assert "Not rated" in text
