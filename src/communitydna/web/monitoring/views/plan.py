"""The action plan: by theme, as a timeline, one organisation's actions; adding, changing
and updating actions; linking a lead agency to an organisation.

Every member reads the plan; anyone who may edit the study keeps it.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communitydna.framework import MEASURES
from communitydna.snapshot import Action, ActionStatus
from communitydna.web.accounts import permissions
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability
from communitydna.web.monitoring import selectors
from communitydna.web.monitoring.forms import ActionForm, ActionUpdateForm, LeadLinkForm
from communitydna.web.network.forms import show_service_errors as service_errors
from communitydna.web.studies import models as m
from communitydna.web.studies.services.plan import (
    action_create,
    action_status_add,
    action_update,
    lead_link,
)

__all__ = [
    "action_detail",
    "action_edit",
    "action_status",
    "lead_link_edit",
    "organisation_actions",
    "plan",
    "plan_timeline",
]


def _action(study: m.Study, action_id: int) -> m.Action:
    return get_object_or_404(m.Action.objects.select_related("study"), study=study, pk=action_id)


@login_required
@require_GET
def plan(request: HttpRequest, study_id: int) -> HttpResponse:
    """The plan by theme, each theme's overdue and at-risk actions first."""
    study = permissions.study_or_404(request.user, study_id)
    themes = selectors.plan_by_theme(study, today=timezone.localdate())
    views = [v for _, items in themes for v in items]
    return render(
        request,
        "monitoring/plan.html",
        {
            "study": study,
            "section": "plan",
            "themes": themes,
            "count": len(views),
            "overdue": sum(v.overdue for v in views),
            "at_risk": sum(v.status is ActionStatus.AT_RISK for v in views),
            "can_edit": permissions.can_edit_study(request.user, study),
        },
    )


@login_required
@require_GET
def plan_timeline(request: HttpRequest, study_id: int) -> HttpResponse:
    """Every milestone by the month it is due."""
    study = permissions.study_or_404(request.user, study_id)
    return render(
        request,
        "monitoring/timeline.html",
        {
            "study": study,
            "section": "plan",
            "months": selectors.timeline(study, today=timezone.localdate()),
        },
    )


@login_required
@require_GET
def organisation_actions(request: HttpRequest, study_id: int, organisation_id: int) -> HttpResponse:
    """The actions an organisation leads."""
    study = permissions.study_or_404(request.user, study_id)
    organisation = get_object_or_404(m.Organisation, study=study, pk=organisation_id)
    return render(
        request,
        "monitoring/organisation_actions.html",
        {
            "study": study,
            "section": "plan",
            "organisation": organisation,
            "actions": selectors.actions_of(study, organisation, today=timezone.localdate()),
        },
    )


@login_required
@require_GET
def action_detail(request: HttpRequest, study_id: int, action_id: int) -> HttpResponse:
    """One action: milestones, leads, links, and its dated updates."""
    study = permissions.study_or_404(request.user, study_id)
    return _detail(request, study, _action(study, action_id), ActionUpdateForm())


def _detail(
    request: HttpRequest,
    study: m.Study,
    row: m.Action,
    form: ActionUpdateForm,
    status: int = 200,
) -> HttpResponse:
    view = selectors.action_view(row, today=timezone.localdate())
    return render(
        request,
        "monitoring/action.html",
        {
            "study": study,
            "section": "plan",
            "action": view,
            "measures": [MEASURES[k] for k in view.value.measures if k in MEASURES],
            "updates": view.value.updates_in_order(),
            "form": form,
            "can_edit": permissions.can_edit_study(request.user, study),
        },
        status=status,
    )


