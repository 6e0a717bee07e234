"""Field-by-field conversion between the study's rows and the snapshot's entities.

Each ``*_fields`` function turns a snapshot entity into the keyword arguments of its model
(without the study or foreign keys, which the caller knows); each ``*_entity`` function
turns a row back into the entity. Together they lose nothing: partial dates keep their
precision as canonical text, quantities keep their exact decimal, qualifier and percent,
unknown columns stay in ``attributes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from communitydna.framework import Sector
from communitydna.snapshot import (
    Action,
    ActionStatus,
    ActionUpdate,
    Direction,
    Evidence,
    FollowUp,
    Indicator,
    Lead,
    Milestone,
    Observation,
    ObservationKind,
    Organisation,
    PartialDate,
    Place,
    Polarity,
    Progress,
    Quantity,
    Rating,
    Recommendation,
    Relationship,
    RelationshipStatus,
    Size,
    TensionReport,
)
from communitydna.web.studies import models as m

__all__ = [
    "action_entity",
    "action_fields",
    "action_update_entity",
    "action_update_fields",
    "date_start",
    "date_text",
    "evidence_entity",
    "evidence_fields",
    "followup_entity",
    "followup_fields",
    "indicator_entity",
    "indicator_fields",
    "milestone_fields",
    "observation_entity",
    "observation_fields",
    "organisation_entity",
    "organisation_fields",
    "partial_date",
    "place_entity",
    "place_fields",
    "rating_entity",
    "rating_fields",
    "recommendation_entity",
    "recommendation_fields",
    "relationship_entity",
    "relationship_fields",
    "tension_entity",
    "tension_fields",
]

# -- values ---------------------------------------------------------------------------------


def date_text(value: PartialDate | None) -> str:
    """A partial date's canonical text (``2012``, ``2012-07``, ``2012-07-15``), or ``""``."""
    return "" if value is None else str(value)


def date_start(value: PartialDate | None) -> dt.date | None:
    """The first day of a partial date's period, for sorting; ``None`` for no date."""
    return None if value is None else value.start()


def partial_date(text: str) -> PartialDate | None:
    """The inverse of :func:`date_text`."""
    if not text:
        return None
    year, *rest = (int(part) for part in text.split("-"))
    return PartialDate(year, *rest)


def _date_pair(prefix: str, value: PartialDate | None) -> dict[str, Any]:
    return {prefix: date_text(value), f"{prefix}_start": date_start(value)}


def _quantity_fields(value: Quantity) -> dict[str, Any]:
    return {
        "value": "" if value.number is None else str(value.number),
        "value_float": value.as_float(),
        "qualifier": value.qualifier or "",
        "percent": value.percent,
    }


def _quantity(text: str, qualifier: str, percent: bool) -> Quantity:
    return Quantity(Decimal(text) if text else None, qualifier or None, percent)


