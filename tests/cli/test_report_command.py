from __future__ import annotations

from pathlib import Path

from communitydna.demo import demo_snapshot


def test_report_writes_a_self_contained_html_report_of_the_demo(
    run, demo_xlsx: Path, tmp_path: Path
) -> None:
    result = run("report", str(demo_xlsx), "-o", "report.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    snapshot = demo_snapshot()
    assert snapshot.place.name in html
    assert "not rated" in html
    assert '<script src="http' not in html
    assert '<link rel="stylesheet" href="http' not in html


def test_report_of_a_broken_study_writes_nothing_and_exits_1(run, tmp_path: Path) -> None:
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "Place.csv").write_text("field,value\nname,Northgate\n")
    (folder / "Organisations.csv").write_text("name,sector\nNorthgate Council,government\n")
    result = run("report", str(folder), "-o", "report.html")
    assert result.exit_code == 1
    assert "Organisations" in result.output
    assert not (tmp_path / "report.html").exists()


def test_report_refuses_a_format_it_cannot_write(run, demo_xlsx: Path) -> None:
    result = run("report", str(demo_xlsx), "-o", "report.txt")
    assert result.exit_code == 1
    assert "report.txt" in result.output
