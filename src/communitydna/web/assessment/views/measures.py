"""The measures of a study, one page each, and the overall assessment.

Only those who may rate (:func:`permissions.can_rate`) see and may post the form.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from communitydna.framework import MEASURES, OVERALL, POSITIONS, VARIANTS
from communitydna.web.accounts import permissions
from communitydna.web.accounts.models import User
from communitydna.web.assessment.selectors import (
    measure_findings_html,
    measure_number,
    measure_section,
    study_rating,
    study_report,
)
from communitydna.web.assessment.templatetags.evidence import cited_links
from communitydna.web.assessment.views.rating import rating_form_for, rating_submit
from communitydna.web.jobs.services import analysis_or_job
from communitydna.web.studies.models import Study
from communitydna.web.studies.selectors import rating_history, study_ratings, study_version

__all__ = ["measure", "measures", "overall"]


@login_required
@require_GET
def measures(request: HttpRequest, study_id: int) -> HttpResponse:
    """Every measure with its rating and the suggestion beside it."""
    study = permissions.study_or_404(request.user, study_id)
    _, job = analysis_or_job(study, cast(User, request.user))
    if job is not None:  # a large place whose analysis is still being made
        rows, _ = study_ratings(study)
        return render(
            request,
            "assessment/measures.html",
            {"study": study, "section": "measures", "rows": rows, "job": job},
        )
    report = study_report(study)
    return render(
        request,
        "assessment/measures.html",
        {"study": study, "section": "measures", "sections": report.measures},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure(request: HttpRequest, study_id: int, key: str) -> HttpResponse:
    """One measure: the rating form, evidence for and against, network figures, the
    suggestion and the rating's history."""
    study = permissions.study_or_404(request.user, study_id)
    if key not in MEASURES:
        raise Http404("No such measure.")
    return _rating_page(request, study, key, "assessment/measure.html")


@login_required
@require_http_methods(["GET", "POST"])
def overall(request: HttpRequest, study_id: int) -> HttpResponse:
    """The overall assessment of the place, beside the ratings of the measures."""
    study = permissions.study_or_404(request.user, study_id)
    return _rating_page(request, study, OVERALL, "assessment/overall.html")


def _rating_page(request: HttpRequest, study: Study, key: str, template: str) -> HttpResponse:
    may_rate = permissions.can_rate(request.user, study)
    conflict = None
    status = 200
    if request.method == "POST":
        if not may_rate:
            raise PermissionDenied
        outcome = rating_submit(request, study, key, cast(User, request.user))
        if outcome.saved is not None:
            messages.success(request, "The rating was saved.")
            return redirect(request.path)
        form = outcome.form
        conflict = outcome.conflict
        status = 409 if conflict is not None else 400
    else:
        form = rating_form_for(study_rating(study, key))
    context: dict[str, object] = {
        "study": study,
        "section": "overall" if key == OVERALL else "measures",
        "key": key,
        "number": measure_number(study, key),
        "form": form,
        "positions": POSITIONS,
        "can_rate": may_rate,
        "conflict": conflict,
        "history": rating_history(study, key)[:50],
    }
    if key == OVERALL:
        rows, _ = study_ratings(study)
        context["rows"] = rows
    else:
        context["measure"] = MEASURES[key]
        context["variant"] = VARIANTS[study.variant]
        _, job = analysis_or_job(study, cast(User, request.user))
        if job is not None:  # a large place whose analysis is still being made
            context["job"] = job
            context["current"] = study_rating(study, key)
            return render(request, template, context, status=status)
        version = study_version(study)
        context["report"] = section = measure_section(study, key, version=version)
        context["evidence_links"] = cited_links(study, section.judgement.rationale)
        context["findings"] = measure_findings_html(study, key, version=version)
        context["variant"] = VARIANTS[study.variant]
    return render(request, template, context, status=status)
