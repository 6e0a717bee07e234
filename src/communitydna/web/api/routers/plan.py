"""Keeping the picture alive: the action plan, indicators, observations, tension reports."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from ninja import Router, Status
from ninja.params.functions import Query

from communitydna.snapshot import (
    Action,
    ActionStatus,
    Direction,
    Indicator,
    Lead,
    Milestone,
    Observation,
    ObservationKind,
    Quantity,
    TensionReport,
)
from communitydna.web.accounts.permissions import Capability
from communitydna.web.api.auth import principal
from communitydna.web.api.common import (
    LIMIT_QUERY,
    OFFSET_QUERY,
    STUDY_ID,
    Page,
    page,
    parse_date,
    part_or_404,
    study_for,
)
from communitydna.web.api.schemas import (
    ActionIn,
    ActionOut,
    ActionUpdateIn,
    IndicatorIn,
    IndicatorOut,
    ObservationIn,
    ObservationOut,
    Short,
    TensionIn,
    TensionOut,
)
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.services.indicators import (
    indicator_create,
    indicator_update,
    observation_add,
)
from communitydna.web.studies.services.plan import action_create, action_status_add, action_update
from communitydna.web.studies.services.tensions import tension_report_add

__all__ = ["router"]

router = Router(tags=["plan"])

_ACTIONS_STATUS = Query(None, description="not started, on track, at risk, done…")
_OBSERVATIONS_INDICATOR = Query(None, description="Of this indicator (its id).")
_OBSERVATIONS_PERIOD = Query(None, description="For this period, e.g. 2024/25.")
_OBSERVATIONS_AREA = Query(None, description="For this area (any letter case).")
_OBSERVATIONS_KIND = Query(None, description="baseline, target or actual")
_TENSIONS_AREA = Query(None, description="For this area (any letter case).")
_TENSIONS_CATEGORY = Query(None, description="Of this category (any letter case).")

StudyId = STUDY_ID


# -- actions ----------------------------------------------------------------------------------


def actions_out(rows: list[m.Action]) -> list[dict[str, Any]]:
    """A page of actions with milestones, leads and recommendations, in three queries."""
    ids = [a.pk for a in rows]
    milestones: dict[int, list[m.Milestone]] = defaultdict(list)
    for milestone in m.Milestone.objects.filter(action_id__in=ids).order_by("ordinal", "id"):
        milestones[milestone.action_id].append(milestone)
    leads: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for action_id, name, key in (
        m.Lead.objects.filter(action_id__in=ids)
        .order_by("ordinal", "id")
        .values_list("action_id", "name", "organisation__key")
    ):
        leads[action_id].append((name, key))
    carried: dict[int, list[str]] = defaultdict(list)
    for action_id, key in (
        m.ActionRecommendation.objects.filter(action_id__in=ids)
        .order_by("ordinal", "id")
        .values_list("action_id", "recommendation__key")
    ):
        carried[action_id].append(key)
    found = []
    for row in rows:
        a = convert.action_entity(row, milestones[row.pk], leads[row.pk], carried[row.pk])
        found.append(
            {
                "ref": a.ref,
                "action": a.action,
                "theme": a.theme,
                "milestones": [
                    {"text": x.text, "due": convert.date_text(x.due) or None} for x in a.milestones
                ],
                "lead": [{"name": x.name, "organisation": x.organisation} for x in a.lead],
                "outcome": a.outcome,
                "status": a.status.value if a.status is not None else None,
                "measures": list(a.measures),
                "recommendations": list(a.recommendations),
                "updates": [
                    {
                        "date": str(u.date),
                        "status": u.status.value if u.status is not None else None,
                        "note": u.note,
                    }
                    for u in a.updates
                ],
            }
        )
    return found


def _action(body: ActionIn) -> Action:
    return Action(
        ref=body.ref,
        action=body.action,
        theme=body.theme,
        milestones=tuple(
            Milestone(x.text, parse_date(f"milestones.{i}.due", x.due))
            for i, x in enumerate(body.milestones)
        ),
        lead=tuple(Lead(x.name, x.organisation or None) for x in body.lead),
        outcome=body.outcome,
        status=ActionStatus(body.status) if body.status else None,
        measures=tuple(k.strip() for k in body.measures if k.strip()),
        recommendations=tuple(k.strip() for k in body.recommendations if k.strip()),
    )


@router.get("/studies/{study_id}/actions", response=Page[ActionOut], summary="The action plan")
def actions(
    request: HttpRequest,
    study_id: int = StudyId,
    status: Short | None = _ACTIONS_STATUS,
    limit: int = LIMIT_QUERY,
    offset: int = OFFSET_QUERY,
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    rows = m.Action.objects.filter(study=study)
    if status:
        rows = rows.filter(status=status)
    return page(request, rows.order_by("ordinal", "id"), limit, offset, actions_out)


@router.get(
    "/studies/{study_id}/actions/{ref}",
    response=ActionOut,
    summary="One action, by its reference (the first, if two share one)",
)
def action(request: HttpRequest, ref: str, study_id: int = StudyId) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    return actions_out([part_or_404(study.actions.order_by("ordinal", "id"), ref=ref)])[0]


@router.post("/studies/{study_id}/actions", response={201: ActionOut}, summary="Add an action")
def action_add(
    request: HttpRequest, body: ActionIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = action_create(study=study, action=_action(body), user=principal(request).user)
    return Status(201, actions_out([row])[0])


@router.put(
    "/studies/{study_id}/actions/{ref}",
    response=ActionOut,
    summary="Change an action (all its fields; its status updates stay)",
)
def action_change(
    request: HttpRequest, ref: str, body: ActionIn, study_id: int = StudyId
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = part_or_404(study.actions.order_by("ordinal", "id"), ref=ref)
    row = action_update(action=row, value=_action(body), user=principal(request).user)
    return actions_out([row])[0]


@router.post(
    "/studies/{study_id}/actions/{ref}/updates",
    response={201: ActionOut},
    summary="Record a dated status update of an action",
)
def action_update_add(
    request: HttpRequest, ref: str, body: ActionUpdateIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = part_or_404(study.actions.order_by("ordinal", "id"), ref=ref)
    date = parse_date("date", body.date, required=True)
    assert date is not None
    row = action_status_add(
        action=row,
        date=date,
        status=body.status or "",
        note=body.note,
        user=principal(request).user,
    )
    return Status(201, actions_out([row])[0])


# -- indicators and observations --------------------------------------------------------------


def _indicator_out(row: m.Indicator) -> dict[str, Any]:
    i = convert.indicator_entity(row)
    return {
        "id": i.id,
        "name": i.name,
        "type": i.type,
        "unit": i.unit,
        "direction": i.direction.value if i.direction is not None else None,
        "responsible": i.responsible,
        "attributes": dict(i.attributes),
    }


def _indicator(body: IndicatorIn) -> Indicator:
    return Indicator(
        id=body.id,
        name=body.name,
        type=body.type,
        unit=body.unit,
        direction=Direction(body.direction) if body.direction else None,
        responsible=body.responsible,
    )


@router.get("/studies/{study_id}/indicators", response=Page[IndicatorOut], summary="Indicators")
def indicators(
    request: HttpRequest,
    study_id: int = StudyId,
    limit: int = LIMIT_QUERY,
    offset: int = OFFSET_QUERY,
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    rows = study.indicators.order_by("ordinal", "id")
    return page(request, rows, limit, offset, lambda chosen: [_indicator_out(i) for i in chosen])


@router.get("/studies/{study_id}/indicators/{key}", response=IndicatorOut, summary="One indicator")
def indicator(request: HttpRequest, key: str, study_id: int = StudyId) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    return _indicator_out(part_or_404(study.indicators.all(), key=key))


@router.post(
    "/studies/{study_id}/indicators", response={201: IndicatorOut}, summary="Add an indicator"
)
def indicator_add(
    request: HttpRequest, body: IndicatorIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = indicator_create(study=study, indicator=_indicator(body), user=principal(request).user)
    return Status(201, _indicator_out(row))


@router.put(
    "/studies/{study_id}/indicators/{key}",
    response=IndicatorOut,
    summary="Change an indicator (a blank id keeps it)",
)
def indicator_change(
    request: HttpRequest, key: str, body: IndicatorIn, study_id: int = StudyId
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = part_or_404(study.indicators.all(), key=key)
    row = indicator_update(indicator=row, value=_indicator(body), user=principal(request).user)
    return _indicator_out(row)


def observations_out(rows: list[m.Observation]) -> list[dict[str, Any]]:
    keys = dict(
        m.Indicator.objects.filter(pk__in={o.indicator_id for o in rows}).values_list("pk", "key")
    )
    found = []
    for row in rows:
        o = convert.observation_entity(row, keys)
        found.append(
            {
                "indicator": o.indicator,
                "period": o.period,
                "kind": o.kind.value,
                "value": str(o.value),
                "number": str(o.value.number) if o.value.number is not None else None,
                "qualifier": o.value.qualifier,
                "percent": o.value.percent,
                "area": o.area,
                "breakdown": [list(pair) for pair in o.breakdown],
            }
        )
    return found


@router.get(
    "/studies/{study_id}/observations",
    response=Page[ObservationOut],
    summary="Baselines, targets and actual values of the indicators",
)
def observations(
    request: HttpRequest,
    study_id: int = StudyId,
    indicator: Short | None = _OBSERVATIONS_INDICATOR,
    period: Short | None = _OBSERVATIONS_PERIOD,
    area: Short | None = _OBSERVATIONS_AREA,
    kind: Short | None = _OBSERVATIONS_KIND,
    limit: int = LIMIT_QUERY,
    offset: int = OFFSET_QUERY,
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    rows = m.Observation.objects.filter(study=study)
    if indicator:
        rows = rows.filter(indicator__key=indicator)
    if period:
        rows = rows.filter(period=period)
    if area:
        rows = rows.filter(area__iexact=area)
    if kind:
        rows = rows.filter(kind=kind)
    return page(request, rows.order_by("ordinal", "id"), limit, offset, observations_out)


@router.post(
    "/studies/{study_id}/indicators/{key}/observations",
    response={201: ObservationOut},
    summary="Record a value of an indicator",
)
def observation_new(
    request: HttpRequest, key: str, body: ObservationIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = part_or_404(study.indicators.all(), key=key)
    try:
        value = Quantity.parse(body.value or None)
    except (ValueError, ArithmeticError) as error:
        raise ValidationError({"value": str(error) or "not a value"}) from None
    made = observation_add(
        indicator=row,
        observation=Observation(
            indicator=row.key,
            period=body.period,
            kind=ObservationKind(body.kind),
            value=value,
            area=body.area,
            breakdown=tuple((k.strip(), v.strip()) for k, v in body.breakdown),
        ),
        user=principal(request).user,
    )
    return Status(201, observations_out([made])[0])


# -- tension reports --------------------------------------------------------------------------


def _tension_out(row: m.TensionReport) -> dict[str, Any]:
    return {
        "date": row.date,
        "area": row.area,
        "reported_by": row.reported_by,
        "category": row.category,
        "severity": row.severity,
        "summary": row.summary,
    }


@router.get(
    "/studies/{study_id}/tensions",
    response=Page[TensionOut],
    summary="Community tension reports (owners and assessors)",
)
def tensions(
    request: HttpRequest,
    study_id: int = StudyId,
    area: Short | None = _TENSIONS_AREA,
    category: Short | None = _TENSIONS_CATEGORY,
    limit: int = LIMIT_QUERY,
    offset: int = OFFSET_QUERY,
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_TENSIONS)
    rows = m.TensionReport.objects.filter(study=study)
    if area:
        rows = rows.filter(Q(area__iexact=area))
    if category:
        rows = rows.filter(category__iexact=category)
    rows = rows.order_by("ordinal", "id")
    return page(request, rows, limit, offset, lambda chosen: [_tension_out(t) for t in chosen])


@router.post(
    "/studies/{study_id}/tensions",
    response={201: TensionOut},
    summary="Add a community tension report",
)
def tension_add(
    request: HttpRequest, body: TensionIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.VIEW_TENSIONS)
    study_for(request, study_id, Capability.EDIT_STUDY)
    date = parse_date("date", body.date, required=True)
    assert date is not None
    row = tension_report_add(
        study=study,
        report=TensionReport(
            date=date,
            area=body.area,
            reported_by=body.reported_by,
            category=body.category,
            severity=body.severity,
            summary=body.summary,
        ),
        user=principal(request).user,
    )
    return Status(201, _tension_out(row))
