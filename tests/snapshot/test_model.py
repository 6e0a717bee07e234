from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from communitydna.framework import Sector
from communitydna.snapshot import (
    Action,
    Evidence,
    FollowUp,
    Indicator,
    Lead,
    Milestone,
    Observation,
    ObservationKind,
    Organisation,
    PartialDate,
    Place,
    Polarity,
    Progress,
    Rating,
    Recommendation,
    Relationship,
    RelationshipStatus,
    Snapshot,
    SnapshotError,
)

ORGS = (
    Organisation("council", "Northgate Council", Sector.PUBLIC),
    Organisation("school", "Northgate Primary", Sector.PUBLIC),
    Organisation("shop", "Corner Shop", Sector.COMMERCIAL),
    Organisation("foodbank", "Northgate Foodbank", Sector.SOCIAL),
)


def make(**parts: object) -> Snapshot:
    return Snapshot(place=Place("Northgate"), organisations=ORGS, **parts)  # type: ignore[arg-type]


def test_a_snapshot_is_frozen_and_compares_by_value() -> None:
    a, b = make(), make()
    assert a == b
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.place = Place("Elsewhere")  # type: ignore[misc]


def test_lists_become_tuples() -> None:
    snapshot = Snapshot(place=Place("X"), organisations=list(ORGS))  # type: ignore[arg-type]
    assert isinstance(snapshot.organisations, tuple)


def test_it_lists_every_inconsistency_at_once() -> None:
    with pytest.raises(SnapshotError) as caught:
        make(
            relationships=(
                Relationship("r1", "council", "nowhere"),
                Relationship("r1", "ghost", "shop", evidence=("e9",)),
            ),
            evidence=(Evidence("e1", measures=("wellness",), organisations=("ghost",)),),
            followups=(FollowUp("rec9"),),
            observations=(Observation("i9", "2024", ObservationKind.ACTUAL),),
        )
    problems = caught.value.problems
    assert "duplicate relationship id 'r1'" in problems
    assert "relationship r1 refers to unknown organisation 'nowhere'" in problems
    assert "relationship r1 refers to unknown organisation 'ghost'" in problems
    assert "relationship r1 refers to unknown evidence 'e9'" in problems
    assert "evidence e1 refers to unknown measure 'wellness'" in problems
    assert "evidence e1 refers to unknown organisation 'ghost'" in problems
    assert "follow-up refers to unknown recommendation 'rec9'" in problems
    assert "observation refers to unknown indicator 'i9'" in problems


def test_it_rejects_duplicate_organisation_ids() -> None:
    with pytest.raises(SnapshotError, match="duplicate organisation id 'council'"):
        Snapshot(place=Place("X"), organisations=(*ORGS, ORGS[0]))


def test_it_rejects_a_lead_linked_to_an_unknown_organisation_but_keeps_unlinked_leads() -> None:
    unlinked = Action("1.1", "Open a hub", lead=(Lead("Friends of the Park"),))
    assert make(actions=(unlinked,)).actions[0].lead[0].linked is False
    with pytest.raises(SnapshotError, match="unknown organisation"):
        make(actions=(Action("1.1", "Open a hub", lead=(Lead("X", "ghost"),)),))


def test_an_action_is_due_at_its_latest_milestone() -> None:
    action = Action(
        "1.2.3",
        "Open a hub",
        milestones=(
            Milestone("Find premises", PartialDate(2008, 11)),
            Milestone("Open", PartialDate(2009, 3, 1)),
            Milestone("Review"),
        ),
    )
    assert action.due == PartialDate(2009, 3, 1)


def test_a_relationship_is_active_between_its_dates() -> None:
    rel = Relationship(
        "r1", "council", "foodbank", since=PartialDate(2020, 3), until=PartialDate(2022)
    )
    assert rel.is_active()
    assert not rel.is_active(dt.date(2020, 2, 29))
    assert rel.is_active(dt.date(2020, 3, 1))
    assert rel.is_active(dt.date(2022, 12, 31))
    assert not rel.is_active(dt.date(2023, 1, 1))
    ended = dataclasses.replace(rel, status=RelationshipStatus.ENDED)
    assert not ended.is_active()


