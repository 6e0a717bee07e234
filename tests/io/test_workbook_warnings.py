"""Warnings are listed and the read goes on."""

from __future__ import annotations

from pathlib import Path

from workbook_support import Read, base_sheets, both_formats, with_sheet, write_xlsx

from communitydna.io import load_study
from communitydna.snapshot import Lead


@both_formats
def test_a_lead_that_matches_no_organisation_is_kept_unlinked_with_a_warning(
    read_rows: Read,
) -> None:
    sheets = with_sheet(
        "Actions",
        [["ref", "action", "lead"], ["1.1", "Welcome event", "The Council; Residents' Forum"]],
    )
    result = read_rows(sheets)
    assert result.snapshot is not None
    assert result.snapshot.actions[0].lead == (
        Lead("The Council", None),
        Lead("Residents' Forum", None),
    )
    assert [(w.sheet, w.row, w.column, w.value) for w in result.warnings] == [
        ("Actions", 2, "lead", "The Council"),
        ("Actions", 2, "lead", "Residents' Forum"),
    ]
    assert "kept as written" in result.warnings[0].reason


@both_formats
def test_a_lead_matching_an_organisation_by_id_or_name_is_linked(read_rows: Read) -> None:
    sheets = with_sheet(
        "Actions", [["action", "lead"], ["Welcome event", "council\nnorthgate food bank"]]
    )
    result = read_rows(sheets)
    assert result.snapshot is not None
    assert result.snapshot.actions[0].lead == (
        Lead("council", "council"),
        Lead("northgate food bank", "foodbank"),
    )
    assert result.problems == ()


@both_formats
def test_a_lead_naming_two_organisations_is_kept_unlinked_with_a_warning(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"].append(["council2", "Northgate Council", "public", "", ""])
    sheets["Actions"] = [["action", "lead"], ["Event", "Northgate Council"]]
    result = read_rows(sheets)
    assert result.snapshot is not None
    assert result.snapshot.actions[0].lead == (Lead("Northgate Council", None),)
    (warning,) = result.warnings
    assert "could be any of 2" in warning.reason


def test_warnings_do_not_stop_load_study(tmp_path: Path) -> None:
    sheets = with_sheet("Actions", [["action", "lead"], ["Event", "Somebody Else"]])
    study = load_study(write_xlsx(tmp_path / "study.xlsx", sheets))
    assert study.actions[0].lead == (Lead("Somebody Else"),)
