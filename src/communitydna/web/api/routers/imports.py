"""A new study, from a workbook or from a study archive (JSON), all of it or nothing.

Importing needs the right to create studies in the workspace (owners and assessors), for
the token as for its holder.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Status, UploadedFile
from ninja.params.functions import Body, File, Form, Path

from communitydna.io import Problem as ReadProblem
from communitydna.io import ReadResult
from communitydna.io.archive import archive_to_snapshot
from communitydna.web.accounts.models import Workspace
from communitydna.web.accounts.permissions import Capability, require, workspace_or_404
from communitydna.web.api.auth import principal
from communitydna.web.api.problems import VALIDATION_TYPE, Problem
from communitydna.web.api.routers.studies import job_out, study_out
from communitydna.web.api.schemas import JobOut, StudyOut
from communitydna.web.jobs.services import job_import
from communitydna.web.studies.services import study_import
from communitydna.web.studies.uploads import workbook_read, workbook_save

__all__ = ["router"]

router = Router(tags=["studies"])

_SLUG = Path(..., max_length=200, description="The workspace's slug.")
_ARCHIVE = Body(..., description="A study archive, version 1.")
_WORKBOOK = File(..., description="The study as an .xlsx workbook.")
_NAME = Form("", max_length=300, description="The study's name (default: the place's).")
_ARCHIVE_ROWS = 200_000


def _workspace(request: HttpRequest, slug: str) -> Workspace:
    caller = principal(request)
    workspace = workspace_or_404(caller.user, slug, Capability.CREATE_STUDY, scope=caller.scope)
    require(caller.user, Capability.CREATE_STUDY, workspace, scope=caller.scope)
    return workspace


def _location(problem: ReadProblem) -> str:
    where = [problem.sheet]
    if problem.row is not None:
        where.append(f"row {problem.row}")
    if problem.column:
        where.append(problem.column)
    return " ".join(part for part in where if part)


def _refused(result: ReadResult) -> Problem:
    errors = [
        {"location": _location(p), "detail": p.reason + (f" ({p.value!r})" if p.value else "")}
        for p in result.problems
        if p.is_error
    ]
    return Problem(
        422,
        f"{len(errors)} problem(s) in the study; nothing was imported",
        type=VALIDATION_TYPE,
        errors=errors[:1000],
    )


def _imported(
    request: HttpRequest, workspace: Workspace, result: ReadResult, name: str
) -> Status[dict[str, Any]]:
    if result.snapshot is None:
        raise _refused(result)
    study = study_import(
        workspace=workspace,
        snapshot=result.snapshot,
        user=principal(request).user,
        name=name.strip() or None,
    )
    return Status(201, study_out(study))


@router.post(
    "/workspaces/{slug}/studies",
    response={201: StudyOut},
    summary="Import a study from its archive (the JSON of `communitydna convert … -o x.json`)",
)
def study_from_archive(
    request: HttpRequest, slug: str = _SLUG, body: dict[str, Any] = _ARCHIVE
) -> Status[dict[str, Any]]:
    """The body is a study archive (``{"format": "communitydna-study", "version": 1, …}``).
    Every problem is listed in the ``422`` answer, by its JSON path; nothing is imported
    unless all of it is."""
    workspace = _workspace(request, slug)
    return _imported(request, workspace, archive_to_snapshot(body, max_rows=_ARCHIVE_ROWS), "")


@router.post(
    "/workspaces/{slug}/studies/workbook",
    response={201: StudyOut, 202: JobOut},
    summary="Import a study from an .xlsx workbook",
)
def study_from_workbook(
    request: HttpRequest,
    slug: str = _SLUG,
    workbook: UploadedFile = _WORKBOOK,
    name: str = _NAME,
) -> Status[dict[str, Any]]:
    """A workbook larger than the server's threshold (1 MB by default) is imported in the
    background: the answer is then ``202`` with the job to follow."""
    workspace = _workspace(request, slug)
    if workbook.size is not None and workbook.size > settings.BACKGROUND_IMPORT_BYTES:
        job = job_import(
            workspace=workspace,
            path=workbook_save(workbook),
            user=principal(request).user,
            workbook=workbook.name or "",
        )
        return Status(202, job_out(job))
    return _imported(request, workspace, workbook_read(workbook), name)