def _initial(row: m.Action) -> dict[str, object]:
    milestones = [
        f"{x.text} | {x.due}" if x.due else x.text for x in row.milestones.order_by("ordinal")
    ]
    return {
        "ref": row.ref,
        "theme": row.theme,
        "action": row.action,
        "milestones": "\n".join(milestones),
        "leads": "\n".join(x.name for x in row.leads.order_by("ordinal")),
        "outcome": row.outcome,
        "status": row.status,
        "measures": row.measures,
        "recommendations": list(
            row.recommendation_links.values_list("recommendation__key", flat=True)
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, study_id: int, action_id: int | None = None) -> HttpResponse:
    """Add an action (no ``action_id``) or change one."""
    study = permissions.study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    row = _action(study, action_id) if action_id is not None else None
    choices = [
        (key, f"{key}: {title}")
        for key, title in study.recommendations.order_by("ordinal").values_list("key", "title")
    ]
    form_args = {"variant": study.variant, "recommendations": choices}
    if request.method == "POST":
        form = ActionForm(request.POST, **form_args)  # type: ignore[arg-type]
        if form.is_valid():
            data = form.cleaned_data
            value = Action(
                ref=data["ref"],
                action=data["action"],
                theme=data["theme"],
                milestones=data["milestones"],
                lead=data["leads"],
                outcome=data["outcome"],
                status=ActionStatus(data["status"]) if data["status"] else None,
                measures=tuple(data["measures"]),
                recommendations=tuple(data.get("recommendations") or ()),
            )
            user = cast(User, request.user)
            try:
                if row is None:
                    row = action_create(study=study, action=value, user=user)
                else:
                    row = action_update(action=row, value=value, user=user)
            except ValidationError as error:
                service_errors(form, error)
            else:
                messages.success(request, f"Action {row.ref} was saved.")
                return redirect("monitoring:action", study_id=study.pk, action_id=row.pk)
    else:
        initial = _initial(row) if row is not None else {}
        form = ActionForm(initial=initial, **form_args)  # type: ignore[arg-type]
    return render(
        request,
        "monitoring/action_form.html",
        {"study": study, "section": "plan", "action": row, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def action_status(request: HttpRequest, study_id: int, action_id: int) -> HttpResponse:
    """Record a dated status update of an action."""
    study = permissions.study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    row = _action(study, action_id)
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        try:
            action_status_add(
                action=row,
                date=form.cleaned_data["date"],
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                user=cast(User, request.user),
            )
        except ValidationError as error:
            service_errors(form, error)
        else:
            messages.success(request, "The update was recorded.")
            return redirect("monitoring:action", study_id=study.pk, action_id=row.pk)
    return _detail(request, study, row, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def lead_link_edit(request: HttpRequest, study_id: int, lead_id: int) -> HttpResponse:
    """Link a lead agency to an organisation of the study (or unlink it)."""
    study = permissions.study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    lead = get_object_or_404(
        m.Lead.objects.select_related("action__study", "organisation"),
        action__study=study,
        pk=lead_id,
    )
    organisations = list(study.organisations.order_by("name").values_list("pk", "name"))
    if request.method == "POST":
        form = LeadLinkForm(request.POST, organisations=organisations)
        if form.is_valid():
            chosen = form.cleaned_data["organisation"]
            organisation = study.organisations.get(pk=int(chosen)) if chosen else None
            try:
                lead_link(lead=lead, organisation=organisation, user=cast(User, request.user))
            except ValidationError as error:
                service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{lead.name} is linked to {organisation.name}."
                    if organisation
                    else f"{lead.name} is no longer linked.",
                )
                return redirect("monitoring:action", study_id=study.pk, action_id=lead.action_id)
    else:
        initial = {"organisation": str(lead.organisation_id or "")}
        if lead.organisation_id is None:
            folded = lead.name.strip().casefold()
            # Offer the one organisation whose name holds the lead's, if only one does.
            guesses = [pk for pk, name in organisations if folded in name.casefold()]
            initial = {"organisation": str(guesses[0]) if len(guesses) == 1 else ""}
        form = LeadLinkForm(initial=initial, organisations=organisations)
    return render(
        request,
        "monitoring/lead_link.html",
        {"study": study, "section": "plan", "lead": lead, "form": form},
        status=400 if form.errors else 200,
    )
