"""Workbooks as other programs write them: the reader understands every way OOXML says it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from communitydna.io import read_study
from communitydna.io.tabular import open_book
from communitydna.snapshot import PartialDate

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

PLACE = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>field</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>value</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>name</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>Northgate</t></is></c></row>'
)


def _workbook(
    path: Path,
    organisations: str,
    *,
    shared: list[str] | None = None,
    styles: str | None = None,
    namespace: str = MAIN,
    prefix: str = "",
    date1904: bool = False,
) -> Path:
    """A minimal workbook with a Place sheet and an Organisations sheet of these rows."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{namespace}"' if prefix else f'xmlns="{namespace}"'

    def sheet(rows: str) -> str:
        if prefix:
            rows = rows.replace("<", f"<{p}").replace(f"<{p}/", f"</{p}")
        data = f"<{p}sheetData>{rows}</{p}sheetData>"
        return f'<?xml version="1.0"?><{p}worksheet {xmlns}>{data}</{p}worksheet>'

    rels = [
        ("rId1", "worksheet", "worksheets/sheet1.xml"),
        ("rId2", "worksheet", "/xl/worksheets/sheet2.xml"),
    ]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="r" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<{p}workbook {xmlns} xmlns:r="{REL}">'
            + (f'<{p}workbookPr date1904="1"/>' if date1904 else "")
            + f'<{p}sheets><{p}sheet name="Place" sheetId="1" r:id="rId1"/>'
            f'<{p}sheet name="Organisations" sheetId="2" r:id="rId2"/></{p}sheets></{p}workbook>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet(PLACE))
        archive.writestr("xl/worksheets/sheet2.xml", sheet(organisations))
        if shared is not None:
            rels.append(("rId3", "sharedStrings", "sharedStrings.xml"))
            archive.writestr(
                "xl/sharedStrings.xml", f'<sst xmlns="{namespace}">{"".join(shared)}</sst>'
            )
        if styles is not None:
            rels.append(("rId4", "styles", "styles.xml"))
            archive.writestr(
                "xl/styles.xml", f'<styleSheet xmlns="{namespace}">{styles}</styleSheet>'
            )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG}">'
            + "".join(f'<Relationship Id="{i}" Type="{REL}/{k}" Target="{t}"/>' for i, k, t in rels)
            + "</Relationships>",
        )
    return path


def _text(ref: str, value: str) -> str:
    """An inline string cell (with no reference when ``ref`` is blank)."""
    where = f' r="{ref}"' if ref else ""
    return f'<c{where} t="inlineStr"><is><t>{value}</t></is></c>'


HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>sector</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>notes</t></is></c></row>'
)


def _notes(path: Path) -> list[str]:
    result = read_study(path)
    assert result.snapshot is not None, [str(p) for p in result.errors]
    return [o.notes for o in result.snapshot.organisations]


def test_it_reads_shared_strings_with_rich_text_and_without_phonetic_runs(tmp_path: Path) -> None:
    shared = [
        "<si><t>Council</t></si>",
        "<si><t>public</t></si>",
        '<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r></si>',
        '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
    ]
    rows = HEADER + (
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>'
        '<c r="C2" t="s"><v>2</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Shop</t></is></c>'
        '<c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>3</v></c></row>'
    )
    assert _notes(_workbook(tmp_path / "s.xlsx", rows, shared=shared)) == [
        "Bold and plain",
        "漢字",
    ]


def test_it_undoes_the_escapes_excel_writes_for_control_characters(tmp_path: Path) -> None:
    rows = HEADER + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>public</t></is></c>'
        + _text("C2", "one_x000D__x000A_two _x005F_x0041_ &amp; &lt;x&gt;")
        + "</row>"
    )
    assert _notes(_workbook(tmp_path / "s.xlsx", rows)) == ["one\ntwo _x0041_ & <x>"]


