"""Writing a snapshot as a study workbook (``.xlsx``) or a folder of ``.csv`` files.

What is written reads back as an equal snapshot (``read_study(write_study(s)) == s``) for
every snapshot a read can produce: text without surrounding spaces, list items without
``;`` or line breaks, ids without them either.

Decisions
---------
- Every sheet is written, with its header, even when it has no rows; every column of the
  contract is written, then the ``attributes`` of the sheet's entities as further columns
  in the order they are first met. Ids are always written, so derived ids stay put.
- Yes/no columns are written ``yes``/``no``; defaults are written out, not left blank.
- Formula injection: text that a spreadsheet program would take for a formula (it starts
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is never written as one, and
  reads back exactly. In ``.xlsx`` it is a string cell (never a formula cell) with the
  ``quotePrefix`` style, so Excel and LibreOffice show it as text and keep it text when it
  is edited. In ``.csv`` it gets one ``'`` in front, which the reader takes off (text that
  itself starts with ``'`` and one of those characters gets a second, so the rule loses
  nothing; see :func:`~communitydna.io.tabular.quote_csv_text`). Values that are numbers
  (a strength, a severity, an indicator value such as ``-2.5``, a year) are not text and
  are written as numbers, with no prefix; the same characters in a text column are
  prefixed even when the text looks like a number.
- In ``.xlsx``: text is written as text;
  whole numbers as numbers; days and months as date cells formatted ``yyyy-mm-dd`` and
  ``mmm yyyy`` (so they sort and filter as dates and read back to the same precision),
  years as numbers; indicator values as numbers (percentages as percent-formatted
  numbers) when that is exact, else as text such as ``less than 40%``; an unknown value as
  ``to be determined``. Header rows are bold and frozen, columns sized.
- In ``.csv``: UTF-8 with a byte-order mark so that Excel opens it with the right
  characters; dates as ISO text (``2012-07-15``, ``2012-07``, ``2012``). A folder is
  created if needed; csv files in it that stand for a study sheet are replaced.
- Text longer than a cell may hold (32,767 characters) is refused with a ``ValueError``,
  as no spreadsheet could read it back; so is an attribute named like a column of its
  sheet, which would read back as that column.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from communitydna.framework import get_position
from communitydna.io.columns import SHEET_BY_NAME, SheetSpec, normalise_name, sheet_spec
from communitydna.io.tabular import FORMULA_STARTS, MAX_CELL_CHARACTERS, quote_csv_text
from communitydna.snapshot import (
    Action,
    ActionUpdate,
    Milestone,
    PartialDate,
    Quantity,
    Rating,
    Snapshot,
    format_breakdown,
)

__all__ = ["SheetTable", "study_tables", "write_study"]

Value = str | int | PartialDate | Quantity | None


@dataclass(frozen=True, slots=True)
class SheetTable:
    """One sheet ready to write: its header and its rows of typed values."""

    spec: SheetSpec
    header: tuple[str, ...]
    rows: Iterable[Sequence[Value]]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _join(items: Iterable[str], sep: str = "; ") -> str:
    return sep.join(items)


def _attribute_keys(spec: SheetSpec, entities: Iterable[Any]) -> tuple[str, ...]:
    keys: dict[str, None] = {}
    for entity in entities:
        keys.update(dict.fromkeys(entity.attributes))
    reserved = set(spec.column_names)
    for key in keys:
        if not key.strip() or normalise_name(key) in reserved:
            raise ValueError(
                f"{spec.name}: the attribute {key!r} cannot be written, as it would not read "
                "back as an attribute (it is blank or named like a column); rename it"
            )
    return tuple(keys)


def _table(
    spec: SheetSpec, entities: Sequence[Any], columns: Callable[[Any], list[Value]]
) -> SheetTable:
    extra = _attribute_keys(spec, entities)

    def rows() -> Iterator[list[Value]]:
        for entity in entities:
            values = columns(entity)
            if extra:
                attributes = entity.attributes
                values.extend(attributes.get(k) for k in extra)
            yield values

    return SheetTable(spec, spec.column_names + extra, rows())


def _milestone_cells(milestones: tuple[Milestone, ...]) -> tuple[str, str]:
    texts = _join((m.text or "-" for m in milestones), "\n")
    dates = [str(m.due) if m.due is not None else "-" for m in milestones]
    while dates and dates[-1] == "-":
        dates.pop()
    return texts, _join(dates, "\n")


def _action(a: Action) -> list[Value]:
    milestone, due = _milestone_cells(a.milestones)
    return [
        a.ref,
        a.theme,
        a.action,
        milestone,
        due,
        _join(lead.name for lead in a.lead),
        a.outcome,
        a.status.value if a.status is not None else "",
        _join(a.measures),
        _join(a.recommendations),
    ]


@dataclass(frozen=True, slots=True)
class _RefUpdate:
    ref: str
    update: ActionUpdate

    @property
    def attributes(self) -> Mapping[str, str]:
        return self.update.attributes


def _rating(r: Rating) -> list[Value]:
    label = get_position(r.position).label if r.position is not None else ""
    return [r.measure, label, _join(r.rationale, "\n"), r.assessor, r.date]


def study_tables(snapshot: Snapshot) -> list[SheetTable]:
    """Every sheet of the workbook for a snapshot, in the contract's order.

    Raises
    ------
    ValueError
        If an attribute is named like a column of its sheet.
    """
    s = snapshot
    sheet = SHEET_BY_NAME
    place = s.place
    place_spec = sheet["place"]
    _attribute_keys(place_spec, [place])
    place_rows: list[list[Value]] = [
        ["name", place.name],
        ["variant", place.variant],
        ["date", place.date],
        ["description", place.description],
        ["wards", _join(place.wards)],
        ["assessors", _join(place.assessors)],
    ]
    place_rows.extend([key, value] for key, value in place.attributes.items())
    ratings = (*s.ratings, *((s.overall,) if s.overall is not None else ()))
    return [
        SheetTable(place_spec, ("field", "value"), place_rows),
        _table(
            sheet["organisations"],
            s.organisations,
            lambda o: [
                o.id,
                o.name,
                o.sector.value,
                o.type,
                o.ward,
                o.postcode,
                o.identifier,
                _join(o.led_by),
                o.size.value if o.size is not None else "",
                o.notes,
            ],
        ),
        _table(
            sheet["relationships"],
            s.relationships,
            lambda r: [
                r.id,
                r.source,
                r.target,
                r.type,
                _yes(r.directed),
                r.strength,
                _yes(r.tense),
                r.status.value,
                r.since,
                r.until,
                r.notes,
                _join(r.evidence),
            ],
        ),
        _table(
            sheet["evidence"],
            s.evidence,
            lambda e: [
                e.id,
                e.source,
                e.date,
                _join(e.measures),
                e.polarity.value,
                e.weight,
                e.text,
                _join(e.organisations),
                _yes(e.confidential),
            ],
        ),
        _table(sheet["ratings"], ratings, _rating),
        _table(
            sheet["recommendations"],
            s.recommendations,
            lambda r: [r.id, r.title, r.text, _join(r.measures), r.owner, r.status],
        ),
        _table(
            sheet["followups"],
            s.followups,
            lambda f: [f.recommendation, f.date, f.progress.value, f.notes],
        ),
        _table(sheet["actions"], s.actions, _action),
        _table(
            sheet["actionupdates"],
            [_RefUpdate(a.ref, u) for a in s.actions for u in a.updates],
            lambda x: [
                x.ref,
                x.update.date,
                x.update.status.value if x.update.status is not None else "",
                x.update.note,
            ],
        ),
        _table(
            sheet["indicators"],
            s.indicators,
            lambda i: [
                i.id,
                i.name,
                i.type,
                i.unit,
                i.direction.value if i.direction is not None else "",
                i.responsible,
            ],
        ),
        _table(
            sheet["observations"],
            s.observations,
            lambda o: [
                o.indicator,
                o.period,
                o.kind.value,
                o.value,
                o.area,
                format_breakdown(o.breakdown),
            ],
        ),
        _table(
            sheet["tensions"],
            s.tensions,
            lambda t: [t.date, t.area, t.reported_by, t.category, t.severity, t.summary],
        ),
    ]


def _check_length(table: SheetTable, value: str) -> str:
    if len(value) > MAX_CELL_CHARACTERS:
        raise ValueError(
            f"{table.spec.name}: a value of {len(value):,} characters cannot be written; a "
            f"cell may hold at most {MAX_CELL_CHARACTERS:,} (it starts {value[:40]!r})"
        )
    return value


def write_study(snapshot: Snapshot, path: str | Path) -> None:
    """Write a study as an ``.xlsx`` workbook or a ``.json`` archive (by suffix), or else a
    folder of ``.csv`` files.

    Parameters
    ----------
    snapshot : Snapshot
    path : str or Path
        ``study.xlsx``, ``study.json`` (the archive, which keeps everything, see
        :mod:`communitydna.io.archive`), or a folder (created if needed) for ``Place.csv``,
        ``Organisations.csv`` and the rest.

    Raises
    ------
    ValueError
        If the snapshot holds something no workbook can (text longer than a cell holds, an
        attribute named like a column).
    OSError
        If the file or folder cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from communitydna.io import read_study
    >>> from communitydna.snapshot import Snapshot, Place, Organisation
    >>> from communitydna.framework import Sector
    >>> study = Snapshot(
    ...     place=Place("Northgate"),
    ...     organisations=(Organisation("council", "Northgate Council", Sector.PUBLIC),),
    ... )
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_study(study, folder + "/study.xlsx")
    ...     read_study(folder + "/study.xlsx").snapshot == study
    True
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        from communitydna.io.archive import write_archive

        write_archive(snapshot, path)
        return
    tables = study_tables(snapshot)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        _write_xlsx(tables, path)
    else:
        _write_csv(tables, path)


