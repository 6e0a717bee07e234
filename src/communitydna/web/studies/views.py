"""Study pages: the workspace's list of studies and a study's dashboard.

Every view asks :mod:`communitydna.web.accounts.permissions` first; someone outside the
workspace gets the same 404 as for a study that does not exist.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from communitydna.framework import MEASURES, VARIANTS
from communitydna.web.accounts import permissions
from communitydna.web.studies.selectors import (
    studies_visible_to,
    study_counts,
    study_gaps,
    study_ratings,
)

__all__ = ["study_dashboard", "workspace_home"]


@login_required
@require_GET
def workspace_home(request: HttpRequest, slug: str) -> HttpResponse:
    """The studies of one workspace."""
    workspace = permissions.workspace_or_404(request.user, slug)
    return render(
        request,
        "studies/workspace.html",
        {
            "workspace": workspace,
            "role": permissions.role_of(request.user, workspace),
            "studies": studies_visible_to(request.user, workspace),
            "can_create_study": permissions.can_create_study(request.user, workspace),
        },
    )


@login_required
@require_GET
def study_dashboard(request: HttpRequest, study_id: int) -> HttpResponse:
    """A study at a glance: the place, how much it holds, its ratings, what is missing."""
    study = permissions.study_or_404(request.user, study_id)
    rows, overall = study_ratings(study)
    missing_evidence, unrated = study_gaps(study)
    return render(
        request,
        "studies/dashboard.html",
        {
            "study": study,
            "variant": VARIANTS[study.variant],
            "counts": study_counts(study),
            "rows": rows,
            "overall": overall,
            "missing_evidence": [MEASURES[k] for k in missing_evidence],
            "unrated": [MEASURES[k] for k in unrated],
            "can_edit": permissions.can_edit_study(request.user, study),
            "can_rate": permissions.can_rate(request.user, study),
        },
    )
