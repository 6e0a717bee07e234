"""Importing indicator observations from a csv file into a study that already exists.

Councils receive indicator values as a csv export, a period at a time. The file has the
columns of the ``Observations`` sheet (``indicator``, ``period``, ``kind``, ``value``,
``area``, ``breakdown``, and any others, kept as attributes); indicators are named by the
study's indicator ids or names. As with a whole workbook, every bad row is reported (under
the sheet name ``Observations``, with the file's own row numbers) and with any error nothing
is imported.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from communitydna.io.problems import Problem
from communitydna.io.reader import Study
from communitydna.io.tabular import BookError, CsvSheet, open_book
from communitydna.snapshot import Observation, Snapshot

__all__ = ["ObservationsRead", "read_observations"]


@dataclass(frozen=True, slots=True)
class ObservationsRead:
    """What a read of observations found: the observations (none if any error) and problems."""

    observations: tuple[Observation, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def added_to(self, snapshot: Snapshot) -> Snapshot:
        """The study with these observations after its own."""
        return dataclasses.replace(
            snapshot, observations=(*snapshot.observations, *self.observations)
        )


def read_observations(path: str | Path, snapshot: Snapshot) -> ObservationsRead:
    """Read observations for the indicators of ``snapshot`` from a csv file.

    An ``.xlsx`` workbook is read too: its ``Observations`` sheet. Never raises for bad
    input.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from communitydna.snapshot import Indicator, Place
    >>> study = Snapshot(place=Place("Northgate"), indicators=(Indicator("ni1", "Belonging"),))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     csv = pathlib.Path(folder) / "values.csv"
    ...     _ = csv.write_text("indicator,period,kind,value\\nBelonging,2024/25,actual,41%\\n"
    ...                        "ni1,2025/26,target,to be determined\\n")
    ...     read = read_observations(csv, study)
    >>> [str(o.value) for o in read.observations], read.ok
    (['41%', 'to be determined'], True)
    >>> len(read.added_to(study).observations)
    2
    """
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        try:
            book = open_book(path)
        except BookError as exc:
            return ObservationsRead((), (Problem.error("", None, "", "", str(exc)),))
        with book:
            return _read(Study(book.sheets, None), snapshot, path)
    if not path.is_file():
        return ObservationsRead((), (Problem.error("", None, "", "", f"{path} is not a file"),))
    source = CsvSheet(path)
    source.name = "Observations"
    return _read(Study([source], None), snapshot, path)


def _read(study: Study, snapshot: Snapshot, path: Path) -> ObservationsRead:
    from communitydna.io.entities import _Builder

    builder = _Builder(study)
    builder.variant = snapshot.variant
    for indicator in snapshot.indicators:
        builder.indicators.add(indicator.id, indicator.name, 0)
    if "observations" not in study.sources:
        problem = Problem.error(
            "Observations", None, "", "", f"{path.name} has no Observations sheet"
        )
        return ObservationsRead((), (*study.problems, problem))
    observations = builder.observations_sheet()
    problems = tuple(p for p in study.problems if p.sheet == "Observations" or p.is_error)
    if any(p.is_error for p in problems):
        return ObservationsRead((), problems)
    return ObservationsRead(observations, problems)
