"""Exports never hand a spreadsheet program a formula, and what was written reads back exactly.

Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a string cell
with the quote-prefix style in ``.xlsx``, and gets one ``'`` in front in ``.csv``.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbook_support import line

from communitydna.framework import Sector
from communitydna.io import read_study, write_study
from communitydna.io.tabular import quote_csv_text, unquote_csv_text
from communitydna.snapshot import (
    Indicator,
    Observation,
    ObservationKind,
    Organisation,
    Place,
    Quantity,
    Relationship,
    Snapshot,
)

DANGEROUS = [
    "=SUM(A1:A9)",
    '=HYPERLINK("http://example.org/?q="&A1,"Click")',
    "+44 20 7946 0000",
    "-2.5",
    "-",
    "@SUM(1)",
    "=cmd|' /C calc'!A0",
    "'=already quoted",
    "''=twice",
    "'+1",
    "''",
    "'",
    "'til dawn",
    "plain = fine",
]


def _study(texts: list[str]) -> Snapshot:
    organisations = tuple(
        Organisation(
            f"o{number}",
            text,
            Sector.SOCIAL,
            type=text,
            notes=f"{text}\nsecond line",
            led_by=(text.replace(";", ","),),
            attributes={"note": text},
        )
        for number, text in enumerate(texts)
    )
    return Snapshot(
        place=Place(texts[0], attributes={"motto": texts[0]}),
        organisations=organisations,
        relationships=(Relationship("r", "o0", "o1", strength=3),) if len(texts) > 1 else (),
        indicators=(Indicator("i", "Change"),),
        observations=(
            Observation("i", "2020", ObservationKind.ACTUAL, Quantity.parse("-2.5")),
            Observation(
                "i", "2021", ObservationKind.ACTUAL, Quantity.parse("-0.12345678901234567")
            ),
        ),
    )


def _round_trip(study: Snapshot, target: Path) -> Snapshot | None:
    write_study(study, target)
    result = read_study(target)
    assert result.errors == (), [str(p) for p in result.errors]
    return result.snapshot


@pytest.mark.parametrize("name", ["study.xlsx", "study"], ids=["xlsx", "csv"])
def test_every_dangerous_start_comes_back_exactly(tmp_path: Path, name: str) -> None:
    study = _study(DANGEROUS)
    assert _round_trip(study, tmp_path / name) == study


@pytest.mark.parametrize("name", ["study.xlsx", "study"], ids=["xlsx", "csv"])
def test_an_unknown_column_named_like_a_formula_comes_back_as_a_column(
    tmp_path: Path, name: str
) -> None:
    study = Snapshot(
        place=Place("Northgate"),
        organisations=(Organisation("c", "C", Sector.PUBLIC, attributes={"=x()": "-1"}),),
    )
    assert _round_trip(study, tmp_path / name) == study


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote(tmp_path: Path) -> None:
    write_study(_study(DANGEROUS), tmp_path / "study")
    with (tmp_path / "study" / "Organisations.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    names = [row[1] for row in rows[1:]]
    for written, raw in zip(DANGEROUS, names, strict=True):
        if written[:1] in ("=", "+", "-", "@"):
            assert raw == "'" + written
    assert names[DANGEROUS.index("'=already quoted")] == "''=already quoted"
    assert names[DANGEROUS.index("'til dawn")] == "'til dawn"
    assert names[DANGEROUS.index("plain = fine")] == "plain = fine"
    assert not any(cell[:1] in ("=", "+", "-", "@") for row in rows for cell in row[:2])


def test_numbers_are_written_as_numbers_without_a_quote(tmp_path: Path) -> None:
    write_study(_study(DANGEROUS), tmp_path / "study")
    with (tmp_path / "study" / "Observations.csv").open(encoding="utf-8-sig", newline="") as f:
        values = [row[3] for row in list(csv.reader(f))[1:]]
    assert values == ["-2.5", "-0.12345678901234567"]
    with (tmp_path / "study" / "Relationships.csv").open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["strength"] == "3"


def test_xlsx_has_no_formula_and_dangerous_text_is_a_quote_prefixed_string(
    tmp_path: Path,
) -> None:
    write_study(_study(DANGEROUS), tmp_path / "study.xlsx")
    with zipfile.ZipFile(tmp_path / "study.xlsx") as book:
        sheets = {n: book.read(n).decode() for n in book.namelist() if "worksheets/" in n}
        styles = book.read("xl/styles.xml").decode()
    assert not any(re.search(r"<(\w+:)?f[ >]", xml) for xml in sheets.values())
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    assert xfs is not None
    quoted = {
        str(i)
        for i, xf in enumerate(re.findall(r"<xf [^>]*>", xfs.group(1)))
        if 'quotePrefix="1"' in xf
    }
    cells = re.findall(r'<c r="[A-Z]+\d+"([^>]*)><is><t[^>]*>([^<]*)</t>', "".join(sheets.values()))
    dangerous = [(attrs, text) for attrs, text in cells if text[:1] in ("=", "+", "-", "@")]
    assert len(dangerous) > 20
    for attrs, _text in dangerous:
        assert 't="inlineStr"' in attrs
        style = re.search(r's="(\d+)"', attrs)
        assert style is not None
        assert style.group(1) in quoted
    # a number stays a number cell
    assert re.search(r"<c r=\"D2\"[^>]*><v>-2.5</v>", sheets["xl/worksheets/sheet11.xml"])


def test_a_tab_or_carriage_return_in_front_is_never_a_formula_start(tmp_path: Path) -> None:
    # The reader removes surrounding spaces from every cell, so such text (which a read
    # never produces) comes back without them, as it would without the quote.
    study = _study(["\t=1+1", "\r@x"])
    write_study(study, tmp_path / "study")
    raw = (tmp_path / "study" / "Organisations.csv").read_bytes().decode("utf-8-sig")
    assert "'\t=1+1" in raw
    assert "'\r@x" in raw
    back = read_study(tmp_path / "study").snapshot
    assert back is not None
    assert [o.name for o in back.organisations] == ["=1+1", "@x"]
    write_study(study, tmp_path / "study.xlsx")
    back = read_study(tmp_path / "study.xlsx").snapshot
    assert back is not None
    assert [o.name for o in back.organisations] == ["=1+1", "@x"]


def test_the_csv_quote_rule_loses_nothing() -> None:
    for text in [*DANGEROUS, "", "'\t", "'\r", "\t", "x'"]:
        assert unquote_csv_text(quote_csv_text(text)) == text


def test_a_hand_made_csv_keeps_a_lone_leading_apostrophe(tmp_path: Path) -> None:
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "Place.csv").write_text("field,value\nname,'til dawn\n", "utf-8")
    (folder / "Organisations.csv").write_text("id,name,sector\nc,'+44 1,public\n", "utf-8")
    back = read_study(folder).snapshot
    assert back is not None
    assert back.place.name == "'til dawn"
    assert back.organisations[0].name == "+44 1"


_starts = st.sampled_from(["", "=", "+", "-", "@", "'", "''", "'=", "'-"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.tuples(_starts, line).map("".join), min_size=2, max_size=4))
def test_any_text_comes_back_exactly_from_xlsx_and_csv(texts: list[str]) -> None:
    import tempfile

    study = _study(texts)
    with tempfile.TemporaryDirectory() as folder:
        assert _round_trip(study, Path(folder) / "study.xlsx") == study
        assert _round_trip(study, Path(folder) / "study") == study


@given(text=st.text())
def test_the_csv_quote_rule_loses_nothing_for_any_text(text: str) -> None:
    assert unquote_csv_text(quote_csv_text(text)) == text
    assert quote_csv_text(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")
