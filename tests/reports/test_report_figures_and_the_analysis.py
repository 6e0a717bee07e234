"""Without an analysis the report still has its own figures; with one it maps the network."""

from __future__ import annotations

import pytest

from communitydna.reports import build_report, render_html

from .figures_support import all_figures, demo_analysis
from .support import GENERATED_ON, by_id, make_snapshot, parse, text_of

demo = pytest.importorskip("communitydna.demo")


def test_without_an_analysis_the_report_renders_with_the_figures_it_can_draw() -> None:
    report = build_report(make_snapshot(), generated_on=GENERATED_ON)
    ids = [f.id for f in all_figures(report)]
    assert ids[:3] == ["overall", "dna-strip", "rankings-chart"]
    assert all(f"scale-{m.key}" in ids for m in report.measures)
    assert not any(i.startswith(("map", "network-map", "robustness")) for i in ids)
    root = parse(render_html(report))
    assert all(e.get("id") != "network" for e in root.iter())


def test_the_demo_report_without_an_analysis_renders() -> None:
    root = parse(render_html(build_report(demo.demo_snapshot(), generated_on=GENERATED_ON)))
    assert "Calderholme" in text_of(by_id(root, "summary"))


def test_the_demo_report_with_its_analysis_maps_the_network_and_draws_shock_curves() -> None:
    pytest.importorskip("communitydna.analysis")
    snapshot = demo.demo_snapshot()
    analysis = demo_analysis(snapshot)
    report = build_report(snapshot, analysis=analysis, generated_on=GENERATED_ON)
    network = {f.id: f for f in report.network.figures}
    assert set(network) >= {"network-map", "robustness"}
    assert "Network map of Calderholme" in network["network-map"].alt
    assert "cut points" in network["network-map"].alt
    assert "R = " in network["robustness"].alt
    for section in report.measures:
        maps = [f for f in section.network.figures if f.id == f"map-{section.key}"]
        assert len(maps) == (1 if section.measure.is_network_measure else 0), section.key
    root = parse(render_html(report))
    graphics = {
        e.get("id")
        for e in by_id(root, "network").iter()
        if (e.get("id") or "").startswith("figure-")
    }
    assert {"figure-network-map", "figure-robustness"} <= graphics
