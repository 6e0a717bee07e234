"""The report: a preview, downloads in every format available, and the workbook.

Every member may read and export a study (``Capability.EXPORT_STUDY``).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from communitydna.reports import REPORT_FORMATS, ReportFormatUnavailableError, render_html
from communitydna.reports.write import check_report_format
from communitydna.web.accounts import permissions
from communitydna.web.accounts.models import User
from communitydna.web.assessment.exports import file_response, report_write, study_report_model
from communitydna.web.assessment.forms import ReportForm
from communitydna.web.jobs.models import Job
from communitydna.web.jobs.services import job_report
from communitydna.web.studies import models as m
from communitydna.web.studies.services import study_export

__all__ = ["report", "report_download", "report_preview", "workbook_download"]

# The preview is the self-contained report: inline styles and figures, no scripts. It may
# only be framed by our own report page, and the frame is sandboxed too.
_PREVIEW_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox"
)
_CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _available() -> dict[str, str]:
    """Each report format and, if it cannot be made here, why not."""
    reasons: dict[str, str] = {}
    for name in REPORT_FORMATS:
        try:
            check_report_format(name)
        except ReportFormatUnavailableError as error:
            reasons[name] = str(error)
        else:
            reasons[name] = ""
    return reasons


def _file_stem(study: m.Study) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", study.name).strip("-").lower() or "study"


@login_required
@require_GET
def report(request: HttpRequest, study_id: int) -> HttpResponse:
    """The report page: the preview and the downloads."""
    study = permissions.study_or_404(request.user, study_id, permissions.Capability.EXPORT_STUDY)
    form = ReportForm(initial={"format": "html"})
    return _report_page(request, study, form, _available())


def _report_page(
    request: HttpRequest,
    study: m.Study,
    form: ReportForm,
    formats: dict[str, str],
    status: int = 200,
) -> HttpResponse:
    context = {
        "study": study,
        "section": "report",
        "form": form,
        "formats": formats,
        "public": request.GET.get("public") == "1",
        "jobs": Job.objects.filter(
            study=study, kind=Job.Kind.REPORT, requested_by=cast(User, request.user)
        ).order_by("-id")[:5],
    }
    return render(request, "assessment/report.html", context, status=status)


@login_required
@require_GET
@xframe_options_sameorigin
def report_preview(request: HttpRequest, study_id: int) -> HttpResponse:
    """The HTML report itself, for the sandboxed frame of the report page."""
    study = permissions.study_or_404(request.user, study_id, permissions.Capability.EXPORT_STUDY)
    public = request.GET.get("public") == "1"
    html = render_html(study_report_model(study, public=public, user=request.user))
    response = HttpResponse(html, content_type=_CONTENT_TYPES["html"])
    response["Content-Security-Policy"] = _PREVIEW_POLICY
    return response


def _in_background(study: m.Study, output_format: str) -> bool:
    """A PDF, or any report of a large place, takes long enough to write in the background."""
    if output_format == "pdf":
        return True
    return bool(
        m.Organisation.objects.filter(study=study).count() > settings.BACKGROUND_ORGANISATIONS
    )


@login_required
@require_POST
def report_download(request: HttpRequest, study_id: int) -> HttpResponse:
    """The report as a file in the chosen format, or, for one that takes a while (PDF, a
    large place), the page of the background job writing it; a format this server cannot
    make is explained on the report page instead."""
    study = permissions.study_or_404(request.user, study_id, permissions.Capability.EXPORT_STUDY)
    form = ReportForm(request.POST)
    formats = _available()
    if form.is_valid() and formats[form.cleaned_data["format"]]:
        chosen = form.cleaned_data["format"]
        form.add_error("format", f"{chosen.upper()} is not available on this server")
    if not form.is_valid():
        return _report_page(request, study, form, formats, status=400)
    chosen = form.cleaned_data["format"]
    public: bool = form.cleaned_data["public"]
    if _in_background(study, chosen):
        job = job_report(
            study=study, user=cast(User, request.user), output_format=chosen, public=public
        )
        return redirect("jobs:job", job_id=job.pk)
    folder = Path(tempfile.mkdtemp(prefix="communitydna-report-"))
    suffix = "-public" if public else ""
    path = folder / f"{_file_stem(study)}{suffix}.{chosen}"
    try:
        report_write(
            study=study,
            path=path,
            output_format=chosen,
            public=public,
            user=cast(User, request.user),
        )
    except ReportFormatUnavailableError as error:
        shutil.rmtree(folder, ignore_errors=True)
        form.add_error("format", str(error))
        return _report_page(request, study, form, formats, status=400)
    return file_response(path, folder, _CONTENT_TYPES[chosen])


@login_required
@require_GET
def workbook_download(request: HttpRequest, study_id: int) -> HttpResponse:
    """The study as a workbook (``.xlsx``), the same as ``communitydna study export``."""
    study = permissions.study_or_404(request.user, study_id, permissions.Capability.EXPORT_STUDY)
    folder = Path(tempfile.mkdtemp(prefix="communitydna-export-"))
    path = folder / f"{_file_stem(study)}.xlsx"
    study_export(study=study, path=path, user=cast(User, request.user))
    return file_response(
        path, folder, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
