"""The map: organisations and the relationships between them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Router, Status
from ninja.params.functions import Query

from communitydna.framework import Sector
from communitydna.snapshot import Organisation, Relationship, RelationshipStatus, Size
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
    OrganisationIn,
    OrganisationOut,
    RelationshipIn,
    RelationshipOut,
    Short,
)
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import relationship_value
from communitydna.web.studies.services import (
    organisation_create,
    organisation_update,
    relationship_create,
    relationship_update,
)

__all__ = ["router"]

router = Router(tags=["map"])

_ORGANISATIONS_SECTOR = Query(None, description="public, commercial or social")
_ORGANISATIONS_TYPE = Query(None, description="Exactly this type (any letter case).")
_ORGANISATIONS_WARD = Query(None, description="Exactly this ward (any letter case).")
_ORGANISATIONS_SEARCH = Query(None, description="Part of the name or id.")
_RELATIONSHIPS_TYPE = Query(None, description="Exactly this type (any letter case).")
_RELATIONSHIPS_STATUS = Query(None, description="active, ended or proposed")
_RELATIONSHIPS_ORGANISATION = Query(None, description="Only those of this organisation.")

StudyId = STUDY_ID


def organisation_out(row: m.Organisation) -> dict[str, Any]:
    o = convert.organisation_entity(row)
    return {
        "id": o.id,
        "name": o.name,
        "sector": o.sector.value,
        "type": o.type,
        "ward": o.ward,
        "postcode": o.postcode,
        "identifier": o.identifier,
        "led_by": list(o.led_by),
        "size": o.size.value if o.size is not None else None,
        "notes": o.notes,
        "attributes": dict(o.attributes),
    }


def _organisation(body: OrganisationIn, attributes: dict[str, str]) -> Organisation:
    return Organisation(
        id=body.id.strip(),
        name=body.name.strip(),
        sector=Sector(body.sector),
        type=body.type.strip(),
        ward=body.ward.strip(),
        postcode=body.postcode.strip(),
        identifier=body.identifier.strip(),
        led_by=tuple(x.strip() for x in body.led_by if x.strip()),
        size=Size(body.size) if body.size else None,
        notes=body.notes,
        attributes=attributes,
    )


@router.get(
    "/studies/{study_id}/organisations",
    response=Page[OrganisationOut],
    summary="Organisations of the study",
)
def organisations(
    request: HttpRequest,
    study_id: int = StudyId,
    sector: Short | None = _ORGANISATIONS_SECTOR,
    type: Short | None = _ORGANISATIONS_TYPE,
    ward: Short | None = _ORGANISATIONS_WARD,
    search: Short | None = _ORGANISATIONS_SEARCH,
    limit: int = LIMIT_QUERY,
    offset: int = OFFSET_QUERY,
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    rows = m.Organisation.objects.filter(study=study)
    if sector:
        rows = rows.filter(sector=sector)
    if type:
        rows = rows.filter(type__iexact=type)
    if ward:
        rows = rows.filter(ward__iexact=ward)
    if search:
        rows = rows.filter(Q(name__icontains=search) | Q(key__icontains=search))
    rows = rows.order_by("ordinal", "id")
    return page(request, rows, limit, offset, lambda chosen: [organisation_out(o) for o in chosen])


@router.get(
    "/studies/{study_id}/organisations/{key}",
    response=OrganisationOut,
    summary="One organisation",
)
def organisation(request: HttpRequest, key: str, study_id: int = StudyId) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    return organisation_out(part_or_404(study.organisations.all(), key=key))


@router.post(
    "/studies/{study_id}/organisations",
    response={201: OrganisationOut},
    summary="Add an organisation",
)
def organisation_add(
    request: HttpRequest, body: OrganisationIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = organisation_create(
        study=study,
        organisation=_organisation(body, dict(body.attributes or {})),
        user=principal(request).user,
    )
    return Status(201, organisation_out(row))


@router.put(
    "/studies/{study_id}/organisations/{key}",
    response=OrganisationOut,
    summary="Change an organisation (all its fields; a blank id keeps it)",
)
def organisation_change(
    request: HttpRequest, key: str, body: OrganisationIn, study_id: int = StudyId
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = part_or_404(study.organisations.all(), key=key)
    attributes = dict(body.attributes) if body.attributes is not None else dict(row.attributes)
    value = _organisation(body, attributes)
    if not value.id:
        value = replace(value, id=row.key)
    row = organisation_update(organisation=row, value=value, user=principal(request).user)
    return organisation_out(row)


# -- relationships ----------------------------------------------------------------------------


def relationships_out(rows: list[m.Relationship]) -> list[dict[str, Any]]:
    """Relationships with their ends and evidence as ids, in two queries for the page."""
    ends = {r.source_id for r in rows} | {r.target_id for r in rows}
    keys = dict(m.Organisation.objects.filter(pk__in=ends).values_list("pk", "key"))
    cited: dict[int, list[str]] = defaultdict(list)
    for relationship_id, evidence_key in (
        m.RelationshipEvidence.objects.filter(relationship__in=[r.pk for r in rows])
        .order_by("relationship_id", "ordinal", "id")
        .values_list("relationship_id", "evidence__key")
    ):
        cited[relationship_id].append(evidence_key)
    return [_relationship_out(convert.relationship_entity(r, keys, cited[r.pk])) for r in rows]


def _relationship_out(r: Relationship) -> dict[str, Any]:
    return {
        "id": r.id,
        "source": r.source,
        "target": r.target,
        "type": r.type,
        "directed": r.directed,
        "strength": r.strength,
        "tense": r.tense,
        "status": r.status.value,
        "since": convert.date_text(r.since) or None,
        "until": convert.date_text(r.until) or None,
        "notes": r.notes,
        "evidence": list(r.evidence),
        "attributes": dict(r.attributes),
    }


def _relationship(body: RelationshipIn, key: str, attributes: dict[str, str]) -> Relationship:
    return Relationship(
        id=key,
        source=body.source.strip(),
        target=body.target.strip(),
        type=body.type.strip() or "partnership",
        directed=body.directed,
        strength=body.strength,
        tense=body.tense,
        status=RelationshipStatus(body.status),
        since=parse_date("since", body.since),
        until=parse_date("until", body.until),
        notes=body.notes,
        evidence=tuple(e.strip() for e in body.evidence if e.strip()),
        attributes=attributes,
    )


@router.get(
    "/studies/{study_id}/relationships",
    response=Page[RelationshipOut],
    summary="Relationships of the study",
)
def relationships(
    request: HttpRequest,
    study_id: int = StudyId,
    type: Short | None = _RELATIONSHIPS_TYPE,
    status: Short | None = _RELATIONSHIPS_STATUS,
    organisation: Short | None = _RELATIONSHIPS_ORGANISATION,
    limit: int = LIMIT_QUERY,
    offset: int = OFFSET_QUERY,
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    rows = m.Relationship.objects.filter(study=study)
    if type:
        rows = rows.filter(type__iexact=type)
    if status:
        rows = rows.filter(status=status)
    if organisation:
        rows = rows.filter(Q(source__key=organisation) | Q(target__key=organisation))
    rows = rows.order_by("ordinal", "id")
    return page(request, rows, limit, offset, relationships_out)


@router.get(
    "/studies/{study_id}/relationships/{key}",
    response=RelationshipOut,
    summary="One relationship",
)
def relationship(request: HttpRequest, key: str, study_id: int = StudyId) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    return _relationship_out(relationship_value(part_or_404(study.relationships.all(), key=key)))


@router.post(
    "/studies/{study_id}/relationships",
    response={201: RelationshipOut},
    summary="Add a relationship",
)
def relationship_add(
    request: HttpRequest, body: RelationshipIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    value = _relationship(body, body.id.strip(), dict(body.attributes or {}))
    row = relationship_create(study=study, relationship=value, user=principal(request).user)
    return Status(201, _relationship_out(relationship_value(row)))


@router.put(
    "/studies/{study_id}/relationships/{key}",
    response=RelationshipOut,
    summary="Change a relationship (all its fields; a blank id keeps it)",
)
def relationship_change(
    request: HttpRequest, key: str, body: RelationshipIn, study_id: int = StudyId
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = part_or_404(study.relationships.all(), key=key)
    attributes = dict(body.attributes) if body.attributes is not None else dict(row.attributes)
    value = _relationship(body, body.id.strip() or row.key, attributes)
    row = relationship_update(relationship=row, value=value, user=principal(request).user)
    return _relationship_out(relationship_value(row))
