"""The report keeps the picture alive: the action plan by theme, indicators with progress
against target, follow-ups, tensions for internal eyes only, and a sensible document for a
study that records only its plan and indicators."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from communitydna.framework import Sector
from communitydna.io import write_study
from communitydna.reports import build_report, render_html
from communitydna.snapshot import (
    Action,
    ActionStatus,
    ActionUpdate,
    Direction,
    FollowUp,
    Indicator,
    Lead,
    Milestone,
    Observation,
    ObservationKind,
    Organisation,
    PartialDate,
    Place,
    Progress,
    Quantity,
    Recommendation,
    Snapshot,
    TensionReport,
)

from .support import GENERATED_ON, by_id, headings, parse, tag, text_of

K = ObservationKind


def _plan_only(*, organisations: bool = True) -> Snapshot:
    """A study with an action plan and indicators and nothing assessed."""
    return Snapshot(
        place=Place("Northgate", wards=("East", "West")),
        organisations=(Organisation("council", "Northgate Council", Sector.PUBLIC),)
        if organisations
        else (),
        actions=(
            Action(
                "1.1",
                "Hold a summer fair.\nInvite every faith group.",
                "Cohesion",
                (
                    Milestone("Venue booked", PartialDate(2024, 3)),
                    Milestone("Fair held", PartialDate(2024, 8)),
                ),
                (Lead("Northgate Council", "council" if organisations else None),),
                status=ActionStatus.ON_TRACK,
            ),
            Action(
                "1.2",
                "Train youth workers",
                "Cohesion",
                (Milestone("Course run", PartialDate(2023, 11)),),
                (Lead("Youth Trust"),),
                status=ActionStatus.ON_TRACK,
            ),
            Action(
                "1.3",
                "Open a homework club",
                "Cohesion",
                (Milestone("Club open", PartialDate(2024, 9)),),
                status=ActionStatus.ON_TRACK,
                updates=(
                    ActionUpdate(PartialDate(2024, 2), ActionStatus.ON_TRACK, "Room found"),
                    ActionUpdate(
                        PartialDate(2024, 4, 2), ActionStatus.AT_RISK, "No volunteers yet"
                    ),
                ),
            ),
            Action(
                "2.1",
                "Open a jobs club",
                "Jobs",
                (Milestone("Done", PartialDate(2023)),),
                status=ActionStatus.DONE,
            ),
        ),
        indicators=(
            Indicator("ni1", "Belonging", "national", "%", Direction.UP, "Council"),
            Indicator("ni2", "Out-of-work benefits", "local", "% of residents", Direction.DOWN),
        ),
        observations=(
            Observation("ni1", "2022/23", K.BASELINE, Quantity()),
            Observation("ni1", "2023/24", K.TARGET, Quantity(Decimal(45), None, True)),
            Observation("ni1", "2023/24", K.ACTUAL, Quantity(Decimal(40), "<", True), "East"),
            Observation("ni1", "2023/24", K.ACTUAL, Quantity(Decimal(42))),
            Observation("ni2", "2022/23", K.BASELINE, Quantity(Decimal("12.5"), None, True)),
            Observation("ni2", "2023/24", K.TARGET, Quantity(Decimal("10.5"), None, True)),
            Observation("ni2", "2023/24", K.ACTUAL, Quantity(Decimal("11.5"), None, True)),
            Observation("ni2", "2023/24", K.ACTUAL, Quantity(Decimal(19)), "", (("age", "16-24"),)),
        ),
    )


@pytest.fixture(scope="module")
def plan_page() -> str:
    return render_html(build_report(_plan_only(), generated_on=GENERATED_ON))


def test_a_study_with_only_a_plan_and_indicators_shows_no_empty_measures(plan_page: str) -> None:
    root = parse(plan_page)
    ids = {e.get("id") for e in root.iter()}
    assert {"actions", "indicators", "summary", "organisations"} <= ids
    assert not {"measures", "rankings", "overall"} & ids
    assert not [e for e in root.iter(tag("section")) if "measure" in (e.get("class") or "")]
    summary = text_of(by_id(root, "summary"))
    assert "no assessment of the place" in summary
    assert "the action plan and the indicators tracked" in summary
    assert "not rated" not in plan_page
    assert "Measures rated" not in summary
    assert "Actions in the plan 4" in summary
    titles = [text for _, text in headings(root)]
    assert "Assessment by measure" not in titles


def test_without_organisations_the_appendix_is_left_out() -> None:
    root = parse(
        render_html(build_report(_plan_only(organisations=False), generated_on=GENERATED_ON))
    )
    assert "organisations" not in {e.get("id") for e in root.iter()}


def test_actions_come_by_theme_with_overdue_and_at_risk_first(plan_page: str) -> None:
    root = parse(plan_page)
    report = build_report(_plan_only(), generated_on=GENERATED_ON)  # 1 May 2024
    cohesion, jobs = report.action_themes
    assert [a.ref for a in cohesion.actions] == ["1.2", "1.3", "1.1"]
    assert cohesion.actions[0].attention == "overdue since November 2023"
    assert cohesion.actions[1].attention == "at risk"
    assert [a.ref for a in jobs.actions] == ["2.1"]  # done long ago: not overdue
    assert not jobs.actions[0].overdue
    text = text_of(by_id(root, "actions"))
    assert "4 actions in the plan: 2 on track, 1 at risk, 1 done; 1 overdue on 1 May 2024" in text
    assert "Latest update, 2 April 2024: No volunteers yet" in text
    assert "Youth Trust not mapped" in text


def test_a_linked_lead_links_to_its_organisation_and_an_unlinked_one_says_so(
    plan_page: str,
) -> None:
    root = parse(plan_page)
    links = [a for a in by_id(root, "actions").iter(tag("a")) if a.text == "Northgate Council"]
    (link,) = links
    target = link.get("href", "")[1:]
    assert text_of(by_id(root, target)).startswith("Northgate Council")


def test_indicators_show_to_be_determined_and_qualifiers_and_progress_the_right_way(
    plan_page: str,
) -> None:
    report = build_report(_plan_only(), generated_on=GENERATED_ON)
    belonging, benefits = report.indicators
    assert belonging.baseline == "to be determined (2022/23)"
    assert (
        belonging.progress
        == "target not met yet (progress since the baseline is not known: it is to be determined)"
    )
    assert (
        benefits.progress == "50% of the way from the baseline to the target"
    )  # 12.5 → 11.5 of 10.5
    assert benefits.breakdowns is not None
    assert ("Northgate", "age 16-24", "2023/24", "actual", "19") in benefits.breakdowns.rows
    assert belonging.breakdowns is not None
    assert ("East", "all", "2023/24", "actual", "less than 40%") in belonging.breakdowns.rows
    text = text_of(by_id(parse(plan_page), "indicators"))
    assert "to be determined" in text
    assert "less than 40%" in text
    assert " 0%" not in text
    assert "(0)" not in text


def test_an_indicator_chart_is_drawn_the_same_way_twice_and_leaves_unknowns_undrawn() -> None:
    first = build_report(_plan_only(), generated_on=GENERATED_ON).indicators
    second = build_report(_plan_only(), generated_on=GENERATED_ON).indicators
    assert [f.svg for i in first for f in i.figures] == [f.svg for i in second for f in i.figures]
    (chart,) = first[1].figures
    assert "2023/24: actual 11.5%, target 10.5%" in chart.alt
    assert "lower value is better" in chart.alt
    (chart,) = first[0].figures
    assert "2022/23: actual none recorded" in chart.alt


def test_followups_give_each_recommendation_its_latest_review() -> None:
    snapshot = Snapshot(
        place=Place("Northgate"),
        recommendations=(Recommendation("r1", "Open the forum"), Recommendation("r2", "Fund it")),
        followups=(
            FollowUp("r1", PartialDate(2024, 1), Progress.IN_PROGRESS, "First meeting"),
            FollowUp("r1", PartialDate(2024, 4), Progress.DONE, "Meets monthly"),
        ),
    )
    root = parse(render_html(build_report(snapshot, generated_on=GENERATED_ON)))
    glance = next(
        t for t in root.iter(tag("table")) if "followups-glance" in (t.get("class") or "")
    )
    rows = [text_of(r) for r in glance.iter(tag("tr"))][1:]
    assert rows == [
        "1. Open the forum Done April 2024 Meets monthly",
        "2. Fund it No follow-up yet",
    ]


def _with_tensions() -> Snapshot:
    plan = _plan_only()
    reports = [
        TensionReport(PartialDate(2024, m), "East", "Police", "asb", s, "Groups at the shops")
        for m, s in [(1, 1), (2, 1), (3, 1), (4, 5)]
    ]
    return Snapshot(
        place=plan.place,
        organisations=plan.organisations,
        actions=plan.actions,
        tensions=tuple(reports),
    )


def test_tensions_are_trended_and_flagged_in_the_full_report_only() -> None:
    full = parse(render_html(build_report(_with_tensions(), generated_on=GENERATED_ON)))
    text = text_of(by_id(full, "tensions"))
    assert "East, April 2024: 5 against an average of 1.0" in text
    public_page = render_html(
        build_report(_with_tensions(), generated_on=GENERATED_ON, public=True)
    )
    assert "tensions" not in {e.get("id") for e in parse(public_page).iter()}
    assert "Groups at the shops" not in public_page
    assert "Community tensions" not in public_page


def test_the_word_version_of_a_plan_only_study_is_sensible_too() -> None:
    docx = pytest.importorskip("docx")
    from communitydna.reports.docx import render_docx

    document = docx.Document(
        io.BytesIO(render_docx(build_report(_plan_only(), generated_on=GENERATED_ON)))
    )
    titles = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Assessment by measure" not in titles
    assert "Qualitative rankings" not in titles
    assert {"Action plan", "Indicators", "Cohesion (3)", "Belonging"} <= set(titles)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "no assessment of the place" in text


def test_the_report_command_writes_a_sensible_report_of_a_plan_only_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from communitydna.cli import cli

    write_study(_plan_only(), tmp_path / "plan.xlsx")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["report", "plan.xlsx", "-o", "report.html"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    root = parse((tmp_path / "report.html").read_text(encoding="utf-8"))
    ids = {e.get("id") for e in root.iter()}
    assert {"actions", "indicators"} <= ids
    assert "measures" not in ids
