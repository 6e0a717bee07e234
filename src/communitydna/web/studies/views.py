"""Study pages: the workspace's list of studies with new ones, and a study's dashboard.

Every view asks :mod:`communitydna.web.accounts.permissions` first; someone outside the
workspace gets the same 404 as for a study that does not exist.
"""

from __future__ import annotations

import base64
import functools
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from communitydna.framework import MEASURES, VARIANTS
from communitydna.io import ReadResult
from communitydna.reports.figures.strip import dna_strip, dna_strip_alt
from communitydna.snapshot import Place, Snapshot
from communitydna.web.accounts import permissions
from communitydna.web.accounts.models import User, Workspace
from communitydna.web.jobs.services import job_import
from communitydna.web.studies.errors import StudyImportError
from communitydna.web.studies.forms import NewStudyForm, UploadStudyForm
from communitydna.web.studies.selectors import (
    studies_visible_to,
    study_counts,
    study_gaps,
    study_ratings,
)
from communitydna.web.studies.services import study_import
from communitydna.web.studies.uploads import workbook_read, workbook_save

CREATE = permissions.Capability.CREATE_STUDY

__all__ = ["study_dashboard", "study_new", "study_upload", "workspace_home"]


def _home(
    request: HttpRequest,
    workspace: Workspace,
    *,
    new_form: NewStudyForm | None = None,
    upload_form: UploadStudyForm | None = None,
    result: ReadResult | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "studies/workspace.html",
        {
            "workspace": workspace,
            "role": permissions.role_of(request.user, workspace),
            "studies": studies_visible_to(request.user, workspace),
            "can_create_study": permissions.can_create_study(request.user, workspace),
            "new_form": new_form or NewStudyForm(prefix="new"),
            "upload_form": upload_form or UploadStudyForm(prefix="upload"),
            "result": result,
        },
        status=status,
    )


@login_required
@require_GET
def workspace_home(request: HttpRequest, slug: str) -> HttpResponse:
    """The studies of one workspace, and for those who may, the forms to add one."""
    return _home(request, permissions.workspace_or_404(request.user, slug))


@login_required
@require_POST
def study_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Start an empty study of a place."""
    workspace = permissions.workspace_or_404(request.user, slug, CREATE)
    form = NewStudyForm(request.POST, prefix="new")
    if not form.is_valid():
        return _home(request, workspace, new_form=form, status=400)
    place = Place(form.cleaned_data["place_name"].strip(), variant=form.cleaned_data["variant"])
    study = study_import(
        workspace=workspace, snapshot=Snapshot(place=place), user=cast(User, request.user)
    )
    messages.success(request, f"The study of {place.name} was created.")
    return redirect("studies:dashboard", study_id=study.pk)


@login_required
@require_POST
def study_upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Import a study from an uploaded workbook: all of it, or nothing with every problem
    listed by sheet and row."""
    workspace = permissions.workspace_or_404(request.user, slug, CREATE)
    form = UploadStudyForm(request.POST, request.FILES, prefix="upload")
    if not form.is_valid():
        return _home(request, workspace, upload_form=form, status=400)
    upload = form.cleaned_data["workbook"]
    if upload.size is not None and upload.size > settings.BACKGROUND_IMPORT_BYTES:
        # A large workbook is read and saved in the background; its page shows progress.
        job = job_import(
            workspace=workspace,
            path=workbook_save(upload),
            user=cast(User, request.user),
            workbook=upload.name or "",
        )
        return redirect("jobs:job", job_id=job.pk)
    result = workbook_read(upload)
    if result.snapshot is None:
        form.add_error("workbook", "The workbook has problems; nothing was imported")
        return _home(request, workspace, upload_form=form, result=result, status=400)
    try:
        study = study_import(
            workspace=workspace, snapshot=result.snapshot, user=cast(User, request.user)
        )
    except StudyImportError as error:
        for problem in error.problems:
            form.add_error("workbook", problem)
        return _home(request, workspace, upload_form=form, status=400)
    messages.success(request, f"The study of {study.place_name} was imported.")
    for warning in result.warnings:
        messages.warning(request, str(warning))
    return redirect("studies:dashboard", study_id=study.pk)


@login_required
@require_GET
def study_dashboard(request: HttpRequest, study_id: int) -> HttpResponse:
    """A study at a glance: the DNA strip, how much it holds, its ratings, what is missing."""
    study = permissions.study_or_404(request.user, study_id)
    rows, overall = study_ratings(study)
    missing_evidence, unrated = study_gaps(study)
    positions = [(row.measure.key, row.position) for row in rows]
    return render(
        request,
        "studies/dashboard.html",
        {
            "study": study,
            "section": "dashboard",
            "variant": VARIANTS[study.variant],
            "counts": study_counts(study),
            "rows": rows,
            "overall": overall,
            "strip_src": _strip_src(tuple(positions)),
            "strip_alt": dna_strip_alt(positions),
            "missing_evidence": [MEASURES[k] for k in missing_evidence],
            "unrated": [MEASURES[k] for k in unrated],
            "can_edit": permissions.can_edit_study(request.user, study),
            "can_rate": permissions.can_rate(request.user, study),
        },
    )


@functools.lru_cache(maxsize=256)
def _strip_src(positions: tuple[tuple[str, int | None], ...]) -> str:
    """The DNA strip as an image address; drawing it costs far more than a page, and the
    same ratings always give the same drawing, so each is drawn once per process."""
    return _svg_data_uri(dna_strip(list(positions)))


def _svg_data_uri(svg: str) -> str:
    """The figure as an image address: the drawing styles its own shapes, which the page's
    Content-Security-Policy would refuse inline but allows inside an image."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
