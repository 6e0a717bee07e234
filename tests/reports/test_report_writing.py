"""write_report writes the report in the format its file name asks for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from communitydna.reports import report_format, write_report
from communitydna.snapshot import Snapshot

from .support import parse


def test_it_writes_html_for_an_html_suffix(snapshot: Snapshot, tmp_path: Path) -> None:
    target = tmp_path / "northgate.html"
    written = write_report(snapshot, target, generated_on=dt.date(2024, 5, 1))
    assert written == target
    page = target.read_text(encoding="utf-8")
    parse(page)
    assert "1 May 2024" in page


def test_an_unknown_suffix_is_refused_and_nothing_is_written(
    snapshot: Snapshot, tmp_path: Path
) -> None:
    target = tmp_path / "northgate.txt"
    with pytest.raises(ValueError, match=r"\.html"):
        write_report(snapshot, target)
    assert not target.exists()


def test_an_explicit_format_overrides_the_suffix(snapshot: Snapshot, tmp_path: Path) -> None:
    target = tmp_path / "northgate.report"
    write_report(snapshot, target, output_format="HTML")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="not a report format"):
        report_format("northgate.html", "odt")
