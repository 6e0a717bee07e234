"""Reading a study (an ``.xlsx`` workbook, a folder of ``.csv`` files, or a ``.json``
archive) into a snapshot.

:func:`read_study` never raises for bad input: everything wrong is a
:class:`~communitydna.io.problems.Problem` naming the sheet, the row as the spreadsheet
numbers it, the column, the value and the reason. With any error nothing is produced;
warnings are listed and the snapshot is produced.

How sheets are found and read
-----------------------------
- Sheets (or csv files) are matched to the contract by name without regard to letter case,
  spaces, hyphens or underscores; ``Place`` and ``Organisations`` must be there, the others
  may be left out. A sheet the contract does not know gives a warning (it is not read),
  except ``Instructions``.
- The first non-blank row of a sheet is its header; blank rows are skipped anywhere.
- Columns are matched to the contract the same way as sheets; columns it does not define
  are kept as ``attributes`` of each row's entity, as text keyed by the lower-cased header.
  A column with values but no header is an error, as nothing could keep them.
- A sheet missing a required column is reported once and its rows are not read, rather
  than reporting every row.

The rules for each sheet (identities, references, defaults) are in
:mod:`communitydna.io.entities`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from communitydna.io.cells import RowReader, as_text
from communitydna.io.columns import (
    INSTRUCTIONS_SHEET,
    SHEETS,
    SheetSpec,
    normalise_name,
    sheet_spec,
)
from communitydna.io.problems import Problem, ReadResult, StudyReadError
from communitydna.io.tabular import (
    DEFAULT_LIMITS,
    BookError,
    ReadLimits,
    Row,
    SheetReadError,
    SheetSource,
    open_book,
)
from communitydna.snapshot import Snapshot

__all__ = ["ProgressCallback", "SheetRows", "column_letter", "load_study", "read_study"]

ProgressCallback = Callable[[str, int, int | None], None]
"""``progress(stage, done, total)``: a sheet's name, rows read so far, and rows in all."""

PROGRESS_EVERY = 5_000


