"""Community tension reports: the reports month by month, trends by area and category, the
areas the workspace's early-warning rule flags, and the rule itself.

Only those allowed to see tension reports (owners and assessors) see any of these pages;
other members get 403, outsiders 404. Owners set the rule, a setting of the workspace.
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from communitydna.monitoring import early_warnings, monthly_series
from communitydna.snapshot import TensionReport
from communitydna.web.accounts import permissions
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability
from communitydna.web.monitoring import charts, selectors
from communitydna.web.monitoring.forms import TensionReportForm, TensionRuleForm
from communitydna.web.network.forms import show_service_errors
from communitydna.web.studies.services.tensions import tension_report_add, tension_rule_set

__all__ = ["tension_list", "tension_new", "tension_rule", "tension_trends"]

PAGE_SIZE = 100
RECENT_MONTHS = 12


@login_required
@require_GET
def tension_list(request: HttpRequest, study_id: int) -> HttpResponse:
    """The tension reports, newest first, a hundred to a page, by area and category if asked."""
    study = permissions.study_or_404(request.user, study_id, Capability.VIEW_TENSIONS)
    rows = study.tensions.order_by("-date_start", "-ordinal", "-id")
    chosen = {name: request.GET.get(name, "") for name in ("area", "category")}
    choices = {
        name: list(study.tensions.order_by(name).values_list(name, flat=True).distinct())
        for name in chosen
    }
    for name, value in chosen.items():
        if value:
            rows = rows.filter(**{name: value})
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    kept = urlencode({k: v for k, v in chosen.items() if v})
    return render(
        request,
        "monitoring/tensions.html",
        {
            "study": study,
            "section": "tensions",
            "page": page,
            "chosen": chosen,
            "areas": [a for a in choices["area"] if a],
            "categories": [c for c in choices["category"] if c],
            "kept": kept,
            "can_edit": permissions.can_edit_study(request.user, study),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tension_new(request: HttpRequest, study_id: int) -> HttpResponse:
    """Add a tension report."""
    study = permissions.study_or_404(request.user, study_id, Capability.VIEW_TENSIONS)
    if not permissions.can_edit_study(request.user, study):
        raise PermissionDenied
    form = TensionReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = TensionReport(
            date=data["date"],
            area=data["area"],
            reported_by=data["reported_by"],
            category=data["category"],
            severity=data["severity"],
            summary=data["summary"],
        )
        try:
            tension_report_add(study=study, report=report, user=cast(User, request.user))
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, "The tension report was added.")
            return redirect("monitoring:tensions", study_id=study.pk)
    return render(
        request,
        "monitoring/tension_form.html",
        {"study": study, "section": "tensions", "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def tension_trends(request: HttpRequest, study_id: int) -> HttpResponse:
    """Scores month by month per area and per category, and the areas flagged."""
    study = permissions.study_or_404(request.user, study_id, Capability.VIEW_TENSIONS)
    reports = selectors.tension_reports(study)
    rule = selectors.warning_rule(study)
    by_area = monthly_series(reports, by="area", measure=rule.measure)
    by_category = monthly_series(reports, by="category", measure=rule.measure)
    warnings = sorted(early_warnings(reports, rule), key=lambda w: (w.month, w.area), reverse=True)
    months = by_area.months[-RECENT_MONTHS:]
    start = len(by_area.months) - len(months)
    totals = [
        sum(scores[start + i] for scores in by_area.scores.values()) for i in range(len(months))
    ]
    what = "Sum of severities" if rule.measure == "severity" else "Number of reports"
    shown = set(months)
    earlier = sum(w.month not in shown for w in warnings)
    warnings = [w for w in warnings if w.month in shown]
    flagged = {(w.area, w.month) for w in warnings}
    return render(
        request,
        "monitoring/tension_trends.html",
        {
            "study": study,
            "section": "tensions",
            "rule": rule,
            "what": what,
            "months": [charts.month_label(m) for m in months],
            "all_months": len(by_area.months),
            "areas": [
                (
                    area,
                    [
                        (s, (area, m) in flagged)
                        for s, m in zip(scores[start:], months, strict=True)
                    ],
                )
                for area, scores in by_area.scores.items()
            ],
            "categories": [(c, s[start:]) for c, s in by_category.scores.items()],
            "totals": totals,
            "chart": charts.monthly_chart(months, totals, what),
            "warnings": warnings,
            "earlier": earlier,
            "undated": sum(r.date.month is None for r in reports),
            "can_set_rule": permissions.can(
                request.user, Capability.MANAGE_MEMBERS, study.workspace_id
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tension_rule(request: HttpRequest, study_id: int) -> HttpResponse:
    """The workspace's early-warning rule: window, threshold and score. Owners only."""
    study = permissions.study_or_404(request.user, study_id, Capability.VIEW_TENSIONS)
    if not permissions.can(request.user, Capability.MANAGE_MEMBERS, study.workspace_id):
        raise PermissionDenied
    rule = selectors.warning_rule(study)
    initial = {
        "window": rule.window,
        "threshold": Decimal(str(rule.threshold)),
        "measure": rule.measure,
    }
    form = TensionRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            tension_rule_set(
                workspace=study.workspace,
                window=form.cleaned_data["window"],
                threshold=form.cleaned_data["threshold"],
                measure=form.cleaned_data["measure"],
                user=cast(User, request.user),
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, "The early-warning rule was saved for the workspace.")
            return redirect("monitoring:tension_trends", study_id=study.pk)
    return render(
        request,
        "monitoring/tension_rule.html",
        {"study": study, "section": "tensions", "form": form},
        status=400 if form.errors else 200,
    )
