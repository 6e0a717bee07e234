"""Two runs give byte-identical figures, in SVG and PNG."""

from __future__ import annotations

import pytest

from communitydna.reports import build_report
from communitydna.reports.figures import force_layout
from communitydna.reports.figures.layout import EXACT_LIMIT

from .figures_support import all_figures, demo_analysis
from .support import GENERATED_ON, make_snapshot

demo = pytest.importorskip("communitydna.demo")


def test_two_builds_of_the_demo_report_give_identical_svg_and_png() -> None:
    snapshot = demo.demo_snapshot()
    analysis = demo_analysis(snapshot)
    first = list(all_figures(build_report(snapshot, analysis=analysis, generated_on=GENERATED_ON)))
    second = list(all_figures(build_report(snapshot, analysis=analysis, generated_on=GENERATED_ON)))
    assert [f.id for f in first] == [f.id for f in second]
    assert len({f.id for f in first}) == len(first)  # ids are unique in a report
    for a, b in zip(first, second, strict=True):
        assert a.svg == b.svg, a.id
        assert a.png == b.png, a.id
        assert a.png.startswith(b"\x89PNG")


def test_the_figures_do_not_depend_on_the_production_date() -> None:
    snapshot = make_snapshot()
    one = build_report(snapshot, generated_on=GENERATED_ON)
    other = build_report(snapshot)
    assert [f.svg for f in all_figures(one)] == [f.svg for f in all_figures(other)]


@pytest.mark.parametrize("n", [30, EXACT_LIMIT + 100])
def test_the_layout_is_the_same_for_the_same_seed_and_differs_for_another(n: int) -> None:
    edges = [(i, (i * 7 + 3) % n) for i in range(n)] + [(i, i + 1) for i in range(n - 1)]
    first = force_layout(n, edges, seed=4)
    assert (first == force_layout(n, edges, seed=4)).all()
    assert not (first == force_layout(n, edges, seed=5)).all()
    assert first.min() >= 0
    assert first.max() <= 1
