from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communitydna.framework import LEVELS, POSITIONS, format_rating, get_position, parse_rating


def test_the_scale_has_four_levels_and_seven_positions() -> None:
    assert LEVELS == ("brittle", "vulnerable", "stable", "resilient")
    assert [p.value for p in POSITIONS] == list(range(1, 8))
    assert [p.label for p in POSITIONS if not p.is_between] == list(LEVELS)


def test_in_between_positions_lie_between_neighbouring_levels() -> None:
    assert get_position(2).levels == ("brittle", "vulnerable")
    assert get_position(4).words == "between vulnerable and stable"
    assert get_position(6).label == "stable–resilient"
    assert get_position(6).title == "Stable–resilient"


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("brittle", 1),
        ("Brittle", 1),
        ("between brittle and vulnerable", 2),
        ("vulnerable", 3),
        ("between vulnerable and stable", 4),
        ("vulnerable-stable", 4),
        ("vulnerable – stable", 4),
        ("Stable", 5),
        ("between stable and resilient", 6),
        ("stable-resilient", 6),
        ("Stable – Resilient", 6),
        ("Stable — Resilient", 6),
        ("stable/resilient", 6),
        ("stable to resilient", 6),
        ("resilient-stable", 6),
        ("RESILIENT", 7),
        ("6", 6),
        (" 3 ", 3),
        (7, 7),
        (4.0, 4),
    ],
)
def test_it_reads_ratings_as_people_type_them(text: str | int, position: int) -> None:
    assert parse_rating(text) == position


@pytest.mark.parametrize(
    "text", ["", "good", "0", "8", "3.5", "brittle-stable", "between brittle and resilient", True]
)
def test_it_rejects_ratings_that_are_not_on_the_scale(text: str) -> None:
    with pytest.raises(ValueError):
        parse_rating(text)


def test_two_levels_that_are_not_neighbours_are_explained() -> None:
    with pytest.raises(ValueError, match="not neighbours"):
        parse_rating("vulnerable-resilient")


@given(st.integers(1, 7))
def test_every_label_reads_back_as_its_position(value: int) -> None:
    position = get_position(value)
    assert parse_rating(position.label) == value
    assert parse_rating(position.words) == value
    assert parse_rating(position.title) == value


@given(st.text(max_size=30))
def test_reading_a_rating_either_succeeds_or_raises_value_error(text: str) -> None:
    try:
        value = parse_rating(text)
    except ValueError:
        return
    assert 1 <= value <= 7


def test_no_rating_formats_as_not_rated() -> None:
    assert format_rating(None) == "not rated"
    assert format_rating(1) == "brittle"
