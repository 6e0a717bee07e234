"""read_study reports its progress so a command can show a bar; load_study raises on errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbook_support import base_sheets, write_csv, write_xlsx

from communitydna.io import StudyReadError, load_study, read_study


def test_it_reports_progress_at_each_sheet_and_every_few_thousand_rows(tmp_path: Path) -> None:
    sheets = base_sheets()
    sheets["Organisations"] += [[f"o{i}", f"Org {i}", "social"] for i in range(12_000)]
    calls: list[tuple[str, int, int | None]] = []
    result = read_study(
        write_xlsx(tmp_path / "big.xlsx", sheets),
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    assert result.snapshot is not None
    organisations = [c for c in calls if c[0] == "Organisations"]
    assert organisations[0] == ("Organisations", 0, 12_004)
    assert [c[1] for c in organisations[1:-1]] == [5_000, 10_000]
    assert organisations[-1] == ("Organisations", 12_003, 12_003)
    assert [c[0] for c in calls if c[1] == 0] == ["Place", "Organisations", "Relationships"]


def test_it_reports_progress_for_csv_folders_too(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    read_study(write_csv(tmp_path / "study", base_sheets()), progress=lambda *a: calls.append(a))
    assert ("Organisations", 3, 3) in calls


def test_load_study_raises_with_every_problem(tmp_path: Path) -> None:
    sheets = base_sheets()
    sheets["Relationships"].append(["council", "nobody", "", 9])
    with pytest.raises(StudyReadError) as raised:
        load_study(write_xlsx(tmp_path / "bad.xlsx", sheets))
    assert len(raised.value.problems) == 2
    assert "Relationships, row 3" in str(raised.value)
    assert "(and 1 more)" in str(raised.value)
