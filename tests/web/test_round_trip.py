"""Nothing is lost: workbook → database → workbook gives back what went in."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from communitydna.demo import demo_snapshot
from communitydna.framework import OVERALL, Sector
from communitydna.io import read_study, write_study
from communitydna.snapshot import (
    Action,
    ActionStatus,
    Direction,
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
    Quantity,
    Rating,
    Recommendation,
    Relationship,
    RelationshipStatus,
    Size,
    Snapshot,
    TensionReport,
)
from communitydna.web.studies.models import Study
from communitydna.web.studies.selectors import study_to_snapshot
from communitydna.web.studies.services import study_export, study_import

from .support import Cast, small_snapshot

pytestmark = pytest.mark.django_db


def _every_oddity() -> Snapshot:
    """A study that uses every field, every precision and every odd value."""
    return Snapshot(
        place=Place(
            "Ÿnys Môn – “east”",
            variant="place",
            date=PartialDate(2012),
            description="Line one\nline two",
            wards=("A", "B; not split"),
            assessors=("Zoë",),
            attributes={"population": "21,400", "empty": ""},
        ),
        organisations=(
            Organisation(
                "x" * 255,
                "Long id",
                Sector.COMMERCIAL,
                size=Size.LARGE,
                led_by=("bme", "women"),
                identifier="GB-COH-01234567",
                attributes={"website": "https://example.org"},
            ),
            Organisation("b", "B", Sector.SOCIAL, notes="tab\there"),
        ),
        relationships=(
            Relationship(
                "r",
                "b",
                "x" * 255,
                "a type nobody listed",
                directed=True,
                strength=5,
                tense=True,
                status=RelationshipStatus.ENDED,
                since=PartialDate(2001, 2),
                until=PartialDate(2003, 4, 5),
                evidence=("e2", "e1"),
                attributes={"colour": "red"},
            ),
            Relationship("loop", "b", "b"),
        ),
        evidence=(
            Evidence("e1", measures=("governance", "social"), polarity=Polarity.NEGATIVE),
            Evidence(
                "e2",
                "text",
                "Interview",
                PartialDate(2020, 1, 31),
                weight=3,
                organisations=("b", "x" * 255, "b"),
                confidential=True,
                attributes={"coder": "Ann"},
            ),
        ),
        ratings=(
            Rating("health", None, attributes={"note": "not yet"}),
            Rating("social", 2, ("one", "two"), "Ann", PartialDate(2024, 4)),
        ),
        overall=Rating(OVERALL, 6, ("overall",)),
        recommendations=(
            Recommendation("rec", "Do it", "Now", ("health",), "Council", "agreed", {"k": "v"}),
            Recommendation("rec2", "Later"),
        ),
        followups=(
            FollowUp("rec2", PartialDate(2025), Progress.DROPPED, "no money"),
            FollowUp("rec", None, Progress.IN_PROGRESS),
        ),
        actions=(
            Action(
                "1.2.3",
                "Act",
                "Theme",
                (Milestone("first"), Milestone("second", PartialDate(2008, 11))),
                (Lead("Nobody we know"), Lead("B", "b")),
                "Outcome",
                ActionStatus.AT_RISK,
                ("environment",),
                ("rec", "rec2"),
                {"budget": "£5k"},
            ),
            Action("1.2.3", "Same reference, another action"),
        ),
        indicators=(
            Indicator("i", "Jobs", "outcome", "%", Direction.DOWN, "Council", {"source": "ONS"}),
        ),
        observations=(
            Observation(
                "i",
                "2007/08",
                ObservationKind.BASELINE,
                Quantity(Decimal("42.5"), "<", True),
                "Ward 1",
                (("age", "16-24"), ("ethnicity", "Pakistani")),
            ),
            Observation("i", "2008/09", ObservationKind.TARGET, Quantity()),
            Observation(
                "i", "2009", ObservationKind.ACTUAL, Quantity(Decimal("123456789012.3456789"))
            ),
            Observation("i", "2010", ObservationKind.ACTUAL, Quantity(Decimal("1E-7"), "~")),
        ),
        tensions=(
            TensionReport(PartialDate(2023, 4), "North", "Police", "asb", 5, "Summary"),
            TensionReport(PartialDate(2023, 4, 1)),
        ),
    )


def test_the_demo_study_comes_back_from_the_database_equal(cast: Cast) -> None:
    snapshot = demo_snapshot()
    study = study_import(workspace=cast.workspace, snapshot=snapshot, user=cast.owner)
    assert study_to_snapshot(study) == snapshot


def test_every_field_precision_and_odd_value_comes_back_equal(cast: Cast) -> None:
    snapshot = _every_oddity()
    study = study_import(workspace=cast.workspace, snapshot=snapshot, user=cast.owner)
    back = study_to_snapshot(Study.objects.get(pk=study.pk))
    assert back == snapshot
    assert back.observations[2].value.number == Decimal("123456789012.3456789")
    assert back.place.date is not None
    assert back.place.date.precision == "year"


def test_a_workbook_imported_and_exported_reads_back_equal(cast: Cast, tmp_path: Path) -> None:
    original = tmp_path / "in.xlsx"
    write_study(demo_snapshot(), original)
    read = read_study(original)
    assert read.snapshot is not None
    study = study_import(workspace=cast.workspace, snapshot=read.snapshot, user=cast.owner)
    exported = study_export(study=study, path=tmp_path / "out.xlsx", user=cast.viewer)
    assert read_study(exported).snapshot == read.snapshot == demo_snapshot()


def test_a_csv_folder_round_trips_through_the_database(cast: Cast, tmp_path: Path) -> None:
    snapshot = demo_snapshot()
    study = study_import(workspace=cast.workspace, snapshot=snapshot, user=cast.owner)
    study_export(study=study, path=tmp_path / "csv", user=cast.owner)
    assert read_study(tmp_path / "csv").snapshot == snapshot


def test_two_studies_in_one_workspace_keep_their_own_rows(cast: Cast) -> None:
    demo = study_import(workspace=cast.workspace, snapshot=demo_snapshot(), user=cast.owner)
    again = study_import(workspace=cast.workspace, snapshot=small_snapshot(), user=cast.owner)
    assert study_to_snapshot(demo) == demo_snapshot()
    assert study_to_snapshot(again) == small_snapshot()
    assert study_to_snapshot(cast.study) == small_snapshot()


def test_the_study_is_named_after_its_place_unless_named(cast: Cast) -> None:
    named = study_import(
        workspace=cast.workspace, snapshot=small_snapshot(), user=None, name="Round 2"
    )
    assert (cast.study.name, named.name) == ("Northgate", "Round 2")
    assert cast.study.created_by == cast.owner
