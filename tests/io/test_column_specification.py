"""One specification of sheets and columns serves the reader, the writer and the template."""

from __future__ import annotations

import pytest
from workbook_support import small_study

from communitydna.io import SHEETS, SheetSpec
from communitydna.io.columns import normalise_name, sheet_spec
from communitydna.io.writer import study_tables
from communitydna.snapshot import (
    ActionStatus,
    Polarity,
    Progress,
    RelationshipStatus,
    Size,
)


def test_the_sheets_are_the_contracts_in_its_order() -> None:
    assert [s.name for s in SHEETS] == [
        "Place",
        "Organisations",
        "Relationships",
        "Evidence",
        "Ratings",
        "Recommendations",
        "FollowUps",
        "Actions",
        "ActionUpdates",
        "Indicators",
        "Observations",
        "Tensions",
    ]
    assert [s.name for s in SHEETS if s.required] == ["Place", "Organisations"]


@pytest.mark.parametrize("spec", SHEETS, ids=lambda s: s.name)
def test_every_column_is_explained_with_an_example(spec: SheetSpec) -> None:
    assert spec.description
    for column in spec.columns:
        assert column.description.endswith(".")
        assert column.accepted
        assert column.example or not column.required
        assert column.name == normalise_name(column.name)


def test_the_writer_writes_the_columns_of_the_specification() -> None:
    study = small_study()
    for table in study_tables(study):
        if not table.spec.pairs:
            assert table.header[: len(table.spec.columns)] == table.spec.column_names


def test_the_drop_downs_offer_exactly_the_fixed_values() -> None:
    def choices(sheet: str, column: str) -> set[str]:
        return set(sheet_spec(sheet).column(column).choices)

    assert choices("Organisations", "size") == {s.value for s in Size}
    assert choices("Relationships", "status") == {s.value for s in RelationshipStatus}
    assert choices("Evidence", "polarity") == {p.value for p in Polarity}
    assert choices("FollowUps", "progress") == {p.value for p in Progress}
    assert choices("Actions", "status") == {s.value for s in ActionStatus}
    assert len(choices("Ratings", "rating")) == 7


@pytest.mark.parametrize(
    ("written", "sheet"),
    [
        ("organizations", "Organisations"),
        ("Follow-ups", "FollowUps"),
        ("TENSION REPORTS", "Tensions"),
    ],
)
def test_sheet_names_are_matched_loosely(written: str, sheet: str) -> None:
    assert sheet_spec(written).name == sheet


def test_columns_are_found_by_any_spelling() -> None:
    assert sheet_spec("Tensions").column("Reported By").name == "reported_by"
