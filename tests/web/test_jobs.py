"""Long work in the background: large imports, PDF reports and the analysis of a large
place run as jobs whose progress any page can show."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from communitydna.io import write_study
from communitydna.web.jobs.models import Job
from communitydna.web.jobs.services import (
    Progress,
    job_analysis,
    job_folder,
    jobs_interrupted,
    jobs_prune,
)
from communitydna.web.studies.models import Study
from communitydna.web.studies.selectors import study_to_snapshot

from .support import Cast, archive_upload, small_snapshot

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(folder: Path, *, break_it: bool = False) -> SimpleUploadedFile:
    path = folder / "southgate.xlsx"
    write_study(small_snapshot("Southgate"), path)
    if break_it:
        book = openpyxl.load_workbook(path)
        sheet = book["Relationships"]
        headers = [cell.value for cell in sheet[1]]
        sheet.cell(row=3, column=headers.index("to") + 1, value="nobody-at-all")
        book.save(path)
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type=XLSX)


@pytest.fixture
def background_imports(settings: Any) -> None:
    """Every upload counts as large."""
    settings.BACKGROUND_IMPORT_BYTES = 0


def _upload(cast: Cast, client: Client, upload: Any) -> Any:
    return client.post(f"/w/{cast.workspace.slug}/studies/upload/", {"upload-workbook": upload})


@pytest.mark.usefixtures("background_imports")
def test_a_large_workbook_is_imported_in_the_background(
    cast: Cast, client: Client, tmp_path: Path
) -> None:
    client.force_login(cast.assessor)
    response = _upload(cast, client, _workbook(tmp_path))
    job = Job.objects.get(kind="import")
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (job.status, job.requested_by, job.params["workbook"]) == (
        "done",
        cast.assessor,
        "southgate.xlsx",
    )
    study = Study.objects.get(place_name="Southgate")
    assert job.study == study
    assert study_to_snapshot(study) == small_snapshot("Southgate")
    # The uploaded copy is gone once the work is done.
    assert not any(job_folder(job).glob("*.xlsx"))
    page = client.get(response["Location"]).content.decode()
    assert f"/studies/{study.pk}/" in page
    assert "Done" in page


@pytest.mark.usefixtures("background_imports")
def test_a_background_import_with_problems_lists_them_and_imports_nothing(
    cast: Cast, client: Client, tmp_path: Path
) -> None:
    client.force_login(cast.owner)
    before = Study.objects.count()
    response = _upload(cast, client, _workbook(tmp_path, break_it=True))
    job = Job.objects.get(kind="import")
    assert job.status == "failed"
    assert Study.objects.count() == before
    problem = next(p for p in job.problems if p["severity"] == "error")
    assert (problem["sheet"], problem["row"], problem["column"], problem["value"]) == (
        "Relationships",
        3,
        "to",
        "nobody-at-all",
    )
    page = client.get(response["Location"]).content.decode()
    assert "nothing was imported" in page
    assert "nobody-at-all" in page
    assert '<td class="govuk-table__cell">Relationships</td>' in page


def test_a_small_workbook_is_still_imported_at_once(
    cast: Cast, client: Client, tmp_path: Path
) -> None:
    client.force_login(cast.owner)
    response = _upload(cast, client, _workbook(tmp_path))
    study = Study.objects.get(place_name="Southgate")
    assert response["Location"] == f"/studies/{study.pk}/"
    assert not Job.objects.exists()


def test_progress_is_written_when_the_stage_changes_and_at_most_twice_a_second(
    cast: Cast,
) -> None:
    job = Job.objects.create(kind="analysis", workspace=cast.workspace, study=cast.study)
    progress = Progress(job)
    progress("Reading Organisations", 0, 1000)
    progress("Reading Organisations", 10, 1000)  # too soon: not written
    job.refresh_from_db()
    assert (job.stage, job.done, job.total, job.percent) == ("Reading Organisations", 0, 1000, 0)
    progress("Reading Relationships", 500, 2000)  # a new stage: written at once
    job.refresh_from_db()
    assert (job.stage, job.done, job.total, job.percent) == ("Reading Relationships", 500, 2000, 25)
    progress._last -= Progress.INTERVAL
    progress("Reading Relationships", 1500, 2000)
    job.refresh_from_db()
    assert job.percent == 75


def test_the_progress_panel_polls_until_the_job_ends_then_offers_the_result(
    cast: Cast, client: Client
) -> None:
    job = Job.objects.create(
        kind="analysis", workspace=cast.workspace, study=cast.study, stage="Analysing", total=4,
        done=1, status="running",
    )  # fmt: skip
    client.force_login(cast.viewer)
    running = client.get(f"/jobs/{job.pk}/progress/?refresh=1")
    body = running.content.decode()
    assert f'hx-get="/jobs/{job.pk}/progress/?refresh=1"' in body
    assert 'value="25"' in body
    assert running["Cache-Control"] == "no-store"
    assert "HX-Refresh" not in running
    Job.objects.filter(pk=job.pk).update(status="done")
    done = client.get(f"/jobs/{job.pk}/progress/?refresh=1")
    assert "hx-get" not in done.content.decode()
    assert done["HX-Refresh"] == "true"


def test_job_pages_are_for_members_allowed_that_kind_of_work(cast: Cast, client: Client) -> None:
    imported = Job.objects.create(kind="import", workspace=cast.workspace)
    analysis = Job.objects.create(kind="analysis", workspace=cast.workspace, study=cast.study)
    expected = {
        cast.owner: (200, 200),
        cast.assessor: (200, 200),
        cast.contributor: (403, 200),  # may not create studies, so not follow an import
        cast.viewer: (403, 200),
        cast.outsider: (404, 404),
    }
    for person, (for_import, for_analysis) in expected.items():
        client.force_login(person)
        assert client.get(f"/jobs/{imported.pk}/").status_code == for_import, person
        assert client.get(f"/jobs/{analysis.pk}/progress/").status_code == for_analysis, person
    client.force_login(cast.outsider)
    assert client.get("/jobs/999999/").status_code == 404


def test_an_unfinished_or_fileless_job_has_nothing_to_download(cast: Cast, client: Client) -> None:
    job = Job.objects.create(kind="report", workspace=cast.workspace, study=cast.study)
    client.force_login(cast.owner)
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
    Job.objects.filter(pk=job.pk).update(status="done", result_name="gone.pdf")
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404


def test_an_analysis_is_started_once_per_version_of_the_study(cast: Cast) -> None:
    first = job_analysis(study=cast.study, user=cast.viewer, version="v1")
    assert first.status == "done"  # tests run work at once
    Job.objects.filter(pk=first.pk).update(status="running")
    again = job_analysis(study=cast.study, user=cast.viewer, version="v1")
    other = job_analysis(study=cast.study, user=cast.viewer, version="v2")
    assert again.pk == first.pk
    assert other.pk != first.pk


def test_work_that_was_running_when_the_server_stopped_is_marked_interrupted(cast: Cast) -> None:
    running = Job.objects.create(kind="analysis", workspace=cast.workspace, status="running")
    done = Job.objects.create(kind="analysis", workspace=cast.workspace, status="done")
    assert jobs_interrupted() == 1
    running.refresh_from_db()
    done.refresh_from_db()
    assert (running.status, done.status) == ("interrupted", "done")
    assert "stopped" in running.error


def test_old_finished_jobs_are_removed_with_their_files(cast: Cast) -> None:
    old = Job.objects.create(
        kind="report", workspace=cast.workspace, status="done",
        created_at=timezone.now() - dt.timedelta(days=8),
    )  # fmt: skip
    recent = Job.objects.create(kind="report", workspace=cast.workspace, status="done")
    old_running = Job.objects.create(
        kind="report", workspace=cast.workspace, status="running",
        created_at=timezone.now() - dt.timedelta(days=8),
    )  # fmt: skip
    job_folder(old).mkdir(parents=True)
    (job_folder(old) / "report.pdf").write_bytes(b"%PDF")
    assert jobs_prune() == 1
    assert not job_folder(old).exists()
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, old_running.pk}


@pytest.mark.django_db(transaction=True)
def test_the_default_backend_runs_the_work_on_a_thread_after_the_request_commits(
    cast: Cast, settings: Any
) -> None:
    from communitydna.web.jobs.backends import ThreadBackend
    from communitydna.web.jobs.tasks import run_job

    # Changing the setting resets django-tasks' backends (its setting_changed receiver).
    settings.TASKS = {
        "default": {
            "BACKEND": "communitydna.web.jobs.backends.ThreadBackend",
            "QUEUES": ["default"],
        }
    }
    assert isinstance(run_job.get_backend(), ThreadBackend)
    job = job_analysis(study=cast.study, user=cast.viewer, version="threaded")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            break
        time.sleep(0.1)
    assert job.status == "done", job.error
    assert job.started_at is not None
    assert job.finished_at is not None
    assert job.task_id


def _dummy_backend(settings: Any) -> None:
    """Work waits in a queue that nobody runs, so pages are seen while it waits."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }


