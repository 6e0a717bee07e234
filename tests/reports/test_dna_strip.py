"""The DNA strip encodes each position by bar height and written value, not by colour alone."""

from __future__ import annotations

import re

from communitydna.framework import VARIANTS
from communitydna.reports.figures import dna_strip, dna_strip_figure
from communitydna.reports.figures.strip import STRIP_BAR_UNIT

from .figures_support import centre_x, element, height, svg_root

ORDER = VARIANTS["community"].order
POSITIONS = [6, 4, 3, 5, 2, 1, 7, None, 4, 3]


def _greyscale(svg: str) -> str:
    """The strip with every colour made black: what is left must still tell the positions."""
    return re.sub(r"#[0-9a-fA-F]{6}", "#000000", svg)


def _bar_heights(svg: str) -> list[float | None]:
    heights: list[float | None] = []
    for i in range(1, 11):
        bar = element(svg, f"strip-bar-{i}")
        heights.append(None if bar is None else height(bar))
    return heights


def test_bar_heights_are_proportional_to_the_positions_even_in_greyscale() -> None:
    svg = _greyscale(dna_strip(list(zip(ORDER, POSITIONS, strict=True)), svg_id="strip"))
    heights = _bar_heights(svg)
    assert heights[7] is None  # not rated: no bar
    unit = heights[0] / 6  # type: ignore[operator]
    for position, measured in zip(POSITIONS, heights, strict=True):
        if position is not None:
            assert measured is not None
            assert abs(measured - position * unit) < 0.01 * unit
    assert STRIP_BAR_UNIT > 0


def test_each_column_writes_its_position_and_a_dash_when_not_rated() -> None:
    svg = dna_strip(list(zip(ORDER, POSITIONS, strict=True)), svg_id="strip")
    written = []
    for i in range(1, 11):
        value = element(svg, f"strip-value-{i}")
        assert value is not None
        written.append("".join(value.itertext()).strip())
    assert written == [str(p) if p else "–" for p in POSITIONS]


def test_strips_of_different_places_have_the_same_size_and_columns() -> None:
    one = dna_strip(list(zip(ORDER, POSITIONS, strict=True)), svg_id="a")
    other = dna_strip(list(zip(ORDER, [1] * 10, strict=True)), svg_id="b")
    assert svg_root(one).get("viewBox") == svg_root(other).get("viewBox")
    one_frames = [element(one, f"a-frame-{i}") for i in range(1, 11)]
    other_frames = [element(other, f"b-frame-{i}") for i in range(1, 11)]
    assert all(f is not None for f in one_frames + other_frames)
    for a, b in zip(one_frames, other_frames, strict=True):
        assert centre_x(a) == centre_x(b)  # type: ignore[arg-type]
    labels = [element(one, f"a-label-{i}") for i in range(1, 11)]
    assert ["".join(e.itertext()) for e in labels if e is not None] == [
        str(i) for i in range(1, 11)
    ]


def test_the_strip_figure_says_every_position_in_its_alt_text() -> None:
    figure = dna_strip_figure(list(zip(ORDER, POSITIONS, strict=True)))
    assert "1 social sector 6 of 7 (stable–resilient)" in figure.alt
    assert "8 environment not rated" in figure.alt
    assert figure.svg.startswith("<svg")
