"""Indicator values arrive as a csv export and join a study that already exists."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from communitydna.io import write_study
from communitydna.io.observations import read_observations
from communitydna.snapshot import (
    Direction,
    Indicator,
    ObservationKind,
    Place,
    Quantity,
    Snapshot,
)

STUDY = Snapshot(
    place=Place("Northgate"),
    indicators=(
        Indicator("ni1", "Belonging", unit="%", direction=Direction.UP),
        Indicator("ni2", "Jobs", direction=Direction.UP),
    ),
)


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ward values 2024.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_of_values_is_read_by_indicator_id_or_name_and_added_to_the_study(
    tmp_path: Path,
) -> None:
    path = _csv(
        tmp_path,
        "Indicator,Period,Kind,Value,Area,Breakdown,Source\n"
        "belonging,2024/25,actual,less than 40%,East,age=16-24; gender=female,ONS\n"
        "ni1,2024/25,baseline,to be determined,,,\n"
        'Jobs,2024-05,actual,"1,250",,,\n'
        "ni2,2025/26,target,42,,,\n",
    )
    read = read_observations(path, STUDY)
    assert read.ok, [str(p) for p in read.problems]
    first, baseline, jobs, target = read.observations
    assert first.value == Quantity(Decimal(40), "<", True)
    assert first.breakdown == (("age", "16-24"), ("gender", "female"))
    assert first.attributes == {"source": "ONS"}
    assert baseline.kind is ObservationKind.BASELINE
    assert not baseline.value.known
    assert (jobs.indicator, str(jobs.value)) == ("ni2", "1250")
    assert str(target.value) == "42"
    study = read.added_to(STUDY)
    assert len(study.observations) == 4


def test_bad_rows_are_named_and_nothing_is_imported(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "indicator,period,kind,value\n"
        "Belonging,2024/25,actual,41%\n"
        "Wellbeing,2024/25,actual,3\n"
        "ni1,2024/25,forecast,3\n"
        "ni1,,actual,about\n",
    )
    read = read_observations(path, STUDY)
    assert not read.ok
    assert read.observations == ()
    where = [(p.sheet, p.row, p.column) for p in read.problems]
    assert where == [
        ("Observations", 3, "indicator"),
        ("Observations", 4, "kind"),
        ("Observations", 5, "period"),
        ("Observations", 5, "value"),
    ]


def test_the_observations_sheet_of_a_workbook_can_be_imported_too(tmp_path: Path) -> None:
    from communitydna.snapshot import Observation

    other = Snapshot(
        place=Place("Elsewhere"),
        indicators=STUDY.indicators,
        observations=(Observation("ni1", "2023", ObservationKind.ACTUAL, Quantity(Decimal(7))),),
    )
    write_study(other, tmp_path / "other.xlsx")
    read = read_observations(tmp_path / "other.xlsx", STUDY)
    assert read.observations == other.observations


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    read = read_observations(tmp_path / "nothing.csv", STUDY)
    assert not read.ok
    assert "is not a file" in read.problems[0].reason
