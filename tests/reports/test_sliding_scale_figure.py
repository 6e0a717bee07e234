"""The sliding scale marks the rating's position; in-between ratings fall between two levels."""

from __future__ import annotations

import pytest

from communitydna.reports import RatingView, Report
from communitydna.reports.figures import sliding_scale

from .figures_support import centre_x, element, points, texts


def _x(svg: str, element_id: str) -> float:
    node = element(svg, element_id)
    assert node is not None, element_id
    return centre_x(node)


@pytest.mark.parametrize("position", range(1, 8))
def test_the_pointer_stands_over_the_rated_position(position: int) -> None:
    figure = sliding_scale(RatingView.of(position), figure_id="s")
    marks = [_x(figure.svg, f"s-position-{p}") for p in range(1, 8)]
    assert marks == sorted(marks)
    pointer = _x(figure.svg, "s-marker")
    nearest = min(range(7), key=lambda i: abs(marks[i] - pointer)) + 1
    assert nearest == position
    assert abs(pointer - marks[position - 1]) < 0.5


@pytest.mark.parametrize("position", [2, 4, 6])
def test_an_in_between_position_is_drawn_between_the_two_level_blocks(position: int) -> None:
    figure = sliding_scale(RatingView.of(position), figure_id="s")
    lower, upper = RatingView.of(position).levels
    below = element(figure.svg, f"s-level-{lower}")
    above = element(figure.svg, f"s-level-{upper}")
    assert below is not None
    assert above is not None
    pointer = _x(figure.svg, "s-marker")
    below_right = max(x for x, _ in points(below))
    above_left = min(x for x, _ in points(above))
    assert below_right < pointer < above_left


def test_the_rating_is_written_on_the_figure_and_in_its_alt_text() -> None:
    figure = sliding_scale(RatingView.of(6), figure_id="s", what="Social sector rating")
    assert figure.alt == "Social sector rating: between stable and resilient (position 6 of 7)"
    assert any("Stable–resilient" in t and "6 of 7" in t for t in texts(figure.svg))


def test_not_rated_is_drawn_without_a_pointer_and_says_so() -> None:
    figure = sliding_scale(RatingView.of(None), figure_id="s")
    assert element(figure.svg, "s-marker") is None
    assert element(figure.svg, "s-not-rated") is not None
    assert "Not rated" in texts(figure.svg)
    assert figure.alt == "Rating: not rated"


def test_each_measure_section_carries_its_sliding_scale(report: Report) -> None:
    for section in report.measures:
        (figure,) = section.figures
        assert figure.id == f"scale-{section.key}"
        rating = section.judgement.rating
        assert (element(figure.svg, f"{figure.id}-marker") is not None) is rating.rated
