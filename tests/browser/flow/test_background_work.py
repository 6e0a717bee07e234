"""Long work in a real browser: a workbook large enough to import in the background, and a
PDF report, show their progress on their own pages as the work runs on the server's
threads, then offer what they made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .helpers import WORKSPACE, blocking_violations, describe, log_in

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
).expect

pytestmark = pytest.mark.browser


@pytest.fixture
def threaded_work(settings: Any) -> None:
    """The product's default: work on threads of the server; every upload counts as large."""
    settings.TASKS = {
        "default": {
            "BACKEND": "communitydna.web.jobs.backends.ThreadBackend",
            "QUEUES": ["default"],
        }
    }
    settings.BACKGROUND_IMPORT_BYTES = 0


@pytest.mark.usefixtures("threaded_work")
def test_a_large_import_shows_its_progress_then_opens_the_study(
    site_page: Any, live_server: Any, owner: Any, tmp_path: Path
) -> None:
    from communitydna.demo import demo_snapshot
    from communitydna.io import write_study

    workbook = tmp_path / "demo.xlsx"
    write_study(demo_snapshot(), workbook)
    page = site_page
    base = live_server.url
    log_in(page, base)
    page.get_by_role("link", name=WORKSPACE).click()
    page.get_by_label("Workbook", exact=True).set_input_files(workbook)
    page.get_by_role("button", name="Import the workbook").click()

    # The job's page: it follows the work (htmx swaps the panel in) until it is done.
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a workbook")
    assert "/jobs/" in page.url
    expect(page.get_by_role("status")).to_contain_text("Done", timeout=60_000)
    violations = blocking_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("link", name="Open the study of Calderholme").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Calderholme")


@pytest.mark.usefixtures("threaded_work")
def test_a_pdf_report_is_written_in_the_background_and_downloaded(
    site_page: Any, live_server: Any, owner: Any
) -> None:
    from communitydna.reports.write import ReportFormatUnavailableError, check_report_format

    try:
        check_report_format("pdf")
    except ReportFormatUnavailableError:
        pytest.skip("PDF reports need WeasyPrint")
    from communitydna.demo import demo_snapshot
    from communitydna.web.accounts.models import Workspace
    from communitydna.web.studies.services import study_import

    study = study_import(
        workspace=Workspace.objects.get(name=WORKSPACE), snapshot=demo_snapshot(), user=None
    )
    page = site_page
    base = live_server.url
    log_in(page, base)
    page.goto(f"{base}/studies/{study.pk}/report/")
    page.get_by_label("PDF").check()
    page.get_by_role("button", name="Download report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a report")
    download_link = page.get_by_role("link", name="Download calderholme.pdf")
    expect(download_link).to_be_visible(timeout=120_000)
    with page.expect_download() as download_info:
        download_link.click()
    assert download_info.value.suggested_filename == "calderholme.pdf"
