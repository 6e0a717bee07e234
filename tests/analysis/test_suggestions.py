"""Suggested ratings follow the documented rule, so a user can check them by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from communitydna.analysis.mixing import PairFigures
from communitydna.analysis.sectors import SectorFigures
from communitydna.analysis.suggestions import MIN_EVIDENCE, suggest, suggestions
from communitydna.framework import Sector
from communitydna.snapshot import (
    Evidence,
    Organisation,
    PartialDate,
    Place,
    Polarity,
    Snapshot,
)

POS, NEG, NEU = Polarity.POSITIVE, Polarity.NEGATIVE, Polarity.NEUTRAL


def items(*spec: tuple[Polarity, int], sources: int = 1) -> list[Evidence]:
    return [
        Evidence(f"e{i}", polarity=p, weight=w, source=f"source {i % sources}")
        for i, (p, w) in enumerate(spec)
    ]


def pair(social: float, public: float, tense: float | None) -> PairFigures:
    return PairFigures(
        "social-public", (2, 0), 5, 0.1, 0.05, 0.0, 0.1, tense, {"social": social, "public": public}
    )


def sector(share: float, tense: float | None, organisations: int = 10) -> SectorFigures:
    return SectorFigures(
        "social", organisations, {}, None, None, 3, 0.1, 0.1, 2, share, 0.2, (), 0, tense, 0.0, 0.0
    )


def test_below_three_items_there_is_not_enough_evidence() -> None:
    s = suggest("health", items((POS, 3), (POS, 3)))
    assert MIN_EVIDENCE == 3
    assert (s.position, s.label, s.confidence, s.evidence_count) == (
        None,
        "not enough evidence",
        "none",
        2,
    )
    assert "at least 3" in s.explanation


def test_all_strengths_suggest_resilient_and_all_weaknesses_brittle() -> None:
    assert suggest("health", items((POS, 1), (POS, 2), (POS, 3))).position == 7
    assert suggest("health", items((NEG, 1), (NEG, 2), (NEG, 3))).position == 1


def test_the_balance_is_weighted_and_neutral_evidence_pulls_to_the_middle() -> None:
    # (3 - 1) / (3 + 1 + 2) = 1/3 -> 4 + 1 = 5
    s = suggest("environment", items((POS, 3), (NEG, 1), (NEU, 2)))
    assert s.balance == pytest.approx(1 / 3)
    assert s.evidence_position == pytest.approx(5.0)
    assert (s.position, s.label) == (5, "stable")


def test_halves_round_up() -> None:
    # balance 1/6 -> 4.5 -> 5
    s = suggest("identity", items((POS, 2), (NEG, 1), (NEU, 3)))
    assert s.evidence_position == pytest.approx(4.5)
    assert s.position == 5


def test_measures_one_to_six_are_moderated_by_the_network() -> None:
    evidence = items((POS, 1), (POS, 1), (POS, 1))  # evidence position 7
    # half of each side tied, a quarter of ties tense: x = 0.5 * 0.75, n = 1 + 6x = 3.25
    s = suggest("social-public", evidence, pair(0.5, 0.5, 0.25))
    assert s.network_position == pytest.approx(3.25)
    assert s.position == 6  # (2 * 7 + 3.25) / 3 = 5.75
    assert "(2 × 7.00 + 3.25) / 3 = 5.75, rounded to 6 (stable–resilient)" in s.explanation


def test_a_sector_is_moderated_by_its_largest_group_and_tension() -> None:
    evidence = items((NEG, 1), (NEG, 1), (NEG, 1))  # evidence position 1
    s = suggest("social", evidence, sector(1.0, None))  # n = 7
    assert s.position == 3  # (2 + 7) / 3
    assert suggest("social", evidence, sector(1.0, None, organisations=1)).network_position is None


def test_measures_seven_to_ten_use_the_evidence_only() -> None:
    s = suggest("health", items((POS, 1), (NEG, 1), (POS, 1)), pair(0.0, 0.0, 1.0))
    assert s.network_position is None


def test_confidence_grows_with_items_and_sources() -> None:
    assert suggest("health", items(*[(POS, 1)] * 5, sources=5)).confidence == "low"
    assert suggest("health", items(*[(POS, 1)] * 6, sources=2)).confidence == "medium"
    assert suggest("health", items(*[(POS, 1)] * 10, sources=3)).confidence == "high"
    assert suggest("health", items(*[(POS, 1)] * 10, sources=1)).confidence == "low"


def test_confidence_drops_when_evidence_and_network_disagree() -> None:
    evidence = items(*[(POS, 1)] * 10, sources=3)  # evidence 7, high
    s = suggest("social-public", evidence, pair(0.0, 0.0, None))  # network 1
    assert s.confidence == "medium"
    assert "disagree" in s.explanation


def test_evidence_dated_after_the_day_is_left_out() -> None:
    study = Snapshot(
        place=Place("Northgate"),
        organisations=(Organisation("council", "Council", Sector.PUBLIC),),
        evidence=tuple(
            Evidence(f"e{i}", measures=("health",), polarity=POS, date=PartialDate(2012 + i))
            for i in range(4)
        ),
    )
    early = suggestions(study, {}, dt.date(2013, 6, 1))["health"]
    late = suggestions(study, {}, dt.date(2016, 1, 1))["health"]
    assert (early.evidence_count, early.position) == (2, None)
    assert (late.evidence_count, late.position) == (4, 7)
    assert list(suggestions(study, {}, None)) == list(study.variant.order)