def test_it_rejects_a_relationship_with_itself_and_one_that_ends_before_it_begins() -> None:
    with pytest.raises(SnapshotError, match="joins 'council' to itself"):
        make(relationships=(Relationship("r1", "council", "council"),))
    backwards = Relationship(
        "r2", "council", "shop", since=PartialDate(2021, 6), until=PartialDate(2021, 5)
    )
    with pytest.raises(SnapshotError, match="r2 ends \\(2021-05\\) before it begins"):
        make(relationships=(backwards,))
    # Within the same month at month precision, it begins and ends in that month.
    same = Relationship(
        "r3", "council", "shop", since=PartialDate(2021, 6), until=PartialDate(2021, 6, 1)
    )
    assert make(relationships=(same,)).relationships == (same,)


def test_neighbours_follow_active_relationships_in_either_direction_once() -> None:
    snapshot = make(
        relationships=(
            Relationship("r1", "council", "foodbank", "grant", directed=True),
            Relationship("r2", "foodbank", "council", "forum"),
            Relationship("r3", "shop", "council", status=RelationshipStatus.PROPOSED),
        )
    )
    assert [o.id for o in snapshot.neighbours("council")] == ["foodbank"]
    assert [o.id for o in snapshot.neighbours("foodbank")] == ["council"]
    assert len(snapshot.relationships_of("council")) == 3


def test_evidence_and_ratings_are_found_by_measure() -> None:
    snapshot = make(
        evidence=(
            Evidence("e1", "good", measures=("social",), polarity=Polarity.POSITIVE),
            Evidence("e2", "bad", measures=("social", "health"), polarity=Polarity.NEGATIVE),
            Evidence("e3", "uncoded"),
        ),
        ratings=(Rating("social", 5), Rating("health")),
        overall=Rating("overall", 4),
    )
    assert [e.id for e in snapshot.evidence_for("social")] == ["e1", "e2"]
    assert [e.id for e in snapshot.evidence_for("social", Polarity.NEGATIVE)] == ["e2"]
    assert [e.id for e in snapshot.uncoded_evidence()] == ["e3"]
    assert snapshot.rating("social") == Rating("social", 5)
    assert snapshot.rating("overall") == Rating("overall", 4)
    assert snapshot.rating("public") is None
    assert "health" in snapshot.measures_unrated()
    assert "social" not in snapshot.measures_unrated()
    assert snapshot.measures_missing_evidence()[0] == "public"
    assert snapshot.counts()["ratings"] == 1


def test_follow_ups_come_oldest_first_and_the_latest_is_the_last_dated() -> None:
    snapshot = make(
        recommendations=(Recommendation("rec1", "Start a forum"),),
        followups=(
            FollowUp("rec1", PartialDate(2010, 6), Progress.DONE),
            FollowUp("rec1", PartialDate(2009, 12), Progress.IN_PROGRESS),
            FollowUp("rec1", None, Progress.NOT_STARTED),
        ),
    )
    assert [f.progress for f in snapshot.followups_for("rec1")] == [
        Progress.IN_PROGRESS,
        Progress.DONE,
        Progress.NOT_STARTED,
    ]
    latest = snapshot.latest_followup("rec1")
    assert latest is not None
    assert latest.progress is Progress.DONE


def test_ratings_in_order_follow_the_variant() -> None:
    place_study = Snapshot(place=Place("X", variant="place"))
    assert [k for k, _ in place_study.ratings_in_order()][:3] == [
        "commercial",
        "public",
        "social",
    ]
    with pytest.raises(SnapshotError, match="variant"):
        Snapshot(place=Place("X", variant="city"))


def test_observations_are_found_by_indicator() -> None:
    snapshot = make(
        indicators=(Indicator("i1", "Employment rate"),),
        observations=(Observation("i1", "2024/25", ObservationKind.TARGET),),
    )
    assert snapshot.indicator("i1").name == "Employment rate"
    assert len(snapshot.observations_of("i1")) == 1


def test_it_rejects_values_off_their_scales() -> None:
    with pytest.raises(SnapshotError) as caught:
        make(
            relationships=(Relationship("r1", "council", "shop", strength=6),),
            evidence=(Evidence("e1", weight=0),),
            ratings=(Rating("social", 8),),
            overall=Rating("overall", 0),
        )
    assert len(caught.value.problems) == 4
