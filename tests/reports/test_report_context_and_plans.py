"""Context indicators are compared between areas; the action plan and indicators are summarised."""

from __future__ import annotations

import pytest

from communitydna.reports import build_report, render_html

from .support import GENERATED_ON, by_id, make_snapshot, parse, text_of

demo = pytest.importorskip("communitydna.demo")


@pytest.fixture(scope="module")
def demo_page() -> str:
    return render_html(build_report(demo.demo_snapshot(), generated_on=GENERATED_ON))


def test_the_place_compares_context_indicators_between_its_areas(demo_page: str) -> None:
    place = text_of(by_id(parse(demo_page), "place"))
    assert "Context indicators" in place
    assert "Residents claiming out-of-work benefits" in place
    assert "Sowden Park" in place
    assert "15.4%" in place


def test_the_action_plan_and_indicators_are_summarised_when_present(demo_page: str) -> None:
    root = parse(demo_page)
    snapshot = demo.demo_snapshot()
    actions = text_of(by_id(root, "actions"))
    assert f"{len(snapshot.actions)} actions in the plan" in actions
    for action in snapshot.actions:
        assert action.ref in actions
    indicators = text_of(by_id(root, "indicators"))
    for indicator in snapshot.indicators:
        assert indicator.name in indicators
    assert "11.2% (2023/24)" in indicators  # a baseline with its period


def test_a_study_without_a_plan_has_no_plan_sections() -> None:
    root = parse(render_html(build_report(make_snapshot(), generated_on=GENERATED_ON)))
    ids = {e.get("id") for e in root.iter()}
    assert "actions" not in ids
    assert "indicators" not in ids
    assert "Evidence by kind of source" in text_of(by_id(root, "method-notes"))
