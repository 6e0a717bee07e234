"""Whatever is in the cells, or the file, reading never raises: it gives a study or errors."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbook_support import Sheets, sheets_of, small_study, write_csv, write_xlsx

from communitydna.io import ReadResult, read_study

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), max_size=30
)
cell_values = st.one_of(
    st.none(),
    _TEXT,
    st.sampled_from(
        [
            "",
            "-",
            ";",
            "\n\n",
            "=1+1",
            "#REF!",
            "overall",
            "6",
            "0",
            "between stable and brittle",
            "to be determined",
            "less than",
            "2012-13-45",
            "1e400",
            "council",
            "Northgate Council",
            "=shop",
            "e1",
            "rec1",
            "ni1",
            "x" * 40_000,
        ]
    ),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)),
    st.booleans(),
)
_BASE = sheets_of(small_study())
_CELLS = [
    (sheet, row, column)
    for sheet, rows in _BASE.items()
    for row in range(len(rows))
    for column in range(len(rows[0]) + 1)
]


def _changed(changes: list[tuple[tuple[str, int, int], Any]]) -> Sheets:
    sheets = {name: [list(r) for r in rows] for name, rows in _BASE.items()}
    for (sheet, row, column), value in changes:
        cells = sheets[sheet][row]
        cells.extend([None] * (column + 1 - len(cells)))
        cells[column] = value
    return sheets


def _never_half(result: ReadResult) -> None:
    assert (result.snapshot is None) == bool(result.errors)
    for problem in result.problems:
        assert problem.reason
        assert len(problem.value) <= 80


changes = st.lists(st.tuples(st.sampled_from(_CELLS), cell_values), min_size=1, max_size=4)


@FUZZ
@given(changes)
def test_any_cell_values_in_a_workbook_give_a_study_or_errors(
    edits: list[tuple[tuple[str, int, int], Any]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "study.xlsx", _changed(edits))
        _never_half(read_study(path))


@FUZZ
@given(changes)
def test_any_cell_values_in_csv_files_give_a_study_or_errors(
    edits: list[tuple[tuple[str, int, int], Any]],
) -> None:
    text_edits = [(cell, None if v is None else str(v)) for cell, v in edits]
    with tempfile.TemporaryDirectory() as folder:
        _never_half(read_study(write_csv(Path(folder) / "study", _changed(text_edits))))


@FUZZ
@given(st.binary(max_size=2_000), st.sampled_from(["study.xlsx", "study.csv", "study"]))
def test_any_bytes_in_a_file_give_errors(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = read_study(path)
        assert result.snapshot is None
        assert result.errors


@FUZZ
@given(st.binary(max_size=3_000))
def test_any_bytes_in_a_csv_file_give_a_study_or_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        study = write_csv(Path(folder) / "study", _BASE)
        (study / "Organisations.csv").write_bytes(data)
        _never_half(read_study(study))


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_a_workbook_damaged_anywhere_gives_a_study_or_errors(seed: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "study.xlsx", _BASE)
        data = bytearray(path.read_bytes())
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data))]
        else:
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        _never_half(read_study(path))
