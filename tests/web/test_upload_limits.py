"""Limits on uploads: a file over the size limit is refused by the form before anything
reads it, and a zip bomb is refused by the reader without being unpacked."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from communitydna.io import write_study
from communitydna.web.studies.forms import UploadStudyForm, max_workbook_bytes
from communitydna.web.studies.models import Study

from .support import Cast, small_snapshot

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MB = 1024 * 1024


def _form(upload: SimpleUploadedFile) -> UploadStudyForm:
    return UploadStudyForm(data={}, files={"upload-workbook": upload}, prefix="upload")


def test_the_page_takes_up_to_50_mb_unless_set_otherwise(settings: Any) -> None:
    assert django_settings.MAX_UPLOAD_MB == 50
    assert max_workbook_bytes() == 50 * MB
    settings.MAX_UPLOAD_MB = 2
    assert max_workbook_bytes() == 2 * MB
    # Django holds uploads over 2.5 MB in a temporary file, not in memory
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440


def test_the_form_refuses_a_file_over_the_limit_before_reading_it(settings: Any) -> None:
    settings.MAX_UPLOAD_MB = 1
    upload = SimpleUploadedFile("big.xlsx", b"\0" * (MB + MB // 2), content_type=XLSX)
    with mock.patch.object(SimpleUploadedFile, "read") as read:
        form = _form(upload)
        assert not form.is_valid()
    read.assert_not_called()
    (message,) = form.errors["workbook"]
    assert message == (
        "The workbook is 1.5 MB; the largest this page takes is 1 MB. Import larger studies "
        "with communitydna study import."
    )


def test_the_form_takes_a_file_within_the_limit(settings: Any, tmp_path: Path) -> None:
    settings.MAX_UPLOAD_MB = 1
    write_study(small_snapshot(), tmp_path / "study.xlsx")
    upload = SimpleUploadedFile("study.xlsx", (tmp_path / "study.xlsx").read_bytes())
    assert _form(upload).is_valid()


@pytest.mark.django_db
def test_the_page_refuses_a_file_over_the_limit_and_imports_nothing(
    cast: Cast, client: Client, settings: Any
) -> None:
    settings.MAX_UPLOAD_MB = 1
    client.force_login(cast.owner)
    before = Study.objects.count()
    upload = SimpleUploadedFile("big.xlsx", b"\0" * (2 * MB), content_type=XLSX)
    response = client.post(f"/w/{cast.workspace.slug}/studies/upload/", {"upload-workbook": upload})
    assert response.status_code == 400
    assert "the largest this page takes is 1 MB" in response.content.decode()
    assert Study.objects.count() == before


@pytest.mark.django_db
def test_the_page_refuses_a_zip_bomb_naming_the_limit(
    cast: Cast, client: Client, tmp_path: Path
) -> None:
    good = tmp_path / "good.xlsx"
    write_study(small_snapshot("Southgate"), good)
    bomb = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(good) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        for info in source.infolist():
            if info.filename.endswith("sheet2.xml"):
                part = zipfile.ZipInfo(info.filename)
                part.compress_type = zipfile.ZIP_DEFLATED
                with out.open(part, "w", force_zip64=True) as stream:
                    for _ in range(60):
                        stream.write(b"0" * MB)
            else:
                out.writestr(info, source.read(info.filename))
    assert bomb.stat().st_size < MB
    client.force_login(cast.owner)
    upload = SimpleUploadedFile("bomb.xlsx", bomb.read_bytes(), content_type=XLSX)
    response = client.post(f"/w/{cast.workspace.slug}/studies/upload/", {"upload-workbook": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "nothing was imported" in page
    assert "zip bomb" in page
    assert not Study.objects.filter(place_name="Southgate").exists()
