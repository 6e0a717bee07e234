"""The study archive: one versioned JSON document that keeps a whole study exactly."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from workbook_support import small_study, snapshots

from communitydna.demo import demo_snapshot
from communitydna.framework import Sector
from communitydna.io import (
    archive_to_snapshot,
    load_study,
    read_archive,
    read_study,
    snapshot_to_archive,
    write_archive,
    write_study,
)
from communitydna.snapshot import (
    Action,
    ActionUpdate,
    Evidence,
    Indicator,
    Observation,
    ObservationKind,
    Organisation,
    PartialDate,
    Place,
    Quantity,
    Relationship,
    Snapshot,
)

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _schema() -> dict[str, Any]:
    text = resources.files("communitydna.io").joinpath("archive.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


VALIDATOR = jsonschema.Draft202012Validator(_schema())


def _odd() -> Snapshot:
    """What a workbook cannot hold but an archive must: spaces, tabs, separators in items."""
    return Snapshot(
        place=Place(" Northgate ", "place", PartialDate(999, 1, 31), wards=("A; B", " C\n")),
        organisations=(
            Organisation("a;b", "\tTabbed", Sector.SOCIAL, notes="=SUM(A1)", led_by=("x;y",)),
            Organisation("c", "C", Sector.PUBLIC, attributes={"Mixed Case": " kept "}),
        ),
        relationships=(Relationship("r", "a;b", "c", "  ", evidence=("e", "e")),),
        evidence=(Evidence("e", organisations=("c", "c")),),
        actions=(
            Action(
                "1",
                "act",
                updates=(ActionUpdate(PartialDate(2008)), ActionUpdate(PartialDate(2008))),
            ),
        ),
        indicators=(Indicator("i", "I"),),
        observations=(
            Observation("i", "2020", ObservationKind.TARGET, Quantity(Decimal("1E-7"), "~")),
            Observation("i", "2021", ObservationKind.ACTUAL, Quantity(Decimal("40.0"), None, True)),
            Observation("i", "2022", ObservationKind.ACTUAL, Quantity(Decimal("-0"))),
        ),
    )


@pytest.mark.parametrize(
    "study", [small_study(), demo_snapshot(), _odd()], ids=["small", "demo", "odd"]
)
def test_a_study_comes_back_equal_from_its_archive(study: Snapshot, tmp_path: Path) -> None:
    data = snapshot_to_archive(study)
    VALIDATOR.validate(data)
    assert archive_to_snapshot(data).snapshot == study
    write_archive(study, tmp_path / "study.json")
    assert read_archive(tmp_path / "study.json").snapshot == study
    assert snapshot_to_archive(load_study(tmp_path / "study.json")) == data


def test_the_archive_keeps_the_exact_spelling_of_numbers_and_the_precision_of_dates() -> None:
    data = snapshot_to_archive(_odd())
    assert data["place"]["date"] == "0999-01-31"
    values = [o["value"] for o in data["observations"]]
    assert values[0] == {"number": "1E-7", "qualifier": "~", "percent": False}
    assert values[1]["number"] == "40.0"
    back = archive_to_snapshot(data).snapshot
    assert back is not None
    assert str(back.observations[1].value.number) == "40.0"
    assert back.place.date is not None
    assert back.place.date.precision == "day"


@PROPERTY
@given(study=snapshots())
def test_any_study_comes_back_equal_from_its_archive(study: Snapshot) -> None:
    data = snapshot_to_archive(study)
    VALIDATOR.validate(data)
    assert archive_to_snapshot(data).snapshot == study


@PROPERTY
@given(study=snapshots())
def test_an_archive_comes_back_equal_from_its_json_text(study: Snapshot) -> None:
    data = snapshot_to_archive(study)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    assert json.loads(text) == data
    again = archive_to_snapshot(json.loads(text)).snapshot
    assert again is not None
    assert snapshot_to_archive(again) == data


def test_every_command_reads_an_archive_as_a_study(tmp_path: Path) -> None:
    study = small_study()
    write_study(study, tmp_path / "study.json")  # write_study writes .json as the archive
    assert json.loads((tmp_path / "study.json").read_text("utf-8"))["version"] == 1
    assert read_study(tmp_path / "study.json").snapshot == study
    (tmp_path / "study.json").rename(tmp_path / "study.backup")
    assert read_study(tmp_path / "study.backup").snapshot == study  # known by its content


def test_it_refuses_an_archive_newer_than_it_knows(tmp_path: Path) -> None:
    data = snapshot_to_archive(small_study())
    data["version"] = 2
    (tmp_path / "new.json").write_text(json.dumps(data), "utf-8")
    result = read_study(tmp_path / "new.json")
    assert result.snapshot is None
    (problem,) = result.errors
    assert problem.sheet == "$.version"
    assert "version 2, newer than this version of Community DNA reads (1)" in problem.reason
    assert "upgrade" in problem.reason


def test_it_names_the_json_path_and_the_reason_of_every_problem() -> None:
    data = snapshot_to_archive(small_study())
    data["organisations"][1]["sector"] = "private"
    data["relationships"][0]["strength"] = 9
    data["observations"][0]["value"]["number"] = "forty"
    data["actions"][0]["updates"][0]["date"] = "December 2008"
    data["tensions"][0]["colour"] = "red"
    result = archive_to_snapshot(data)
    assert result.snapshot is None
    found = {p.sheet: p for p in result.errors}
    assert set(found) == {
        "$.organisations[1].sector",
        "$.relationships[0].strength",
        "$.observations[0].value.number",
        "$.actions[0].updates[0].date",
        "$.tensions[0].colour",
    }
    assert "'public', 'commercial', 'social'" in found["$.organisations[1].sector"].reason
    assert found["$.organisations[1].sector"].value == "private"
    assert "from 1 to 5" in found["$.relationships[0].strength"].reason
    assert "YYYY-MM" in found["$.actions[0].updates[0].date"].reason
    assert "no field 'colour'" in found["$.tensions[0].colour"].reason


def test_it_reports_a_dangling_reference_as_the_snapshot_names_it() -> None:
    data = snapshot_to_archive(small_study())
    data["relationships"][0]["target"] = "nobody"
    result = archive_to_snapshot(data)
    assert [p.reason for p in result.errors] == [
        "relationship r1 refers to unknown organisation 'nobody'"
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not valid JSON"),
        (b'{"format": ', "not valid JSON (line 1"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[1, 2]", "expected an object, found a list"),
        (b'{"format": "something else"}', "not a Community DNA study archive"),
        (b'{"format": "communitydna-study", "version": "1"}', "version"),
        (b'{"format": "communitydna-study", "version": 1}', "no place"),
    ],
)
def test_it_refuses_what_is_not_an_archive_with_a_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "study.json"
    path.write_bytes(content)
    result = read_study(path)
    assert result.snapshot is None
    assert reason in result.errors[0].reason


def test_a_hand_written_archive_may_leave_out_what_has_a_default() -> None:
    data = {
        "format": "communitydna-study",
        "version": 1,
        "place": {"name": "Northgate"},
        "organisations": [{"id": "c", "name": "Council", "sector": "public"}],
        "observations": [],
    }
    VALIDATOR.validate(data)
    assert archive_to_snapshot(data).snapshot == Snapshot(
        place=Place("Northgate"), organisations=(Organisation("c", "Council", Sector.PUBLIC),)
    )


def test_the_schema_refuses_what_the_reader_refuses() -> None:
    data = snapshot_to_archive(small_study())
    data["organisations"][0]["sector"] = "private"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)
