"""The HTML report in a real browser: axe-core finds no serious barriers, nothing is fetched."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from communitydna.analysis import analyse, analysis_to_json
from communitydna.demo import demo_snapshot
from communitydna.reports import write_report
from communitydna.snapshot import Snapshot

from .support import OfflinePage

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")


def demo_report_html(
    tmp_path: Path, variant: str = "community", *, network: bool = True, public: bool = False
) -> str:
    """The demo study's report as ``communitydna report demo -o demo.html`` writes it.

    With ``network``, the network is measured and the report has its network section, as
    the command does by default.
    """
    snapshot: Snapshot = demo_snapshot()
    place = dataclasses.replace(snapshot.place, variant=variant)
    snapshot = dataclasses.replace(snapshot, place=place)
    analysis = None
    if network:
        analysis = analysis_to_json(analyse(snapshot, seed=0))
    path = write_report(
        snapshot,
        tmp_path / "demo.html",
        analysis=analysis,
        generated_on=dt.date(2024, 5, 1),
        public=public,
    )
    return path.read_text(encoding="utf-8")


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])} elements)")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
            lines.append(f"      {node.get('failureSummary', '').replace(chr(10), ' ')[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("variant", "network", "public"),
    [("community", True, False), ("place", False, True)],
    ids=["community-with-network", "place-public-without-network"],
)
def test_the_demo_report_has_no_serious_or_critical_accessibility_violations(
    offline_page: OfflinePage, tmp_path: Path, variant: str, network: bool, public: bool
) -> None:
    offline_page.show(demo_report_html(tmp_path, variant, network=network, public=public))

    results = offline_page.axe()

    assert results["testEngine"]["name"] == "axe-core"
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "axe-core found barriers:\n" + describe(blocking)


def test_axe_core_does_find_barriers_when_there_are_some(offline_page: OfflinePage) -> None:
    # Guards the test above against passing because axe never ran on the content.
    offline_page.show(
        '<!DOCTYPE html><html lang="en"><head><title>Bad</title></head>'
        '<body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<p style="color:#bbb;background:#fff">Faint text</p></main></body></html>'
    )

    results = offline_page.axe()

    found = {v["id"] for v in results["violations"] if v["impact"] in BLOCKING}
    assert {"image-alt", "color-contrast"} <= found


def test_the_report_asks_for_nothing_from_the_network_or_the_disk(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    offline_page.show(demo_report_html(tmp_path))
    offline_page.page.wait_for_load_state("networkidle")

    assert offline_page.requests == []


def test_the_skip_link_moves_keyboard_focus_to_the_report(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    page = offline_page.page
    offline_page.show(demo_report_html(tmp_path))

    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    target = page.evaluate("document.activeElement.id")

    assert first == "#main"
    assert target == "main"
