"""Rows of plain cell values from a workbook, with the row numbers a spreadsheet shows.

A study is an ``.xlsx`` file or a folder of ``.csv`` files; :func:`open_book` opens either
and gives one :class:`SheetSource` per sheet (or file). Each source yields its non-blank
rows as ``(row number, values)``, where the header is row 1 and a value is one of:

- ``None`` for a blank cell;
- ``str``, cleaned: surrounding spaces removed, ``\\r\\n`` turned into ``\\n``, characters
  that no spreadsheet can hold (control characters) removed; blank text is ``None``;
- ``int`` or ``float`` for numbers, ``bool`` for logical cells;
- :class:`~communitydna.snapshot.PartialDate` for cells formatted as dates, precise to the
  day, month or year as the cell's number format shows them;
- :class:`Percent` for numbers formatted as percentages.

In a csv file, one ``'`` in front of text that a spreadsheet would take for a formula is
taken off (:func:`unquote_csv_text`): it is how the writer keeps such text from running.

Cells that cannot be read are collected as :class:`CellIssue` on the source while its rows
are read, and their value is ``None``: a formula with no saved result, an error value such
as ``#REF!``, or text longer than the 32,767 characters a spreadsheet cell may hold.
Merged cells give a warning and their value is copied into every cell of the range, so a
theme merged over several rows of an action plan belongs to each of them.

Problems with a file as a whole raise :class:`BookError` with a sentence saying what is
wrong: it does not exist, it is empty, it is not a workbook, it is damaged.
"""

from __future__ import annotations

import csv
import io
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from communitydna.snapshot import PartialDate

__all__ = [
    "DEFAULT_LIMITS",
    "FORMULA_STARTS",
    "MAX_CELL_CHARACTERS",
    "Book",
    "BookError",
    "CellIssue",
    "CellValue",
    "Percent",
    "ReadLimits",
    "Row",
    "SheetReadError",
    "SheetSource",
    "clean_text",
    "open_book",
    "quote_csv_text",
    "unquote_csv_text",
]

MAX_CELL_CHARACTERS = 32_767
"""The most characters a spreadsheet cell may hold (Excel's limit)."""


_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """How much a read takes on before refusing a file, so that a hostile or mistaken upload
    (a zip bomb, a sheet of millions of rows) is refused with a reason instead of filling
    the memory or the disk.

    An ``.xlsx`` file is a zip archive: its table of contents is checked before anything is
    unpacked, which costs a few microseconds per part whatever the file's size. Python's
    zip reader never unpacks more of a part than its declared size, so the declared sizes
    are the sizes.

    Attributes
    ----------
    max_bytes : int
        The most a study may unpack to: the parts of a workbook together, the csv files of a
        folder together, or an archive's file (default 500 MB).
    max_entries : int
        The most parts a workbook may hold (default 10,000; a workbook has a few dozen).
    max_ratio : int
        The most a large part may grow when unpacked, as a multiple of its packed size
        (default 200; spreadsheet XML packs 5 to 40 times, a zip bomb about 1,000 times).
    ratio_from_bytes : int
        Parts that unpack to less than this are not held to ``max_ratio`` (default 10 MB).
    max_rows : int
        The most rows read from one sheet, or items from one list of an archive (default
        1,000,000: Excel's own limit is 1,048,576).
    """

    max_bytes: int = 500 * _MB
    max_entries: int = 10_000
    max_ratio: int = 200
    ratio_from_bytes: int = 10 * _MB
    max_rows: int = 1_000_000


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True, slots=True)
class Percent:
    """A number shown as a percentage: ``value`` 0.45 is displayed as 45%."""

    value: float


CellValue = str | int | float | bool | PartialDate | Percent
Row = list[CellValue | None]


@dataclass(frozen=True, slots=True)
class CellIssue:
    """A cell that could not be read as it stands.

    ``column`` is the 0-based index of the column; the reader names it from the header.
    """

    row: int
    column: int
    value: str
    reason: str
    is_error: bool = True


class BookError(Exception):
    """The file or folder cannot be read as a study at all; the message says why."""


