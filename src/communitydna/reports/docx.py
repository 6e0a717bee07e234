"""Render a report as a Word document (``.docx``) with python-docx.

The document walks the same report model as the HTML report, in the same order, and uses
Word's own structures so that it behaves like a document written in Word: the built-in
heading styles (Heading 1 to 3, never skipping a level), a table of contents field, captions
numbered by ``SEQ`` fields, page numbers in the footer, tables whose header rows repeat on
every page, figures as PNG pictures with their text alternative, and bookmarks with internal
links for cross-references. Word refreshes the fields when the file is opened; until then
the table of contents shows the section titles without page numbers.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from communitydna import __version__
from communitydna.reports.model import (
    EvidenceItem,
    Fact,
    Figure,
    Judgement,
    MeasureRef,
    NetworkFindings,
    RatingView,
    Report,
    Table,
)

__all__ = ["render_docx"]

# A4 with margins close to the printed HTML report's.
_PAGE_WIDTH, _PAGE_HEIGHT = Mm(210), Mm(297)
_MARGIN_SIDE, _MARGIN_TOP, _MARGIN_BOTTOM = Mm(20), Mm(20), Mm(22)
_TEXT_WIDTH = Emu(_PAGE_WIDTH - 2 * _MARGIN_SIDE)

_MUTED = RGBColor(0x4A, 0x55, 0x63)  # 7.4:1 on white
_LINK = RGBColor(0x1F, 0x4E, 0x79)  # 8.6:1 on white
_TABLE_STYLE = "Light Grid Accent 1"  # dark text on white or a pale tint: AA contrast

# Characters XML 1.0 cannot carry (spreadsheets sometimes hold vertical tabs and the like).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLANK_LINE = re.compile(r"\r?\n\s*\r?\n")


def _clean(text: object) -> str:
    return _NOT_XML.sub("", str(text))


def _human_date(value: dt.date) -> str:
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    # Keep acronyms and names as written ("VCSE forum"); lower only a capitalised word.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _plural(n: int, one: str) -> str:
    return f"{n} {one}{'' if n == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class _Link:
    """Text that links to an anchor of the report (a bookmark in Word)."""

    text: str
    anchor: str


# A piece of inline text: plain, bold (a one-element tuple) or a link.
_Inline = str | tuple[str] | _Link


def _joined(parts: Sequence[_Inline], separator: str) -> list[_Inline]:
    """Inline parts with a separator between each two."""
    joined: list[_Inline] = []
    for i, part in enumerate(parts):
        if i:
            joined.append(separator)
        joined.append(part)
    return joined


def _plain(value: Sequence[_Inline] | str) -> str:
    """The text of inline parts."""
    if isinstance(value, str):
        return value
    return "".join(
        p.text if isinstance(p, _Link) else p[0] if isinstance(p, tuple) else p for p in value
    )


def _column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    """Column widths in millimetres: no word is split, and the rest is shared by content.

    Widths are estimated from the number of letters, generously (wide fonts stand in for
    Calibri where it is missing); the caller scales them to the page.
    """
    bold, plain, padding = 2.8, 2.5, 5.0  # mm a letter at 10 pt, and the cell margins
    floors, wants = [], []
    for i, title in enumerate(columns):
        cells = [r[i] for r in rows]
        letter = bold if i == 0 else plain  # the first cell of a row heads it, in bold
        longest_word = max((len(w) for c in cells for w in c.split()), default=0)
        floor = max(max((len(w) for w in title.split()), default=1) * bold, longest_word * letter)
        floor += padding
        lengths = [len(c) for c in cells] or [0]
        typical = min(60.0, (sum(lengths) / len(lengths) + max(lengths)) / 2) * letter + padding
        if len(title) <= 12:  # a short title ("Led by") on one line, when there is room
            typical = max(typical, len(title) * bold + padding)
        floors.append(floor)
        wants.append(max(0.0, typical - floor))
    room = _TEXT_WIDTH.mm - sum(floors)
    if room <= 0:
        return floors
    share = min(1.0, room / sum(wants)) if sum(wants) else 0.0
    return [f + w * share for f, w in zip(floors, wants, strict=True)]


class _Bookmarks:
    """Word bookmark names for report anchors: letters, digits and ``_``, at most 40 long."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._taken: set[str] = set()

    def name(self, anchor: str) -> str:
        if anchor in self._names:
            return self._names[anchor]
        base = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
        if not base[:1].isalpha():
            base = "a" + base
        base = base[:40]
        name, n = base, 1
        while name.lower() in self._taken:
            n += 1
            suffix = f"_{n}"
            name = base[: 40 - len(suffix)] + suffix
        self._taken.add(name.lower())
        self._names[anchor] = name
        return name


