"""Performance indicators: the list with each one's progress, one indicator's page (its
definition, values, progress and charts), adding and changing indicators, adding a value,
and importing values from a CSV file.

Every member reads them; anyone who may edit the study keeps them.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communitydna.snapshot import Direction, Indicator, Observation, ObservationKind
from communitydna.web.accounts import permissions
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability
from communitydna.web.monitoring import charts, selectors
from communitydna.web.monitoring.forms import (
    IndicatorForm,
    ObservationForm,
    ObservationImportForm,
)
from communitydna.web.network.forms import show_service_errors
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_memo
from communitydna.web.studies.services.indicators import (
    OBSERVATION_COLUMNS,
    ObservationImportError,
    indicator_create,
    indicator_update,
    observation_add,
    observations_import,
)

__all__ = [
    "indicator_detail",
    "indicator_edit",
    "indicator_list",
    "observation_new",
    "observations_upload",
]


def _indicator(study: m.Study, indicator_id: int) -> m.Indicator:
    return get_object_or_404(
        m.Indicator.objects.select_related("study"), study=study, pk=indicator_id
    )


@login_required
@require_GET
def indicator_list(request: HttpRequest, study_id: int) -> HttpResponse:
    """Every indicator with its latest value and progress against its target."""
    study = permissions.study_or_404(request.user, study_id)
    return render(
        request,
        "monitoring/indicators.html",
        {
            "study": study,
            "section": "indicators",
            "indicators": selectors.indicator_views(study),
            "can_edit": permissions.can_edit_study(request.user, study),
        },
    )


@login_required
@require_GET
def indicator_detail(request: HttpRequest, study_id: int, indicator_id: int) -> HttpResponse:
    """One indicator: definition, baseline, targets, actual values, progress and charts."""
    study = permissions.study_or_404(request.user, study_id)
    return _detail(request, study, _indicator(study, indicator_id), ObservationForm())


def _detail(
    request: HttpRequest,
    study: m.Study,
    row: m.Indicator,
    form: ObservationForm,
    status: int = 200,
) -> HttpResponse:
    view = selectors.indicator_view(row)
    # Drawing takes longer than the rest of the page; the drawings change only with the study.
    trend, comparison = study_memo(
        study,
        f"indicator-charts:{row.pk}",
        lambda: (
            charts.indicator_trend_chart(view, view.main),
            charts.indicator_comparison_chart(view),
        ),
    )
    return render(
        request,
        "monitoring/indicator.html",
        {
            "study": study,
            "section": "indicators",
            "indicator": view,
            "baselines": selectors.kind_rows(view, ObservationKind.BASELINE),
            "targets": selectors.pivot(view, ObservationKind.TARGET),
            "actuals": selectors.pivot(view, ObservationKind.ACTUAL),
            "trend": trend,
            "comparison": comparison,
            "form": form,
            "can_edit": permissions.can_edit_study(request.user, study),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(
    request: HttpRequest, study_id: int, indicator_id: int | None = None
) -> HttpResponse:
    """Add an indicator (no ``indicator_id``) or change one's definition."""
    study = permissions.study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    row = _indicator(study, indicator_id) if indicator_id is not None else None
    if request.method == "POST":
        form = IndicatorForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            value = Indicator(
                id=data["key"],
                name=data["name"],
                type=data["type"],
                unit=data["unit"],
                direction=Direction(data["direction"]) if data["direction"] else None,
                responsible=data["responsible"],
            )
            user = cast(User, request.user)
            try:
                if row is None:
                    row = indicator_create(study=study, indicator=value, user=user)
                else:
                    row = indicator_update(indicator=row, value=value, user=user)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, f"The indicator {row.name} was saved.")
                return redirect("monitoring:indicator", study_id=study.pk, indicator_id=row.pk)
    elif row is not None:
        form = IndicatorForm(
            initial={
                "name": row.name,
                "key": row.key,
                "type": row.type,
                "unit": row.unit,
                "direction": row.direction,
                "responsible": row.responsible,
            }
        )
    else:
        form = IndicatorForm()
    return render(
        request,
        "monitoring/indicator_form.html",
        {"study": study, "section": "indicators", "indicator": row, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def observation_new(request: HttpRequest, study_id: int, indicator_id: int) -> HttpResponse:
    """Record a baseline, target or actual value of an indicator."""
    study = permissions.study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    row = _indicator(study, indicator_id)
    form = ObservationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        value = Observation(
            indicator=row.key,
            period=data["period"],
            kind=ObservationKind(data["kind"]),
            value=data["value"],
            area=data["area"],
            breakdown=data["breakdown"],
        )
        try:
            observation_add(indicator=row, observation=value, user=cast(User, request.user))
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, f"The {value.kind.value} for {value.period} was recorded.")
            return redirect("monitoring:indicator", study_id=study.pk, indicator_id=row.pk)
    return _detail(request, study, row, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def observations_upload(request: HttpRequest, study_id: int) -> HttpResponse:
    """Import values of indicators from a CSV file: all of its rows, or none."""
    study = permissions.study_or_404(request.user, study_id, Capability.EDIT_STUDY)
    problems = None
    if request.method == "POST":
        form = ObservationImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                count = observations_import(
                    study=study,
                    data=upload.read(),
                    name=upload.name or "values.csv",
                    user=cast(User, request.user),
                )
            except ObservationImportError as error:
                problems = error.problems
                form.add_error(
                    "file",
                    f"The file has {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
                    "nothing was imported. Each is listed below.",
                )
            else:
                messages.success(request, f"{count} value{'s' if count != 1 else ''} imported.")
                return redirect("monitoring:indicators", study_id=study.pk)
    else:
        form = ObservationImportForm()
    return render(
        request,
        "monitoring/observations_import.html",
        {
            "study": study,
            "section": "indicators",
            "form": form,
            "problems": problems,
            "columns": OBSERVATION_COLUMNS,
            "indicators": study.indicators.order_by("ordinal").values_list("key", "name"),
        },
        status=400 if form.errors else 200,
    )
