"""Limits on what a read takes on: zip bombs, huge workbooks and sheets are refused with a
reason naming the file or the sheet and the limit, without being unpacked."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pytest
from workbook_support import base_sheets, small_study, write_csv, write_xlsx

from communitydna.io import ReadLimits, read_study, snapshot_to_archive, write_study
from communitydna.io.tabular import DEFAULT_LIMITS

MB = 1024 * 1024


def _zip_bomb(path: Path, megabytes: int = 100) -> Path:
    """A workbook-shaped zip of a few hundred KB whose sheet unpacks to ``megabytes`` MB."""
    good = write_xlsx(path.with_name("good.xlsx"), base_sheets())
    chunk = b"0" * MB
    with (
        zipfile.ZipFile(good) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb,
    ):
        for info in source.infolist():
            if info.filename.endswith("sheet2.xml"):
                part = zipfile.ZipInfo(info.filename)
                part.compress_type = zipfile.ZIP_DEFLATED
                with bomb.open(part, "w", force_zip64=True) as out:
                    for _ in range(megabytes):
                        out.write(chunk)
            else:
                bomb.writestr(info, source.read(info.filename))
    return path


def test_the_defaults_suit_any_real_study() -> None:
    assert ReadLimits(
        max_bytes=500 * MB, max_entries=10_000, max_ratio=200, ratio_from_bytes=10 * MB,
        max_rows=1_000_000,
    ) == DEFAULT_LIMITS  # fmt: skip


def test_a_zip_bomb_is_refused_quickly_without_being_unpacked(tmp_path: Path) -> None:
    bomb = _zip_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 1 * MB
    start = time.perf_counter()
    result = read_study(bomb)
    assert time.perf_counter() - start < 1.0
    assert result.snapshot is None
    (problem,) = result.errors
    assert "bomb.xlsx is refused as a zip bomb" in problem.reason
    assert "xl/worksheets/sheet2.xml" in problem.reason
    assert "at most 200 times" in problem.reason


def test_a_workbook_that_unpacks_beyond_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "study.xlsx", base_sheets())
    result = read_study(path, limits=ReadLimits(max_bytes=1000))
    (problem,) = result.errors
    assert problem.reason.startswith("study.xlsx would unpack to 0 MB; the most read is 0 MB")
    assert "limit on a study's size" in problem.reason


def test_a_workbook_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "study.xlsx", base_sheets())
    result = read_study(path, limits=ReadLimits(max_entries=3))
    (problem,) = result.errors
    assert "study.xlsx holds" in problem.reason
    assert "at most 3 are read" in problem.reason


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_sheet_with_too_many_rows_is_refused_naming_the_sheet(tmp_path: Path, kind: str) -> None:
    sheets = base_sheets()
    sheets["Organisations"] += [[f"o{i}", f"Org {i}", "social"] for i in range(20)]
    path = (
        write_xlsx(tmp_path / "study.xlsx", sheets)
        if kind == "xlsx"
        else write_csv(tmp_path / "study", sheets)
    )
    result = read_study(path, limits=ReadLimits(max_rows=10))
    assert result.snapshot is None
    (problem,) = result.errors
    assert problem.sheet == "Organisations"
    assert "more than 10 rows" in problem.reason
    assert read_study(path, limits=ReadLimits(max_rows=23)).ok


def test_a_csv_folder_beyond_the_size_limit_is_refused(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "study", base_sheets())
    (problem,) = read_study(folder, limits=ReadLimits(max_bytes=100)).errors
    assert "the csv files of study come to" in problem.reason


def test_an_archive_beyond_the_limits_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "study.json"
    write_study(small_study(), path)
    (problem,) = read_study(path, limits=ReadLimits(max_bytes=100)).errors
    assert "study.json is" in problem.reason
    assert "limit on a study's size" in problem.reason
    problems = {p.sheet: p.reason for p in read_study(path, limits=ReadLimits(max_rows=2)).errors}
    assert set(problems) == {"$.organisations", "$.observations"}
    assert "3 items; at most 2" in problems["$.organisations"]


def test_the_demo_and_an_ordinary_workbook_are_well_within_the_limits(tmp_path: Path) -> None:
    from communitydna.demo import demo_snapshot

    write_study(demo_snapshot(), tmp_path / "demo.xlsx")
    with zipfile.ZipFile(tmp_path / "demo.xlsx") as book:
        ratios = [i.file_size / max(1, i.compress_size) for i in book.infolist()]
    assert max(ratios) < 50
    assert read_study(tmp_path / "demo.xlsx").ok
    data = snapshot_to_archive(demo_snapshot())
    assert len(json.dumps(data)) < DEFAULT_LIMITS.max_bytes
