"""Reports and downloads of a study, built by the pure core from the study's snapshot."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.db import transaction
from django.http import HttpResponse

from communitydna.reports import Report, build_report, write_report
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import AnyUser, Capability, Scope, require
from communitydna.web.assessment.selectors import study_report_with_analysis
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import models as m
from communitydna.web.studies.visibility import snapshot_for

__all__ = ["file_response", "report_write", "study_report_model"]


def study_report_model(
    study: m.Study,
    *,
    public: bool = False,
    user: AnyUser | None = None,
    scope: Scope | None = None,
) -> Report:
    """The study's full report, with the analysis and its figures, holding what ``user``
    (within ``scope``, an API token's) may see: everything for ``None``, the command line."""
    analysis = study_report_with_analysis(study)[1]
    return build_report(snapshot_for(study, user, scope=scope), analysis=analysis, public=public)


def report_write(
    *,
    study: m.Study,
    path: Path,
    output_format: str,
    public: bool,
    user: User | None,
    scope: Scope | None = None,
) -> Path:
    """Write the study's report to ``path`` and record who took it.

    Parameters
    ----------
    study : Study
    path : Path
    output_format : str
        ``html``, ``docx`` or ``pdf``.
    public : bool
        The version safe to publish: confidential evidence left out.
    user : User or None
        Any member of the workspace may.
    scope : Scope or None
        The API token's, when the report was asked for with one: the report then holds
        only what the token's role may see.

    Returns
    -------
    Path

    Raises
    ------
    django.core.exceptions.PermissionDenied
    communitydna.reports.ReportFormatUnavailableError
        If the format needs libraries that are not installed; nothing is written then.
    """
    require(user, Capability.EXPORT_STUDY, study.workspace_id, scope=scope)
    write_report(
        snapshot_for(study, user, scope=scope),
        path,
        analysis=study_report_with_analysis(study)[1],
        output_format=output_format,
        public=public,
    )
    with transaction.atomic():
        audit_record(
            action="report.written",
            actor=user,
            study=study,
            target=path.name,
            data={"format": output_format, "public": public},
        )
    return path


def file_response(path: Path, folder: Path, content_type: str) -> HttpResponse:
    """The file as a download; its temporary folder is removed first (reports and
    workbooks are small enough to hold in memory, and nothing is left on disk)."""
    try:
        content = path.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return response
