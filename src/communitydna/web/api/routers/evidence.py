"""Evidence, coded to measures and linked to organisations."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.params.functions import Query

from communitydna.snapshot import Evidence, Polarity
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
from communitydna.web.api.schemas import EvidenceIn, EvidenceOut, Short
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import evidence_value
from communitydna.web.studies.services import evidence_create, evidence_update

__all__ = ["router"]

router = Router(tags=["evidence"])

_EVIDENCE_LIST_MEASURE = Query(None, description="Coded to this measure (its key).")
_EVIDENCE_LIST_SOURCE = Query(None, description="Part of the source (any letter case).")

StudyId = STUDY_ID


def _out(e: Evidence) -> dict[str, Any]:
    return {
        "id": e.id,
        "text": e.text,
        "source": e.source,
        "date": convert.date_text(e.date) or None,
        "measures": list(e.measures),
        "polarity": e.polarity.value,
        "weight": e.weight,
        "organisations": list(e.organisations),
        "confidential": e.confidential,
        "attributes": dict(e.attributes),
    }


def evidence_out(rows: list[m.Evidence]) -> list[dict[str, Any]]:
    """A page of evidence with its coding and organisations, in two queries."""
    ids = [e.pk for e in rows]
    codes: dict[int, list[str]] = defaultdict(list)
    for evidence_id, measure in (
        m.EvidenceMeasure.objects.filter(evidence_id__in=ids)
        .order_by("evidence_id", "ordinal", "id")
        .values_list("evidence_id", "measure")
    ):
        codes[evidence_id].append(measure)
    named: dict[int, list[str]] = defaultdict(list)
    for evidence_id, key in (
        m.EvidenceOrganisation.objects.filter(evidence_id__in=ids)
        .order_by("evidence_id", "ordinal", "id")
        .values_list("evidence_id", "organisation__key")
    ):
        named[evidence_id].append(key)
    return [_out(convert.evidence_entity(e, codes[e.pk], named[e.pk])) for e in rows]


def _value(body: EvidenceIn, key: str, attributes: dict[str, str]) -> Evidence:
    return Evidence(
        id=key,
        text=body.text,
        source=body.source.strip(),
        date=parse_date("date", body.date),
        measures=tuple(dict.fromkeys(k.strip() for k in body.measures if k.strip())),
        polarity=Polarity(body.polarity),
        weight=body.weight,
        organisations=tuple(dict.fromkeys(o.strip() for o in body.organisations if o.strip())),
        confidential=body.confidential,
        attributes=attributes,
    )


@router.get("/studies/{study_id}/evidence", response=Page[EvidenceOut], summary="Evidence")
def evidence_list(
    request: HttpRequest,
    study_id: int = StudyId,
    measure: Short | None = _EVIDENCE_LIST_MEASURE,
    source: Short | None = _EVIDENCE_LIST_SOURCE,
    limit: int = LIMIT_QUERY,
    offset: int = OFFSET_QUERY,
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    rows = m.Evidence.objects.filter(study=study)
    if measure:
        rows = rows.filter(codes__measure=measure)
    if source:
        rows = rows.filter(source__icontains=source)
    rows = rows.distinct().order_by("ordinal", "id")
    return page(request, rows, limit, offset, evidence_out)


@router.get(
    "/studies/{study_id}/evidence/{key}", response=EvidenceOut, summary="One piece of evidence"
)
def evidence(request: HttpRequest, key: str, study_id: int = StudyId) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    return _out(evidence_value(part_or_404(study.evidence.all(), key=key)))


@router.post(
    "/studies/{study_id}/evidence", response={201: EvidenceOut}, summary="Add a piece of evidence"
)
def evidence_add(
    request: HttpRequest, body: EvidenceIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    value = _value(body, body.id.strip(), dict(body.attributes or {}))
    row = evidence_create(study=study, evidence=value, user=principal(request).user)
    return Status(201, _out(evidence_value(row)))


@router.put(
    "/studies/{study_id}/evidence/{key}",
    response=EvidenceOut,
    summary="Change a piece of evidence (all its fields; a blank id keeps it)",
)
def evidence_change(
    request: HttpRequest, key: str, body: EvidenceIn, study_id: int = StudyId
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = part_or_404(study.evidence.all(), key=key)
    attributes = dict(body.attributes) if body.attributes is not None else dict(row.attributes)
    value = _value(body, body.id.strip() or row.key, attributes)
    row = evidence_update(evidence=row, value=value, user=principal(request).user)
    return _out(evidence_value(row))
