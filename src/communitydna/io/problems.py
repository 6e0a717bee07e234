"""Problems found while reading a study, and the result of a read.

Every problem names where it is, as a person would look for it in the spreadsheet: the
sheet, the row as the spreadsheet numbers it (the header is row 1), the column, the value
found and why it is a problem. Errors stop a read with no snapshot produced; warnings are
listed and the read goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from communitydna.snapshot import Snapshot

__all__ = ["Problem", "ReadResult", "Severity", "StudyReadError"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a look) in a workbook.

    Attributes
    ----------
    severity : Severity
    sheet : str
        The sheet (or csv file stem) name as the contract spells it, e.g. ``"Relationships"``;
        empty for problems with the file as a whole.
    row : int or None
        The spreadsheet's own row number (header = 1, first data row = 2); ``None`` for
        problems with a whole sheet or file.
    column : str
        The column name as the contract spells it, or empty.
    value : str
        The offending value, shortened to at most 80 characters.
    reason : str
        A sentence saying what is wrong and, where possible, what would be right.
    """

    severity: Severity
    sheet: str
    row: int | None
    column: str
    value: str
    reason: str

    @classmethod
    def error(cls, sheet: str, row: int | None, column: str, value: object, reason: str) -> Problem:
        return cls(Severity.ERROR, sheet, row, column, _short(value), reason)

    @classmethod
    def warning(
        cls, sheet: str, row: int | None, column: str, value: object, reason: str
    ) -> Problem:
        return cls(Severity.WARNING, sheet, row, column, _short(value), reason)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        """``Relationships, row 12, column to`` (the parts that are known)."""
        parts = [self.sheet or "file"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" ({self.value!r})" if self.value else ""
        return f"{self.severity}: {self.location}{value}: {self.reason}"


def _short(value: object, limit: int = 80) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a read produced: a snapshot when there were no errors, and every problem."""

    snapshot: Snapshot | None
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        return self.snapshot is not None


class StudyReadError(Exception):
    """A study could not be read; ``problems`` says where and why."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.is_error]
        first = str(errors[0]) if errors else "the study could not be read"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)
