"""Every command takes a .json study archive, and convert writes one."""

from __future__ import annotations

import json
from pathlib import Path

from communitydna.demo import demo_snapshot
from communitydna.io import load_study


def test_convert_writes_an_archive_and_reads_it_back_to_the_same_workbook(
    run, demo_xlsx: Path, tmp_path: Path
) -> None:
    result = run("convert", str(demo_xlsx), "-o", "study.json")
    assert result.exit_code == 0, result.output
    assert "as a study archive" in result.output
    data = json.loads((tmp_path / "study.json").read_text("utf-8"))
    assert (data["format"], data["version"]) == ("communitydna-study", 1)
    assert load_study(tmp_path / "study.json") == demo_snapshot()
    back = run("convert", "study.json", "-o", "back.xlsx")
    assert back.exit_code == 0, back.output
    assert load_study(tmp_path / "back.xlsx") == demo_snapshot()


def test_check_report_and_analyse_take_an_archive(run, demo_xlsx: Path, tmp_path: Path) -> None:
    assert run("convert", str(demo_xlsx), "-o", "study.json").exit_code == 0
    checked = run("check", "study.json")
    assert checked.exit_code == 0, checked.output
    assert "valid study" in checked.output
    analysed = run("analyse", "study.json", "--json")
    assert analysed.exit_code == 0, analysed.output
    reported = run("report", "study.json", "-o", "report.html", "--no-analysis")
    assert reported.exit_code == 0, reported.output
    assert (tmp_path / "report.html").stat().st_size > 0


def test_check_names_the_json_path_of_a_problem_in_an_archive(run, demo_xlsx: Path) -> None:
    assert run("convert", str(demo_xlsx), "-o", "study.json").exit_code == 0
    path = Path("study.json")
    data = json.loads(path.read_text("utf-8"))
    data["version"] = 7
    path.write_text(json.dumps(data), "utf-8")
    result = run("check", "study.json")
    assert result.exit_code == 1
    assert "$.version" in result.output
    assert "newer than this version of Community DNA reads" in result.output
    assert "Traceback" not in result.output
