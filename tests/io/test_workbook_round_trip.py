"""Writer then reader gives back the same study, in both formats."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from workbook_support import Sheets, base_sheets, small_study, snapshots, write_xlsx

from communitydna.demo.synthetic import synthetic_snapshot
from communitydna.framework import Sector
from communitydna.io import read_study, write_study
from communitydna.snapshot import Organisation, Place, Snapshot

ROUND_TRIP = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_back(snapshot: Snapshot, target: Path) -> Snapshot:
    write_study(snapshot, target)
    result = read_study(target)
    assert result.errors == (), [str(p) for p in result.errors]
    assert result.snapshot is not None
    return result.snapshot


def test_a_study_comes_back_equal_from_an_xlsx_workbook(tmp_path: Path) -> None:
    study = small_study()
    assert _read_back(study, tmp_path / "study.xlsx") == study


def test_a_study_comes_back_equal_from_a_csv_folder(tmp_path: Path) -> None:
    study = small_study()
    assert _read_back(study, tmp_path / "study") == study


def test_it_writes_csv_files_named_like_the_sheets(tmp_path: Path) -> None:
    study = small_study()
    write_study(study, tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "Organisations.csv" in names
    assert "Place.csv" in names
    assert len(names) == 12


def test_it_writes_csv_with_a_byte_order_mark_so_excel_opens_it(tmp_path: Path) -> None:
    study = small_study()
    write_study(study, tmp_path / "out")
    assert (tmp_path / "out" / "Place.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_it_replaces_a_csv_file_spelled_differently_rather_than_leave_a_clash(
    tmp_path: Path,
) -> None:
    study = small_study()
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name,sector\nx,X,public\n")
    (folder / "notes.csv").write_text("mine\n")
    write_study(study, folder)
    assert not (folder / "organizations.csv").exists()
    assert (folder / "notes.csv").exists()
    assert _read_back(study, folder) == study


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    study = small_study()
    write_study(study, tmp_path / "study.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "study.xlsx")["Organisations"]
    names = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert "=SUM(A1)" in names
    assert all(row[1].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_it_writes_days_and_months_as_excel_dates(tmp_path: Path) -> None:
    study = small_study()
    write_study(study, tmp_path / "study.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "study.xlsx")["Relationships"]
    since, until = sheet["I2"], sheet["J2"]
    assert since.value == 2010  # a year is a number
    assert isinstance(until.value, dt.datetime)
    assert until.number_format == "yyyy-mm-dd"


def test_it_refuses_an_attribute_named_like_a_column(tmp_path: Path) -> None:
    study = Snapshot(
        place=Place("P"),
        organisations=(Organisation("a", "A", Sector.PUBLIC, attributes={"Led by": "x"}),),
    )
    with pytest.raises(ValueError, match="Led by"):
        write_study(study, tmp_path / "study.xlsx")


def test_it_refuses_text_longer_than_a_cell_holds(tmp_path: Path) -> None:
    study = Snapshot(
        place=Place("P"),
        organisations=(Organisation("a", "A", Sector.PUBLIC, notes="x" * 40_000),),
    )
    with pytest.raises(ValueError, match="32,767"):
        write_study(study, tmp_path / "study.xlsx")


@ROUND_TRIP
@given(snapshots())
def test_any_study_comes_back_equal_from_xlsx(snapshot: Snapshot) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert _read_back(snapshot, Path(folder) / "study.xlsx") == snapshot


@ROUND_TRIP
@given(snapshots())
def test_any_study_comes_back_equal_from_csv(snapshot: Snapshot) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert _read_back(snapshot, Path(folder) / "study") == snapshot


@ROUND_TRIP
@given(snapshots())
def test_a_workbook_read_written_and_read_again_gives_the_same_study(snapshot: Snapshot) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first = _read_back(snapshot, Path(folder) / "one.xlsx")
        again = _read_back(first, Path(folder) / "two")
        assert again == first
        assert _read_back(again, Path(folder) / "three.xlsx") == first


def test_a_hand_written_workbook_survives_read_write_read(tmp_path: Path) -> None:
    sheets: Sheets = base_sheets()
    sheets["Organisations"] = [
        ["Name", "Sector", "Led by", "Size", "Charity Number"],
        ["Northgate Council", "Public sector", "", "LARGE", ""],
        ["Northgate  Food Bank", "VCSE", "bme;women\nyouth", "small", 1234567],
        ["Corner Shop", "private", "", "", ""],
    ]
    sheets["Relationships"] = [
        ["FROM", "to", "Type", "since"],
        ["northgate council", "Northgate Food Bank", "Grant", "July 2012"],
        ["Corner Shop", "northgate-food-bank", "Supply-chain", 41105],
    ]
    first = read_study(write_xlsx(tmp_path / "hand.xlsx", sheets))
    assert first.snapshot is not None, [str(p) for p in first.errors]
    assert _read_back(first.snapshot, tmp_path / "again.xlsx") == first.snapshot
    assert _read_back(first.snapshot, tmp_path / "again") == first.snapshot


@pytest.mark.slow
def test_a_synthetic_study_of_two_thousand_organisations_comes_back_equal(
    tmp_path: Path,
) -> None:
    study = synthetic_snapshot(2_000, 6_000, seed=3)
    assert _read_back(study, tmp_path / "big.xlsx") == study
    assert _read_back(study, tmp_path / "big") == study