class SheetReadError(Exception):
    """A sheet stopped being readable part way (a damaged file); ``row`` is where."""

    def __init__(self, reason: str, row: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.row = row


class SheetSource(ABC):
    """One sheet of a workbook, or one csv file of a folder."""

    name: str
    """The sheet's name as the file gives it (a csv file's stem)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.issues: list[CellIssue] = []
        self.warnings: list[str] = []
        self.total: int | None = None

    @abstractmethod
    def rows(self) -> Iterator[tuple[int, Row]]:
        """The non-blank rows, in order, with their spreadsheet row numbers.

        ``total`` holds an estimate of the number of rows once reading has started;
        ``issues`` grows as unreadable cells are met, and ``warnings`` as things worth
        knowing about the whole sheet are found.

        Raises
        ------
        SheetReadError
            If the sheet's data is damaged part way.
        """


@dataclass
class Book:
    """An opened study file or folder: its sheets, and warnings about the file itself."""

    kind: str
    sheets: list[SheetSource]
    warnings: list[str] = field(default_factory=list)
    _closer: object = None

    def close(self) -> None:
        close = getattr(self._closer, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

FORMULA_STARTS = "=+-@\t\r"
"""First characters that make a spreadsheet program take typed text for a formula."""

_QUOTED = FORMULA_STARTS + "'"


def quote_csv_text(text: str) -> str:
    """Text as written to a csv cell, so that no spreadsheet program runs it as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets one
    ``'`` in front (the spreadsheet convention for "this is text"); so does text that starts
    with ``'`` followed by one of those or by another ``'``, so that
    :func:`unquote_csv_text` gives back exactly what was written. Other text, including a
    lone apostrophe as in ``'til dawn``, is written as it is.

    >>> quote_csv_text("=SUM(A1)"), quote_csv_text("-2.5"), quote_csv_text("'=x")
    ("'=SUM(A1)", "'-2.5", "''=x")
    >>> quote_csv_text("'til dawn"), quote_csv_text("Northgate")
    ("'til dawn", 'Northgate')
    """
    if text and (text[0] in FORMULA_STARTS or (text[0] == "'" and text[1:2] in _QUOTED_SET)):
        return "'" + text
    return text


def unquote_csv_text(text: str) -> str:
    """A csv cell's text with the ``'`` of :func:`quote_csv_text` taken off.

    >>> unquote_csv_text("'=SUM(A1)"), unquote_csv_text("''=x"), unquote_csv_text("'til")
    ('=SUM(A1)', "'=x", "'til")
    """
    if text[:1] == "'" and text[1:2] in _QUOTED_SET:
        return text[1:]
    return text


_QUOTED_SET = frozenset(_QUOTED)


def clean_text(text: str) -> str | None:
    """Text as the reader keeps it: stripped, ``\\n`` line ends, no control characters.

    >>> clean_text("  Eastfield\\r\\nWestfield \\x07")
    'Eastfield\\nWestfield'
    >>> clean_text("   ") is None
    True
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    text = text.strip()
    return text or None


def too_long(length: int) -> str:
    return (
        f"the cell holds {length:,} characters; a cell may hold at most "
        f"{MAX_CELL_CHARACTERS:,} (a spreadsheet's limit)"
    )


def open_book(path: str | Path, limits: ReadLimits = DEFAULT_LIMITS) -> Book:
    """Open an ``.xlsx`` file or a folder of ``.csv`` files.

    Raises
    ------
    BookError
        If the path is not a readable study, or is beyond the ``limits``, with the reason.
    """
    path = Path(path)
    try:
        if path.is_dir():
            return _open_folder(path, limits)
        if not path.exists():
            raise BookError(
                f"{path} does not exist; a study is an .xlsx workbook or a folder of .csv files"
            )
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise BookError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if not head:
        raise BookError(f"{path.name} is empty (0 bytes); it is not a workbook")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BookError(
            f"{path.name} is an old-format Excel file (.xls) or a password-protected "
            "workbook; open it in Excel and save it, without a password, as .xlsx"
        )
    if head.startswith(b"PK"):
        from communitydna.io.xlsx import open_xlsx

        return open_xlsx(path, limits)
    if path.suffix.lower() == ".csv":
        raise BookError(
            f"{path.name} is a single csv file; a study in csv is a folder of files named like "
            "the sheets (Place.csv, Organisations.csv, …)"
        )
    raise BookError(
        f"{path.name} is not an Excel workbook (.xlsx); a study is an .xlsx workbook or a "
        "folder of .csv files"
    )


def _open_folder(path: Path, limits: ReadLimits) -> Book:
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        raise BookError(
            f"the folder {path} holds no .csv files; a study in csv is a folder of files "
            "named like the sheets (Place.csv, Organisations.csv, …)"
        )
    total = sum(p.stat().st_size for p in files)
    if total > limits.max_bytes:
        raise BookError(
            f"the csv files of {path.name} come to {total / _MB:,.1f} MB; the most read is "
            f"{limits.max_bytes / _MB:,.0f} MB (the limit on a study's size)"
        )
    return Book("csv", [CsvSheet(p) for p in files])


class CsvSheet(SheetSource):
    """A csv file: UTF-8 (with or without a byte-order mark), or Windows-1252 failing that."""

    def __init__(self, path: Path) -> None:
        super().__init__(path.stem)
        self.path = path

    def _text(self) -> str:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise SheetReadError(f"the file cannot be read: {exc.strerror or exc}") from None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise SheetReadError(
                "the file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8"
            ) from None
        self.warnings.append(
            "the file is not UTF-8; it was read as Windows-1252 text (save it as CSV UTF-8 "
            "to be sure every character is right)"
        )
        return text

    def rows(self) -> Iterator[tuple[int, Row]]:
        text = self._text()
        if "\x00" in text:
            text = text.replace("\x00", "")
        self.total = text.count("\n") + 1
        # A cell may legitimately be long (and is then reported as too long, by row and
        # column); the csv module's default limit would stop the whole file instead.
        if csv.field_size_limit() < len(text) + 1:
            csv.field_size_limit(len(text) + 1)
        reader = csv.reader(io.StringIO(text, newline=""))
        number = 0
        try:
            for record in reader:
                number += 1
                if not any(record):
                    continue
                row: Row = []
                for index, raw in enumerate(record):
                    if raw[:1] == "'":
                        raw = unquote_csv_text(raw)
                    value = clean_text(raw) if raw else None
                    if value is not None and len(value) > MAX_CELL_CHARACTERS:
                        self.issues.append(CellIssue(number, index, value, too_long(len(value))))
                        value = None
                    row.append(value)
                if any(v is not None for v in row):
                    yield number, row
        except csv.Error as exc:
            raise SheetReadError(f"the csv file is damaged: {exc}", number + 1) from None
