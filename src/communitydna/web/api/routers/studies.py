"""Workspaces, studies, the analysis, reports and the long work that writes them."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.params.functions import Path, Query

from communitydna.reports import ReportFormatUnavailableError, render_html
from communitydna.reports.write import check_report_format
from communitydna.web.accounts.models import Membership, Role
from communitydna.web.accounts.permissions import Capability, job_or_404, role_of
from communitydna.web.api.auth import principal
from communitydna.web.api.common import LIMIT_QUERY, MAX_ID, OFFSET_QUERY, Page, page, study_for
from communitydna.web.api.problems import Problem
from communitydna.web.api.schemas import JobOut, ReportIn, Short, StudyOut, WorkspaceOut
from communitydna.web.assessment.exports import study_report_model
from communitydna.web.jobs.models import Job
from communitydna.web.jobs.services import analysis_or_job, job_folder, job_report
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_counts

__all__ = ["job_out", "router"]

router = Router(tags=["studies"])

_STUDIES_WORKSPACE = Query(None, description="Only this workspace's (its slug).")
_REPORT_HTML_PUBLIC = Query(False, description="The version safe to publish.")

_CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def study_out(study: m.Study) -> dict[str, Any]:
    return {
        "id": study.pk,
        "workspace": study.workspace.slug,
        "name": study.name,
        "place": study.place_name,
        "variant": study.variant,
        "date": study.place_date or None,
        "description": study.description,
        "wards": [str(w) for w in study.wards],
        "assessors": [str(a) for a in study.assessors],
        "counts": study_counts(study),
    }


def job_out(job: Job) -> dict[str, Any]:
    """A piece of long work as the API shows it."""
    done = job.status == Job.Status.DONE
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "error": job.error,
        "study": job.study_id,
        "url": f"/api/jobs/{job.pk}",
        "result_url": f"/api/jobs/{job.pk}/result" if done and job.result_name else None,
        "problems": list(job.problems or []),
    }


def _accepted(job: Job) -> Status[dict[str, Any]]:
    return Status(202, job_out(job))


@router.get("/workspaces", response=list[WorkspaceOut], summary="Your workspaces")
def workspaces(request: HttpRequest) -> list[dict[str, str]]:
    """The workspaces the caller belongs to, with the role they act with there (a token:
    its own workspace only, and the lower of its role and the member's)."""
    caller = principal(request)
    found = []
    for membership in Membership.objects.filter(user=caller.user).select_related("workspace"):
        role = role_of(caller.user, membership.workspace_id, scope=caller.scope)
        if role is not None:
            found.append(
                {
                    "slug": membership.workspace.slug,
                    "name": membership.workspace.name,
                    "role": str(Role(role)),
                }
            )
    return sorted(found, key=lambda w: w["name"])


@router.get("/studies", response=Page[StudyOut], summary="Studies you can see")
def studies(
    request: HttpRequest,
    workspace: Short | None = _STUDIES_WORKSPACE,
    limit: int = LIMIT_QUERY,
    offset: int = OFFSET_QUERY,
) -> dict[str, Any]:
    caller = principal(request)
    member_of = Membership.objects.filter(user=caller.user).values("workspace_id")
    rows = m.Study.objects.filter(workspace_id__in=member_of).select_related("workspace")
    if caller.scope is not None:
        rows = rows.filter(workspace_id=caller.scope.workspace_id)
    if workspace:
        rows = rows.filter(workspace__slug=workspace)
    rows = rows.order_by("workspace__name", "name", "id")
    return page(request, rows, limit, offset, lambda chosen: [study_out(s) for s in chosen])


@router.get("/studies/{study_id}", response=StudyOut, summary="A study and its place")
def study(request: HttpRequest, study_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    return study_out(study_for(request, study_id, Capability.VIEW_STUDY))


@router.get(
    "/studies/{study_id}/analysis",
    response={200: dict[str, Any], 202: JobOut},
    summary="The network analysis",
)
def analysis(
    request: HttpRequest, study_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any] | Status[dict[str, Any]]:
    """The analysis document (the same as ``communitydna analyse --json``; its schema is
    ``communitydna/analysis/schema.json``). A large place is analysed in the background:
    then the answer is ``202`` with the job to follow, and this address gives the
    document once the job is done."""
    found = study_for(request, study_id, Capability.VIEW_STUDY)
    document, job = analysis_or_job(found, principal(request).user)
    if document is None:
        assert job is not None
        return _accepted(job)
    return document


@router.get(
    "/studies/{study_id}/report.html",
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The report as one self-contained HTML page.",
                "content": {"text/html": {"schema": {"type": "string"}}},
            }
        }
    },
    summary="The report, as HTML",
)
def report_html(
    request: HttpRequest,
    study_id: int = Path(..., ge=1, le=MAX_ID),
    public: bool = _REPORT_HTML_PUBLIC,
) -> HttpResponse:
    found = study_for(request, study_id, Capability.EXPORT_STUDY)
    caller = principal(request)
    html = render_html(
        study_report_model(found, public=public, user=caller.user, scope=caller.scope)
    )
    response = HttpResponse(html, content_type=_CONTENT_TYPES["html"])
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
    )
    return response


@router.post(
    "/studies/{study_id}/reports",
    response={202: JobOut},
    summary="Write the report (HTML, DOCX or PDF) in the background",
)
def report_start(
    request: HttpRequest, body: ReportIn, study_id: int = Path(..., ge=1, le=MAX_ID)
) -> Status[dict[str, Any]]:
    """Start writing the report; follow the job at its ``url`` and collect the file at its
    ``result_url`` when it is done."""
    found = study_for(request, study_id, Capability.EXPORT_STUDY)
    try:
        check_report_format(body.format)
    except ReportFormatUnavailableError as error:
        raise Problem(422, str(error)) from None
    caller = principal(request)
    job = job_report(
        study=found,
        user=caller.user,
        output_format=body.format,
        public=body.public,
        scope=caller.scope,
    )
    return _accepted(job)


@router.get("/jobs/{job_id}", response=JobOut, summary="How far a piece of long work has got")
def job(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    caller = principal(request)
    return job_out(job_or_404(caller.user, job_id, scope=caller.scope))


@router.get(
    "/jobs/{job_id}/result",
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file the job wrote.",
                "content": {
                    content_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                    for content_type in _CONTENT_TYPES.values()
                },
            }
        }
    },
    summary="The file a finished report job wrote",
)
def job_result(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)) -> FileResponse:
    caller = principal(request)
    found = job_or_404(caller.user, job_id, scope=caller.scope)
    if found.status != Job.Status.DONE or not found.result_name:
        raise Http404("this job has no file (yet)")
    path = job_folder(found) / found.result_name
    if not path.is_file():
        raise Http404("the file has been removed; please write the report again")
    suffix = path.suffix.lstrip(".")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=path.name,
        content_type=_CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