def test_a_large_places_measure_pages_wait_for_the_analysis_with_its_progress(
    cast: Cast, client: Client, settings: Any
) -> None:
    settings.BACKGROUND_ORGANISATIONS = 2
    _dummy_backend(settings)
    client.force_login(cast.viewer)
    page = client.get(f"/studies/{cast.study.pk}/measures/social/")
    job = Job.objects.get(kind="analysis", study=cast.study)
    body = page.content.decode()
    assert page.status_code == 200
    assert f'hx-get="/jobs/{job.pk}/progress/?refresh=1"' in body
    assert "vulnerable–stable (4)" in body  # the stored rating is shown meanwhile
    assert "Evidence for</h2>" not in body
    listing = client.get(f"/studies/{cast.study.pk}/measures/").content.decode()
    assert f"/jobs/{job.pk}/progress/" in listing
    assert Job.objects.filter(kind="analysis").count() == 1  # one job for both pages


def test_once_the_analysis_is_done_the_measure_page_shows_the_findings(
    cast: Cast, client: Client, settings: Any
) -> None:
    settings.BACKGROUND_ORGANISATIONS = 2  # tests run the work at once: it is done at once
    client.force_login(cast.viewer)
    body = client.get(f"/studies/{cast.study.pk}/measures/social/").content.decode()
    assert Job.objects.get(kind="analysis").status == "done"
    assert "hx-get" not in body
    assert '<h2 class="govuk-heading-m">Evidence for</h2>' in body


@pytest.mark.usefixtures("background_imports")
def test_a_large_archive_is_imported_in_the_background(
    cast: Cast, client: Client, tmp_path: Path
) -> None:
    client.force_login(cast.assessor)
    response = _upload(cast, client, archive_upload(tmp_path))
    job = Job.objects.get(kind="import")
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == "done", job.error
    assert study_to_snapshot(Study.objects.get(place_name="Southgate")) == small_snapshot(
        "Southgate"
    )


@pytest.mark.usefixtures("background_imports")
def test_a_large_place_imported_in_the_background_has_its_map_laid_out_already(
    cast: Cast, client: Client, tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from communitydna.web.network import mapdata

    settings.BACKGROUND_ORGANISATIONS = 2
    client.force_login(cast.assessor)
    _upload(cast, client, _workbook(tmp_path))
    job = Job.objects.get(kind="import")
    assert (job.status, job.stage) == ("done", "Laying out the network map")

    def not_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the map was laid out again")

    monkeypatch.setattr(mapdata, "map_data", not_again)
    response = client.get(f"/studies/{job.study_id}/map/data/")
    assert response.status_code == 200
    assert len(json.loads(response.content)["nodes"]) == len(small_snapshot().organisations)
