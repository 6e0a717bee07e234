"""The template explains every column, helps with drop-downs, and reads once filled in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from communitydna.framework import Sector
from communitydna.io import SHEETS, read_study, write_template
from communitydna.io.template import EXAMPLES
from communitydna.snapshot import Lead, PartialDate


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "study.xlsx"
    write_template(path)
    return path


def test_it_has_the_instructions_first_and_every_sheet_with_its_header(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["Instructions", *(s.name for s in SHEETS)]
    assert book.active.title == "Instructions"
    for spec in SHEETS:
        header = [c.value for c in book[spec.name][1]]
        expected = ["field", "value"] if spec.pairs else list(spec.column_names)
        assert header == expected, spec.name
        assert book[spec.name].freeze_panes == "A2"


def test_the_instructions_explain_every_column_of_every_sheet(template: Path) -> None:
    sheet = openpyxl.load_workbook(template)["Instructions"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    text = "\n".join(str(v) for row in rows for v in row if v)
    for spec in SHEETS:
        assert spec.description in text
        for column in spec.columns:
            explained = [r for r in rows if r[0] == column.name and r[2] == column.description]
            assert explained, f"{spec.name}.{column.name}"
            assert explained[0][3] == column.accepted
            assert explained[0][1] == ("required" if column.required else None)


def test_it_offers_drop_down_lists_for_fixed_values(template: Path) -> None:
    book = openpyxl.load_workbook(template)

    def lists(sheet: str) -> dict[str, str]:
        found = {}
        for rule in book[sheet].data_validations.dataValidation:
            column = str(rule.sqref).split(":")[0].rstrip("0123456789")
            found[column] = rule.formula1 if rule.type == "list" else rule.type
        return found

    assert lists("Organisations")["C"] == '"public,commercial,social"'
    assert lists("Organisations")["I"] == '"micro,small,medium,large"'
    relationships = lists("Relationships")
    assert relationships["E"] == '"yes,no"'
    assert relationships["F"] == "whole"
    assert relationships["H"] == '"active,ended,proposed"'
    assert "stable–resilient" in lists("Ratings")["B"]
    assert "overall" in lists("Ratings")["A"]
    assert lists("Evidence")["E"] == '"positive,negative,neutral"'
    assert lists("FollowUps")["C"] == '"not started,in progress,done,dropped"'
    assert lists("Actions")["H"] == '"not started,on track,at risk,done,dropped"'
    assert lists("Observations")["C"] == '"baseline,target,actual"'
    assert lists("Indicators")["E"] == '"up,down"'
    assert lists("Place")["B"] == '"community,place"'


def test_the_lists_warn_rather_than_refuse_so_synonyms_can_be_typed(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    sector = book["Organisations"].data_validations.dataValidation[0]
    assert sector.errorStyle == "warning"


def test_an_empty_template_needs_only_a_place_name(template: Path) -> None:
    result = read_study(template)
    assert [(p.sheet, p.column) for p in result.errors] == [("Place", "value")]
    assert result.warnings == ()


def test_a_template_filled_in_by_hand_reads_without_errors(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    place = book["Place"]
    place["B2"] = "Northgate"
    place["B4"] = dt.datetime(2012, 7, 1)
    place["B4"].number_format = "mmm-yy"
    place["B6"] = "Northgate East\nNorthgate West"
    organisations = book["Organisations"]
    organisations.append(["", "Northgate Borough Council", "Public sector", "local authority"])
    organisations.append(["fb", "Northgate Food Bank", "VCSE", "charity", "East", "", "", "bme"])
    organisations.append([None, "Corner Shop", "private", None, None, None, None, None, "micro"])
    book["Relationships"].append([None, "northgate-borough-council", "fb", "Grant", None, 4])
    book["Relationships"].append([None, "Corner Shop", "Northgate Food Bank", "informal"])
    book["Evidence"].append(["e1", "Interview", "June 2012", "1; 4", "+", 2, "It helps.", "fb"])
    book["Ratings"].append(["social", "between vulnerable and stable", "Few groups"])
    book["Ratings"].append(["overall", "Vulnerable"])
    book["Recommendations"].append(["", "Open the forum", "", "social-public"])
    book["FollowUps"].append(["rec1", "2013-01", "in progress"])
    book["Actions"].append(["1.1", "", "Welcome event", "Book\nHold", "2012-09\nNov 2012", "fb"])
    book["Indicators"].append(["ni1", "Belonging", "", "%", "up"])
    book["Observations"].append(["ni1", "2007/08", "baseline", "less than 40%"])
    book["Tensions"].append(["2012-03", "East", "Police", "asb", 2])
    filled = template.with_name("filled.xlsx")
    book.save(filled)
    result = read_study(filled)
    assert result.problems == (), [str(p) for p in result.problems]
    study = result.snapshot
    assert study is not None
    assert study.place.date == PartialDate(2012, 7)
    assert study.place.wards == ("Northgate East", "Northgate West")
    assert [o.id for o in study.organisations] == [
        "northgate-borough-council",
        "fb",
        "corner-shop",
    ]
    assert study.organisation("fb").sector is Sector.SOCIAL
    assert study.relationships[0].directed is True
    assert study.evidence[0].measures == ("social", "social-public")
    assert study.overall is not None
    assert study.overall.position == 3
    assert study.actions[0].lead == (Lead("fb", "fb"),)


def test_the_example_rows_are_valid_rows_of_their_sheets(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    for spec in SHEETS:
        sheet = book[spec.name]
        if spec.pairs:
            sheet.delete_rows(2, sheet.max_row)
        names = [c.value for c in sheet[1]]
        for example in EXAMPLES[spec.name]:
            assert set(example) <= set(names), spec.name
            sheet.append([example.get(str(name), None) for name in names])
    filled = template.with_name("examples.xlsx")
    book.save(filled)
    result = read_study(filled)
    assert result.errors == (), [str(p) for p in result.errors]
    # the example of an unlinked lead
    assert [w.value for w in result.warnings] == ["Northgate Residents' Forum"]


def test_the_examples_appear_on_the_instructions_sheet(template: Path) -> None:
    sheet = openpyxl.load_workbook(template)["Instructions"]
    values = {c.value for row in sheet.iter_rows() for c in row if c.value}
    for rows in EXAMPLES.values():
        for example in rows:
            assert set(example.values()) <= values
