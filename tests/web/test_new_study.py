"""New studies from the workspace home: from scratch, or from an uploaded workbook whole
or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from communitydna.io import write_study
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


def _upload(cast: Cast, client: Client, upload: Any) -> Any:
    return client.post(f"/w/{cast.workspace.slug}/studies/upload/", {"upload-workbook": upload})


def test_a_study_is_started_from_scratch_with_its_place_and_framework(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.assessor)
    response = client.post(
        f"/w/{cast.workspace.slug}/studies/new/",
        {"new-place_name": "Riverside", "new-variant": "place"},
    )
    study = Study.objects.get(place_name="Riverside")
    assert response["Location"] == f"/studies/{study.pk}/"
    assert (study.workspace, study.variant) == (cast.workspace, "place")
    assert client.get(response["Location"]).status_code == 200


def test_a_study_without_a_place_name_is_not_started(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    response = client.post(f"/w/{cast.workspace.slug}/studies/new/", {"new-variant": "place"})
    assert response.status_code == 400
    assert "Enter the name of the place" in response.content.decode()
    assert Study.objects.count() == 1


def test_a_good_workbook_is_imported_whole(cast: Cast, client: Client, tmp_path: Path) -> None:
    client.force_login(cast.owner)
    response = _upload(cast, client, _workbook(tmp_path))
    study = Study.objects.get(place_name="Southgate")
    assert response["Location"] == f"/studies/{study.pk}/"
    assert study_to_snapshot(study) == small_snapshot("Southgate")


def test_a_workbook_with_errors_imports_nothing_and_lists_each_by_sheet_and_row(
    cast: Cast, client: Client, tmp_path: Path
) -> None:
    client.force_login(cast.owner)
    response = _upload(cast, client, _workbook(tmp_path, break_it=True))
    page = response.content.decode()
    assert response.status_code == 400
    assert "nothing was imported" in page
    assert '<td class="govuk-table__cell">Relationships</td>' in page
    assert '<td class="govuk-table__cell">3</td>' in page
    assert "nobody-at-all" in page
    assert not Study.objects.filter(place_name="Southgate").exists()


def test_a_workbook_over_the_size_limit_is_refused_with_a_clear_message(
    cast: Cast, client: Client, tmp_path: Path, settings: Any
) -> None:
    settings.COMMUNITYDNA_MAX_WORKBOOK_BYTES = 1024
    client.force_login(cast.owner)
    response = _upload(cast, client, _workbook(tmp_path))
    page = response.content.decode()
    assert response.status_code == 400
    assert "the largest this page takes" in page
    assert "communitydna study import" in page
    assert not Study.objects.filter(place_name="Southgate").exists()


def test_a_file_that_is_not_a_workbook_is_refused(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    response = _upload(cast, client, SimpleUploadedFile("notes.txt", b"hello"))
    assert response.status_code == 400
    assert "must be an .xlsx file" in response.content.decode()


def test_a_study_is_imported_from_its_json_archive(
    cast: Cast, client: Client, tmp_path: Path
) -> None:
    client.force_login(cast.owner)
    response = _upload(cast, client, archive_upload(tmp_path))
    study = Study.objects.get(place_name="Southgate")
    assert response["Location"] == f"/studies/{study.pk}/"
    assert study_to_snapshot(study) == small_snapshot("Southgate")


def test_a_broken_archive_is_refused_with_its_problems_and_nothing_imported(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.owner)
    upload = SimpleUploadedFile("broken.json", b'{"format": "communitydna-study", "version": 99}')
    response = _upload(cast, client, upload)
    assert response.status_code == 400
    assert "nothing was imported" in response.content.decode()
    assert Study.objects.count() == 1


def test_a_corrupt_xlsx_is_reported_not_crashed_on(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    response = _upload(cast, client, SimpleUploadedFile("broken.xlsx", b"not a zip at all"))
    assert response.status_code == 400
    assert "nothing was imported" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 302), ("assessor", 302), ("contributor", 403), ("viewer", 403), ("outsider", 404)],
)
def test_only_those_who_may_create_studies_can_start_or_upload_one(
    cast: Cast, client: Client, tmp_path: Path, who: str, status: int
) -> None:
    client.force_login(cast.by_role(who))
    new = client.post(
        f"/w/{cast.workspace.slug}/studies/new/",
        {"new-place_name": "Riverside", "new-variant": "community"},
    )
    upload = _upload(cast, client, _workbook(tmp_path))
    assert (new.status_code, upload.status_code) == (status, status)


def test_the_forms_show_only_to_those_who_may_create_studies(cast: Cast, client: Client) -> None:
    for who, sees in (("owner", True), ("viewer", False)):
        client.force_login(cast.by_role(who))
        page = client.get(f"/w/{cast.workspace.slug}/").content.decode()
        assert ("Import a study from a workbook" in page) is sees
