"""Recommendations (ways forward) and their follow-ups.

Owners and assessors write recommendations; anyone who may edit the study records a
follow-up; every member reads them.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communitydna.framework import MEASURES
from communitydna.web.accounts import permissions
from communitydna.web.accounts.models import User
from communitydna.web.assessment.forms import FollowUpForm, RecommendationForm
from communitydna.web.studies import models as m
from communitydna.web.studies.services import (
    followup_add,
    recommendation_create,
    recommendation_update,
)

__all__ = ["followup_new", "recommendation", "recommendation_edit", "recommendations"]


def _recommendation(study: m.Study, pk: int) -> m.Recommendation:
    return get_object_or_404(m.Recommendation.objects.select_related("study"), study=study, pk=pk)


@login_required
@require_GET
def recommendations(request: HttpRequest, study_id: int) -> HttpResponse:
    """The study's recommendations with the measures they address and their latest progress."""
    study = permissions.study_or_404(request.user, study_id)
    rows = study.recommendations.prefetch_related("followups").order_by("ordinal")
    return render(
        request,
        "assessment/recommendations.html",
        {
            "study": study,
            "section": "recommendations",
            "recommendations": [(r, [MEASURES[k] for k in r.measures], _latest(r)) for r in rows],
            "can_write": permissions.can_rate(request.user, study),
        },
    )


def _latest(row: m.Recommendation) -> m.FollowUp | None:
    """The follow-up with the latest date (the last recorded among equals)."""
    followups = list(row.followups.all())
    if not followups:
        return None
    return max(followups, key=lambda f: (f.date_start is not None, f.date_start, f.ordinal))


@login_required
@require_GET
def recommendation(request: HttpRequest, study_id: int, pk: int) -> HttpResponse:
    """One recommendation with its follow-ups and the form to add one."""
    study = permissions.study_or_404(request.user, study_id)
    row = _recommendation(study, pk)
    return _detail(request, study, row, FollowUpForm())


def _detail(
    request: HttpRequest,
    study: m.Study,
    row: m.Recommendation,
    form: FollowUpForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "assessment/recommendation.html",
        {
            "study": study,
            "section": "recommendations",
            "recommendation": row,
            "measures": [MEASURES[k] for k in row.measures],
            "followups": row.followups.order_by("date_start", "ordinal"),
            "form": form,
            "can_write": permissions.can_rate(request.user, study),
            "can_follow_up": permissions.can_edit_study(request.user, study),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, study_id: int, pk: int | None = None) -> HttpResponse:
    """Add a recommendation (no ``pk``) or change one."""
    study = permissions.study_or_404(request.user, study_id, permissions.Capability.RATE)
    row = _recommendation(study, pk) if pk is not None else None
    if request.method == "POST":
        form = RecommendationForm(request.POST, variant=study.variant)
        if form.is_valid():
            fields = {k: form.cleaned_data[k] for k in ("title", "text", "measures", "owner")}
            fields["status"] = form.cleaned_data["status"]
            user = cast(User, request.user)
            try:
                if row is None:
                    row = recommendation_create(study=study, user=user, **fields)
                else:
                    row = recommendation_update(recommendation=row, user=user, **fields)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The recommendation was saved.")
                return redirect("assessment:recommendation", study_id=study.pk, pk=row.pk)
    elif row is not None:
        form = RecommendationForm(
            variant=study.variant,
            initial={
                "title": row.title,
                "text": row.text,
                "measures": row.measures,
                "owner": row.owner,
                "status": row.status,
            },
        )
    else:
        form = RecommendationForm(variant=study.variant)
    return render(
        request,
        "assessment/recommendation_form.html",
        {"study": study, "section": "recommendations", "recommendation": row, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def followup_new(request: HttpRequest, study_id: int, pk: int) -> HttpResponse:
    """Record a follow-up of a recommendation."""
    study = permissions.study_or_404(request.user, study_id)
    if not permissions.can_edit_study(request.user, study):
        raise PermissionDenied
    row = _recommendation(study, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            followup_add(
                recommendation=row,
                date=form.cleaned_data["date"],
                progress=form.cleaned_data["progress"],
                notes=form.cleaned_data["notes"],
                user=cast(User, request.user),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The follow-up was recorded.")
            return redirect("assessment:recommendation", study_id=study.pk, pk=row.pk)
    return _detail(request, study, row, form, status=400)