# -- csv ------------------------------------------------------------------------------------


def _csv_text(table: SheetTable, value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return quote_csv_text(_check_length(table, value))
    return str(value)


def _write_csv(tables: list[SheetTable], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ours = {t.spec.key: f"{t.spec.name}.csv" for t in tables}
    clashing: list[Path] = []  # other spellings of the sheets written, which would clash
    for existing in folder.iterdir():
        if existing.suffix.lower() != ".csv" or not existing.is_file():
            continue
        try:
            key = sheet_spec(existing.stem).key
        except KeyError:
            continue
        if existing.name != ours.get(key):
            clashing.append(existing)
    # every file is written in full before any is replaced, so a failure changes nothing
    written: list[tuple[Path, Path]] = []
    try:
        for table in tables:
            target = folder / ours[table.spec.key]
            partial = target.with_name(target.name + ".partial")
            written.append((partial, target))
            with partial.open("w", newline="", encoding="utf-8-sig") as f:
                out = csv.writer(f)
                out.writerow([quote_csv_text(name) for name in table.header])
                for row in table.rows:
                    out.writerow([_csv_text(table, v) for v in row])
    except BaseException:
        for partial, _ in written:
            partial.unlink(missing_ok=True)
        raise
    for existing in clashing:
        existing.unlink()
    for partial, target in written:
        partial.replace(target)


# -- xlsx -----------------------------------------------------------------------------------

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_FIRST_DATE = dt.date(1900, 3, 1)  # before this, Excel's calendar is not the real one
_LARGEST_EXACT = Decimal(10) ** 15


def _exact_float(number: Decimal) -> float | None:
    """The number as a float if it reads back exactly as the same decimal."""
    if abs(number) >= _LARGEST_EXACT:
        return None
    as_float = float(number)
    return as_float if Decimal(repr(as_float)) == number else None


class _XlsxCells:
    """Turns the typed values of one sheet into cells for openpyxl's write-only mode."""

    def __init__(self, table: SheetTable, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.table = table
        self.sheet = sheet
        self.make = WriteOnlyCell

    def row(self, values: Sequence[Value]) -> list[object]:
        cells: list[object] = []
        for value in values:
            if value is None or value == "":
                cells.append(None)
            elif isinstance(value, str):
                cells.append(self.text(value))
            elif isinstance(value, int):
                cells.append(value)
            elif isinstance(value, PartialDate):
                cells.append(self.date(value))
            else:
                cells.append(self.quantity(value))
        return cells

    def text(self, value: str) -> object:
        value = _clean(_check_length(self.table, value))
        if value and value[0] in FORMULA_STARTS:
            return _text_cell(self.sheet, value)
        return value

    def date(self, value: PartialDate) -> object:
        if value.month is None:
            return value.year if value.year >= 1000 else str(value)
        day = value.start()
        if day < _FIRST_DATE:
            return str(value)
        cell = self.make(self.sheet, day)
        cell.number_format = "yyyy-mm-dd" if value.day is not None else "mmm yyyy"
        return cell

    def quantity(self, value: Quantity) -> object:
        if value.number is None:
            return "to be determined"
        if value.qualifier is None:
            scaled = value.number / 100 if value.percent else value.number
            number = _exact_float(scaled)
            if number is not None and value.percent:
                if Quantity.parse(number, percent_format=True) == value:
                    cell = self.make(self.sheet, number)
                    decimals = max(0, -int(value.number.as_tuple().exponent))
                    cell.number_format = "0" + ("." + "0" * decimals if decimals else "") + "%"
                    return cell
            elif number is not None and Quantity.parse(number) == value:
                return int(number) if number.is_integer() else number
        return self.text(str(value))


def _write_xlsx(tables: list[SheetTable], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    partial = path.with_name(path.name + ".partial")
    try:
        for table in tables:
            sheet = book.create_sheet(table.spec.name)
            sheet.freeze_panes = "A2"
            widths = {c.name: c.width for c in table.spec.columns}
            if table.spec.pairs:
                widths = {"field": 16, "value": 48}
            for position, name in enumerate(table.header, start=1):
                letter = get_column_letter(position)
                sheet.column_dimensions[letter].width = widths.get(name, max(12, len(name) + 2))
            header = []
            for name in table.header:
                cell = _text_cell(sheet, _clean(name))
                cell.font = bold
                header.append(cell)
            sheet.append(header)
            cells = _XlsxCells(table, sheet)
            for row in table.rows:
                sheet.append(cells.row(row))
        book.save(partial)
    except BaseException:
        for sheet in book.worksheets:
            with contextlib.suppress(Exception):
                sheet.close()  # ends openpyxl's streams cleanly; nothing is saved
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)


def _text_cell(sheet: Any, value: str) -> Any:
    """A cell holding text as text: never a formula, shown and kept as text when edited."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if value and value[0] in FORMULA_STARTS:
        cell.data_type = "s"  # openpyxl would otherwise write text starting "=" as a formula
        cell.quotePrefix = True
    return cell


def _clean(text: str) -> str:
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    if "_x" in text:
        text = _LOOKS_ESCAPED.sub("_x005F_", text)
    return text
