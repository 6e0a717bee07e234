"""Suggested ratings: a transparent rule a user can follow by hand.

A suggestion sits beside the assessor's rating, never in its place. For each measure:

1. **Evidence.** Take the evidence coded to the measure (undated, or dated on or before the
   as-of day). With fewer than :data:`MIN_EVIDENCE` (three) items the suggestion is
   *not enough evidence* and no position is given. Three is the smallest number that lets
   a finding be triangulated — the method rests on three kinds of evidence (interviews,
   focus groups, desk review) — and with fewer, one item more or less moves the
   suggestion by three positions or more.
2. **Balance.** ``balance = Σ sign × weight / Σ weight`` over those items, where sign is +1
   for a strength, -1 for a weakness and 0 for neutral evidence (which still counts in the
   denominator, pulling the balance towards the middle). It runs from -1 to +1.
3. **Evidence position** ``e = 4 + 3 × balance``: all weaknesses give 1 (brittle), an even
   balance 4 (vulnerable–stable), all strengths 7 (resilient).
4. **Network position** (measures 1–6 only, when the sectors concerned have organisations):
   a network score ``x`` from 0 to 1, then ``n = 1 + 6 × x``:

   - a sector (measures 1–3): ``x = L × (1 - T)``, with L the share of the sector's
     organisations in its largest connected group (within-sector ties) and T the share of
     its within-sector ties marked tense; a sector of one organisation has no network
     position;
   - a sector pair (measures 4–6): ``x = W × (1 - T)``, with W the mean of the two sectors'
     shares of organisations with a tie to the other, and T the share of the ties between
     them marked tense.
5. **Suggested position**: ``(2 × e + n) / 3`` when there is a network position, else ``e``;
   rounded to the nearest whole position, halves up, within 1–7.
6. **Confidence**: *high* with at least 10 items from at least 3 different sources,
   *medium* with at least 6 items from at least 2 sources, otherwise *low*; one step lower
   (never below low) when the evidence and network positions are 3 or more apart.

The explanation repeats these numbers for the measure, so the suggestion can be checked.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from communitydna.analysis.mixing import PairFigures
from communitydna.analysis.sectors import SectorFigures
from communitydna.framework import MEASURES, get_position
from communitydna.snapshot import Evidence, Polarity, Snapshot

__all__ = [
    "MIN_EVIDENCE",
    "NOT_ENOUGH",
    "Suggestion",
    "evidence_position",
    "network_position",
    "suggest",
    "suggestions",
]

MIN_EVIDENCE = 3
"""Fewest coded evidence items for a suggestion."""

NOT_ENOUGH = "not enough evidence"

_CONFIDENCE = ("low", "medium", "high")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested rating for one measure.

    Attributes
    ----------
    measure : str
    position : int or None
        1–7, or ``None`` when there is not enough evidence.
    label : str
        The scale label, or ``"not enough evidence"``.
    evidence_count : int
    confidence : str
        ``"low"``, ``"medium"``, ``"high"``, or ``"none"`` without a suggestion.
    explanation : str
    balance : float or None
    evidence_position : float or None
    network_position : float or None
    """

    measure: str
    position: int | None
    label: str
    evidence_count: int
    confidence: str
    explanation: str
    balance: float | None = None
    evidence_position: float | None = None
    network_position: float | None = None


def evidence_position(items: list[Evidence]) -> tuple[float, float]:
    """The balance of evidence and the position it points to, ``4 + 3 × balance``.

    Examples
    --------
    >>> from communitydna.snapshot import Evidence, Polarity
    >>> items = [
    ...     Evidence("e1", polarity=Polarity.POSITIVE, weight=3),
    ...     Evidence("e2", polarity=Polarity.NEGATIVE, weight=1),
    ...     Evidence("e3", polarity=Polarity.NEUTRAL, weight=2),
    ... ]
    >>> evidence_position(items)
    (0.3333333333333333, 5.0)
    """
    total = sum(max(e.weight, 0) for e in items)
    if total == 0:
        return 0.0, 4.0
    balance = sum(e.polarity.sign * max(e.weight, 0) for e in items) / total
    return balance, 4.0 + 3.0 * balance


def network_position(figures: SectorFigures | PairFigures | None) -> tuple[float, str] | None:
    """The network position of a sector or pair (``1 + 6x``) and the sentence behind it.

    Examples
    --------
    >>> from communitydna.analysis.mixing import PairFigures
    >>> pair = PairFigures(
    ...     "social-public", (2, 0), 4, 0.1, 0.05, 0.2, 0.1, 0.25,
    ...     {"social": 0.5, "public": 1.0},
    ... )
    >>> network_position(pair)[0]
    4.375
    """
    if figures is None:
        return None
    if isinstance(figures, SectorFigures):
        share = figures.largest_component_share
        if figures.organisations < 2 or share is None:
            return None
        tense = figures.tense_share or 0.0
        x = share * (1 - tense)
        words = (
            f"{share:.0%} of {figures.sector} organisations are in their largest connected "
            f"group and {tense:.0%} of their ties with each other are tense"
        )
    else:
        sides = list(figures.share_with_tie.items())
        if any(v is None for _, v in sides):
            return None
        shares = [float(v) for _, v in sides if v is not None]
        tense = figures.tense_share or 0.0
        x = sum(shares) / len(shares) * (1 - tense)
        names = " and ".join(f"{v:.0%} of {k}" for k, v in sides if v is not None)
        words = (
            f"{names} organisations have a tie to the other sector "
            f"and {tense:.0%} of those ties are tense"
        )
    position = 1.0 + 6.0 * x
    return position, f"{words}: network score {x:.2f}, network position {position:.2f}"


