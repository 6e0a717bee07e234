"""Fixtures of the workbook tests; the helpers they use are in ``workbook_support``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from workbook_support import Sheets, small_study, write_csv, write_xlsx

from communitydna.io import ReadResult, read_study
from communitydna.snapshot import Snapshot


@pytest.fixture
def study() -> Snapshot:
    """A study with something in every sheet, including the awkward cases."""
    return small_study()


@pytest.fixture
def read_xlsx(tmp_path: Path) -> Callable[[Sheets], ReadResult]:
    """Write rows as an .xlsx file and read it."""
    count = iter(range(10**6))

    def read(sheets: Sheets) -> ReadResult:
        return read_study(write_xlsx(tmp_path / f"study{next(count)}.xlsx", sheets))

    return read


@pytest.fixture
def read_csv(tmp_path: Path) -> Callable[[Sheets], ReadResult]:
    """Write rows as a folder of csv files and read it."""
    count = iter(range(10**6))

    def read(sheets: Sheets) -> ReadResult:
        return read_study(write_csv(tmp_path / f"study{next(count)}", sheets))

    return read


@pytest.fixture(params=["xlsx", "csv"])
def read_rows(
    request: pytest.FixtureRequest,
    read_xlsx: Callable[[Sheets], ReadResult],
    read_csv: Callable[[Sheets], ReadResult],
) -> Callable[[Sheets], ReadResult]:
    """Read rows written in either format (csv gets every value as text)."""
    return read_xlsx if request.param == "xlsx" else read_csv
