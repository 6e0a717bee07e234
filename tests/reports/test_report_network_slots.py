"""The network parts and figures of the report stay empty until there is something to show."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from communitydna.reports import Figure, Report, build_report, render_html
from communitydna.snapshot import Snapshot

from .support import GENERATED_ON, by_id, headings, parse, render, tag, text_of

ANALYSIS: dict[str, Any] = {
    "place": "Northgate",
    "as_of": "2012-09-30",
    "ei_index": 0.42,
    "ei_expected": 0.31,
    "sectors": {
        "social": {"organisations": 2, "density": 0.0, "components": 2, "isolates": ["youth"]},
    },
    "pairs": {
        "social-public": {
            "ties": 1,
            "density": 0.25,
            "weighted_density": 0.15,
            "ei_index": 0.5,
            "tense_share": 0.0,
            "share_with_tie": {"social": 0.5, "public": 0.5},
            "robustness": 0.18,
        },
    },
    "brokers": [
        {
            "id": "council",
            "name": "Northgate Borough Council",
            "sector": "public",
            "betweenness": 0.6,
        },
        {"id": "foodbank", "name": "Northgate Foodbank", "sector": "social", "betweenness": 0.4},
    ],
    "cut_points": ["council"],
    "bridges": [["council", "retail"], {"source": "bakery", "target": "foodbank"}],
    "gaps": {
        "without_tie": {"social": {"public": ["youth"], "commercial": ["youth"]}},
        "breakdown": {"ward": {"Riverside": {"public": 1.0, "commercial": 0.5}}},
    },
    "suggestions": {
        "social": {
            "position": 5,
            "label": "stable",
            "evidence_count": 2,
            "confidence": "low",
            "explanation": "One strength of weight 2 against one weakness of weight 1.",
        },
        "health": {"position": None, "evidence_count": 0, "explanation": "Not enough evidence."},
    },
}

DOT = Figure("dot", '<svg viewBox="0 0 2 2"><circle cx="1" cy="1" r="1"/></svg>', "A dot", "Fig. 1")


def test_without_an_analysis_there_is_no_network_section(report: Report, html: str) -> None:
    assert report.network.is_empty
    assert all(m.network.is_empty and m.suggestion is None for m in report.measures)
    root = parse(html)
    assert all(e.get("id") != "network" for e in root.iter())
    assert "What the network shows" not in html
    assert "Suggested rating" not in html


def test_with_an_analysis_the_network_section_shows_brokers_cut_points_and_gaps(
    snapshot: Snapshot,
) -> None:
    root = parse(render(snapshot, ANALYSIS))
    text = text_of(by_id(root, "network"))
    assert "E-I index 0.42" in text
    assert "Northgate Borough Council Public 0.60" in text  # brokers, highest first
    assert "Single points of failure" in text
    assert "Northgate Borough Council Northgate Traders' Association" in text  # a bridge
    assert "Hill Street Bakery Northgate Foodbank" in text
    assert "Social 1 1 —" in text  # no tie to public, to commercial; not to itself
    assert "Riverside 100% 50% —" in text
    assert "Social–public 0.18" in text  # robustness by pair
    contents = [a.get("href") for a in root.iter(tag("a"))]
    assert "#network" in contents


def test_with_an_analysis_a_measure_shows_its_network_figures_and_suggestion(
    snapshot: Snapshot,
) -> None:
    root = parse(render(snapshot, ANALYSIS))
    pair = text_of(by_id(root, "measure-social-public"))
    assert "What the network shows" in pair
    assert "Strength-weighted density 0.15" in pair
    assert "Share of ties marked tense 0%" in pair
    social = text_of(by_id(root, "measure-social"))
    assert "Isolates 1 (Castle Youth Project)" in social
    assert "The analysis suggests Stable" in social
    assert "from 2 evidence items (confidence: low)" in social
    assert "One strength of weight 2" in social
    health = text_of(by_id(root, "measure-health"))
    assert "The analysis makes no suggestion, from 0 evidence items" in health
    assert "What the network shows" not in health


@pytest.mark.parametrize(
    "analysis",
    [
        {},
        {"sectors": [], "pairs": "none", "brokers": {"a": 1}, "gaps": 3, "suggestions": None},
        {"brokers": [1, None, {"betweenness": "high"}], "cut_points": [1, None], "bridges": [[1]]},
        {"suggestions": {"social": {"position": "stable", "evidence_count": True}}},
        {"pairs": {"social-public": {"ties": float("nan"), "robustness": {"random": 0.2}}}},
    ],
)
def test_a_malformed_analysis_never_breaks_the_report(
    snapshot: Snapshot, analysis: dict[str, Any]
) -> None:
    parse(render(snapshot, analysis))


def test_figures_placed_in_their_slots_are_rendered_with_alt_text_and_caption(
    snapshot: Snapshot,
) -> None:
    report = build_report(snapshot, generated_on=GENERATED_ON, figures=False)
    first = dataclasses.replace(report.measures[0], figures=(DOT,))
    with_figures = dataclasses.replace(
        report,
        summary=dataclasses.replace(report.summary, figures=(DOT,)),
        measures=(first, *report.measures[1:]),
    )
    root = parse(render_html(with_figures))
    figures = list(root.iter(tag("figure")))
    assert len(figures) == 2
    for figure in figures:
        graphic = figure.find(tag("div"))
        assert graphic is not None
        assert graphic.get("role") == "img"
        assert graphic.get("aria-label") == "A dot"
        assert graphic.find("{http://www.w3.org/2000/svg}svg") is not None
        assert text_of(figure.find(tag("figcaption"))) == "Fig. 1"  # type: ignore[arg-type]
    levels = [level for level, _ in headings(root)]
    assert levels.count(1) == 1


def test_the_report_is_the_same_for_the_same_date(snapshot: Snapshot) -> None:
    first = build_report(snapshot, analysis=ANALYSIS, generated_on=GENERATED_ON)
    second = build_report(snapshot, analysis=ANALYSIS, generated_on=GENERATED_ON)
    assert first == second
    assert render_html(first) == render_html(second)
    assert build_report(snapshot).title.generated_on == dt.date.today()
