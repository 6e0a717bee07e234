"""Rows that break the contract give an error naming the sheet, the row, the column and why."""

from __future__ import annotations

from typing import Any

import pytest
from workbook_support import (
    Read,
    base_sheets,
    both_formats,
    only_problem,
    read_xlsx,
    with_sheet,
)

from communitydna.io import ReadResult


def _error_at(result: ReadResult, sheet: str, row: int, column: str) -> str:
    problem = only_problem(result)
    assert (problem.sheet, problem.row, problem.column) == (sheet, row, column), str(problem)
    return str(problem.reason)


@both_formats
def test_it_rejects_a_relationship_to_an_unknown_organisation(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"].append(["council", "Nobody At All Ltd", "grant", 4])
    reason = _error_at(read_rows(sheets), "Relationships", 3, "to")
    assert "'Nobody At All Ltd' matches no organisation" in reason


@both_formats
def test_it_rejects_a_relationship_from_an_unknown_organisation(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"][1][0] = "nobody"
    _error_at(read_rows(sheets), "Relationships", 2, "from")


@both_formats
def test_it_rejects_a_relationship_with_an_end_missing(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"][1][1] = None
    reason = _error_at(read_rows(sheets), "Relationships", 2, "to")
    assert "required" in reason


@both_formats
def test_it_rejects_a_relationship_of_an_organisation_with_itself(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"][1][1] = "Northgate Council"
    reason = _error_at(read_rows(sheets), "Relationships", 2, "to")
    assert "two different organisations" in reason


@both_formats
def test_it_rejects_a_name_two_organisations_share_where_it_is_used(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"].append(["council2", "Northgate Council", "public", "", ""])
    sheets["Relationships"][1][0] = "Northgate Council"
    reason = _error_at(read_rows(sheets), "Relationships", 2, "from")
    assert "could be any of 2 organisations (rows 2, 5)" in reason


@both_formats
def test_two_organisations_may_share_a_name_nobody_refers_to(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"].append(["council2", "Northgate Council", "public", "", ""])
    assert read_rows(sheets).snapshot is not None


@pytest.mark.parametrize(
    ("sheet", "rows"),
    [
        ("Organisations", [["id", "name", "sector"], ["a", "A", "public"], ["a", "B", "social"]]),
        ("Evidence", [["id", "text"], ["e1", "One"], ["e1", "Two"]]),
        ("Recommendations", [["id", "title"], ["r", "One"], ["r", "Two"]]),
        ("Indicators", [["id", "name"], ["i", "One"], ["i", "Two"]]),
    ],
)
@both_formats
def test_it_rejects_duplicate_ids(read_rows: Read, sheet: str, rows: list[list[Any]]) -> None:
    sheets = with_sheet(sheet, rows)
    if sheet == "Organisations":
        del sheets["Relationships"]
    reason = _error_at(read_rows(sheets), sheet, 3, "id")
    assert "already used in row 2" in reason


@both_formats
def test_it_rejects_duplicate_relationship_ids(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [
        ["id", "from", "to"],
        ["x", "council", "shop"],
        ["x", "shop", "foodbank"],
    ]
    _error_at(read_rows(sheets), "Relationships", 3, "id")


@pytest.mark.parametrize("rating", ["quite good", "brittle-stable", "8", "0", "stable and a half"])
@both_formats
def test_it_rejects_a_rating_that_is_not_on_the_scale(read_rows: Read, rating: str) -> None:
    sheets = with_sheet("Ratings", [["measure", "rating"], ["health", rating]])
    reason = _error_at(read_rows(sheets), "Ratings", 2, "rating")
    assert rating in reason


@both_formats
def test_it_rejects_a_rating_of_a_measure_that_does_not_exist(read_rows: Read) -> None:
    sheets = with_sheet(
        "Ratings", [["measure", "rating"], ["happiness", "stable"], ["11", "stable"]]
    )
    result = read_rows(sheets)
    assert result.snapshot is None
    assert [(p.row, p.column) for p in result.errors] == [(2, "measure"), (3, "measure")]


@both_formats
def test_it_rejects_a_measure_rated_twice(read_rows: Read) -> None:
    sheets = with_sheet(
        "Ratings", [["measure", "rating"], ["social", "stable"], ["1", "vulnerable"]]
    )
    reason = _error_at(read_rows(sheets), "Ratings", 3, "measure")
    assert "already rated in row 2" in reason


@pytest.mark.parametrize("strength", [0, 6, 2.5, "strong", -1])
@both_formats
def test_it_rejects_a_strength_outside_one_to_five(read_rows: Read, strength: object) -> None:
    sheets = base_sheets()
    sheets["Relationships"][1][3] = strength
    reason = _error_at(read_rows(sheets), "Relationships", 2, "strength")
    assert "from 1 to 5" in reason


@pytest.mark.parametrize("weight", [0, 4, "heavy"])
@both_formats
def test_it_rejects_a_weight_outside_one_to_three(read_rows: Read, weight: object) -> None:
    sheets = with_sheet("Evidence", [["text", "weight"], ["Seen.", weight]])
    reason = _error_at(read_rows(sheets), "Evidence", 2, "weight")
    assert "from 1 to 3" in reason


@pytest.mark.parametrize("severity", [0, 6, "high"])
@both_formats
def test_it_rejects_a_severity_outside_one_to_five(read_rows: Read, severity: object) -> None:
    sheets = with_sheet("Tensions", [["date", "severity"], ["2012-03", severity]])
    reason = _error_at(read_rows(sheets), "Tensions", 2, "severity")
    assert "from 1 to 5" in reason


@both_formats
def test_it_rejects_a_sector_it_does_not_know(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"][3][2] = "retail"
    reason = _error_at(read_rows(sheets), "Organisations", 4, "sector")
    assert "'retail' is not a sector" in reason


@both_formats
def test_it_rejects_an_organisation_without_a_name(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"].append(["x", "", "public", "", ""])
    _error_at(read_rows(sheets), "Organisations", 5, "name")


@pytest.mark.parametrize("date", ["32/13/2012", "soon", "2012-13", "07/15/2012"])
@both_formats
def test_it_rejects_text_that_is_not_a_date(read_rows: Read, date: str) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [["from", "to", "since"], ["council", "shop", date]]
    reason = _error_at(read_rows(sheets), "Relationships", 2, "since")
    assert "not a date" in reason


@pytest.mark.parametrize("number", [20120715, 5, 15.07, 999])
def test_it_rejects_a_number_that_cannot_be_a_date(number: float) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [["from", "to", "since"], ["council", "shop", number]]
    reason = _error_at(read_xlsx(sheets), "Relationships", 2, "since")
    assert "is a number, not a date" in reason


@both_formats
def test_it_rejects_a_relationship_that_ends_before_it_begins(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [
        ["from", "to", "since", "until"],
        ["council", "shop", "2012-05", "2012-04"],
        ["council", "foodbank", "2012", "2012-01"],  # within the year: fine
    ]
    reason = _error_at(read_rows(sheets), "Relationships", 2, "until")
    assert "ends before it begins" in reason


@pytest.mark.parametrize(
    ("column", "value"),
    [("directed", "maybe"), ("tense", "sometimes"), ("status", "dormant")],
)
@both_formats
def test_it_rejects_words_outside_a_fixed_vocabulary(
    read_rows: Read, column: str, value: str
) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [["from", "to", column], ["council", "shop", value]]
    reason = _error_at(read_rows(sheets), "Relationships", 2, column)
    assert column in reason


@both_formats
def test_it_rejects_evidence_cited_by_a_relationship_that_does_not_exist(read_rows: Read) -> None:
    sheets = with_sheet("Evidence", [["id", "text"], ["e1", "Seen."]])
    sheets["Relationships"] = [["from", "to", "evidence"], ["council", "shop", "e1; e9"]]
    reason = _error_at(read_rows(sheets), "Relationships", 2, "evidence")
    assert "'e9'" in reason


@both_formats
def test_it_rejects_evidence_about_an_unknown_organisation(read_rows: Read) -> None:
    sheets = with_sheet("Evidence", [["text", "organisations"], ["Seen.", "council; mystery"]])
    _error_at(read_rows(sheets), "Evidence", 2, "organisations")


@both_formats
def test_it_rejects_evidence_coded_to_an_unknown_measure(read_rows: Read) -> None:
    sheets = with_sheet("Evidence", [["text", "measures"], ["Seen.", "social; 12"]])
    _error_at(read_rows(sheets), "Evidence", 2, "measures")


@both_formats
def test_it_rejects_evidence_without_text(read_rows: Read) -> None:
    sheets = with_sheet("Evidence", [["source", "text"], ["Interview", ""]])
    _error_at(read_rows(sheets), "Evidence", 2, "text")


@both_formats
def test_it_rejects_a_follow_up_of_an_unknown_recommendation(read_rows: Read) -> None:
    sheets = with_sheet("Recommendations", [["id", "title"], ["rec1", "Do it"]])
    sheets["FollowUps"] = [["recommendation", "progress"], ["rec2", "done"]]
    _error_at(read_rows(sheets), "FollowUps", 2, "recommendation")


@both_formats
def test_it_rejects_a_follow_up_with_an_unknown_progress(read_rows: Read) -> None:
    sheets = with_sheet("Recommendations", [["id", "title"], ["rec1", "Do it"]])
    sheets["FollowUps"] = [["recommendation", "progress"], ["rec1", "nearly"]]
    _error_at(read_rows(sheets), "FollowUps", 2, "progress")


@both_formats
def test_it_rejects_an_action_for_an_unknown_recommendation(read_rows: Read) -> None:
    sheets = with_sheet("Actions", [["action", "recommendations"], ["Do", "rec7"]])
    _error_at(read_rows(sheets), "Actions", 2, "recommendations")


@both_formats
def test_it_rejects_an_action_due_date_that_is_not_a_date(read_rows: Read) -> None:
    sheets = with_sheet("Actions", [["action", "milestone", "due"], ["Do", "a; b", "2008; later"]])
    _error_at(read_rows(sheets), "Actions", 2, "due")


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (["ni9", "2008", "actual", "5"], "indicator"),
        (["ni1", "", "actual", "5"], "period"),
        (["ni1", "2008", "forecast", "5"], "kind"),
        (["ni1", "2008", "actual", "lots"], "value"),
        (["ni1", "2008", "actual", "5", "=x"], "breakdown"),
    ],
)
@both_formats
def test_it_rejects_a_broken_observation(read_rows: Read, row: list[str], column: str) -> None:
    sheets = with_sheet("Indicators", [["id", "name", "direction"], ["ni1", "Belonging", "up"]])
    sheets["Observations"] = [["indicator", "period", "kind", "value", "breakdown"], row]
    _error_at(read_rows(sheets), "Observations", 2, column)


@both_formats
def test_it_rejects_an_indicator_direction_that_is_not_up_or_down(read_rows: Read) -> None:
    sheets = with_sheet("Indicators", [["id", "name", "direction"], ["ni1", "Belonging", "left"]])
    _error_at(read_rows(sheets), "Indicators", 2, "direction")


@both_formats
def test_it_rejects_a_tension_report_without_a_date(read_rows: Read) -> None:
    sheets = with_sheet("Tensions", [["date", "area"], ["", "East"]])
    reason = _error_at(read_rows(sheets), "Tensions", 2, "date")
    assert "required" in reason


@both_formats
def test_it_rejects_a_variant_it_does_not_know(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Place"][2][1] = "city"
    _error_at(read_rows(sheets), "Place", 3, "value")


@both_formats
def test_it_rejects_a_place_field_given_twice(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Place"].append(["Name", "Southgate"])
    reason = _error_at(read_rows(sheets), "Place", 4, "field")
    assert "already given in row 2" in reason


@both_formats
def test_it_rejects_a_place_value_without_a_field(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Place"].append(["", "orphan"])
    _error_at(read_rows(sheets), "Place", 4, "field")


@both_formats
def test_it_reports_every_error_of_a_workbook_in_one_read(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"].append(["x", "X", "nowhere", "", ""])
    sheets["Relationships"].append(["council", "shop", "forum", 9])
    sheets["Ratings"] = [["measure", "rating"], ["health", "fine"]]
    result = read_rows(sheets)
    assert result.snapshot is None
    assert [(p.sheet, p.row, p.column) for p in result.errors] == [
        ("Organisations", 5, "sector"),
        ("Relationships", 3, "strength"),
        ("Ratings", 2, "rating"),
    ]


@both_formats
def test_an_error_in_one_row_is_not_repeated_where_others_refer_to_it(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"][2][2] = "nowhere"  # foodbank's sector is wrong
    result = read_rows(sheets)
    assert [(p.sheet, p.row) for p in result.errors] == [("Organisations", 3)]
