"""Rounds of a study, the next round, and comparisons between two studies of a workspace.

Every view asks :mod:`communitydna.web.accounts.permissions` first; both studies of a
comparison must be ones the person may see, in the same workspace.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from communitydna.framework import VARIANTS
from communitydna.reports.figures.strip import dna_strip_alt
from communitydna.web.accounts import permissions
from communitydna.web.accounts.models import User
from communitydna.web.jobs.services import analysis_or_job
from communitydna.web.rounds.models import RoundLink
from communitydna.web.rounds.selectors import compare, network_figures, round_chain
from communitydna.web.rounds.services import round_number, round_start
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_ratings
from communitydna.web.studies.views import _strip_src

__all__ = ["places", "round_new", "rounds", "study_compare"]


class NextRoundForm(forms.Form):
    name = forms.CharField(
        label="Name of the new round",
        max_length=300,
        required=False,
        help_text="Leave empty for the place's name and the round's number.",
    )


def _other_studies(study: m.Study) -> list[m.Study]:
    return list(m.Study.objects.filter(workspace_id=study.workspace_id).exclude(pk=study.pk))


def _strip(study: m.Study) -> tuple[str, str]:
    rows, _ = study_ratings(study)
    positions = tuple((row.measure.key, row.position) for row in rows)
    return _strip_src(positions), dna_strip_alt(list(positions))


@login_required
@require_GET
def rounds(request: HttpRequest, study_id: int) -> HttpResponse:
    """The rounds of the place: earlier and later studies, the next round, comparisons."""
    study = permissions.study_or_404(request.user, study_id)
    chain = round_chain(study)
    link = RoundLink.objects.select_related("previous").filter(study=study).first()
    previous = link.previous if link is not None else None
    return render(
        request,
        "rounds/rounds.html",
        {
            "study": study,
            "section": "rounds",
            "number": round_number(study),
            "chain": chain,
            "previous": previous,
            "others": _other_studies(study),
            "form": NextRoundForm(),
            "can_start": permissions.can_create_study(request.user, study.workspace_id),
        },
    )


@login_required
@require_POST
def round_new(request: HttpRequest, study_id: int) -> HttpResponse:
    """Start the next round from this study: a new study of the same place."""
    study = permissions.study_or_404(request.user, study_id, permissions.Capability.CREATE_STUDY)
    form = NextRoundForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "rounds/rounds.html",
            {
                "study": study,
                "section": "rounds",
                "number": round_number(study),
                "chain": round_chain(study),
                "previous": None,
                "others": _other_studies(study),
                "form": form,
                "can_start": True,
            },
            status=400,
        )
    new = round_start(study=study, user=cast(User, request.user), name=form.cleaned_data["name"])
    messages.success(
        request,
        f"Round {round_number(new)} of {new.place_name} was started from {study.name}: "
        "organisations, relationships and indicators carried over, ratings empty.",
    )
    return redirect("studies:dashboard", study_id=new.pk)


@login_required
@require_GET
def study_compare(request: HttpRequest, study_id: int, other_id: int) -> HttpResponse:
    """Two studies side by side: the first is "before", the second "after"."""
    before = permissions.study_or_404(request.user, study_id)
    after = permissions.study_or_404(request.user, other_id)
    if after.workspace_id != before.workspace_id:
        raise Http404("No such study.")
    comparison = compare(before, after)
    user = cast(User, request.user)
    analysis_before, job_before = analysis_or_job(before, user)
    analysis_after, job_after = analysis_or_job(after, user)
    figures = (
        network_figures(analysis_before, analysis_after)
        if analysis_before is not None and analysis_after is not None
        else None
    )
    strip_before, alt_before = _strip(before)
    strip_after, alt_after = _strip(after)
    context: dict[str, Any] = {
        "study": after,
        "section": "rounds",
        "before": before,
        "after": after,
        "c": comparison,
        "figures": figures,
        "jobs": [j for j in (job_before, job_after) if j is not None],
        "strip_before": strip_before,
        "alt_before": alt_before,
        "strip_after": strip_after,
        "alt_after": alt_after,
        "variant": VARIANTS[after.variant],
        "round_before": round_number(before),
        "round_after": round_number(after),
        "rounds_url": reverse("rounds:rounds", args=[after.pk]),
    }
    return render(request, "rounds/compare.html", context)


@login_required
@require_GET
def places(request: HttpRequest, slug: str) -> HttpResponse:
    """Every study of the workspace side by side, and a choice of two to compare."""
    workspace = permissions.workspace_or_404(request.user, slug)
    studies = list(m.Study.objects.filter(workspace=workspace).order_by("place_name", "id"))
    chosen_before = request.GET.get("before", "")
    chosen_after = request.GET.get("after", "")
    if chosen_before and chosen_after:
        ids = {s.pk for s in studies}
        try:
            before_id, after_id = int(chosen_before), int(chosen_after)
        except ValueError:
            before_id = after_id = -1
        if before_id in ids and after_id in ids and before_id != after_id:
            return redirect("rounds:compare", study_id=before_id, other_id=after_id)
        messages.error(request, "Choose two different studies of this workspace to compare.")
    rows = []
    for study in studies:
        ratings, overall = study_ratings(study)
        src, alt = _strip(study)
        rows.append(
            {
                "study": study,
                "round": round_number(study),
                "strip_src": src,
                "strip_alt": alt,
                "ratings": ratings,
                "overall": overall,
            }
        )
    return render(
        request,
        "rounds/places.html",
        {"workspace": workspace, "rows": rows, "studies": studies},
    )
