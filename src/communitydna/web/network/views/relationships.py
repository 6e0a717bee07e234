"""Relationships: the filtered table, create and edit."""

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

from communitydna.snapshot import RELATIONSHIP_TYPES
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, can_edit_study, study_or_404
from communitydna.web.network import selectors
from communitydna.web.network.forms import RelationshipForm, show_service_errors
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import relationship_value
from communitydna.web.studies.services.relationships import (
    relationship_create,
    relationship_update,
)

__all__ = ["relationship_edit", "relationship_list", "relationship_new"]

PAGE_SIZE = 50
FILTERS = ("type", "strength", "status", "pair")


def _signed_in(request: HttpRequest) -> User:
    # login_required has let only signed-in users through
    return cast(User, request.user)


@login_required
@require_GET
def relationship_list(request: HttpRequest, study_id: int) -> HttpResponse:
    """The study's relationships, filtered, fifty to a page."""
    study = study_or_404(request.user, study_id)
    query = {name: request.GET.get(name, "") for name in FILTERS}
    page = Paginator(selectors.relationships_filtered(study, query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/relationship_list.html",
        {
            "study": study,
            "page": page,
            "query": query,
            "kept": urlencode({k: v for k, v in query.items() if v}),
            "choices": selectors.relationship_choices(study),
            "pairs": selectors.SECTOR_PAIRS,
            "strengths": range(1, 6),
            "can_edit": can_edit_study(request.user, study),
        },
    )


def _form_page(
    request: HttpRequest, study: m.Study, form: RelationshipForm, **extra: object
) -> HttpResponse:
    return render(
        request,
        "network/relationship_form.html",
        {
            "study": study,
            "form": form,
            "organisation_keys": selectors.organisation_keys(study),
            "types": RELATIONSHIP_TYPES,
            **extra,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def relationship_new(request: HttpRequest, study_id: int) -> HttpResponse:
    """Add a relationship between two organisations."""
    study = study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    form = RelationshipForm(request.POST or None, initial={"source": request.GET.get("source", "")})
    if request.method == "POST" and form.is_valid():
        try:
            relationship_create(study=study, relationship=form.value(), user=_signed_in(request))
        except ValidationError as e:
            show_service_errors(form, e)
        else:
            messages.success(request, "Relationship added.")
            return redirect("network:relationships", study_id=study.pk)
    return _form_page(request, study, form, new=True)


@login_required
@require_http_methods(["GET", "POST"])
def relationship_edit(request: HttpRequest, study_id: int, relationship_id: int) -> HttpResponse:
    """Change a relationship."""
    study = study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    relationship = selectors.relationship_or_404(study, relationship_id)
    base = relationship_value(relationship)
    form = RelationshipForm(
        request.POST or None, base=base, initial=RelationshipForm.initial_from(base)
    )
    if request.method == "POST" and form.is_valid():
        try:
            relationship_update(
                relationship=relationship, value=form.value(), user=_signed_in(request)
            )
        except ValidationError as e:
            show_service_errors(form, e)
        else:
            messages.success(request, f"Relationship {relationship.key} saved.")
            return redirect("network:relationships", study_id=study.pk)
    return _form_page(request, study, form, relationship=relationship, new=False)
