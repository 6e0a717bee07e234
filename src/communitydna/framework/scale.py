"""The sliding scale: four levels, and the three positions between neighbouring levels.

Positions run from 1 (brittle) to 7 (resilient); even positions lie between two levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "LEVELS",
    "POSITIONS",
    "Position",
    "format_rating",
    "get_position",
    "parse_rating",
]

LEVELS: tuple[str, ...] = ("brittle", "vulnerable", "stable", "resilient")


@dataclass(frozen=True, slots=True)
class Position:
    """A position on the seven-point scale.

    Attributes
    ----------
    value : int
        1 to 7.
    label : str
        ``"stable"`` or, between levels, ``"stable–resilient"`` (en dash).
    description : str
        What the position means, in our own words.
    levels : tuple of str
        One level, or the two levels it lies between.
    """

    value: int
    label: str
    description: str
    levels: tuple[str, ...]

    @property
    def is_between(self) -> bool:
        return len(self.levels) == 2

    @property
    def title(self) -> str:
        """The label with a capital, e.g. ``"Vulnerable–stable"``."""
        return self.label[:1].upper() + self.label[1:]

    @property
    def words(self) -> str:
        """The position in a sentence: ``"stable"`` or ``"between stable and resilient"``."""
        if self.is_between:
            return f"between {self.levels[0]} and {self.levels[1]}"
        return self.label


_LEVEL_TEXT = {
    "brittle": (
        "Little sign of relationships between sectors, and where they exist they are marked "
        "by tension. There is no joint response to local challenges and the place is highly "
        "exposed to shocks."
    ),
    "vulnerable": (
        "Relationships are underdeveloped: there is some communication, but it is neither "
        "sustained nor strategic. Joint responses are rare, the place is exposed to shocks and "
        "struggles to seize opportunities."
    ),
    "stable": (
        "Relationships are sound and forums dependable; there are some joint responses to "
        "local challenges. The place is fairly well prepared, though more creative "
        "collaboration is needed."
    ),
    "resilient": (
        "Relationships are robust and inventive; sectors work together very effectively with "
        "a clear positive effect. The place is well prepared for shocks and opportunities."
    ),
}


def _build_positions() -> tuple[Position, ...]:
    positions: list[Position] = []
    for i, level in enumerate(LEVELS):
        positions.append(Position(2 * i + 1, level, _LEVEL_TEXT[level], (level,)))
        if i + 1 < len(LEVELS):
            upper = LEVELS[i + 1]
            positions.append(
                Position(
                    2 * i + 2,
                    f"{level}–{upper}",
                    f"Between {level} and {upper}: some features of each.",
                    (level, upper),
                )
            )
    return tuple(positions)


POSITIONS: tuple[Position, ...] = _build_positions()


def get_position(value: int) -> Position:
    """Return the position with this number (1–7).

    Examples
    --------
    >>> get_position(4).label
    'vulnerable–stable'
    """
    if not 1 <= value <= len(POSITIONS):
        raise ValueError(f"{value!r} is not a scale position (1 to {len(POSITIONS)})")
    return POSITIONS[value - 1]


_BY_LEVEL = {level: 2 * i + 1 for i, level in enumerate(LEVELS)}
_DASHES = "‐‑‒–—―\\-"


def parse_rating(text: str | int | float) -> int:
    """Read a rating as people type it and return its position (1–7).

    Accepted: a level (``"Stable"``), a pair of neighbouring levels in any of the forms
    ``between stable and resilient``, ``stable-resilient``, ``Stable – Resilient``,
    ``stable/resilient``, ``stable to resilient`` (in either order), or a position number.

    Raises
    ------
    ValueError
        If the text is not on the scale, or names two levels that are not neighbours.

    Examples
    --------
    >>> parse_rating("between vulnerable and stable")
    4
    >>> parse_rating("Stable – Resilient")
    6
    >>> parse_rating("stable/resilient"), parse_rating("3")
    (6, 3)
    """
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not on the scale")
    if isinstance(text, int | float):
        if float(text).is_integer() and 1 <= int(text) <= 7:
            return int(text)
        raise ValueError(f"{text!r} is not a scale position (1 to 7)")
    raw = str(text).strip()
    cleaned = raw.lower()
    if re.fullmatch(r"\d+(\.0+)?", cleaned):
        return parse_rating(float(cleaned))
    cleaned = re.sub(r"^between\s+", "", cleaned)
    parts = [
        p.strip() for p in re.split(rf"\s*(?:[{_DASHES}/]|\band\b|\bto\b)\s*", cleaned) if p.strip()
    ]
    if len(parts) == 1 and parts[0] in _BY_LEVEL:
        return _BY_LEVEL[parts[0]]
    if len(parts) == 2 and all(p in _BY_LEVEL for p in parts):
        a, b = sorted(_BY_LEVEL[p] for p in parts)
        if b - a == 2:
            return a + 1
        raise ValueError(
            f"{raw!r} names two levels that are not neighbours; an in-between rating sits "
            "between two neighbouring levels (brittle, vulnerable, stable, resilient)"
        )
    raise ValueError(
        f"{raw!r} is not on the scale; use brittle, vulnerable, stable or resilient, or "
        "between two neighbouring levels (e.g. 'between vulnerable and stable'), or 1–7"
    )


def format_rating(value: int | None) -> str:
    """The label of a position, or ``"not rated"``.

    >>> format_rating(6), format_rating(None)
    ('stable–resilient', 'not rated')
    """
    return "not rated" if value is None else get_position(value).label
