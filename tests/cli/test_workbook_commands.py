from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

from communitydna.demo import demo_snapshot
from communitydna.io import load_study


def test_template_writes_a_workbook_with_instructions(run, tmp_path: Path) -> None:
    result = run("template", "-o", "study.xlsx")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "study.xlsx")
    assert "Instructions" in book.sheetnames
    assert {"Place", "Organisations", "Relationships", "Evidence", "Ratings"} <= set(
        book.sheetnames
    )


def test_a_long_path_in_a_message_is_never_folded(run, tmp_path: Path) -> None:
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4)
    folder.mkdir()
    target = folder / "study.xlsx"
    result = run("template", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"Wrote an empty study workbook to {target}." in result.output.splitlines()


def test_template_refuses_to_overwrite_without_force(run, tmp_path: Path) -> None:
    (tmp_path / "study.xlsx").write_bytes(b"precious")
    result = run("template", "-o", "study.xlsx")
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert (tmp_path / "study.xlsx").read_bytes() == b"precious"
    assert run("template", "-o", "study.xlsx", "--force").exit_code == 0


def test_template_needs_an_xlsx_name(run) -> None:
    result = run("template", "-o", "study.csv")
    assert result.exit_code == 1
    assert ".xlsx" in result.output


def test_check_passes_the_demo_workbook(run, demo_xlsx: Path) -> None:
    result = run("check", str(demo_xlsx))
    assert result.exit_code == 0, result.output
    assert "valid study" in result.output


def test_check_names_the_sheet_row_and_reason_of_an_error_and_exits_1(
    run, demo_xlsx: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(demo_xlsx)
    sheet = book["Relationships"]
    headers = [str(c.value).lower() for c in sheet[1]]
    sheet.cell(row=5, column=headers.index("to") + 1, value="Nobody At All Ltd")
    broken = tmp_path / "broken.xlsx"
    book.save(broken)
    result = run("check", str(broken))
    assert result.exit_code == 1
    assert "Relationships" in result.output
    assert "Nobody At All Ltd" in result.output
    assert "Traceback" not in result.output


def test_check_explains_a_missing_file_without_a_traceback(run) -> None:
    result = run("check", "nowhere.xlsx")
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_check_explains_a_file_that_is_not_a_workbook(run, tmp_path: Path) -> None:
    (tmp_path / "notes.xlsx").write_text("these are my notes, not a spreadsheet")
    result = run("check", "notes.xlsx")
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_convert_goes_to_csv_and_back_without_loss(run, demo_xlsx: Path, tmp_path: Path) -> None:
    assert run("convert", str(demo_xlsx), "-o", "study-csv").exit_code == 0
    assert (tmp_path / "study-csv" / "Organisations.csv").exists()
    assert run("convert", "study-csv", "-o", "again.xlsx").exit_code == 0
    assert load_study(tmp_path / "again.xlsx") == load_study(demo_xlsx)


def test_demo_workbook_writes_the_demo_study(run, tmp_path: Path) -> None:
    result = run("demo-workbook", "-o", "demo.xlsx")
    assert result.exit_code == 0, result.output
    assert load_study(tmp_path / "demo.xlsx") == demo_snapshot()


def test_the_console_script_is_installed_and_answers_help() -> None:
    script = Path(sys.executable).parent / "communitydna"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("template", "check", "report", "convert", "demo-workbook"):
        assert command in result.stdout
