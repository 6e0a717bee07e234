"""The Word report reopens with python-docx and has Word's own structure.

Headings in Heading 1–3 styles, one per measure in the variant's order; a table of contents
field and page-number fields; numbered captions; repeating table headers; figures as
pictures with their text alternative; every evidence item with its source and date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from communitydna.demo import demo_snapshot
from communitydna.reports import Figure, Report, build_report, write_report
from communitydna.reports.docx import render_docx
from communitydna.snapshot import Snapshot

from .support import GENERATED_ON, make_hostile_snapshot

# ----------------------------------------------------------------------------- helpers

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'


def reopen(report: Report) -> Any:
    """Render a report as Word and open the file again with python-docx."""
    return docx.Document(io.BytesIO(render_docx(report)))


def headings(document: Any) -> list[tuple[int, str]]:
    """Every paragraph in a Heading style, as (level, text), in document order."""
    found = []
    for p in document.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.startswith("Heading "):
            found.append((int(name.split()[1]), p.text))
    return found


def styled(document: Any, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def field_instructions(element: Any) -> list[str]:
    """The instruction of every field under an XML element, white space made single."""
    found = [" ".join((t.text or "").split()) for t in element.iter(qn("w:instrText"))]
    found += [" ".join(f.get(qn("w:instr")).split()) for f in element.iter(qn("w:fldSimple"))]
    return found


def body_text(document: Any) -> str:
    """All text of the body, tables included."""
    return "".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def all_figures(report: Report) -> Iterator[Figure]:
    yield from report.summary.figures
    yield from report.place.figures
    for m in report.measures:
        yield from m.figures
        yield from m.network.figures
    yield from report.network.figures
    for i in report.indicators:
        yield from i.figures


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A small, valid PNG image, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def with_summary_figures(report: Report, *figures: Figure) -> Report:
    return dataclasses.replace(report, summary=dataclasses.replace(report.summary, figures=figures))


@pytest.fixture
def undrawn(snapshot: Snapshot) -> Report:
    """The small study's report without the report's own figures, to add figures by hand."""
    return build_report(snapshot, generated_on=GENERATED_ON, figures=False)


@pytest.fixture(scope="module")
def demo_report() -> Report:
    return build_report(demo_snapshot(), generated_on=GENERATED_ON)


@pytest.fixture(scope="module")
def demo_document(demo_report: Report) -> Any:
    return reopen(demo_report)


# ------------------------------------------------------------------------ structure


def test_the_title_page_names_the_place_in_the_title_style(demo_document: Any) -> None:
    assert styled(demo_document, "Title") == ["Calderholme"]
    assert styled(demo_document, "Subtitle") == ["Community resilience assessment"]
    assert demo_document.core_properties.title.startswith("Calderholme")
    assert demo_document.core_properties.language == "en-GB"


def test_headings_use_word_styles_and_never_skip_a_level(demo_document: Any) -> None:
    found = headings(demo_document)
    assert found[0][0] == 1
    assert {level for level, _ in found} == {1, 2, 3}
    for (before, _), (after, text) in itertools.pairwise(found):
        assert after <= before + 1, f"{text!r} skips from Heading {before} to {after}"


def test_the_sections_follow_the_contents_of_the_report(
    demo_document: Any, demo_report: Report
) -> None:
    sections = [text for level, text in headings(demo_document) if level == 1]
    assert sections == [e.title for e in demo_report.contents() if e.level == 1]


def test_there_is_one_heading_per_measure_in_the_variants_order(
    any_variant_snapshot: Snapshot,
) -> None:
    report = build_report(any_variant_snapshot, generated_on=GENERATED_ON)
    document = reopen(report)

    found = [text for level, text in headings(document) if text.startswith("Measure ")]

    variant = any_variant_snapshot.place.framework
    assert [m.key for m in report.measures] == list(variant.order)
    assert found == [m.heading for m in report.measures]
    assert all(level == 2 for level, text in headings(document) if text in found)


def test_recommendations_are_headed_in_their_order(demo_document: Any, demo_report: Report) -> None:
    found = [text for level, text in headings(demo_document) if level == 2 and text[:1].isdigit()]
    assert found == [f"{r.number}. {r.title}" for r in demo_report.recommendations]


def test_it_has_a_table_of_contents_field_that_word_updates_on_opening(
    demo_document: Any,
) -> None:
    body = field_instructions(demo_document.element.body)
    assert any(re.fullmatch(r'TOC \\o "1-\d"( \\\w)*', i) for i in body), body
    settings = demo_document.settings.element
    update = settings.find(qn("w:updateFields"))
    assert update is not None
    assert update.get(qn("w:val")) == "true"
    # Until Word updates it, the field shows the section titles.
    assert "Assessment by measure" in styled(demo_document, "toc 1")


def test_the_footer_numbers_the_pages_but_not_the_title_page(demo_document: Any) -> None:
    section = demo_document.sections[0]
    assert section.different_first_page_header_footer
    footer = field_instructions(section.footer._element)
    assert "PAGE" in footer
    assert "NUMPAGES" in footer
    assert "PAGE" not in field_instructions(section.first_page_footer._element)


def test_pages_are_a4(demo_document: Any) -> None:
    section = demo_document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_every_table_has_a_numbered_caption_and_a_header_row_that_repeats(
    demo_document: Any,
) -> None:
    tables = demo_document.tables
    captions = [t for t in styled(demo_document, "Caption") if t.startswith("Table ")]
    assert len(tables) == len(captions) > 0
    assert captions[0] == (
        "Table 1: The ten measures in the order of the community framework, with their ratings"
    )
    assert "Table 3: The measures in the order of the community framework" in captions
    seq = [i for i in field_instructions(demo_document.element.body) if i.startswith("SEQ")]
    assert seq.count("SEQ Table \\* ARABIC") == len(tables)
    for table in tables:
        header = table.rows[0]._tr.trPr
        assert header is not None
        assert header.find(qn("w:tblHeader")) is not None
        assert table.style is not None
        assert table.style.name != "Normal Table"
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None


def test_the_rankings_table_gives_every_rating_in_words(
    demo_document: Any, demo_report: Report
) -> None:
    table = demo_document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "No.",
        "Measure",
        "Rating",
        "Position on the scale",
    ]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[1] for r in rows] == [row.measure.title for row in demo_report.summary.rankings]
    assert [r[2] for r in rows] == [
        row.rating.title if row.rating.rated else "not rated"
        for row in demo_report.summary.rankings
    ]


def test_every_evidence_item_appears_with_its_source_and_date(
    demo_document: Any, demo_report: Report
) -> None:
    text = body_text(demo_document)
    items = [*demo_report.uncoded_evidence]
    for m in demo_report.measures:
        items += [*m.supporting, *m.contrary, *m.neutral]
    assert items
    for e in items:
        assert f"{e.id} · {e.source or 'Source not recorded'}" in text
        if e.date:
            assert e.date.human() in text


def test_every_internal_link_leads_to_a_bookmark(demo_document: Any) -> None:
    body = demo_document.element.body
    names = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", n) for n in names)
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))}
    assert anchors
    assert anchors <= set(names)


def test_a_small_study_keeps_its_rationale_and_recommendations(report: Report) -> None:
    document = reopen(report)
    text = body_text(document)
    assert "Dense web of mutual support" in text
    assert "Set up a small-grants bulletin" in text
    assert "Not rated" in text  # the public sector has a rating row with no position


def test_the_action_plan_and_indicators_are_summarised_in_tables(
    demo_document: Any, demo_report: Report
) -> None:
    assert demo_report.actions
    assert demo_report.indicators
    sections = [text for level, text in headings(demo_document) if level == 1]
    assert sections.index("Action plan") < sections.index("Indicators")
    tables = {
        t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")): t for t in demo_document.tables
    }
    by_theme = [t for c, t in tables.items() if c.startswith("Actions of the theme")]
    assert len(by_theme) == len(demo_report.action_themes)
    refs = [row.cells[0].text for table in by_theme for row in table.rows[1:]]
    assert sorted(refs) == sorted(a.ref for a in demo_report.actions)
    indicators = next(t for c, t in tables.items() if "Performance indicators" in c)
    assert len(indicators.rows) == len(demo_report.indicators) + 1


def test_the_public_version_says_so_and_keeps_confidential_evidence_out() -> None:
    snapshot = demo_snapshot()
    confidential = {e.id for e in snapshot.evidence if e.confidential}
    assert confidential
    report = build_report(snapshot, generated_on=GENERATED_ON, public=True)

    document = reopen(report)

    assert styled(document, "Subtitle") == ["Community resilience assessment · Public version"]
    text = body_text(document)
    assert not [i for i in confidential if f"{i} · " in text]
    assert "Confidential" not in text
    # Organisations in evidence are described, not linked to the appendix by name.
    body = document.element.body
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))}
    assert not [a for a in anchors if a.startswith("org_")]


# -------------------------------------------------------------------------- figures


def test_figures_of_the_report_are_pictures_with_their_alt_text(
    demo_document: Any, demo_report: Report
) -> None:
    drawn = [f for f in all_figures(demo_report) if f.png]
    shapes = demo_document.inline_shapes
    assert len(shapes) == len(drawn)
    assert [s._inline.docPr.get("descr") for s in shapes] == [f.alt for f in drawn]


def test_a_figure_with_a_png_becomes_a_captioned_picture_with_alt_text(undrawn: Report) -> None:
    figure = Figure("dot", SVG, "A red rectangle, four by three", "A rectangle", tiny_png())

    document = reopen(with_summary_figures(undrawn, figure))

    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == "A red rectangle, four by three"
    assert shape.width > 0
    assert shape.height > 0
    assert "Figure 1: A rectangle" in styled(document, "Caption")
    assert "SEQ Figure \\* ARABIC" in field_instructions(document.element.body)


def test_a_wide_figure_is_scaled_to_the_text_width(undrawn: Report) -> None:
    figure = Figure("wide", SVG, "A wide band", png=tiny_png(3000, 100))

    (shape,) = reopen(with_summary_figures(undrawn, figure)).inline_shapes

    assert round(shape.width.mm) == 170
    assert shape.height < shape.width / 20


def test_a_figure_without_a_png_is_described_in_words(undrawn: Report) -> None:
    figure = Figure("svg-only", SVG, "Seven positions, the fifth marked", "Only drawn as SVG")

    document = reopen(with_summary_figures(undrawn, figure))

    assert len(document.inline_shapes) == 0
    paragraphs = [p.text for p in document.paragraphs]
    at = paragraphs.index("Seven positions, the fifth marked")
    assert paragraphs[at + 1] == "Figure 1: Only drawn as SVG"


def test_a_figure_whose_png_is_not_an_image_is_refused(undrawn: Report) -> None:
    figure = Figure("broken", SVG, "Broken", png=b"not a png at all")
    with pytest.raises(ValueError, match="broken"):
        render_docx(with_summary_figures(undrawn, figure))


# ------------------------------------------------------------------------- hostility


def test_markup_and_control_characters_in_the_study_are_kept_as_harmless_text() -> None:
    snapshot = make_hostile_snapshot()
    place = dataclasses.replace(snapshot.place, description="Bell\x07 and\x0bvertical tab")
    report = build_report(dataclasses.replace(snapshot, place=place), generated_on=GENERATED_ON)

    document = reopen(report)

    text = body_text(document)
    assert "<script>alert('owned')</script>" in text
    assert "Bell and" in text


# ---------------------------------------------------------------------------- writing


def test_write_report_writes_word_for_a_docx_suffix(snapshot: Snapshot, tmp_path: Path) -> None:
    target = write_report(snapshot, tmp_path / "northgate.docx", generated_on=dt.date(2024, 5, 1))

    document = docx.Document(str(target))

    assert styled(document, "Title") == ["Northgate"]
    assert "1 May 2024" in body_text(document)


@pytest.fixture(scope="module")
def demo_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from communitydna.io import write_study

    path = tmp_path_factory.mktemp("study") / "demo.xlsx"
    write_study(demo_snapshot(), path)
    return path


def report_command(*args: str) -> Any:
    from click.testing import CliRunner

    from communitydna.cli import cli

    return CliRunner().invoke(cli, ["report", *args])


def test_the_report_command_writes_word_with_the_network_section(
    demo_workbook: Path, tmp_path: Path
) -> None:
    target = tmp_path / "demo.docx"

    result = report_command(str(demo_workbook), "-o", str(target))

    assert result.exit_code == 0, result.output
    assert "(docx)" in result.output
    document = docx.Document(str(target))
    assert styled(document, "Title") == ["Calderholme"]
    assert "The network" in [text for level, text in headings(document) if level == 1]
    assert "Suggested rating" in [text for level, text in headings(document) if level == 3]


def test_the_report_command_leaves_the_network_out_when_asked(
    demo_workbook: Path, tmp_path: Path
) -> None:
    target = tmp_path / "demo.docx"

    result = report_command(str(demo_workbook), "-o", str(target), "--no-analysis")

    assert result.exit_code == 0, result.output
    sections = [text for level, text in headings(docx.Document(str(target))) if level == 1]
    assert "The network" not in sections


def test_the_report_command_writes_the_public_version(demo_workbook: Path, tmp_path: Path) -> None:
    target = tmp_path / "public.docx"

    result = report_command(
        str(demo_workbook), "-o", str(target), "--format", "docx", "--public", "--no-analysis"
    )

    assert result.exit_code == 0, result.output
    assert "public version" in result.output
    document = docx.Document(str(target))
    assert styled(document, "Subtitle") == ["Community resilience assessment · Public version"]
    assert "Confidential" not in body_text(document)
