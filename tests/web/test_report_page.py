"""The report page: preview in a sandboxed frame, downloads, and the workbook."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from communitydna.reports.write import ReportFormatUnavailableError, check_report_format
from communitydna.web.audit.models import AuditEvent

from .support import Cast

pytestmark = pytest.mark.django_db


def _available(name: str) -> bool:
    try:
        check_report_format(name)
    except ReportFormatUnavailableError:
        return False
    return True


def test_the_preview_is_the_html_report_framed_only_by_our_own_pages(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.viewer)
    page = client.get(f"/studies/{cast.study.pk}/report/").content.decode()
    assert "<iframe" in page
    assert "sandbox" in page
    response = client.get(f"/studies/{cast.study.pk}/report/preview/")
    assert response.status_code == 200
    assert "Northgate" in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "sandbox" in policy
    assert "script-src" not in policy


def test_the_html_report_downloads_as_a_file_and_is_recorded(cast: Cast, client: Client) -> None:
    client.force_login(cast.viewer)
    response = client.post(f"/studies/{cast.study.pk}/report/download/", {"format": "html"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="northgate.html"'
    assert b"<html" in response.content
    event = AuditEvent.objects.get(action="report.written")
    assert (event.actor, event.data) == (cast.viewer, {"format": "html", "public": False})


def test_the_public_version_leaves_out_confidential_evidence(cast: Cast, client: Client) -> None:
    from communitydna.web.studies.models import Evidence

    Evidence.objects.filter(study=cast.study, key="E1").update(confidential=True)
    client.force_login(cast.owner)
    full = client.post(f"/studies/{cast.study.pk}/report/download/", {"format": "html"})
    public = client.post(
        f"/studies/{cast.study.pk}/report/download/", {"format": "html", "public": "on"}
    )
    assert public["Content-Disposition"] == 'attachment; filename="northgate-public.html"'
    assert b"The council funds the foodbank." in full.content
    assert b"The council funds the foodbank." not in public.content


def test_a_word_report_downloads_when_available_or_is_explained(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    response = client.post(f"/studies/{cast.study.pk}/report/download/", {"format": "docx"})
    if _available("docx"):
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('.docx"')
        assert len(response.content) > 1000
    else:
        assert response.status_code == 400
        assert "not available on this server" in response.content.decode()


def test_a_pdf_is_written_in_the_background_and_collected_from_its_job(
    cast: Cast, client: Client
) -> None:
    from communitydna.web.jobs.models import Job

    client.force_login(cast.viewer)
    response = client.post(f"/studies/{cast.study.pk}/report/download/", {"format": "pdf"})
    if not _available("pdf"):
        assert response.status_code == 400
        assert "not available on this server" in response.content.decode()
        return
    job = Job.objects.get(kind="report", study=cast.study)
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    # Tests run background work at once, so the job has finished by now.
    assert (job.status, job.requested_by, job.params) == (
        "done",
        cast.viewer,
        {"format": "pdf", "public": False},
    )
    page = client.get(response["Location"]).content.decode()
    assert f"/jobs/{job.pk}/download/" in page
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download["Content-Disposition"] == 'attachment; filename="northgate.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    # The report page lists it among the viewer's recent reports.
    listed = client.get(f"/studies/{cast.study.pk}/report/").content.decode()
    assert f"/jobs/{job.pk}/" in listed


def test_an_unknown_format_is_refused_with_the_form_shown_again(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    response = client.post(f"/studies/{cast.study.pk}/report/download/", {"format": "odt"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_the_workbook_export_reads_back_as_the_same_study(cast: Cast, client: Client) -> None:
    import tempfile
    from pathlib import Path

    from communitydna.io import read_study
    from communitydna.web.studies.selectors import study_to_snapshot

    client.force_login(cast.viewer)
    response = client.get(f"/studies/{cast.study.pk}/workbook.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="northgate.xlsx"'
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "back.xlsx"
        path.write_bytes(io.BytesIO(response.content).getvalue())
        result = read_study(path)
    assert result.snapshot == study_to_snapshot(cast.study)
    assert AuditEvent.objects.filter(action="study.exported", actor=cast.viewer).exists()
