"""Each measure shows its rating in words, or says it is not rated."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from communitydna.reports import RatingView, Report, build_report, render_html
from communitydna.snapshot import Snapshot

from .support import GENERATED_ON, by_id, parse, tag, text_of


def test_an_in_between_rating_says_between_the_two_levels(report: Report, tree: ET.Element) -> None:
    social = report.measures[0]
    assert social.key == "social"
    assert social.judgement.rating.words == "between stable and resilient"
    text = text_of(by_id(tree, "measure-social"))
    assert "Stable–resilient" in text
    assert "between stable and resilient" in text


def test_a_rating_row_without_a_position_says_not_rated(tree: ET.Element) -> None:
    text = text_of(by_id(tree, "measure-public"))
    assert "Not rated" in text
    assert "Rating: Not rated" in text


def test_a_measure_without_a_rating_row_says_not_rated(report: Report, tree: ET.Element) -> None:
    health = next(m for m in report.measures if m.key == "health")
    assert health.judgement.rating.label == "not rated"
    assert "Not rated" in text_of(by_id(tree, "measure-health"))


def test_unrated_measures_say_not_rated_in_the_rankings_table(tree: ET.Element) -> None:
    table = by_id(tree, "rankings").find(f".//{tag('table')}")
    assert table is not None
    assert text_of(table).count("not rated") == 2  # public (blank row) and health (no row)


def test_a_rating_shows_its_rationale_points_assessor_and_date(tree: ET.Element) -> None:
    text = text_of(by_id(tree, "measure-social"))
    assert "Dense web of mutual support" in text
    assert "Funding information does not reach small groups" in text
    assert "Rated by A. Assessor, September 2012." in text


def test_the_summary_gives_the_overall_assessment_with_its_rationale(tree: ET.Element) -> None:
    text = text_of(by_id(tree, "overall"))
    assert "Vulnerable–stable" in text
    assert "between vulnerable and stable" in text
    assert "Strong social sector, weak business links" in text


def test_a_position_off_the_scale_is_shown_as_not_rated() -> None:
    assert RatingView.of(9).label == "not rated"
    assert RatingView.of(0).rated is False


def test_without_figures_a_rating_is_shown_as_text_and_as_a_marker_on_the_scale(
    snapshot: Snapshot,
) -> None:
    report = build_report(snapshot, generated_on=GENERATED_ON, figures=False)
    section = by_id(parse(render_html(report)), "measure-social")
    current = [e for e in section.iter() if "scale-current" in (e.get("class") or "").split()]
    assert len(current) == 1
    steps = [e for e in section.iter() if "scale-step" in (e.get("class") or "").split()]
    assert steps.index(current[0]) == 5  # position 6 of 7
