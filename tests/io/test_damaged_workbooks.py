"""Damaged, empty or strange files give named problems, never a traceback."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from workbook_support import (
    Read,
    base_sheets,
    both_formats,
    only_problem,
    read_csv,
    with_sheet,
    write_csv,
    write_xlsx,
)

from communitydna.io import read_study
from communitydna.snapshot import Snapshot


def _file_problem(path: Path) -> str:
    problem = only_problem(read_study(path))
    assert (problem.sheet, problem.row, problem.column) == ("", None, "")
    return problem.reason


def _rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts[member] = change(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _sheet_part(path: Path, sheet: str) -> str:
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


# -- the file as a whole --------------------------------------------------------------------


def test_it_explains_a_file_that_does_not_exist(tmp_path: Path) -> None:
    assert "does not exist" in _file_problem(tmp_path / "nowhere.xlsx")


def test_it_rejects_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert "is empty" in _file_problem(tmp_path / "empty.xlsx")


def test_it_rejects_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    (tmp_path / "notes.xlsx").write_text("these are my notes, not a spreadsheet")
    assert "not an Excel workbook" in _file_problem(tmp_path / "notes.xlsx")


def test_it_rejects_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "photos.xlsx", "w") as archive:
        archive.writestr("holiday.txt", "sun")
    assert "zip file but not an Excel workbook" in _file_problem(tmp_path / "photos.xlsx")


def test_it_names_an_old_xls_file(tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert ".xls" in _file_problem(tmp_path / "old.xls")


def test_it_names_an_opendocument_spreadsheet(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "study.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert ".ods" in _file_problem(tmp_path / "study.ods")


def test_it_rejects_a_truncated_workbook(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "study.xlsx", base_sheets())
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert "damaged" in _file_problem(path)


def test_it_rejects_a_workbook_whose_sheet_is_not_xml(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "study.xlsx", base_sheets())
    _rewrite_member(path, _sheet_part(path, "Organisations"), lambda data: data[:300])
    result = read_study(path)
    assert result.snapshot is None
    assert any(p.sheet == "Organisations" and "damaged" in p.reason for p in result.errors)


def test_it_explains_a_single_csv_file(tmp_path: Path) -> None:
    (tmp_path / "Organisations.csv").write_text("id,name,sector\n")
    assert "single csv file" in _file_problem(tmp_path / "Organisations.csv")


def test_it_explains_a_folder_without_csv_files(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("hello")
    assert "holds no .csv files" in _file_problem(tmp_path)


# -- sheets ---------------------------------------------------------------------------------


@both_formats
def test_it_requires_the_place_sheet(read_rows: Read) -> None:
    sheets = base_sheets()
    del sheets["Place"]
    problem = only_problem(read_rows(sheets))
    assert (problem.sheet, problem.row) == ("Place", None)
    assert "no Place sheet" in problem.reason


@both_formats
def test_it_requires_the_organisations_sheet(read_rows: Read) -> None:
    sheets = base_sheets()
    del sheets["Organisations"]
    del sheets["Relationships"]
    assert only_problem(read_rows(sheets)).sheet == "Organisations"


@both_formats
def test_it_reads_a_study_with_only_the_required_sheets(read_rows: Read) -> None:
    sheets = base_sheets()
    del sheets["Relationships"]
    result = read_rows(sheets)
    assert result.snapshot is not None
    assert result.problems == ()


@both_formats
def test_it_rejects_an_empty_required_sheet(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"] = []
    del sheets["Relationships"]
    problem = only_problem(read_rows(sheets))
    assert (problem.sheet, problem.row) == ("Organisations", None)
    assert "empty" in problem.reason


@both_formats
def test_an_empty_optional_sheet_is_no_problem(read_rows: Read) -> None:
    result = read_rows(with_sheet("Evidence", []))
    assert result.snapshot is not None
    assert result.problems == ()


@both_formats
def test_a_sheet_with_only_its_header_has_no_rows(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"] = [["id", "name", "sector"]]
    del sheets["Relationships"]
    result = read_rows(sheets)
    assert result.snapshot is not None
    assert result.snapshot.organisations == ()


@both_formats
def test_a_place_without_a_name_is_an_error(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Place"] = [["field", "value"], ["name", ""], ["variant", "place"]]
    problem = only_problem(read_rows(sheets))
    assert (problem.sheet, problem.row, problem.column) == ("Place", 2, "value")


@both_formats
def test_it_names_a_missing_required_column(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"] = [["id", "name", "kind"], ["a", "A", "public"]]
    del sheets["Relationships"]
    problem = only_problem(read_rows(sheets))
    assert (problem.sheet, problem.row, problem.column) == ("Organisations", 1, "sector")
    assert "no column 'sector'" in problem.reason


@both_formats
def test_it_names_a_column_that_appears_twice(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"][0] = ["id", "name", "Sector", "type", "sector"]
    problem = only_problem(read_rows(sheets))
    assert (problem.sheet, problem.row, problem.column) == ("Organisations", 1, "sector")
    assert "columns C and E" in problem.reason


@both_formats
def test_it_rejects_values_in_a_column_without_a_header(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"][2] += ["", "stray"]
    problem = only_problem(read_rows(sheets))
    assert (problem.sheet, problem.row, problem.column) == ("Organisations", 3, "column G")
    assert problem.value == "stray"


@both_formats
def test_it_warns_about_a_sheet_it_does_not_know(read_rows: Read) -> None:
    result = read_rows(with_sheet("Evidences", [["text"], ["Seen."]]))
    assert result.snapshot is not None
    (warning,) = result.warnings
    assert warning.sheet == "Evidences"
    assert "not read" in warning.reason


def test_it_rejects_two_files_for_the_same_sheet(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "study", base_sheets())
    (folder / "organisations.csv").write_text("id,name,sector\nx,X,public\n")
    problem = only_problem(read_study(folder))
    assert problem.sheet == "Organisations"
    assert "two sheets" in problem.reason


# -- cells ----------------------------------------------------------------------------------


def test_it_copies_a_merged_value_into_each_cell_with_a_warning(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "study.xlsx", base_sheets())
    book = openpyxl.load_workbook(path)
    book["Organisations"].merge_cells("E2:E3")
    book.save(path)
    result = read_study(path)
    assert result.snapshot is not None
    assert result.snapshot.organisation("foodbank").ward == "East"
    (warning,) = result.warnings
    assert (warning.sheet, warning.row, warning.column) == ("Organisations", 2, "ward")
    assert "E2:E3" in warning.reason


def test_merged_header_cells_make_a_column_appear_twice(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "study.xlsx", base_sheets())
    book = openpyxl.load_workbook(path)
    book["Organisations"].merge_cells("B1:C1")
    book.save(path)
    result = read_study(path)
    assert result.snapshot is None
    assert any(p.column == "name" and "appears twice" in p.reason for p in result.errors)
    assert any(not p.is_error and "merged" in p.reason for p in result.problems)


def test_it_uses_the_saved_result_of_a_formula(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "study.xlsx", base_sheets())
    part = _sheet_part(path, "Relationships")
    _rewrite_member(
        path,
        part,
        lambda xml: xml.replace(
            b'<c r="D2" t="n"><v>4</v></c>', b'<c r="D2"><f>2+3</f><v>5</v></c>'
        ),
    )
    study = read_study(path).snapshot
    assert study is not None
    assert study.relationships[0].strength == 5


def test_it_names_a_formula_without_a_saved_result(tmp_path: Path) -> None:
    sheets = base_sheets()
    sheets["Relationships"][1][3] = "=2+2"
    problem = only_problem(read_study(write_xlsx(tmp_path / "study.xlsx", sheets)))
    assert (problem.sheet, problem.row, problem.column) == ("Relationships", 2, "strength")
    assert problem.value == "=2+2"
    assert "formula" in problem.reason


def test_it_names_a_cell_showing_an_error_value(tmp_path: Path) -> None:
    sheets = base_sheets()
    sheets["Organisations"][2][4] = "#REF!"
    problem = only_problem(read_study(write_xlsx(tmp_path / "study.xlsx", sheets)))
    assert (problem.sheet, problem.row, problem.column) == ("Organisations", 3, "ward")
    assert "#REF!" in problem.reason


def test_it_names_a_cell_of_a_megabyte_in_a_csv_file() -> None:
    sheets = base_sheets()
    sheets["Organisations"][0].append("notes")
    sheets["Organisations"][3].append("x" * 1_048_576)
    problem = only_problem(read_csv(sheets))
    assert (problem.sheet, problem.row, problem.column) == ("Organisations", 4, "notes")
    assert "1,048,576 characters" in problem.reason


def test_it_names_a_cell_of_a_megabyte_in_a_workbook(tmp_path: Path) -> None:
    # openpyxl cuts text to 32,767 characters, so the cell is put in the XML directly
    path = write_xlsx(tmp_path / "study.xlsx", base_sheets())
    huge = b"x" * 1_048_576
    _rewrite_member(
        path,
        _sheet_part(path, "Organisations"),
        lambda xml: xml.replace(b"<t>Corner Shop</t>", b"<t>" + huge + b"</t>"),
    )
    problem = only_problem(read_study(path))
    assert (problem.sheet, problem.row, problem.column) == ("Organisations", 4, "name")
    assert "1,048,576 characters" in problem.reason
    assert len(problem.value) <= 80


def test_a_megabyte_cell_in_a_shared_string_is_named_too(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "study.xlsx", base_sheets())
    part = _sheet_part(path, "Organisations")
    huge = b"y" * 1_048_576
    _rewrite_member(
        path,
        part,
        lambda xml: xml.replace(
            b'<c r="E3" t="inlineStr"><is><t>West</t></is></c>', b'<c r="E3" t="s"><v>0</v></c>'
        ),
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<si><t>" + huge + b"</t></si></sst>",
        )
    _rewrite_member(
        path,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rSST" Target="sharedStrings.xml" Type="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
            b"</Relationships>",
        ),
    )
    problem = only_problem(read_study(path))
    assert (problem.sheet, problem.row, problem.column) == ("Organisations", 3, "ward")


@both_formats
def test_nothing_is_produced_when_any_row_has_an_error(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"].append(["council", "nobody", "grant", 4])
    result = read_rows(sheets)
    assert result.snapshot is None
    assert isinstance(read_rows(base_sheets()).snapshot, Snapshot)