def _field_runs(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """Append a complex field (``PAGE``, ``SEQ Figure``…) showing ``cached`` until updated."""
    _append_fld_char(paragraph, "begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    _append_fld_char(paragraph, "separate")
    paragraph.add_run(cached)
    _append_fld_char(paragraph, "end")


def _append_fld_char(paragraph: Paragraph, kind: str, *, dirty: bool = False) -> None:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run._r.append(char)


def _on_off(parent: object, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    parent.append(element)  # type: ignore[attr-defined]


class _Writer:
    """Writes one report into a new Word document, section by section."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.doc: DocxDocument = Document()
        self.bookmarks = _Bookmarks()
        self._bookmark_id = 0
        self._figures = 0
        self._tables = 0
        self._style_ids: dict[str, str] = {}
        self._setup()

    # ------------------------------------------------------------------ set-up

    def _setup(self) -> None:
        doc, t = self.doc, self.report.title
        section = doc.sections[0]
        section.page_width, section.page_height = _PAGE_WIDTH, _PAGE_HEIGHT
        section.left_margin = section.right_margin = _MARGIN_SIDE
        section.top_margin, section.bottom_margin = _MARGIN_TOP, _MARGIN_BOTTOM
        section.different_first_page_header_footer = True  # no number on the title page

        styles = doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        for level in (1, 2, 3):
            styles[f"Heading {level}"].paragraph_format.keep_with_next = True
        cell_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        cell_text.base_style = normal
        cell_text.font.size = Pt(10)
        cell_text.paragraph_format.space_before = cell_text.paragraph_format.space_after = Pt(1)
        caption = styles["Caption"]
        caption.paragraph_format.keep_with_next = True
        caption.font.size = Pt(9.5)

        meta = styles.add_style("Evidence Source", WD_STYLE_TYPE.PARAGRAPH)
        meta.base_style = styles["List Continue"]
        meta.font.size = Pt(9.5)
        meta.font.color.rgb = _MUTED
        meta.paragraph_format.space_after = Pt(2)

        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = _LINK
        link.font.underline = True

        for level in (1, 2):
            toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            toc.base_style = normal
            toc.paragraph_format.left_indent = Mm(6 * (level - 1))
            toc.paragraph_format.space_after = Pt(2)

        # British English for spelling and for screen readers.
        rpr = styles.element.find(
            qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr")
        )
        if rpr is not None:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), "en-GB")
        settings = doc.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:val"), "en-GB")
        # Ask Word to refresh the contents and page fields when the file is opened; the
        # element must come before <w:compat> in the settings' schema order.
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(update)
        else:
            settings.append(update)

        props = doc.core_properties
        props.title = _clean(f"{t.place}: {_lower_first(t.subtitle)}")
        props.subject = "Place and community resilience assessment"
        props.author = _clean(", ".join(t.assessors))
        props.keywords = "community resilience; Community DNA"
        props.language = "en-GB"
        props.comments = f"Produced with Community DNA {__version__}"
        props.last_modified_by = "Community DNA"
        props.revision = 1
        moment = dt.datetime.combine(t.generated_on, dt.time(), tzinfo=dt.UTC)
        props.created = props.modified = moment

        footer = section.footer.paragraphs[0]
        footer.style = styles["Footer"]
        stops = footer.paragraph_format.tab_stops
        # The footer style's own centre and right stops suit Letter paper; replace them.
        stops.add_tab_stop(Emu(_TEXT_WIDTH // 2), WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(Emu(_TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
        version = " (public version)" if t.public else ""
        footer.add_run(_clean(f"{t.place}: {_lower_first(t.subtitle)}{version}"))
        footer.add_run("\tPage ")
        _field_runs(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field_runs(footer, "NUMPAGES", "1")

    # -------------------------------------------------------------- primitives

    def new_paragraph(self, style: str | None = None) -> Paragraph:
        """An empty paragraph at the end of the body, in a style given by name."""
        p: Paragraph = self.doc.add_paragraph()
        if style is not None:
            p._p.get_or_add_pPr().style = self._style_id(style)
        return p

    def _style_id(self, style: str) -> str:
        # python-docx looks a style name up among every style on each use, which was most
        # of the time spent on a long report; the ids are looked up once instead.
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.styles[style].style_id
        return self._style_ids[style]

    def paragraph(self, parts: Iterable[_Inline] | str = (), style: str | None = None) -> Paragraph:
        """A paragraph of inline parts; a newline in their text breaks the line."""
        p = self.new_paragraph(style)
        self._inline(p, [parts] if isinstance(parts, str) else parts)
        return p

    def _inline(self, p: Paragraph, parts: Iterable[_Inline]) -> None:
        for part in parts:
            if isinstance(part, _Link):
                self._link(p, part)
            elif isinstance(part, tuple):
                self._text_run(p, part[0]).bold = True
            else:
                self._text_run(p, part)

    def _text_run(self, p: Paragraph, text: str) -> Run:
        lines = _clean(text).split("\n")
        run = p.add_run(lines[0].rstrip("\r"))
        for line in lines[1:]:
            run.add_break()
            run.add_text(line.rstrip("\r"))
        return run

    def _link(self, p: Paragraph, link: _Link) -> None:
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("w:anchor"), self.bookmarks.name(link.anchor))
        hyperlink.set(qn("w:history"), "1")
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), self._style_id("Hyperlink"))
        rpr.append(style)
        run.append(rpr)
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = _clean(link.text)
        run.append(text)
        hyperlink.append(run)
        p._p.append(hyperlink)

    def text_block(self, text: str, style: str | None = None, rest: str | None = None) -> None:
        """User text as paragraphs: a blank line starts a paragraph, a newline breaks a line.

        ``rest`` is the style of the paragraphs after the first (e.g. a list continuation).
        """
        parts = [part.strip() for part in _BLANK_LINE.split(_clean(text)) if part.strip()]
        for i, part in enumerate(parts):
            self.paragraph(part, style if i == 0 else (rest or style))

    def heading(self, text: str, level: int, anchor: str | None = None) -> Paragraph:
        p = self.new_paragraph(f"Heading {level}")
        if anchor is not None:
            self._bookmark(p, anchor)
        self._text_run(p, text)
        return p

    def _bookmark(self, p: Paragraph, anchor: str) -> None:
        self._bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmark_id))
        start.set(qn("w:name"), self.bookmarks.name(anchor))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmark_id))
        p._p.append(start)
        p._p.append(end)

    def bullets(self, items: Iterable[Sequence[_Inline] | str]) -> None:
        for item in items:
            self.paragraph(item, "List Bullet")

    def empty(self, text: str) -> None:
        """A note that something is missing, set apart in italics."""
        self._text_run(self.doc.add_paragraph(), text).italic = True

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def caption(self, kind: str, text: str) -> Paragraph:
        """A ``Figure n`` or ``Table n`` caption, numbered by a ``SEQ`` field."""
        if kind == "Figure":
            self._figures += 1
            number = self._figures
        else:
            self._tables += 1
            number = self._tables
        p = self.new_paragraph("Caption")
        p.add_run(f"{kind} ")
        _field_runs(p, f"SEQ {kind} \\* ARABIC", str(number))
        if text:
            self._text_run(p, f": {text}")
        return p

    def facts(self, facts: Iterable[tuple[str, Sequence[_Inline]]]) -> None:
        """Labelled values, one a line, the label in bold."""
        for label, value in facts:
            self.paragraph([(f"{label}: ",), *value])

    def fact_list(self, facts: Iterable[Fact]) -> None:
        self.facts((f.label, [f.value]) for f in facts)

    # ------------------------------------------------------------------ tables

    def table(
        self,
        caption: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Sequence[_Inline] | str]],
        *,
        widths: Sequence[float] | None = None,
        anchors: Sequence[str] = (),
    ) -> DocxTable:
        """A captioned table whose header row repeats on every page it runs over.

        The first cell of each row heads that row (the style sets the first column apart);
        ``anchors``, when given, bookmarks each row's first cell for links to the row.
        """
        self.caption("Table", caption)
        table: DocxTable = self.doc.add_table(rows=1, cols=len(columns))
        table.style = self.doc.styles[_TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False  # keep the widths given here
        if widths is None:
            widths = _column_widths(columns, [[_plain(v) for v in r] for r in rows[:200]])
        total = sum(widths)
        for column, share in zip(table.columns, widths, strict=True):
            column.width = Emu(int(_TEXT_WIDTH * share / total))
        header = table.rows[0]
        trpr = header._tr.get_or_add_trPr()
        _on_off(trpr, "w:tblHeader")
        _on_off(trpr, "w:cantSplit")
        text_style = self._style_id("Table Text")
        for cell, column, title in zip(header.cells, table.columns, columns, strict=True):
            cell.width = column.width
            cell.paragraphs[0]._p.get_or_add_pPr().style = text_style
            cell.paragraphs[0].add_run(_clean(title)).bold = True
        if rows:
            # Rows are copies of one blank row (python-docx builds each cell afresh, which
            # is slow for the long tables of a large place); add_row sets the cell widths.
            blank = table.add_row()._tr  # type: ignore[no-untyped-call]
            _on_off(blank.get_or_add_trPr(), "w:cantSplit")
            for tc in blank.tc_lst:
                tc.p_lst[0].get_or_add_pPr().style = text_style
            blank.getparent().remove(blank)
            for i, values in enumerate(rows):
                tr = copy.deepcopy(blank)
                table._tbl.append(tr)
                for j, (tc, value) in enumerate(zip(tr.tc_lst, values, strict=True)):
                    p = Paragraph(tc.p_lst[0], table)
                    if j == 0 and anchors:
                        self._bookmark(p, anchors[i])
                    self._inline(p, [value] if isinstance(value, str) else value)
        # A text alternative for the table as a whole (Word's "alt text" for tables).
        tblpr = table._tbl.tblPr
        alt = OxmlElement("w:tblCaption")
        alt.set(qn("w:val"), _clean(caption)[:255])
        tblpr.append(alt)
        self.doc.add_paragraph()  # room after the table, so two tables never merge
        return table

    def data_table(self, t: Table) -> None:
        self.table(t.caption, t.columns, t.rows)

    # ----------------------------------------------------------------- figures

    def figure(self, f: Figure) -> None:
        """A picture with its text alternative, captioned; described in words without PNG."""
        if f.png:
            p = self.doc.add_paragraph()
            p.paragraph_format.keep_with_next = True
            try:
                shape = p.add_run().add_picture(io.BytesIO(f.png))
            except UnrecognizedImageError as exc:
                raise ValueError(f"figure {f.id!r} has PNG bytes that are not an image") from exc
            if shape.width > _TEXT_WIDTH:
                ratio = _TEXT_WIDTH / shape.width
                shape.width, shape.height = _TEXT_WIDTH, Emu(int(shape.height * ratio))
            doc_pr = shape._inline.docPr
            doc_pr.set("name", _clean(f.id)[:255])
            doc_pr.set("descr", _clean(f.alt))
        else:
            # Without a picture, the text alternative stands in for it.
            p = self.doc.add_paragraph()
            p.paragraph_format.keep_with_next = True
            self._text_run(p, f.alt).italic = True
        self.caption("Figure", f.caption)

    def figures(self, items: Iterable[Figure]) -> None:
        for f in items:
            self.figure(f)

    # ------------------------------------------------------------ report parts

    def judgement(self, j: Judgement, what: str, drawn: Sequence[Figure] = ()) -> None:
        """The rating in words, its figures (such as the sliding scale), what it means."""
        self.paragraph([(f"{what}: ",), *self.rating_words(j.rating)])
        if j.rating.rated:
            self.paragraph(
                f"Position {j.rating.position} of 7 on the scale from brittle (1) to resilient (7)."
            )
        self.figures(drawn)
        if j.rating.rated:
            self.paragraph(j.rating.description)
        if j.assessor or j.date:
            by = f" by {j.assessor}" if j.assessor else ""
            when = f", {j.date.human()}" if j.date else ""
            self.paragraph(f"Rated{by}{when}.")

    @staticmethod
    def rating_words(rating: RatingView) -> list[_Inline]:
        if not rating.rated:
            return [("Not rated",)]
        words: list[_Inline] = [(rating.title,)]
        if rating.is_between:
            words.append(f" ({rating.words})")
        return words

    def rationale(self, points: Sequence[str], level: int) -> None:
        self.heading("Rationale", level)
        if points:
            self.bullets(points)
        else:
            self.empty("No rationale has been recorded.")

    @staticmethod
    def measure_link(m: MeasureRef) -> _Link:
        return _Link(f"measure {m.number}, {_lower_first(m.short)}", m.anchor)

    def evidence_list(self, items: Iterable[EvidenceItem], current_key: str | None = None) -> None:
        for e in items:
            if e.text.strip():
                self.text_block(e.text, "List Bullet", "List Continue")
            else:
                self.paragraph("No text recorded.", "List Bullet").runs[0].italic = True
            meta: list[_Inline] = [f"{e.id} · {e.source or 'Source not recorded'}"]
            if e.date:
                meta.append(f", {e.date.human()}")
            meta.append(f" · weight {e.weight}")
            if e.confidential:
                meta.append(" · ")
                meta.append(("Confidential",))
            self.paragraph(meta, "Evidence Source")
            if e.organisations:
                orgs: list[_Inline] = ["Organisations: "]
                for i, o in enumerate(e.organisations):
                    if i:
                        orgs.append(", ")
                    orgs.append(_Link(o.name, o.anchor) if o.anchor else o.name)
                self.paragraph(orgs, "Evidence Source")
            others = e.other_measures(current_key) if current_key else e.measures
            if others:
                also: list[_Inline] = ["Also coded to " if current_key else "Coded to "]
                for i, m in enumerate(others):
                    if i:
                        also.append("; ")
                    also.append(self.measure_link(m))
                also.append(".")
                self.paragraph(also, "Evidence Source")

    def findings(self, f: NetworkFindings) -> None:
        for note in f.notes:
            self.paragraph(note)
        self.figures(f.figures)
        for t in f.tables:
            self.data_table(t)

    # ---------------------------------------------------------------- sections

    def write(self) -> DocxDocument:
        self.title_page()
        self.contents()
        self.summary()
        self.place()
        self.method()
        self.measures()
        self.network()
        self.uncoded()
        self.recommendations()
        self.actions()
        self.indicators()
        self.tensions()
        self.organisations()
        self.method_notes()
        self.colophon()
        return self.doc

    def title_page(self) -> None:
        t = self.report.title
        kicker: list[_Inline] = [t.subtitle]
        if t.public:
            kicker += [" · ", ("Public version",)]
        self.paragraph(kicker, "Subtitle")
        self._bookmark(self.paragraph(t.place, "Title"), "top")
        facts: list[tuple[str, Sequence[_Inline]]] = []
        if t.date:
            facts.append(("Date of study", [t.date.human()]))
        if t.assessors:
            facts.append(
                ("Assessor" if len(t.assessors) == 1 else "Assessors", [", ".join(t.assessors)])
            )
        facts.append(("Framework", [f"{t.variant.title} ({t.variant.key} variant)"]))
        facts.append(("Report produced", [_human_date(t.generated_on)]))
        self.facts(facts)
        self.page_break()

    def contents(self) -> None:
        """The table of contents as a ``TOC`` field over headings 1–2, pre-filled with titles."""
        self.paragraph("Contents", "TOC Heading")
        entries = self.report.contents()
        for i, entry in enumerate(entries):
            p = self.new_paragraph(f"toc {min(entry.level, 2)}")
            if i == 0:
                _append_fld_char(p, "begin", dirty=True)
                run = p.add_run()
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = ' TOC \\o "1-2" \\h \\z \\u '
                run._r.append(instr)
                _append_fld_char(p, "separate")
            self._link(p, _Link(entry.title, entry.anchor))
            if i == len(entries) - 1:
                _append_fld_char(p, "end")
        self.page_break()

    def summary(self) -> None:
        s, t = self.report.summary, self.report.title
        self.heading("Summary", 1, "summary")
        if not self.report.assessed:
            kept = [
                words
                for words, present in (
                    ("the action plan", self.report.actions),
                    ("the indicators tracked", self.report.indicators),
                )
                if present
            ]
            self.paragraph(
                "No measure has been rated and no evidence has been recorded for this study "
                "yet, so this report makes no assessment of the place. It sets out what the "
                "study does record" + (": " + " and ".join(kept) if kept else "") + "."
            )
            self.heading("The study at a glance", 2)
            self.fact_list(s.facts)
            return
        self.heading("Overall assessment", 2, "overall")
        placed = {"overall", "rankings-chart"}  # drawn beside the rating and the rankings
        self.judgement(s.overall, "Overall rating", [f for f in s.figures if f.id == "overall"])
        self.rationale(s.overall.rationale, 3)
        self.figures(f for f in s.figures if f.id not in placed)
        self.heading("Qualitative rankings", 2, "rankings")
        self.table(
            f"The ten measures in the order of the {t.variant.key} framework, with their ratings",
            ("No.", "Measure", "Rating", "Position on the scale"),
            [
                (
                    str(row.number),
                    [_Link(row.measure.title, row.anchor)],
                    row.rating.title if row.rating.rated else "not rated",
                    f"{row.rating.position} of 7" if row.rating.rated else "no position",
                )
                for row in s.rankings
            ],
            widths=(7, 40, 20, 18),
        )
        self.figures(f for f in s.figures if f.id == "rankings-chart")
        self.heading("The study at a glance", 2)
        self.fact_list(s.facts)

    def place(self) -> None:
        p = self.report.place
        self.heading(f"The place: {p.name}", 1, "place")
        if p.description:
            for paragraph in p.description:
                self.text_block(paragraph)
        else:
            self.empty("No description of the place has been recorded.")
        if p.wards:
            self.heading("Wards", 2)
            self.paragraph(", ".join(p.wards))
        self.fact_list(p.facts)
        if p.tables or p.figures:
            self.heading("Context indicators", 2)
            self.paragraph("How the place's areas compare on the indicators tracked for it.")
            for table in p.tables:
                self.data_table(table)
            self.figures(p.figures)

    def method(self) -> None:
        m = self.report.method
        self.heading("The method in brief", 1, "method")
        for paragraph in m.introduction:
            self.paragraph(paragraph)
        self.paragraph(
            [
                "This study uses the ",
                (_lower_first(m.variant.title),),
                f" framework. {m.variant.description}",
            ]
        )
        self.heading("The ten measures", 2)
        self.table(
            f"The measures in the order of the {m.variant.key} framework",
            ("No.", "Measure", "What it asks"),
            [
                (str(i), [(measure.title,), f" ({measure.group.value})"], measure.description)
                for i, measure in enumerate(m.measures, 1)
            ],
            widths=(7, 30, 48),
        )
        self.heading("The sliding scale", 2)
        self.paragraph(
            "Each measure is placed on a scale of four levels. An assessor may place a measure "
            "between two neighbouring levels, which gives seven positions."
        )
        self.table(
            "The seven positions of the scale",
            ("Position", "Rating", "What it means"),
            [(str(p.value), p.title, p.description) for p in m.positions],
            widths=(11, 20, 54),
        )

    def measures(self) -> None:
        if not self.report.measures:
            return
        self.heading("Assessment by measure", 1, "measures")
        self.paragraph(
            "Each measure sets out the rating and its rationale, then the evidence coded to it: "
            "supporting evidence points to strengths, contrary evidence to weaknesses. Evidence "
            "coded to more than one measure appears under each of them."
        )
        for m in self.report.measures:
            self.heading(m.heading, 2, m.anchor)
            self.paragraph(m.measure.description)
            self.judgement(m.judgement, "Rating", m.figures)
            self.rationale(m.judgement.rationale, 3)
            if m.suggestion:
                s = m.suggestion
                self.heading("Suggested rating", 3)
                if s.rating.rated:
                    said: list[_Inline] = ["The analysis suggests ", *self.rating_words(s.rating)]
                else:
                    said = ["The analysis makes no suggestion"]
                if s.evidence_count is not None:
                    said.append(f", from {_plural(s.evidence_count, 'evidence item')}")
                if s.confidence:
                    said.append(f" (confidence: {s.confidence})")
                said.append(".")
                self.paragraph(said)
                if s.explanation:
                    self.paragraph(s.explanation)
                self.paragraph(
                    "A suggestion is offered beside the assessor's rating, never in its place."
                )
            self.heading("Supporting evidence", 3)
            if m.supporting:
                self.evidence_list(m.supporting, m.key)
            else:
                self.empty("No supporting evidence has been coded to this measure.")
            self.heading("Contrary evidence", 3)
            if m.contrary:
                self.evidence_list(m.contrary, m.key)
            else:
                self.empty("No contrary evidence has been coded to this measure.")
            if m.neutral:
                self.heading("Neutral evidence", 3)
                self.evidence_list(m.neutral, m.key)
            if not m.network.is_empty:
                self.heading("What the network shows", 3)
                self.findings(m.network)
            if m.recommendations:
                self.heading("Recommendations addressing this measure", 3)
                self.bullets(
                    [[_Link(f"{r.number}. {r.title}", r.anchor)] for r in m.recommendations]
                )

    def network(self) -> None:
        if self.report.network.is_empty:
            return
        self.heading("The network", 1, "network")
        self.paragraph(
            "These figures are measured from the relationships recorded between organisations, "
            "not judged; they are offered beside the assessors' ratings."
        )
        self.findings(self.report.network)

    def uncoded(self) -> None:
        if not self.report.uncoded_evidence:
            return
        self.heading("Evidence not yet coded", 1, "uncoded-evidence")
        self.paragraph(
            "These items have been recorded but not yet coded to any measure, so they inform no "
            "rating yet."
        )
        self.evidence_list(self.report.uncoded_evidence)

    def recommendations(self) -> None:
        self.heading("Recommendations", 1, "recommendations")
        if not self.report.recommendations:
            self.empty("No recommendations have been recorded.")
        if any(r.latest for r in self.report.recommendations):
            self.table(
                "Where each recommendation stands: its latest follow-up",
                ("Recommendation", "Latest progress", "Date", "Notes"),
                [
                    (
                        [_Link(f"{r.number}. {r.title}", r.anchor)],
                        _upper_first(r.latest.progress.value) if r.latest else "No follow-up yet",
                        (r.latest.date.human() if r.latest.date else "undated") if r.latest else "",
                        r.latest.notes if r.latest else "",
                    )
                    for r in self.report.recommendations
                ],
                widths=(34, 16, 14, 36),
            )
        for r in self.report.recommendations:
            self.heading(f"{r.number}. {r.title}", 2, r.anchor)
            if r.text:
                self.text_block(r.text)
            addressed: list[_Inline] = []
            for i, m in enumerate(r.measures):
                if i:
                    addressed.append("; ")
                addressed.append(_Link(f"{m.number}. {m.title}", m.anchor))
            facts: list[tuple[str, Sequence[_Inline]]] = [
                ("Measures addressed", addressed or ["none recorded"])
            ]
            if r.owner:
                facts.append(("Owner", [r.owner]))
            if r.status:
                facts.append(("Status", [_upper_first(r.status)]))
            if r.latest:
                when = f" ({r.latest.date.human()})" if r.latest.date else ""
                facts.append(("Latest progress", [_upper_first(r.latest.progress.value) + when]))
            else:
                facts.append(("Latest progress", ["no follow-up yet"]))
            self.facts(facts)
            if r.followups:
                self.table(
                    f"Follow-ups of recommendation {r.number}, oldest first",
                    ("Date", "Progress", "Notes"),
                    [
                        (
                            f.date.human() if f.date else "undated",
                            _upper_first(f.progress.value) + (" (latest)" if f is r.latest else ""),
                            f.notes,
                        )
                        for f in r.followups
                    ],
                    widths=(15, 18, 52),
                )

    def actions(self) -> None:
        r = self.report
        actions = r.actions
        if not actions:
            return
        self.heading("Action plan", 1, "actions")
        counts = Counter(a.current_status for a in actions if a.current_status)
        counted = ", ".join(f"{n} {status}" for status, n in counts.items())
        overdue = sum(1 for a in actions if a.overdue)
        on = f" on {_human_date(r.plan_as_of)}" if r.plan_as_of else ""
        self.paragraph(
            f"{_plural(len(actions), 'action')} in the plan{': ' + counted if counted else ''}"
            + (f"; {overdue} overdue" if overdue else "")
            + f"{on}. Actions are grouped by theme; in each theme, those overdue or at risk come "
            "first. An action is overdue when its last milestone has passed and it is neither "
            "done nor dropped; its status is the latest update's, else the plan's. A lead "
            "agency that is not linked to a mapped organisation is marked “not mapped”."
        )
        for theme in r.action_themes:
            self.heading(f"{theme.name} ({len(theme.actions)})", 2, theme.anchor)
            rows: list[Sequence[Sequence[_Inline] | str]] = []
            for a in theme.actions:
                what: list[_Inline] = [_BLANK_LINE.sub("\n", a.action.strip())]
                if a.outcome:
                    what.append(f"\nOutcome sought: {a.outcome}")
                if a.measures or a.recommendations:
                    what.append("\n")
                    if a.measures:
                        what.append("Measures: ")
                        what += _joined([_Link(str(m.number), m.anchor) for m in a.measures], ", ")
                    if a.measures and a.recommendations:
                        what.append("; ")
                    if a.recommendations:
                        what.append("recommendations: " if a.measures else "Recommendations: ")
                        what += _joined(
                            [_Link(str(x.number), x.anchor) for x in a.recommendations], ", "
                        )
                    what.append(".")
                milestones = "\n".join(
                    f"{text or 'Milestone'} ({due.human()})" if due else text or "Milestone"
                    for text, due in a.milestones
                )
                leads: list[_Inline] = []
                for i, lead in enumerate(a.lead_refs):
                    if i:
                        leads.append("\n")
                    if lead.organisation is not None and lead.organisation.anchor:
                        leads.append(_Link(lead.name, lead.organisation.anchor))
                    elif lead.organisation is not None:
                        leads.append(lead.name)
                    else:
                        leads.append(f"{lead.name} (not mapped)")
                status: list[_Inline] = [
                    _upper_first(a.current_status) if a.current_status else "—"
                ]
                if a.overdue:
                    status += ["\n", (_upper_first(a.attention),)]
                if a.latest_update:
                    u = a.latest_update
                    status.append(
                        f"\nLatest update, {u.date.human()}" + (f": {u.note}" if u.note else "")
                    )
                rows.append((a.ref or "—", what, milestones, leads, status))
            self.table(
                f"Actions of the theme “{theme.name}”, those needing attention first",
                ("Ref.", "Action", "Milestones", "Lead", "Status"),
                rows,
                widths=(7, 36, 20, 16, 21),
            )

    def indicators(self) -> None:
        indicators = self.report.indicators
        if not indicators:
            return
        self.heading("Indicators", 1, "indicators")
        self.paragraph(
            "The performance indicators tracked for the whole place: the baseline, the targets, "
            "the latest value recorded and the progress from the baseline towards the target, "
            "in the direction that is better. A value not yet known is shown as “to be "
            "determined” and gives no progress."
        )
        self.table(
            f"Performance indicators for {self.report.place.name}",
            ("Indicator", "Better", "Baseline", "Targets", "Latest", "Progress", "Responsible"),
            [
                (
                    [
                        _Link(i.name, i.anchor) if i.anchor else (i.name,),
                        *([f" ({i.unit})"] if i.unit else []),
                    ],
                    i.better or "—",
                    i.baseline or "—",
                    i.target or "—",
                    i.latest or "none yet",
                    _upper_first(i.progress) if i.progress else "—",
                    i.responsible,
                )
                for i in indicators
            ],
        )
        for i in indicators:
            if not i.anchor:
                continue
            self.heading(i.name, 2, i.anchor)
            facts: list[tuple[str, Sequence[_Inline]]] = []
            if i.type:
                facts.append(("Type", [i.type]))
            if i.unit:
                facts.append(("Unit", [i.unit]))
            facts.append(("Better", [i.better or "not stated"]))
            if i.responsible:
                facts.append(("Responsible", [i.responsible]))
            facts.append(("Progress", [_upper_first(i.progress)]))
            self.facts(facts)
            if i.periods:
                self.table(
                    f"{i.name} for the whole place, by period",
                    ("Period", "Baseline", "Target", "Actual"),
                    [
                        (p.period, p.baseline or "—", p.target or "—", p.actual or "—")
                        for p in i.periods
                    ],
                )
            self.figures(i.figures)
            if i.breakdowns is not None:
                self.data_table(i.breakdowns)

    def tensions(self) -> None:
        t = self.report.tensions
        if t is None:
            return
        self.heading("Community tensions", 1, "tensions")
        self.paragraph(
            f"Tension reports month by month for the last months recorded. {t.rule} This "
            "section is left out of the public version of the report."
        )
        if t.warnings:
            self.heading("Areas flagged", 2)
            self.bullets(t.warnings)
        else:
            self.empty("No area is flagged in these months.")
        self.data_table(t.table)
        if t.categories is not None:
            self.data_table(t.categories)

    def organisations(self) -> None:
        if not self.report.has_organisations:
            return
        self.heading("Appendix: organisations by sector", 1, "organisations")
        for group in self.report.organisations:
            orgs = group.organisations
            self.heading(f"{group.sector.label} sector ({len(orgs)})", 2, group.anchor)
            if not orgs:
                self.empty(f"No {group.sector.value}-sector organisations have been mapped.")
                continue
            # Evidence links to organisations: each one's row is bookmarked.
            self.table(
                f"Organisations of the {group.sector.value} sector, by name",
                ("Organisation", "Type", "Ward", "Size", "Led by"),
                [(o.name, o.type, o.ward, o.size, ", ".join(o.led_by)) for o in orgs],
                anchors=[o.anchor for o in orgs],
            )

    def method_notes(self) -> None:
        r = self.report
        if not (r.method_notes or r.sources):
            return
        self.heading("Appendix: method notes and sources", 1, "method-notes")
        for note in r.method_notes:
            self.paragraph(note)
        for table in r.sources:
            self.data_table(table)

    def colophon(self) -> None:
        t = self.report.title
        self.paragraph(
            f"Produced with Community DNA {__version__} on {_human_date(t.generated_on)}. The "
            "ratings are the assessors' judgement, argued from the evidence shown under each "
            "measure."
        ).runs[0].font.color.rgb = _MUTED


def render_docx(report: Report) -> bytes:
    """Render a report as a Word document.

    The document follows the HTML report section by section, with a title page, a table of
    contents field, Heading 1–3 styles, numbered captions, page numbers, tables with
    repeating header rows, and figures as PNG pictures with their text alternative (a
    figure without a PNG is described in words instead).

    Parameters
    ----------
    report : Report
        The report, from :func:`communitydna.reports.build_report`.

    Returns
    -------
    bytes
        The ``.docx`` file.

    Raises
    ------
    ValueError
        If a figure's PNG bytes are not an image.

    Examples
    --------
    >>> import datetime as dt, io
    >>> import docx
    >>> from communitydna.reports import build_report
    >>> from communitydna.snapshot import Place, Snapshot
    >>> data = render_docx(build_report(Snapshot(place=Place("Northgate")),
    ...                                 generated_on=dt.date(2024, 5, 1)))
    >>> document = docx.Document(io.BytesIO(data))
    >>> document.paragraphs[1].text, document.paragraphs[1].style.name
    ('Northgate', 'Title')
    """
    out = io.BytesIO()
    _Writer(report).write().save(out)
    return out.getvalue()