def column_letter(index: int) -> str:
    """The spreadsheet letters of a 0-based column index.

    >>> column_letter(0), column_letter(27)
    ('A', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class SheetRows:
    """The rows of one contract sheet found in the file, read through its header.

    Iterating gives the same :class:`~communitydna.io.cells.RowReader` loaded with each
    data row in turn. ``attribute_columns`` lists the columns the contract does not define.
    """

    def __init__(
        self,
        spec: SheetSpec,
        source: SheetSource,
        problems: list[Problem],
        progress: ProgressCallback | None,
        max_rows: int = DEFAULT_LIMITS.max_rows,
    ) -> None:
        self.spec = spec
        self.source = source
        self.problems = problems
        self.progress = progress
        self.max_rows = max_rows
        self.header_row = 1
        self.names: dict[int, str] = {}
        self.attribute_columns: tuple[tuple[int, str], ...] = ()
        self.reader = RowReader(spec.name, {}, problems)
        self.width = 0
        self.usable = False

    @property
    def column_names(self) -> tuple[str, ...]:
        if self.spec.pairs:
            return ("field", "value")
        return self.spec.column_names

    def _problem(self, row: int | None, column: str, value: object, reason: str) -> None:
        self.problems.append(Problem.error(self.spec.name, row, column, value, reason))

    def _header(self, number: int, values: Row) -> bool:
        self.header_row = number
        known = set(self.column_names)
        index: dict[str, int] = {}
        attributes: dict[str, int] = {}
        for position, value in enumerate(values):
            if value is None:
                continue
            text = as_text(value)
            name = normalise_name(text)
            if name in known:
                if name in index:
                    self.names[position] = name
                    self._problem(
                        number,
                        name,
                        text,
                        f"the column {name} appears twice (columns "
                        f"{column_letter(index[name])} and {column_letter(position)})",
                    )
                    continue
                index[name] = position
                self.names[position] = name
            else:
                key = text.lower()
                if key in attributes:
                    self.names[position] = text
                    self._problem(
                        number,
                        text,
                        text,
                        f"the column {text!r} appears twice (columns "
                        f"{column_letter(attributes[key])} and {column_letter(position)})",
                    )
                    continue
                attributes[key] = position
                self.names[position] = text
        required = [c.name for c in self.spec.columns if c.required]
        if self.spec.pairs:
            required = ["field", "value"]
        missing = [name for name in required if name not in index]
        for name in missing:
            self._problem(
                number,
                name,
                "",
                f"the sheet has no column {name!r}, which is required (row {number} is read "
                "as the header row)",
            )
        # Rows are padded to the header's width plus one blank cell, which every contract
        # column missing from the header points at: reading a cell is then one lookup.
        self.width = max(self.names, default=-1) + 1
        full = {name: index.get(name, self.width) for name in self.column_names}
        self.reader = RowReader(self.spec.name, full, self.problems)
        self.attribute_columns = tuple((i, k) for k, i in attributes.items())
        return not missing

    def __iter__(self) -> Iterator[RowReader]:
        name = self.spec.name
        progress = self.progress
        done = 0
        unnamed_reported: set[int] = set()
        try:
            rows = self.source.rows()
            header = next(rows, None)
            if header is None:
                if self.spec.required:
                    self._problem(
                        None, "", "", "the sheet is empty; it needs at least a header row"
                    )
                return
            if progress is not None:
                progress(name, 0, self.source.total)
            self.usable = self._header(*header)
            if not self.usable:
                return
            width = self.width
            gaps = len(self.names) < width
            padding = [None] * (width + 1)
            reader = self.reader
            issues = self.source.issues
            max_rows = self.max_rows
            for number, values in rows:
                if done >= max_rows:
                    self._problem(
                        number,
                        "",
                        "",
                        f"the sheet has more than {max_rows:,} rows; at most {max_rows:,} are "
                        "read from a sheet (the limit on rows), so nothing was read from it",
                    )
                    return
                unreadable: frozenset[str] = frozenset()
                if issues:
                    # cells that could not be read are reported as they are found, and the
                    # row is not told again that they are blank
                    unreadable = frozenset(
                        self.names.get(i.column, "")
                        for i in issues
                        if i.row == number and i.is_error
                    )
                    self._report_source()
                size = len(values)
                if size > width or gaps:
                    self._unnamed(number, values, unnamed_reported)
                if size <= width:
                    values.extend(padding[: width + 1 - size])
                else:
                    del values[width:]
                    values.append(None)
                reader.load(number, values, unreadable)
                yield reader
                done += 1
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(name, done, self.source.total)
        except SheetReadError as exc:
            self._problem(exc.row, "", "", exc.reason)
        finally:
            self._report_source()
            if progress is not None:
                progress(name, done, done)

    def _unnamed(self, number: int, values: Row, reported: set[int]) -> None:
        for position, value in enumerate(values):
            if value is not None and position not in self.names and position not in reported:
                reported.add(position)
                self._problem(
                    number,
                    f"column {column_letter(position)}",
                    value,
                    "the column has values but no header, so they cannot be kept; give the "
                    "column a name in the header row",
                )

    def _report_source(self) -> None:
        for note in self.source.warnings:
            self.problems.append(Problem.warning(self.spec.name, None, "", "", note))
        for issue in self.source.issues:
            column = self.names.get(issue.column, f"column {column_letter(issue.column)}")
            make = Problem.error if issue.is_error else Problem.warning
            self.problems.append(make(self.spec.name, issue.row, column, issue.value, issue.reason))
        self.source.issues.clear()


class Study:
    """The sheets of an opened file matched to the contract, and the problems found."""

    def __init__(
        self,
        sources: list[SheetSource],
        progress: ProgressCallback | None,
        limits: ReadLimits = DEFAULT_LIMITS,
    ) -> None:
        self.problems: list[Problem] = []
        self.progress = progress
        self.limits = limits
        self.sources: dict[str, SheetSource] = {}
        ignored = normalise_name(INSTRUCTIONS_SHEET)
        for source in sources:
            try:
                spec = sheet_spec(source.name)
            except KeyError:
                if normalise_name(source.name) != ignored:
                    self.problems.append(
                        Problem.warning(
                            source.name,
                            None,
                            "",
                            "",
                            "the sheet is not one a study workbook has, so it was not read "
                            "(the sheets are " + ", ".join(s.name for s in SHEETS) + ")",
                        )
                    )
                continue
            if spec.key in self.sources:
                self.problems.append(
                    Problem.error(
                        spec.name,
                        None,
                        "",
                        source.name,
                        f"two sheets stand for {spec.name}: {self.sources[spec.key].name!r} "
                        f"and {source.name!r}; keep one",
                    )
                )
                continue
            self.sources[spec.key] = source

    def sheet(self, spec: SheetSpec) -> SheetRows | None:
        """The rows of a sheet, or ``None`` if the file does not have it."""
        source = self.sources.get(spec.key)
        if source is None:
            if spec.required:
                self.problems.append(
                    Problem.error(
                        spec.name,
                        None,
                        "",
                        "",
                        f"the study has no {spec.name} sheet, which is required",
                    )
                )
            return None
        return SheetRows(spec, source, self.problems, self.progress, self.limits.max_rows)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a study is read.

    A large read keeps hundreds of thousands of new objects alive, and the collector would
    walk all of them again and again (130 full collections, tripling the time of a
    300,000-relationship read). Nothing read forms a reference cycle, so reference counting
    alone frees what is dropped; the collector is restarted afterwards if it was running.
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def read_study(
    path: str | Path,
    *,
    progress: ProgressCallback | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ReadResult:
    """Read and check a study: an ``.xlsx`` workbook, a folder of ``.csv`` files, or a
    ``.json`` archive (:mod:`communitydna.io.archive`; a file starting with ``{`` is taken
    for one too).

    Parameters
    ----------
    path : str or Path
    progress : callable, optional
        Called as ``progress(sheet, rows_done, rows_total_or_None)`` when a sheet starts,
        every few thousand rows, and when it ends.
    limits : ReadLimits, optional
        How large a study is read before it is refused (size, parts and compression of a
        workbook, rows of a sheet); the defaults suit any real study, see
        :class:`~communitydna.io.tabular.ReadLimits`. Going beyond one is an error naming
        the file or the sheet, and the limit.

    Returns
    -------
    ReadResult
        The snapshot (``None`` if there was any error) and every problem found.

    Examples
    --------
    >>> result = read_study("missing.xlsx")
    >>> result.ok, result.errors[0].reason.split(";")[0]
    (False, 'missing.xlsx does not exist')
    """
    from communitydna.io.archive import is_archive, read_archive
    from communitydna.io.entities import build_snapshot

    if is_archive(path):
        return read_archive(path, max_bytes=limits.max_bytes, max_rows=limits.max_rows)
    try:
        book = open_book(path, limits)
    except BookError as exc:
        return ReadResult(None, (Problem.error("", None, "", "", str(exc)),))
    with book, _cyclic_gc_paused():
        study = Study(book.sheets, progress, limits)
        snapshot = build_snapshot(study)
    problems = tuple(study.problems)
    if snapshot is None or any(p.is_error for p in problems):
        return ReadResult(None, problems)
    return ReadResult(snapshot, problems)


def load_study(
    path: str | Path,
    *,
    progress: ProgressCallback | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Snapshot:
    """Read a study like :func:`read_study`, raising if it has errors.

    Raises
    ------
    StudyReadError
        With every problem found, if there was any error.

    Examples
    --------
    >>> try:
    ...     load_study("missing.xlsx")
    ... except StudyReadError as exc:
    ...     print(len(exc.problems), exc.problems[0].reason.split(";")[0])
    1 missing.xlsx does not exist
    """
    result = read_study(path, progress=progress, limits=limits)
    if result.snapshot is None:
        raise StudyReadError(result.problems)
    return result.snapshot
