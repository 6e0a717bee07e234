"""Organisations: the filtered table, one organisation, create, edit and merge.

Every view asks :mod:`communitydna.web.accounts.permissions` first; writes go through the
study services.
"""

from __future__ import annotations

from typing import cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from communitydna.framework import SECTORS
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, can_edit_study, study_or_404
from communitydna.web.network import selectors
from communitydna.web.network.forms import MergeForm, OrganisationForm, show_service_errors
from communitydna.web.studies.selectors import organisation_value
from communitydna.web.studies.services.organisations import (
    organisation_create,
    organisation_update,
)
from communitydna.web.studies.services.organisations import (
    organisation_merge as merge_organisations,
)

__all__ = [
    "organisation_detail",
    "organisation_edit",
    "organisation_list",
    "organisation_merge",
    "organisation_new",
]

PAGE_SIZE = 50
FILTERS = ("q", "sector", "type", "ward", "led_by")
LISTED = ("id", "study_id", "name", "sector", "type", "ward", "led_by")


def _signed_in(request: HttpRequest) -> User:
    # login_required has let only signed-in users through
    return cast(User, request.user)


@login_required
@require_GET
def organisation_list(request: HttpRequest, study_id: int) -> HttpResponse:
    """The study's organisations, searched and filtered, fifty to a page."""
    study = study_or_404(request.user, study_id)
    query = {name: request.GET.get(name, "") for name in FILTERS}
    # the table's columns only: a page of fifty reads fifty short rows
    rows = selectors.organisations_filtered(study, query).only(*LISTED)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    kept = urlencode({k: v for k, v in query.items() if v})
    return render(
        request,
        "network/organisation_list.html",
        {
            "study": study,
            "page": page,
            "query": query,
            "kept": kept,
            "sectors": SECTORS,
            "choices": selectors.organisation_choices(study),
            "can_edit": can_edit_study(request.user, study),
        },
    )


@login_required
@require_GET
def organisation_detail(request: HttpRequest, study_id: int, organisation_id: int) -> HttpResponse:
    """One organisation with its relationships and the evidence about it."""
    study = study_or_404(request.user, study_id)
    organisation = selectors.organisation_or_404(study, organisation_id)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "study": study,
            "organisation": organisation,
            "relationships": selectors.organisation_relationships(organisation),
            "evidence": organisation.evidence.order_by("ordinal", "id"),
            "can_edit": can_edit_study(request.user, study),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest, study_id: int) -> HttpResponse:
    """Add an organisation."""
    study = study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = organisation_create(
                study=study, organisation=form.value(), user=_signed_in(request)
            )
        except ValidationError as e:
            show_service_errors(form, e)
        else:
            messages.success(request, f"{row.name} added.")
            return redirect("network:organisation", study_id=study.pk, organisation_id=row.pk)
    return render(
        request, "network/organisation_form.html", {"study": study, "form": form, "new": True}
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, study_id: int, organisation_id: int) -> HttpResponse:
    """Change an organisation's fields."""
    study = study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    organisation = selectors.organisation_or_404(study, organisation_id)
    base = organisation_value(organisation)
    form = OrganisationForm(
        request.POST or None, base=base, initial=OrganisationForm.initial_from(base)
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(
                organisation=organisation, value=form.value(), user=_signed_in(request)
            )
        except ValidationError as e:
            show_service_errors(form, e)
        else:
            messages.success(request, f"{organisation.name} saved.")
            return redirect(
                "network:organisation", study_id=study.pk, organisation_id=organisation.pk
            )
    return render(
        request,
        "network/organisation_form.html",
        {"study": study, "form": form, "organisation": organisation, "new": False},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_merge(request: HttpRequest, study_id: int, organisation_id: int) -> HttpResponse:
    """Merge a duplicate: choose the other organisation, which one stays, then confirm."""
    study = study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    organisation = selectors.organisation_or_404(study, organisation_id)
    other_id = request.POST.get("other") or request.GET.get("other", "")
    other = (
        selectors.organisation_or_404(study, int(other_id))
        if other_id.isdigit() and int(other_id) != organisation.pk
        else None
    )
    context: dict[str, object] = {"study": study, "organisation": organisation, "other": other}
    if other is None:
        context["candidates"] = selectors.organisations_filtered(
            study, {"q": request.GET.get("q", "")}
        ).exclude(pk=organisation.pk)[:PAGE_SIZE]
        context["q"] = request.GET.get("q", "")
        return render(request, "network/organisation_merge.html", context)
    pair = ((str(organisation.pk), organisation.name), (str(other.pk), other.name))
    form = MergeForm(request.POST or None, pair=pair)
    if request.method == "POST" and form.is_valid():
        survivor, duplicate = (
            (organisation, other)
            if form.cleaned_data["survivor"] == str(organisation.pk)
            else (other, organisation)
        )
        if request.POST.get("confirm") == "yes":
            try:
                merge_organisations(
                    survivor=survivor, duplicate=duplicate, user=_signed_in(request)
                )
            except ValidationError as e:
                show_service_errors(form, e)
            else:
                messages.success(request, f"{duplicate.name} merged into {survivor.name}.")
                return redirect(
                    "network:organisation", study_id=study.pk, organisation_id=survivor.pk
                )
        context.update(survivor=survivor, duplicate=duplicate, confirming=True)
    context["form"] = form
    return render(request, "network/organisation_merge.html", context)
