"""A study from start to report in a real browser: the owner of a workspace logs in,
imports the demo workbook, pastes interview notes and codes an excerpt, rates a measure
with the keyboard, and finds the rating in the report."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .helpers import WORKSPACE, log_in

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
).expect

pytestmark = pytest.mark.browser

PLACE = "Calderholme"
MEASURE = "The local economy within environmental limits"  # not rated in the demo study
SOURCE = "Interview with the allotment society"
FIRST = (
    "The allotment society has a waiting list of forty households, and the council has "
    "offered it the old bowling green at Sowden Park for twenty more plots."
)
SECOND = (
    "Members want a community compost scheme with the retail park's cafes, but nobody "
    "at the park answers their letters."
)
POINT = "The allotments are growing and have found land for more plots"
REASON = "Allotment society interview, March 2024"


@pytest.fixture
def demo_workbook(tmp_path: Path) -> Path:
    from communitydna.demo import demo_snapshot
    from communitydna.io import write_study

    path = tmp_path / "demo.xlsx"
    write_study(demo_snapshot(), path)
    return path


def test_a_study_goes_from_an_uploaded_workbook_to_a_report(
    site_page: Any, live_server: Any, owner: Any, demo_workbook: Path, tmp_path: Path
) -> None:
    page = site_page
    base = live_server.url

    # Log in, and open the workspace from the list of one's workspaces.
    log_in(page, base)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your workspaces")
    page.get_by_role("link", name=WORKSPACE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSPACE)
    expect(page.get_by_text("There are no studies here yet.")).to_be_visible()

    # Import the demo workbook; the new study's dashboard opens.
    page.get_by_label("Workbook", exact=True).set_input_files(demo_workbook)
    page.get_by_role("button", name="Import the workbook").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base)}/studies/\d+/$"))
    study_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    expect(page.get_by_text(f"The study of {PLACE} was imported.")).to_be_visible()
    expect(page.locator("main dt:text-is('Place') + dd")).to_have_text(PLACE)
    expect(page.get_by_role("heading", name="The place's DNA")).to_be_visible()

    # Paste two paragraphs of interview notes, split them, and save both excerpts.
    sections = page.get_by_role("navigation", name="Study sections")
    sections.get_by_role("link", name="Evidence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence")
    page.get_by_role("link", name="Paste interview notes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Paste interview notes")
    page.get_by_label("Source").fill(SOURCE)
    page.get_by_label("Date").fill("2024-03")
    page.get_by_label("Interview notes").fill(f"{FIRST}\n\n{SECOND}\n")
    page.get_by_role("button", name="Split into excerpts").click()
    expect(page.get_by_role("heading", name="2 excerpts")).to_be_visible()
    expect(page.get_by_label("Excerpt 1", exact=True)).to_have_value(FIRST)
    expect(page.get_by_label("Excerpt 2", exact=True)).to_have_value(SECOND)
    page.get_by_role("button", name="Save 2 excerpts").click()
    expect(page.get_by_text("2 excerpts saved; now code them.")).to_be_visible()

    # Code the first excerpt as evidence for a measure.
    row = page.get_by_role("row").filter(has_text="The allotment society has a waiting list")
    expect(row).to_contain_text("Not coded")
    row.get_by_role("link", name=re.compile(r"^Code\b")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Code evidence")
    expect(page.locator("main .govuk-inset-text")).to_have_text(FIRST)
    page.get_by_label(re.compile(re.escape(MEASURE))).check()
    page.get_by_label("Positive", exact=True).check()
    page.get_by_label("Weight").select_option(label="2 – moderate")
    page.get_by_role("button", name="Save coding").click()
    expect(page.get_by_text(re.compile(r"^Evidence E\w+ coded\.$"))).to_be_visible()

    # The excerpt is listed as evidence for that measure, on the measure's own page.
    sections = page.get_by_role("navigation", name="Study sections")
    sections.get_by_role("link", name="Measures").click()
    page.get_by_role("link", name=MEASURE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEASURE)
    evidence_for = page.locator("h2:text-is('Evidence for') + *")
    expect(evidence_for).to_contain_text(FIRST)
    expect(evidence_for).to_contain_text(SOURCE)
    expect(page.locator("h2:text-is('Evidence against') + *")).not_to_contain_text(FIRST)

    # Rate it with the keyboard: from "Not rated", two steps down the scale.
    expect(page.get_by_text("Now: not rated")).to_be_visible()
    page.get_by_label("Not rated", exact=True).focus()
    page.keyboard.press("ArrowLeft")  # resilient
    page.keyboard.press("ArrowLeft")  # between stable and resilient
    page.keyboard.press("Tab")  # the scale is one radio group: Tab leaves it
    expect(page.get_by_label("Rationale")).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(POINT)
    page.keyboard.press("Tab")
    page.keyboard.type(REASON)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save rating")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("The rating was saved.")).to_be_visible()
    expect(page.get_by_text("Now: stable–resilient")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=POINT)).to_be_visible()
    history = page.locator("h2#history + table tbody tr").first
    expect(history.locator("td").nth(2)).to_have_text("not rated")
    expect(history.locator("td").nth(3)).to_have_text("stable–resilient (6)")
    expect(history.locator("td").nth(4)).to_have_text(REASON)

    # The report shows the place and the new rating, in its preview and in the download.
    sections = page.get_by_role("navigation", name="Study sections")
    sections.get_by_role("link", name="Report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report")
    assert page.url == f"{base}/studies/{study_id}/report/"
    _shows_the_new_rating(page.frame_locator("iframe[title='Preview of the report']"))

    expect(page.get_by_label("HTML")).to_be_checked()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download report").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".html")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    page.set_content(saved.read_text(encoding="utf-8"))
    _shows_the_new_rating(page)


def _shows_the_new_rating(report: Any) -> None:
    """The report, in a frame or a page of its own, names the place and shows the rating."""
    expect(report.get_by_role("heading", level=1)).to_contain_text(PLACE)
    ranking = report.get_by_role("row").filter(has_text=MEASURE)
    expect(ranking.get_by_role("cell").nth(1)).to_have_text("Stable–resilient")
    expect(report.get_by_text(POINT)).to_be_visible()
