"""The follow-up overview: every recommendation with its latest review."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from communitydna.web.accounts import permissions
from communitydna.web.monitoring import selectors

__all__ = ["followups"]


@login_required
@require_GET
def followups(request: HttpRequest, study_id: int) -> HttpResponse:
    """Every recommendation with its latest status and date, and its reviews over time."""
    study = permissions.study_or_404(request.user, study_id)
    rows = selectors.followup_overview(study)
    counts: dict[str, int] = {}
    for _, _, latest in rows:
        key = latest.progress if latest is not None else "no review yet"
        counts[key] = counts.get(key, 0) + 1
    return render(
        request,
        "monitoring/followups.html",
        {"study": study, "section": "followups", "rows": rows, "counts": sorted(counts.items())},
    )
