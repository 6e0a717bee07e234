"""Plain inputs of the figures that need no drawing library to build or read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["AreaValue", "ShockCurve"]


@dataclass(frozen=True)
class AreaValue:
    """One area's value of an indicator: the number drawn and the text written."""

    area: str
    value: float
    text: str
    whole_place: bool = False


@dataclass(frozen=True)
class ShockCurve:
    """One closure scenario's curves.

    Attributes
    ----------
    key, label : str
        E.g. ``"degree"``, ``"Most connected first, ranked once"``.
    removed : sequence of float
        Share of all organisations closed at each point (0–1).
    largest : sequence of float or None
        Share of organisations in the largest connected group at each point.
    robustness : float or None
        The scenario's robustness figure R.
    pairs : mapping of str to sequence of float or None
        Each sector pair's connected share at each point.
    pair_robustness : mapping of str to float or None
    """

    key: str
    label: str
    removed: Sequence[float]
    largest: Sequence[float | None]
    robustness: float | None = None
    pairs: Mapping[str, Sequence[float | None]] = field(default_factory=dict)
    pair_robustness: Mapping[str, float | None] = field(default_factory=dict)