def _round_half_up(value: float) -> int:
    return int(min(7, max(1, math.floor(value + 0.5))))


def _count(n: int, word: str) -> str:
    plural = word + ("es" if word.endswith("s") else "s")
    return f"{n} {word if n == 1 else plural}"


def suggest(
    measure: str,
    items: list[Evidence],
    figures: SectorFigures | PairFigures | None = None,
) -> Suggestion:
    """The suggestion for one measure from its evidence and, for measures 1–6, its figures.

    Examples
    --------
    >>> from communitydna.snapshot import Evidence, Polarity
    >>> items = [Evidence(f"e{i}", polarity=Polarity.POSITIVE, source=f"s{i}") for i in range(3)]
    >>> s = suggest("health", items)
    >>> s.position, s.label, s.confidence
    (7, 'resilient', 'low')
    >>> suggest("health", items[:2]).label
    'not enough evidence'
    """
    count = len(items)
    strengths = sum(1 for e in items if e.polarity is Polarity.POSITIVE)
    weaknesses = sum(1 for e in items if e.polarity is Polarity.NEGATIVE)
    neutral = count - strengths - weaknesses
    if count < MIN_EVIDENCE:
        return Suggestion(
            measure=measure,
            position=None,
            label=NOT_ENOUGH,
            evidence_count=count,
            confidence="none",
            explanation=(
                f"Not enough evidence: {_count(count, 'item')} coded to this measure; "
                f"a suggestion needs at least {MIN_EVIDENCE}."
            ),
        )
    balance, e_pos = evidence_position(items)
    weight_for = sum(e.weight for e in items if e.polarity is Polarity.POSITIVE)
    weight_against = sum(e.weight for e in items if e.polarity is Polarity.NEGATIVE)
    weight_all = sum(max(e.weight, 0) for e in items)
    parts = [
        f"From {_count(count, 'evidence item')} ({_count(strengths, 'strength')}, "
        f"{_count(weaknesses, 'weakness')}, {neutral} neutral): "
        f"weight {weight_for} for and {weight_against} against out of {weight_all}, "
        f"balance {balance:+.2f}, evidence position {e_pos:.2f}."
    ]
    network = network_position(figures) if MEASURES[measure].is_network_measure else None
    if network is not None:
        n_pos, words = network
        combined = (2 * e_pos + n_pos) / 3
        parts.append(f"Network: {words}.")
        parts.append(f"Suggested (2 × {e_pos:.2f} + {n_pos:.2f}) / 3 = {combined:.2f}")
    else:
        n_pos = None
        combined = e_pos
        parts.append(f"Suggested {combined:.2f}")
    position = _round_half_up(combined)
    label = get_position(position).label
    parts[-1] += f", rounded to {position} ({label})."
    sources = len({(e.source or e.id).strip().lower() for e in items})
    level = 2 if count >= 10 and sources >= 3 else 1 if count >= 6 and sources >= 2 else 0
    if n_pos is not None and abs(e_pos - n_pos) >= 3 and level > 0:
        level -= 1
        parts.append("Confidence is lowered because the evidence and the network disagree.")
    return Suggestion(
        measure=measure,
        position=position,
        label=label,
        evidence_count=count,
        confidence=_CONFIDENCE[level],
        explanation=" ".join(parts),
        balance=balance,
        evidence_position=e_pos,
        network_position=n_pos,
    )


def suggestions(
    snapshot: Snapshot,
    figures: Mapping[str, SectorFigures | PairFigures],
    as_of: dt.date | None = None,
) -> dict[str, Suggestion]:
    """Suggestions for every measure of the study's variant, in its order.

    Parameters
    ----------
    snapshot : Snapshot
    figures : mapping
        Network figures by measure key (sector keys and pair keys).
    as_of : datetime.date, optional
        Evidence dated after this day is left out.

    Examples
    --------
    >>> from communitydna.snapshot import Evidence, Place, Polarity, Snapshot
    >>> study = Snapshot(
    ...     place=Place("Northgate"),
    ...     evidence=tuple(
    ...         Evidence(f"e{i}", measures=("health",), polarity=Polarity.NEGATIVE)
    ...         for i in range(3)
    ...     ),
    ... )
    >>> found = suggestions(study, {})
    >>> found["health"].label, found["governance"].label
    ('brittle', 'not enough evidence')
    """
    result: dict[str, Suggestion] = {}
    for key in snapshot.variant.order:
        items = [
            e
            for e in snapshot.evidence_for(key)
            if as_of is None or e.date is None or e.date.start() <= as_of
        ]
        result[key] = suggest(key, items, figures.get(key))
    return result
