"""The reader takes what people actually type, the way the contract says it should."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from workbook_support import (
    Read,
    base_sheets,
    both_formats,
    read_xlsx,
    with_sheet,
    write_csv,
)

from communitydna.framework import Sector
from communitydna.io import ReadResult, read_study
from communitydna.snapshot import (
    Lead,
    Milestone,
    PartialDate,
    Polarity,
    Quantity,
    RelationshipStatus,
    Size,
    Snapshot,
)


def ok(result: ReadResult) -> Snapshot:
    assert result.snapshot is not None, [str(p) for p in result.errors]
    return result.snapshot


@pytest.mark.parametrize(
    ("written", "sector"),
    [
        ("public", Sector.PUBLIC),
        ("Public Sector", Sector.PUBLIC),
        ("private", Sector.COMMERCIAL),
        ("Business", Sector.COMMERCIAL),
        ("commercial sector", Sector.COMMERCIAL),
        ("VCSE", Sector.SOCIAL),
        ("voluntary sector", Sector.SOCIAL),
        ("Community", Sector.SOCIAL),
        ("third sector", Sector.SOCIAL),
        ("charity", Sector.SOCIAL),
        ("  SOCIAL  ", Sector.SOCIAL),
    ],
)
@both_formats
def test_it_understands_sector_synonyms_and_a_trailing_sector(
    read_rows: Read, written: str, sector: Sector
) -> None:
    sheets = base_sheets()
    sheets["Organisations"][1][2] = written
    assert ok(read_rows(sheets)).organisation("council").sector is sector


@both_formats
def test_it_ignores_letter_case_in_column_and_sheet_names(read_rows: Read) -> None:
    sheets = {
        "PLACE": [["Field", "VALUE"], ["Name", "Northgate"]],
        "organizations": [
            ["ID", "Name", "SECTOR", "Led By", "size"],
            ["a", "A", "public", "women", "Large"],
            ["b", "B", "social", "", "SMALL"],
        ],
        "relationships": [
            ["From", "TO", "Type", "Status", "Directed"],
            ["a", "b", "GRANT", "Ended", "NO"],
        ],
    }
    study = ok(read_rows(sheets))
    a = study.organisation("a")
    assert a.led_by == ("women",)
    assert a.size is Size.LARGE
    tie = study.relationships[0]
    assert (tie.type, tie.status, tie.directed) == ("grant", RelationshipStatus.ENDED, False)


@both_formats
def test_it_splits_lists_on_semicolons_and_new_lines(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"][0].append("led_by")
    sheets["Organisations"][2].append("bme; women\nyouth;;  ")
    assert ok(read_rows(sheets)).organisation("foodbank").led_by == ("bme", "women", "youth")


def test_it_keeps_unknown_columns_as_text_attributes() -> None:
    sheets = base_sheets()
    sheets["Organisations"][0].append("Charity Number")
    sheets["Organisations"][2].append(1234567)
    sheets["Organisations"][0].append("Income")
    sheets["Organisations"][2].append(10.5)
    study = ok(read_xlsx(sheets))
    assert study.organisation("foodbank").attributes == {
        "charity number": "1234567",
        "income": "10.5",
    }
    assert study.organisation("council").attributes == {}


def test_it_reads_the_header_from_the_first_row_that_is_not_blank() -> None:
    sheets = base_sheets()
    sheets["Organisations"] = [[], [], *sheets["Organisations"], [], [None, None, None]]
    study = ok(read_xlsx(sheets))
    assert len(study.organisations) == 3


@both_formats
def test_it_derives_an_organisation_id_from_its_name(read_rows: Read) -> None:
    sheets = with_sheet(
        "Organisations",
        [
            ["id", "name", "sector"],
            ["", "St. Mary's Church & Hall", "social"],
            ["", "St Marys Church Hall", "social"],
            ["council", "Council", "public"],
        ],
    )
    sheets["Relationships"] = [["from", "to"], ["council", "St Marys Church Hall"]]
    study = ok(read_rows(sheets))
    assert [o.id for o in study.organisations] == [
        "st-marys-church-hall",
        "st-marys-church-hall-2",
        "council",
    ]
    assert study.relationships[0].target == "st-marys-church-hall-2"


@both_formats
def test_it_matches_a_relationship_end_by_name_in_any_case_and_spacing(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [["from", "to"], ["northgate   COUNCIL", " Corner Shop "]]
    tie = ok(read_rows(sheets)).relationships[0]
    assert (tie.source, tie.target) == ("council", "shop")


@both_formats
def test_relationships_get_ids_from_their_rows_when_none_is_given(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [
        ["id", "from", "to"],
        ["", "council", "foodbank"],
        ["r1", "council", "shop"],
        ["", "shop", "foodbank"],
    ]
    assert [r.id for r in ok(read_rows(sheets)).relationships] == ["r1-2", "r1", "r3"]


@both_formats
def test_it_applies_the_defaults_of_the_contract(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [["from", "to", "type"], ["council", "foodbank", "grant"]]
    sheets["Relationships"].append(["council", "shop", ""])
    grant, other = ok(read_rows(sheets)).relationships
    assert (grant.directed, grant.strength, grant.tense) == (True, 3, False)
    assert grant.status is RelationshipStatus.ACTIVE
    assert (other.type, other.directed) == ("partnership", False)


@both_formats
def test_it_recognises_relationship_types_however_they_are_spelled(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [
        ["from", "to", "type"],
        ["council", "foodbank", "Supply-Chain"],
        ["council", "shop", "co location"],
        ["shop", "foodbank", "Mentoring scheme"],
    ]
    kinds = [r.type for r in ok(read_rows(sheets)).relationships]
    assert kinds == ["supply chain", "co-location", "Mentoring scheme"]


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2012-07-15", PartialDate(2012, 7, 15)),
        ("15/07/2012", PartialDate(2012, 7, 15)),
        ("2012-07", PartialDate(2012, 7)),
        ("July 2012", PartialDate(2012, 7)),
        ("November 2008", PartialDate(2008, 11)),
        ("Nov 2008", PartialDate(2008, 11)),
        ("2012", PartialDate(2012)),
        ("41105", PartialDate(2012, 7, 15)),
    ],
)
@both_formats
def test_it_reads_dates_written_as_text_to_their_precision(
    read_rows: Read, written: str, date: PartialDate
) -> None:
    sheets = base_sheets()
    sheets["Relationships"] = [["from", "to", "since"], ["council", "foodbank", written]]
    assert ok(read_rows(sheets)).relationships[0].since == date


def test_it_reads_excel_dates_and_serial_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Place"
    book["Place"].append(["field", "value"])
    book["Place"].append(["name", "Northgate"])
    book["Place"].append(["date", dt.datetime(2012, 7, 15, 10, 30)])
    orgs = book.create_sheet("Organisations")
    orgs.append(["id", "name", "sector"])
    orgs.append(["a", "A", "public"])
    orgs.append(["b", "B", "social"])
    ties = book.create_sheet("Relationships")
    ties.append(["from", "to", "since", "until"])
    ties.append(["a", "b", 41105, dt.date(2013, 3, 1)])
    ties["D2"].number_format = "mmmm yyyy"  # a month, as Excel shows "March 2013"
    ties.append(["a", "b", 2010, dt.date(2013, 3, 5)])
    ties["D3"].number_format = "yyyy"
    book.save(tmp_path / "dates.xlsx")
    study = ok(read_study(tmp_path / "dates.xlsx"))
    assert study.place.date == PartialDate(2012, 7, 15)
    first, second = study.relationships
    assert (first.since, first.until) == (PartialDate(2012, 7, 15), PartialDate(2013, 3))
    assert (second.since, second.until) == (PartialDate(2010), PartialDate(2013))


def test_it_reads_a_workbook_in_the_1904_date_system(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    book.active.title = "Place"
    book["Place"].append(["field", "value"])
    book["Place"].append(["name", "Northgate"])
    book["Place"].append(["date", dt.date(2012, 7, 15)])
    orgs = book.create_sheet("Organisations")
    orgs.append(["name", "sector"])
    book.save(tmp_path / "mac.xlsx")
    assert ok(read_study(tmp_path / "mac.xlsx")).place.date == PartialDate(2012, 7, 15)


@pytest.mark.parametrize(
    "written",
    [
        "between stable and resilient",
        "stable-resilient",
        "Stable – Resilient",
        "stable/resilient",
        "resilient to stable",
        "6",
        "stable–resilient",
    ],
)
@both_formats
def test_it_reads_ratings_in_every_written_form(read_rows: Read, written: str) -> None:
    sheets = with_sheet("Ratings", [["measure", "rating"], ["social", written]])
    assert ok(read_rows(sheets)).rating("social").position == 6  # type: ignore[union-attr]


def test_it_reads_a_rating_typed_as_a_number() -> None:
    sheets = with_sheet("Ratings", [["measure", "rating"], ["social", 6], ["health", 3.0]])
    study = ok(read_xlsx(sheets))
    assert [r.position for r in study.ratings] == [6, 3]


@pytest.mark.parametrize(
    ("variant", "written", "key"),
    [
        ("community", "5", "social-commercial"),
        ("place", "5", "social-public"),
        ("place", "Measure 1", "commercial"),
        ("community", "M1", "social"),
        ("community", "social-public", "social-public"),
        ("community", "Health & Wellbeing", "health"),
        ("community", "Strength and shape of the public sector", "public"),
        ("community", "public and commercial", "public-commercial"),
    ],
)
@both_formats
def test_it_reads_measures_by_key_number_in_the_variant_or_title(
    read_rows: Read, variant: str, written: str, key: str
) -> None:
    sheets = base_sheets()
    sheets["Place"][2][1] = variant
    sheets["Evidence"] = [["text", "measures"], ["Seen.", written]]
    sheets["Ratings"] = [["measure", "rating"], [written, "stable"]]
    study = ok(read_rows(sheets))
    assert study.evidence[0].measures == (key,)
    assert study.ratings[0].measure == key


@both_formats
def test_it_separates_measures_by_commas_too(read_rows: Read) -> None:
    sheets = with_sheet("Evidence", [["text", "measures"], ["Seen.", "1, 2;health"]])
    assert ok(read_rows(sheets)).evidence[0].measures == ("social", "public", "health")


@both_formats
def test_a_ratings_row_for_overall_is_the_overall_assessment(read_rows: Read) -> None:
    sheets = with_sheet(
        "Ratings",
        [
            ["Measure", "Rating", "Rationale"],
            ["Overall", "vulnerable", "one\ntwo\n\n"],
            ["health", ""],
        ],
    )
    study = ok(read_rows(sheets))
    assert study.overall is not None
    assert (study.overall.position, study.overall.rationale) == (3, ("one", "two"))
    assert [(r.measure, r.position) for r in study.ratings] == [("health", None)]


@pytest.mark.parametrize(
    ("written", "polarity"),
    [
        ("+", Polarity.POSITIVE),
        ("Strength", Polarity.POSITIVE),
        ("-", Polarity.NEGATIVE),
        ("weakness", Polarity.NEGATIVE),
        ("", Polarity.NEUTRAL),
        ("NEUTRAL", Polarity.NEUTRAL),
    ],
)
@both_formats
def test_it_reads_polarity_as_people_write_it(
    read_rows: Read, written: str, polarity: Polarity
) -> None:
    sheets = with_sheet("Evidence", [["text", "polarity"], ["Seen.", written]])
    assert ok(read_rows(sheets)).evidence[0].polarity is polarity


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("less than 40%", Quantity(Decimal(40), "<", True)),
        ("about 3.5", Quantity(Decimal("3.5"), "~", False)),
        ("> 10", Quantity(Decimal(10), ">", False)),
        ("at least 5 per cent", Quantity(Decimal(5), ">=", True)),
        ("1,250", Quantity(Decimal(1250))),
        ("to be determined", Quantity()),
        ("TBD", Quantity()),
        ("", Quantity()),
    ],
)
@both_formats
def test_it_keeps_value_qualifiers_and_leaves_unknown_values_unknown(
    read_rows: Read, written: str, value: Quantity
) -> None:
    sheets = with_sheet("Indicators", [["id", "name"], ["ni1", "Belonging"]])
    sheets["Observations"] = [
        ["indicator", "period", "kind", "value"],
        ["ni1", "2008", "actual", written],
    ]
    assert ok(read_rows(sheets)).observations[0].value == value


def test_it_reads_a_percent_formatted_cell_as_a_percentage(tmp_path: Path) -> None:
    sheets = with_sheet("Indicators", [["id", "name"], ["ni1", "Belonging"]])
    sheets["Observations"] = [
        ["indicator", "period", "kind", "value"],
        ["ni1", "2008", "actual", 0.45],
    ]
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book["Observations"]["D2"].number_format = "0%"
    book.save(tmp_path / "percent.xlsx")
    value = ok(read_study(tmp_path / "percent.xlsx")).observations[0].value
    assert value == Quantity(Decimal(45), None, True)


@both_formats
def test_it_finds_indicators_and_recommendations_by_name_or_title(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Indicators"] = [["name"], ["People who feel they belong"]]
    sheets["Observations"] = [
        ["indicator", "period", "kind"],
        ["people who feel they belong", "2008", "Baseline"],
    ]
    sheets["Recommendations"] = [["title"], ["Open the forum"]]
    sheets["FollowUps"] = [["recommendation", "progress"], ["open the forum", "Completed"]]
    study = ok(read_rows(sheets))
    assert study.observations[0].indicator == "people-who-feel-they-belong"
    assert study.followups[0].recommendation == "rec1"


@both_formats
def test_it_pairs_milestones_and_due_dates_by_position(read_rows: Read) -> None:
    sheets = with_sheet(
        "Actions",
        [
            ["ref", "action", "milestone", "due", "lead"],
            [
                "1.1",
                "Welcome event",
                "Venue booked\nEvent held; Review",
                "-\nNovember 2008",
                "council",
            ],
            ["1.2", "Leaflet", "", "2009", ""],
        ],
    )
    first, second = ok(read_rows(sheets)).actions
    assert first.milestones == (
        Milestone("Venue booked"),
        Milestone("Event held", PartialDate(2008, 11)),
        Milestone("Review"),
    )
    assert first.lead == (Lead("council", "council"),)
    assert second.milestones == (Milestone("", PartialDate(2009)),)


def test_it_reads_a_due_date_typed_as_an_excel_date() -> None:
    sheets = with_sheet(
        "Actions", [["action", "milestone", "due"], ["Event", "Held", dt.date(2008, 11, 3)]]
    )
    action = ok(read_xlsx(sheets)).actions[0]
    assert action.milestones == (Milestone("Held", PartialDate(2008, 11, 3)),)


def test_it_reads_csv_with_a_byte_order_mark(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "study", base_sheets())
    for path in folder.iterdir():
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(ok(read_study(folder)).organisations) == 3


def test_it_reads_windows_csv_with_a_warning(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "study", base_sheets())
    (folder / "Relationships.csv").unlink()
    (folder / "Organisations.csv").write_bytes(
        "id,name,sector\nc,Café Ünal,commercial\n".encode("cp1252")
    )
    result = read_study(folder)
    assert ok(result).organisation("c").name == "Café Ünal"
    assert any("Windows-1252" in p.reason for p in result.warnings)


def test_it_matches_csv_file_names_without_regard_to_case(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "study", base_sheets())
    (folder / "Organisations.csv").rename(folder / "ORGANISATIONS.CSV")
    (folder / "Relationships.csv").rename(folder / "relationships.csv")
    study = ok(read_study(folder))
    assert len(study.relationships) == 1


def test_it_ignores_the_instructions_sheet_and_blank_rows() -> None:
    sheets = base_sheets()
    sheets["Instructions"] = [["Anything at all", 1, 2, 3]]
    sheets["Organisations"].insert(2, [None, None, None])
    result = read_xlsx(sheets)
    assert ok(result).counts()["organisations"] == 3
    assert result.problems == ()


@both_formats
def test_text_keeps_its_line_breaks_but_not_surrounding_spaces(read_rows: Read) -> None:
    sheets = base_sheets()
    sheets["Organisations"][0].append("notes")
    sheets["Organisations"][1].append("  first line\r\nsecond line  ")
    assert ok(read_rows(sheets)).organisation("council").notes == "first line\nsecond line"
