"""The action plan, its dated updates and the indicators as real plans write them."""

from __future__ import annotations

from decimal import Decimal

from workbook_support import Read, both_formats, only_problem, with_sheet

from communitydna.io import ReadResult
from communitydna.snapshot import (
    ActionStatus,
    ActionUpdate,
    Lead,
    Milestone,
    ObservationKind,
    PartialDate,
    Quantity,
    Snapshot,
)


def ok(result: ReadResult) -> Snapshot:
    assert result.snapshot is not None, [str(p) for p in result.errors]
    return result.snapshot


_ACTIONS = [
    ["ref", "theme", "action", "milestone", "due", "lead", "outcome", "status"],
    [
        "1.2.3",
        "Cohesion",
        "Run a welcome event for new residents.\nInvite every faith group.",
        "Venue booked\nInvitations sent\nEvent held",
        "September 2008\n2008-10\nNovember 2008",
        "Northgate Council; Northgate Food Bank\nNeighbourhood Watch",
        "More residents feel they belong",
        "On Track",
    ],
    ["2.1", "Jobs", "Open a jobs club", "Room found", "Nov-08", "council", "", "amber"],
]


@both_formats
def test_it_reads_multi_line_actions_with_several_milestones_and_lists_of_leads(
    read_rows: Read,
) -> None:
    snapshot = ok(read_rows(with_sheet("Actions", _ACTIONS)))
    first, second = snapshot.actions
    assert first.action == "Run a welcome event for new residents.\nInvite every faith group."
    assert first.milestones == (
        Milestone("Venue booked", PartialDate(2008, 9)),
        Milestone("Invitations sent", PartialDate(2008, 10)),
        Milestone("Event held", PartialDate(2008, 11)),
    )
    assert first.lead == (
        Lead("Northgate Council", "council"),
        Lead("Northgate Food Bank", "foodbank"),
        Lead("Neighbourhood Watch", None),
    )
    assert first.status is ActionStatus.ON_TRACK
    assert second.due == PartialDate(2008, 11)
    assert second.status is ActionStatus.AT_RISK


@both_formats
def test_an_unknown_lead_is_kept_unlinked_with_a_warning(read_rows: Read) -> None:
    result = read_rows(with_sheet("Actions", _ACTIONS))
    ok(result)
    (warning,) = result.warnings
    assert (warning.sheet, warning.row, warning.column) == ("Actions", 2, "lead")
    assert "Neighbourhood Watch" in warning.value


@both_formats
def test_it_reads_dated_updates_of_actions_by_their_reference(read_rows: Read) -> None:
    sheets = with_sheet("Actions", _ACTIONS)
    sheets["Action updates"] = [
        ["action", "date", "status", "note", "by"],
        ["1.2.3", "August 2008", "on track", "Venue booked.", "Ann"],
        ["2.1", "2008-12", "done", "", ""],
        ["1.2.3", "2008-10-14", "at risk", "Venue cancelled", ""],
    ]
    snapshot = ok(read_rows(sheets))
    first, second = snapshot.actions
    assert first.updates == (
        ActionUpdate(PartialDate(2008, 8), ActionStatus.ON_TRACK, "Venue booked.", {"by": "Ann"}),
        ActionUpdate(PartialDate(2008, 10, 14), ActionStatus.AT_RISK, "Venue cancelled"),
    )
    assert first.current_status is ActionStatus.AT_RISK
    assert second.current_status is ActionStatus.DONE


@both_formats
def test_an_update_of_an_unknown_action_is_named_by_sheet_row_and_column(read_rows: Read) -> None:
    sheets = with_sheet("Actions", _ACTIONS)
    sheets["ActionUpdates"] = [["action", "date"], ["1.2.3", "2008-08"], ["9.9", "2008-09"]]
    problem = only_problem(read_rows(sheets))
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "ActionUpdates",
        3,
        "action",
        "9.9",
    )


@both_formats
def test_an_update_of_a_shared_reference_is_an_error(read_rows: Read) -> None:
    rows = [*_ACTIONS, ["2.1", "Jobs", "Another action with the same reference"]]
    sheets = with_sheet("Actions", rows)
    sheets["ActionUpdates"] = [["action", "date"], ["2.1", "2008-08"]]
    problem = only_problem(read_rows(sheets))
    assert (problem.sheet, problem.row, problem.column) == ("ActionUpdates", 2, "action")
    assert "rows 3, 4" in problem.reason


@both_formats
def test_an_update_needs_a_date_and_a_known_status(read_rows: Read) -> None:
    sheets = with_sheet("Actions", _ACTIONS)
    sheets["ActionUpdates"] = [["action", "date", "status"], ["2.1", "", "done"]]
    problem = only_problem(read_rows(sheets))
    assert (problem.row, problem.column) == (2, "date")
    sheets["ActionUpdates"] = [["action", "date", "status"], ["2.1", "2008", "nearly"]]
    problem = only_problem(read_rows(sheets))
    assert (problem.row, problem.column, problem.value) == (2, "status", "nearly")


@both_formats
def test_indicator_values_keep_percentages_qualifiers_and_to_be_determined(
    read_rows: Read,
) -> None:
    sheets = with_sheet(
        "Indicators", [["id", "name", "unit", "direction"], ["ni1", "Belonging", "%", "up"]]
    )
    sheets["Observations"] = [
        ["indicator", "period", "kind", "value", "area", "breakdown"],
        ["ni1", "2007/08", "baseline", "to be determined", "", ""],
        ["ni1", "2008/09", "target", "42", "", ""],
        ["ni1", "2008/09", "target", "45%", "East", ""],
        ["ni1", "2008/09", "actual", "less than 40%", "East", "age=16-24; gender=female"],
        ["ni1", "2009/10", "actual", "", "", ""],
    ]
    values = [o.value for o in ok(read_rows(sheets)).observations]
    assert values == [
        Quantity(),
        Quantity(Decimal(42)),
        Quantity(Decimal(45), None, True),
        Quantity(Decimal(40), "<", True),
        Quantity(),
    ]
    assert [str(v) for v in values] == [
        "to be determined",
        "42",
        "45%",
        "less than 40%",
        "to be determined",
    ]
    observations = ok(read_rows(sheets)).observations
    assert observations[0].kind is ObservationKind.BASELINE
    assert observations[3].breakdown == (("age", "16-24"), ("gender", "female"))
