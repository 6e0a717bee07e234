"""A newcomer's path: template, fill in by hand, check, report."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def _fill(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    book["Place"]["B2"] = "Ashby Vale"
    book["Organisations"].append(["", "Ashby Vale Council", "public sector", "local authority"])
    book["Organisations"].append(["", "Vale Food Bank", "voluntary", "charity"])
    book["Organisations"].append(["", "Vale Bakery", "business", "shop", "", "", "", "", "micro"])
    book["Relationships"].append([None, "Ashby Vale Council", "Vale Food Bank", "grant"])
    book["Relationships"].append([None, "Vale Bakery", "Vale Food Bank", "supply chain"])
    book["Evidence"].append(
        ["e1", "Interview: food bank manager", "May 2024", "4", "+", 2, "The council listens."]
    )
    book["Ratings"].append(["social-public", "stable – resilient", "The council listens."])
    book.save(path)


def test_a_template_filled_in_by_hand_passes_check_and_makes_a_report(run, tmp_path: Path) -> None:
    assert run("template", "-o", "study.xlsx").exit_code == 0
    _fill(tmp_path / "study.xlsx")

    checked = run("check", "study.xlsx")
    assert checked.exit_code == 0, checked.output
    assert "valid study" in checked.output

    reported = run("report", "study.xlsx", "-o", "report.html")
    assert reported.exit_code == 0, reported.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Ashby Vale" in html
    assert "The council listens." in html
    assert "between stable and resilient" in html
