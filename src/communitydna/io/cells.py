"""Reading the cells of one row by column name, and turning them into typed values.

:class:`RowReader` is the reader's view of a row: ``text``, ``items``, ``whole``, ``flag``,
``date``, ``choice`` and friends each read one column and, when the value is not what the
contract accepts, record a :class:`~communitydna.io.problems.Problem` naming the sheet, the
row, the column and the value, and return the column's default so that reading goes on and
every problem of a workbook is found in one pass.

Decisions
---------
- A number in a text column becomes the text a spreadsheet shows for it: ``42`` for 42.0,
  ``0.5`` for 0.5, ``45%`` for a percent-formatted 0.45; a date cell becomes ISO text
  (``2012-07-15``, or ``2012-07`` for a cell formatted as a month); a logical cell becomes
  ``TRUE`` or ``FALSE``.
- A plain number in a date column is read as a year when it is a whole number from 1000 to
  9999, and as an Excel date serial from 10000 (May 1927) upwards; anything else, such as
  20120715 or 15.07, is an error rather than a guess.
- Lists are separated by ``;`` or new lines; blank items are dropped.
- Words of fixed vocabularies (sizes, statuses, polarity, …) are compared without regard to
  letter case or repeated spaces, and a few synonyms are understood.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TypeVar

from communitydna.io.problems import Problem
from communitydna.io.tabular import CellValue, Percent, Row
from communitydna.snapshot import PartialDate, Quantity

__all__ = [
    "RowReader",
    "as_text",
    "word_key",
]

T = TypeVar("T")


def word_key(text: str) -> str:
    """How words of fixed vocabularies and names are compared.

    >>> word_key("  Not   Started ")
    'not started'
    """
    return " ".join(text.split()).casefold()


def _number_text(value: float) -> str:
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def as_text(value: CellValue) -> str:
    """The text a cell value stands for in a text column.

    >>> as_text(42.0), as_text(0.5), as_text(Percent(0.45)), as_text(True)
    ('42', '0.5', '45%', 'TRUE')
    >>> as_text(PartialDate(2012, 7))
    '2012-07'
    """
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is int:
        return str(value)
    if kind is float:
        return _number_text(value)  # type: ignore[arg-type]
    if isinstance(value, Percent):
        number = Decimal(repr(value.value)) * 100
        return _number_text(float(number)) + "%"
    return str(value)


_LIST_SPLIT = re.compile(r"[;\n]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MEASURE_SPLIT = re.compile(r"[;,\n]+")


class RowReader:
    """One row of a sheet, read column by column; problems go to ``problems``.

    ``index`` gives the position of every column of the sheet's contract in ``values``; a
    column the sheet does not have points at a position that is always blank. ``failed``
    turns true when an error is recorded for the row, so the caller knows not to build an
    entity from it.
    """

    __slots__ = ("failed", "index", "number", "problems", "sheet", "unreadable", "values")

    def __init__(self, sheet: str, index: Mapping[str, int], problems: list[Problem]) -> None:
        self.sheet = sheet
        self.index = index
        self.problems = problems
        self.number = 0
        self.values: Row = []
        self.failed = False
        self.unreadable: frozenset[str] = frozenset()

    def load(self, number: int, values: Row, unreadable: frozenset[str] = frozenset()) -> None:
        """Read another row; ``unreadable`` names columns whose cells were already reported."""
        self.number = number
        self.values = values
        self.failed = bool(unreadable)
        self.unreadable = unreadable

    # -- problems ---------------------------------------------------------------------------

    def error(self, column: str, value: object, reason: str) -> None:
        self.failed = True
        self.problems.append(Problem.error(self.sheet, self.number, column, value, reason))

    def warning(self, column: str, value: object, reason: str) -> None:
        self.problems.append(Problem.warning(self.sheet, self.number, column, value, reason))

    # -- plain values -----------------------------------------------------------------------

    def raw(self, column: str) -> CellValue | None:
        return self.values[self.index[column]]

    def text(self, column: str) -> str:
        """The cell as text; blank gives ``""``."""
        value = self.values[self.index[column]]
        if value is None:
            return ""
        if type(value) is str:
            return value
        return as_text(value)

    def required(self, column: str) -> str:
        """The cell as text; blank is an error."""
        text = self.text(column)
        if not text:
            self.missing(column)
        return text

    def missing(self, column: str) -> None:
        """Report a required cell left blank (unless it was unreadable, and said so)."""
        if column in self.unreadable:
            self.failed = True
        else:
            self.error(column, "", f"{column} is required")

    def items(self, column: str) -> tuple[str, ...]:
        """A list cell: items separated by ``;`` or new lines."""
        text = self.text(column)
        if not text:
            return ()
        return tuple(p for p in (s.strip() for s in _LIST_SPLIT.split(text)) if p)

    def measure_items(self, column: str) -> tuple[str, ...]:
        """A list of measures, where commas separate too (no measure title has one)."""
        text = self.text(column)
        if not text:
            return ()
        return tuple(p for p in (s.strip() for s in _MEASURE_SPLIT.split(text)) if p)

    def whole(self, column: str, low: int, high: int, default: int) -> int:
        """A whole number from ``low`` to ``high``; blank gives ``default``."""
        value = self.raw(column)
        if value is None:
            return default
        number: int | None = None
        if type(value) is int:
            number = value
        elif type(value) is float:
            number = int(value) if value.is_integer() else None
        elif type(value) is str:
            try:
                number = int(value)
            except ValueError:
                try:
                    as_float = float(value)
                except ValueError:
                    as_float = 0.5
                number = int(as_float) if as_float.is_integer() else None
        if number is None or not low <= number <= high:
            self.error(
                column, as_text(value), f"{column} must be a whole number from {low} to {high}"
            )
            return default
        return number

    def flag(self, column: str, default: bool) -> bool:
        """Yes or no; blank gives ``default``."""
        value = self.raw(column)
        if value is None:
            return default
        if type(value) is bool:
            return value
        fast = _FLAGS.get(value)
        if fast is not None:
            return fast
        text = word_key(as_text(value))
        if text in _YES:
            return True
        if text in _NO:
            return False
        self.error(column, as_text(value), f"{column} must be yes or no")
        return default

    def choice(self, column: str, words: Mapping[str, T], default: T, accepted: str) -> T:
        """One of a fixed vocabulary (looked up by :func:`word_key`); blank gives ``default``."""
        text = self.text(column)
        if not text:
            return default
        found = words.get(text)
        if found is None:
            found = words.get(word_key(text))
        if found is None:
            self.error(column, text, f"{column} must be {accepted}")
            return default
        return found

    def date(self, column: str) -> PartialDate | None:
        """A date to the day, month or year; blank gives ``None``."""
        value = self.raw(column)
        if value is None:
            return None
        return self.date_value(column, value)

    def date_value(self, column: str, value: CellValue) -> PartialDate | None:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, str) and _NUMBER.fullmatch(value) and len(value) != 4:
            value = float(value)  # a number kept as text, e.g. a serial in a csv file
        if isinstance(value, str):
            try:
                return PartialDate.parse(value)
            except ValueError as exc:
                self.error(column, value, str(exc))
                return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
            if number.is_integer() and 1000 <= number <= 9999:
                return PartialDate(int(number))
            if 10_000 <= number <= 2_958_465:
                return PartialDate.parse(number)
            self.error(
                column,
                as_text(value),
                f"{column} is a number, not a date; write a day (2012-07-15), a month "
                "(2012-07 or July 2012) or a year (2012), or format the cell as a date",
            )
            return None
        self.error(column, as_text(value), f"{column} must be a date")
        return None

    def quantity(self, column: str) -> Quantity:
        """An indicator value: a number with its qualifier, or not yet known."""
        value = self.raw(column)
        try:
            if isinstance(value, Percent):
                return Quantity.parse(value.value, percent_format=True)
            if isinstance(value, PartialDate):
                raise ValueError(f"{value} is a date, not a number")
            return Quantity.parse(value)
        except ValueError as exc:
            self.error(column, as_text(value) if value is not None else "", str(exc))
            return Quantity()

    def attributes(self, columns: tuple[tuple[int, str], ...]) -> dict[str, str]:
        """Cells of columns the contract does not define, as text by lower-cased header."""
        found: dict[str, str] = {}
        values = self.values
        for index, key in columns:
            value = values[index]
            if value is not None:
                found[key] = value if type(value) is str else as_text(value)
        return found


_YES = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "✔"})
_NO = frozenset({"no", "n", "false", "f", "0", "-"})
_FLAGS: dict[object, bool] = {
    "yes": True,
    "no": False,
    "Yes": True,
    "No": False,
    "YES": True,
    "NO": False,
}
