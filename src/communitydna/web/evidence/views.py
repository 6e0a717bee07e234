"""Evidence pages: the list by source, one piece, add, edit, split notes, and code.

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
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from communitydna.snapshot import Polarity
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, can_edit_study, study_or_404
from communitydna.web.evidence import selectors
from communitydna.web.evidence.excerpts import split_excerpts
from communitydna.web.evidence.forms import CodeForm, EvidenceForm, SplitForm, initial_from
from communitydna.web.evidence.services import excerpts_create
from communitydna.web.network.forms import show_service_errors
from communitydna.web.network.selectors import organisation_keys
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import evidence_value
from communitydna.web.studies.services.evidence import evidence_create, evidence_update

__all__ = [
    "evidence_code",
    "evidence_detail",
    "evidence_edit",
    "evidence_list",
    "evidence_new",
    "evidence_split",
]

PAGE_SIZE = 50
FILTERS = ("measure", "polarity", "source", "uncoded")


def _signed_in(request: HttpRequest) -> User:
    # login_required has let only signed-in users through
    return cast(User, request.user)


@login_required
@require_GET
def evidence_list(request: HttpRequest, study_id: int) -> HttpResponse:
    """The study's evidence by source, filtered, fifty to a page."""
    study = study_or_404(request.user, study_id)
    query = {name: request.GET.get(name, "") for name in FILTERS}
    page = Paginator(selectors.evidence_filtered(study, query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "evidence/list.html",
        {
            "study": study,
            "page": page,
            "query": query,
            "kept": urlencode({k: v for k, v in query.items() if v}),
            "measures": selectors.measure_choices(study),
            "polarities": list(Polarity),
            "sources": selectors.evidence_sources(study),
            "can_edit": can_edit_study(request.user, study),
        },
    )


@login_required
@require_GET
def evidence_detail(request: HttpRequest, study_id: int, evidence_id: int) -> HttpResponse:
    """One piece of evidence with its coding and organisations."""
    study = study_or_404(request.user, study_id)
    evidence = selectors.evidence_or_404(study, evidence_id)
    numbered = {c.key: c for c in selectors.measure_choices(study)}
    value = evidence_value(evidence)
    return render(
        request,
        "evidence/detail.html",
        {
            "study": study,
            "evidence": evidence,
            "measures": [numbered[k] for k in value.measures if k in numbered],
            "organisations": evidence.organisations.order_by("evidence_links__ordinal"),
            "can_edit": can_edit_study(request.user, study),
        },
    )


def _form_page(
    request: HttpRequest, template: str, study: m.Study, form: CodeForm, **extra: object
) -> HttpResponse:
    return render(
        request,
        template,
        {"study": study, "form": form, "organisation_keys": organisation_keys(study), **extra},
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_new(request: HttpRequest, study_id: int) -> HttpResponse:
    """Add one piece of evidence, coded."""
    study = study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    form = EvidenceForm(request.POST or None, measures=selectors.measure_choices(study))
    if request.method == "POST" and form.is_valid():
        try:
            row = evidence_create(study=study, evidence=form.value(), user=_signed_in(request))
        except ValidationError as e:
            show_service_errors(form, e)
        else:
            messages.success(request, f"Evidence {row.key} added.")
            return redirect("evidence:detail", study_id=study.pk, evidence_id=row.pk)
    return _form_page(request, "evidence/form.html", study, form, new=True)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_edit(request: HttpRequest, study_id: int, evidence_id: int) -> HttpResponse:
    """Change a piece of evidence: its text, source and date, and its coding."""
    study = study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    evidence = selectors.evidence_or_404(study, evidence_id)
    base = evidence_value(evidence)
    form = EvidenceForm(
        request.POST or None, measures=selectors.measure_choices(study), initial=initial_from(base)
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence_update(evidence=evidence, value=form.value(base), user=_signed_in(request))
        except ValidationError as e:
            show_service_errors(form, e)
        else:
            messages.success(request, f"Evidence {evidence.key} saved.")
            return redirect("evidence:detail", study_id=study.pk, evidence_id=evidence.pk)
    return _form_page(request, "evidence/form.html", study, form, evidence=evidence, new=False)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_code(request: HttpRequest, study_id: int, evidence_id: int) -> HttpResponse:
    """Code an excerpt to measures, with polarity, weight and organisations; then the next
    uncoded excerpt of the same source, if there is one.
    """
    study = study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    evidence = selectors.evidence_or_404(study, evidence_id)
    base = evidence_value(evidence)
    form = CodeForm(
        request.POST or None, measures=selectors.measure_choices(study), initial=initial_from(base)
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence_update(evidence=evidence, value=form.value(base), user=_signed_in(request))
        except ValidationError as e:
            show_service_errors(form, e)
        else:
            messages.success(request, f"Evidence {evidence.key} coded.")
            following = (
                selectors.evidence_filtered(study, {"source": evidence.source, "uncoded": "1"})
                .exclude(pk=evidence.pk)
                .first()
            )
            if following is not None:
                return redirect("evidence:code", study_id=study.pk, evidence_id=following.pk)
            return redirect("evidence:detail", study_id=study.pk, evidence_id=evidence.pk)
    return _form_page(request, "evidence/code.html", study, form, evidence=evidence)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_split(request: HttpRequest, study_id: int) -> HttpResponse:
    """Paste notes, see them split into excerpts, adjust them, and save them all."""
    study = study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    form = SplitForm(request.POST or None)
    excerpts: list[str] | None = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "save":
            texts = request.POST.getlist("excerpt")
            try:
                saved = excerpts_create(
                    study=study,
                    source=form.cleaned_data["source"],
                    date=form.cleaned_data["date"],
                    texts=texts,
                    user=_signed_in(request),
                )
            except ValidationError as e:
                show_service_errors(form, e)
                excerpts = [t for t in texts if t.strip()]
            else:
                messages.success(request, f"{len(saved)} excerpts saved; now code them.")
                query = urlencode({"source": form.cleaned_data["source"].strip(), "uncoded": "1"})
                return redirect(f"{reverse('evidence:list', args=[study.pk])}?{query}")
        else:
            excerpts = split_excerpts(form.cleaned_data["notes"])
            if not excerpts:
                form.add_error("notes", "Paste the notes to split.")
    return render(
        request, "evidence/split.html", {"study": study, "form": form, "excerpts": excerpts}
    )
