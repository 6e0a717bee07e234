"""The fixed vocabularies of the workbook, and the synonyms people write for them.

Words are looked up with :func:`~communitydna.io.cells.word_key`, so letter case and
repeated spaces never matter.

Examples
--------
>>> STATUSES["current"], POLARITIES["weakness"], relationship_type("Supply-chain")
(<RelationshipStatus.ACTIVE: 'active'>, <Polarity.NEGATIVE: 'negative'>, 'supply chain')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from communitydna.io.cells import word_key
from communitydna.snapshot import (
    RELATIONSHIP_TYPES,
    ActionStatus,
    Direction,
    ObservationKind,
    Polarity,
    Progress,
    RelationshipStatus,
    Size,
)

__all__ = [
    "ACTION_STATUSES",
    "DIRECTIONS",
    "KINDS",
    "NOTHING",
    "OVERALL_WORDS",
    "POLARITIES",
    "PROGRESS",
    "SIZES",
    "STATUSES",
    "relationship_type",
]

E = TypeVar("E")


def _words(pairs: Iterable[tuple[str, Iterable[str]]], make: Callable[[str], E]) -> dict[str, E]:
    table: dict[str, E] = {}
    for value, synonyms in pairs:
        for word in (value, *synonyms):
            table[word_key(word)] = make(value)
    return table


SIZES = _words(((s.value, ()) for s in Size), Size)
STATUSES = _words(
    (
        ("active", ("current", "live", "ongoing")),
        ("ended", ("past", "former", "finished", "closed", "inactive")),
        ("proposed", ("planned", "potential")),
    ),
    RelationshipStatus,
)
POLARITIES = _words(
    (
        ("positive", ("+", "strength", "strong point", "for", "plus")),
        ("negative", ("-", "weakness", "weak point", "against", "minus")),
        ("neutral", ("0", "=", "mixed")),
    ),
    Polarity,
)
PROGRESS = _words(
    (
        ("not started", ("not yet started",)),
        ("in progress", ("started", "ongoing", "underway", "under way")),
        ("done", ("complete", "completed", "achieved", "implemented")),
        ("dropped", ("abandoned", "cancelled", "canceled", "rejected")),
    ),
    Progress,
)
ACTION_STATUSES = _words(
    (
        ("not started", ("not yet started",)),
        ("on track", ("on-track", "green")),
        ("at risk", ("at-risk", "delayed", "behind", "amber", "red")),
        ("done", ("complete", "completed", "achieved")),
        ("dropped", ("abandoned", "cancelled", "canceled")),
    ),
    ActionStatus,
)
KINDS = _words(
    (
        ("baseline", ("base line", "base")),
        ("target", ("goal",)),
        ("actual", ("outturn", "result", "observed", "measured")),
    ),
    ObservationKind,
)
DIRECTIONS = _words(
    (
        ("up", ("higher", "higher is better", "up is better", "increase", "↑")),
        ("down", ("lower", "lower is better", "down is better", "decrease", "↓")),
    ),
    Direction,
)

OVERALL_WORDS = frozenset({"overall", "overall assessment", "overall rating", "place overall"})
"""What a Ratings row may say in ``measure`` for the overall assessment."""

NOTHING = frozenset({"-", "tbd", "tbc", "to be determined", "to be confirmed", "n/a", "none", "?"})
"""What stands for "no date" among the items of an action's ``due`` cell."""

_TYPES = {word_key(t.replace("-", " ")): t for t in RELATIONSHIP_TYPES}
_SEEN_TYPES: dict[str, str] = {t: t for t in RELATIONSHIP_TYPES}


def relationship_type(text: str) -> str:
    """A known relationship type written the contract's way, or the text as written.

    >>> relationship_type("Co Location"), relationship_type("mentoring"), relationship_type("")
    ('co-location', 'mentoring', 'partnership')
    """
    if not text:
        return "partnership"
    found = _SEEN_TYPES.get(text)
    if found is None:
        found = _TYPES.get(word_key(re.sub(r"[-_]", " ", text)), text)
        if len(_SEEN_TYPES) < 10_000:  # a bounded memo: the same few types fill a sheet
            _SEEN_TYPES[text] = found
    return found