def _strings(values: Sequence[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _attributes(values: Mapping[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in values.items()}


# -- place ----------------------------------------------------------------------------------


def place_fields(place: Place) -> dict[str, Any]:
    return {
        "place_name": place.name,
        "variant": place.variant,
        **_date_pair("place_date", place.date),
        "description": place.description,
        "wards": list(place.wards),
        "assessors": list(place.assessors),
        "place_attributes": dict(place.attributes),
    }


def place_entity(study: m.Study) -> Place:
    return Place(
        name=study.place_name,
        variant=study.variant,
        date=partial_date(study.place_date),
        description=study.description,
        wards=_strings(study.wards),
        assessors=_strings(study.assessors),
        attributes=_attributes(study.place_attributes),
    )


# -- the map --------------------------------------------------------------------------------


def organisation_fields(o: Organisation) -> dict[str, Any]:
    return {
        "key": o.id,
        "name": o.name,
        "sector": o.sector.value,
        "type": o.type,
        "ward": o.ward,
        "postcode": o.postcode,
        "identifier": o.identifier,
        "led_by": list(o.led_by),
        "size": o.size.value if o.size is not None else "",
        "notes": o.notes,
        "attributes": dict(o.attributes),
    }


def organisation_entity(row: m.Organisation) -> Organisation:
    return Organisation(
        id=row.key,
        name=row.name,
        sector=Sector(row.sector),
        type=row.type,
        ward=row.ward,
        postcode=row.postcode,
        identifier=row.identifier,
        led_by=_strings(row.led_by),
        size=Size(row.size) if row.size else None,
        notes=row.notes,
        attributes=_attributes(row.attributes),
    )


def relationship_fields(r: Relationship) -> dict[str, Any]:
    """Fields of a relationship; ``source``, ``target`` and ``evidence`` are the caller's."""
    return {
        "key": r.id,
        "type": r.type,
        "directed": r.directed,
        "strength": r.strength,
        "tense": r.tense,
        "status": r.status.value,
        **_date_pair("since", r.since),
        **_date_pair("until", r.until),
        "notes": r.notes,
        "attributes": dict(r.attributes),
    }


def relationship_entity(
    row: m.Relationship, organisation_keys: Mapping[int, str], evidence: Sequence[str]
) -> Relationship:
    return Relationship(
        id=row.key,
        source=organisation_keys[row.source_id],
        target=organisation_keys[row.target_id],
        type=row.type,
        directed=row.directed,
        strength=row.strength,
        tense=row.tense,
        status=RelationshipStatus(row.status),
        since=partial_date(row.since),
        until=partial_date(row.until),
        notes=row.notes,
        evidence=tuple(evidence),
        attributes=_attributes(row.attributes),
    )


# -- evidence -------------------------------------------------------------------------------


def evidence_fields(e: Evidence) -> dict[str, Any]:
    """Fields of evidence; its measures and organisations are link rows, the caller's."""
    return {
        "key": e.id,
        "text": e.text,
        "source": e.source,
        **_date_pair("date", e.date),
        "polarity": e.polarity.value,
        "weight": e.weight,
        "confidential": e.confidential,
        "attributes": dict(e.attributes),
    }


def evidence_entity(
    row: m.Evidence, measures: Sequence[str], organisations: Sequence[str]
) -> Evidence:
    return Evidence(
        id=row.key,
        text=row.text,
        source=row.source,
        date=partial_date(row.date),
        measures=tuple(measures),
        polarity=Polarity(row.polarity),
        weight=row.weight,
        organisations=tuple(organisations),
        confidential=row.confidential,
        attributes=_attributes(row.attributes),
    )


# -- the assessment -------------------------------------------------------------------------


def rating_fields(r: Rating) -> dict[str, Any]:
    return {
        "measure": r.measure,
        "position": r.position,
        "rationale": list(r.rationale),
        "assessor": r.assessor,
        **_date_pair("date", r.date),
        "attributes": dict(r.attributes),
    }


def rating_entity(row: m.Rating) -> Rating:
    return Rating(
        measure=row.measure,
        position=row.position,
        rationale=_strings(row.rationale),
        assessor=row.assessor,
        date=partial_date(row.date),
        attributes=_attributes(row.attributes),
    )


def recommendation_fields(r: Recommendation) -> dict[str, Any]:
    return {
        "key": r.id,
        "title": r.title,
        "text": r.text,
        "measures": list(r.measures),
        "owner": r.owner,
        "status": r.status,
        "attributes": dict(r.attributes),
    }


def recommendation_entity(row: m.Recommendation) -> Recommendation:
    return Recommendation(
        id=row.key,
        title=row.title,
        text=row.text,
        measures=_strings(row.measures),
        owner=row.owner,
        status=row.status,
        attributes=_attributes(row.attributes),
    )


def followup_fields(f: FollowUp) -> dict[str, Any]:
    """Fields of a follow-up; its recommendation is the caller's."""
    return {
        **_date_pair("date", f.date),
        "progress": f.progress.value,
        "notes": f.notes,
        "attributes": dict(f.attributes),
    }


def followup_entity(row: m.FollowUp, recommendation_keys: Mapping[int, str]) -> FollowUp:
    return FollowUp(
        recommendation=recommendation_keys[row.recommendation_id],
        date=partial_date(row.date),
        progress=Progress(row.progress),
        notes=row.notes,
        attributes=_attributes(row.attributes),
    )


# -- the plan -------------------------------------------------------------------------------


def action_update_fields(u: ActionUpdate) -> dict[str, Any]:
    """A dated status update as the JSON an action row keeps in ``updates``."""
    return {
        "date": date_text(u.date),
        "status": u.status.value if u.status is not None else "",
        "note": u.note,
        "attributes": dict(u.attributes),
    }


def action_update_entity(value: Mapping[str, Any]) -> ActionUpdate:
    date = partial_date(str(value["date"]))
    assert date is not None  # every update is dated
    status = str(value.get("status") or "")
    return ActionUpdate(
        date=date,
        status=ActionStatus(status) if status else None,
        note=str(value.get("note") or ""),
        attributes=_attributes(value.get("attributes") or {}),
    )


def action_fields(a: Action) -> dict[str, Any]:
    """Fields of an action; milestones, leads and recommendations are the caller's."""
    return {
        "ref": a.ref,
        "action": a.action,
        "theme": a.theme,
        "outcome": a.outcome,
        "status": a.status.value if a.status is not None else "",
        "measures": list(a.measures),
        "attributes": dict(a.attributes),
        "updates": [action_update_fields(u) for u in a.updates],
    }


def milestone_fields(milestone: Milestone) -> dict[str, Any]:
    return {"text": milestone.text, **_date_pair("due", milestone.due)}


def action_entity(
    row: m.Action,
    milestones: Sequence[m.Milestone],
    leads: Sequence[tuple[str, str | None]],
    recommendations: Sequence[str],
) -> Action:
    return Action(
        ref=row.ref,
        action=row.action,
        theme=row.theme,
        milestones=tuple(Milestone(x.text, partial_date(x.due)) for x in milestones),
        lead=tuple(Lead(name, organisation) for name, organisation in leads),
        outcome=row.outcome,
        status=ActionStatus(row.status) if row.status else None,
        measures=_strings(row.measures),
        recommendations=tuple(recommendations),
        attributes=_attributes(row.attributes),
        updates=tuple(action_update_entity(u) for u in row.updates or ()),
    )


def indicator_fields(i: Indicator) -> dict[str, Any]:
    return {
        "key": i.id,
        "name": i.name,
        "type": i.type,
        "unit": i.unit,
        "direction": i.direction.value if i.direction is not None else "",
        "responsible": i.responsible,
        "attributes": dict(i.attributes),
    }


def indicator_entity(row: m.Indicator) -> Indicator:
    return Indicator(
        id=row.key,
        name=row.name,
        type=row.type,
        unit=row.unit,
        direction=Direction(row.direction) if row.direction else None,
        responsible=row.responsible,
        attributes=_attributes(row.attributes),
    )


def observation_fields(o: Observation) -> dict[str, Any]:
    """Fields of an observation; its indicator is the caller's."""
    return {
        "period": o.period,
        "kind": o.kind.value,
        **_quantity_fields(o.value),
        "area": o.area,
        "breakdown": [list(pair) for pair in o.breakdown],
        "attributes": dict(o.attributes),
    }


def observation_entity(row: m.Observation, indicator_keys: Mapping[int, str]) -> Observation:
    return Observation(
        indicator=indicator_keys[row.indicator_id],
        period=row.period,
        kind=ObservationKind(row.kind),
        value=_quantity(row.value, row.qualifier, row.percent),
        area=row.area,
        breakdown=tuple((str(k), str(v)) for k, v in row.breakdown),
        attributes=_attributes(row.attributes),
    )


def tension_fields(t: TensionReport) -> dict[str, Any]:
    return {
        "date": date_text(t.date),
        "date_start": t.date.start(),
        "area": t.area,
        "reported_by": t.reported_by,
        "category": t.category,
        "severity": t.severity,
        "summary": t.summary,
        "attributes": dict(t.attributes),
    }


def tension_entity(row: m.TensionReport) -> TensionReport:
    date = partial_date(row.date)
    assert date is not None  # the column is required
    return TensionReport(
        date=date,
        area=row.area,
        reported_by=row.reported_by,
        category=row.category,
        severity=row.severity,
        summary=row.summary,
        attributes=_attributes(row.attributes),
    )