def test_it_reads_formula_text_results_booleans_and_iso_dates(tmp_path: Path) -> None:
    rows = HEADER.replace(
        "</row>",
        '<c r="D1" t="inlineStr"><is><t>founded</t></is></c>'
        '<c r="E1" t="inlineStr"><is><t>open</t></is></c></row>',
    ) + (
        '<row r="2"><c r="A2" t="str"><f>"Coun"&amp;"cil"</f><v>Council</v></c>'
        '<c r="B2" t="inlineStr"><is><t>public</t></is></c>'
        '<c r="D2" t="d"><v>1974-04-01T00:00:00Z</v></c>'
        '<c r="E2" t="b"><v>1</v></c></row>'
    )
    result = read_study(_workbook(tmp_path / "s.xlsx", rows))
    assert result.snapshot is not None, [str(p) for p in result.errors]
    council = result.snapshot.organisations[0]
    assert council.name == "Council"
    assert council.attributes == {"founded": "1974-04-01", "open": "TRUE"}


def test_it_reads_cells_and_rows_without_references(tmp_path: Path) -> None:
    rows = "".join(
        f"<row{number}>{_text('', a)}{_text('', b)}</row>"
        for number, a, b in [
            ("", "name", "sector"),
            ("", "Council", "public"),
            (' r="5"', "Shop", "x"),
        ]
    )
    with open_book(_workbook(tmp_path / "s.xlsx", rows)) as book:
        (sheet,) = [s for s in book.sheets if s.name == "Organisations"]
        assert [number for number, _ in sheet.rows()] == [1, 2, 5]


@pytest.mark.parametrize(("namespace", "prefix"), [(MAIN, "x"), (STRICT, ""), (STRICT, "s")])
def test_it_reads_prefixed_and_strict_namespaces(
    tmp_path: Path, namespace: str, prefix: str
) -> None:
    rows = HEADER + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Council</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>public</t></is></c></row>'
    )
    path = _workbook(tmp_path / "s.xlsx", rows, namespace=namespace, prefix=prefix)
    result = read_study(path)
    assert result.snapshot is not None, [str(p) for p in result.errors]
    assert result.snapshot.place.name == "Northgate"


def test_it_reads_number_formats_for_dates_months_years_and_percentages(tmp_path: Path) -> None:
    styles = (
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="mmmm\\ yyyy"/>'
        '<numFmt numFmtId="165" formatCode="[$-809]yyyy"/></numFmts>'
        '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
        '<xf numFmtId="165"/><xf numFmtId="10"/><xf numFmtId="20"/></cellXfs>'
    )
    rows = HEADER.replace(
        "</row>",
        "".join(
            f'<c r="{c}1" t="inlineStr"><is><t>{n}</t></is></c>'
            for c, n in zip("DEFGH", ["day", "month", "year", "share", "time"], strict=True)
        )
        + "</row>",
    ) + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Council</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>public</t></is></c>'
        '<c r="D2" s="1"><v>41105</v></c><c r="E2" s="2"><v>41105</v></c>'
        '<c r="F2" s="3"><v>41105</v></c><c r="G2" s="4"><v>0.125</v></c>'
        '<c r="H2" s="5"><v>0.5</v></c></row>'
    )
    result = read_study(_workbook(tmp_path / "s.xlsx", rows, styles=styles))
    assert result.snapshot is not None, [str(p) for p in result.errors]
    assert result.snapshot.organisations[0].attributes == {
        "day": "2012-07-15",
        "month": "2012-07",
        "year": "2012",
        "share": "12.5%",
        "time": "0.5",
    }


def test_it_counts_days_from_1904_when_the_workbook_says_so(tmp_path: Path) -> None:
    styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
    place = PLACE + (
        '<row r="3"><c r="A3" t="inlineStr"><is><t>date</t></is></c>'
        '<c r="B3" s="1"><v>39643</v></c></row>'
    )
    path = _workbook(tmp_path / "s.xlsx", HEADER, styles=styles, date1904=True)
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        PLACE.encode(), place.encode()
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = read_study(path)
    assert result.snapshot is not None, [str(p) for p in result.errors]
    assert result.snapshot.place.date == PartialDate(2012, 7, 15)


def test_a_chart_sheet_named_like_a_data_sheet_is_an_error(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "s.xlsx", HEADER)
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b'/worksheet" Target="/xl', b'/chartsheet" Target="/xl'
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = read_study(path)
    assert result.snapshot is None
    assert any(p.sheet == "Organisations" and "chartsheet" in p.reason for p in result.errors)
