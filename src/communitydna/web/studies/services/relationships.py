"""Relationships between a study's organisations: create and update."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from communitydna.snapshot import Relationship
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import relationship_value
from communitydna.web.studies.services._parts import changes, check_key, next_ordinal

__all__ = ["relationship_create", "relationship_update"]


def _ends(study: m.Study, value: Relationship) -> tuple[int, int, list[int]]:
    """The row ids of the two organisations and the evidence cited, checked."""
    errors: dict[str, str] = {}
    if not 1 <= value.strength <= 5:
        errors["strength"] = "strength is from 1 to 5"
    if value.source == value.target:
        errors["target"] = "a relationship needs two different organisations"
    if value.ends_before_it_begins:
        errors["until"] = f"the relationship ends before it begins ({value.since})"
    wanted = {value.source, value.target}
    found = dict(
        m.Organisation.objects.filter(study=study, key__in=wanted).values_list("key", "pk")
    )
    for name, key in (("source", value.source), ("target", value.target)):
        if key not in found:
            errors[name] = f"there is no organisation {key!r} in this study"
    cited = dict(
        m.Evidence.objects.filter(study=study, key__in=set(value.evidence)).values_list("key", "pk")
    )
    unknown = [e for e in value.evidence if e not in cited]
    if unknown:
        errors["evidence"] = "no such evidence in this study: " + ", ".join(unknown)
    if errors:
        raise ValidationError(errors)
    return found[value.source], found[value.target], [cited[e] for e in value.evidence]


def _cite(row: m.Relationship, evidence: list[int]) -> None:
    m.RelationshipEvidence.objects.filter(relationship=row).delete()
    m.RelationshipEvidence.objects.bulk_create(
        m.RelationshipEvidence(relationship=row, evidence_id=pk, ordinal=i)
        for i, pk in enumerate(evidence)
    )


def relationship_create(
    *, study: m.Study, relationship: Relationship, user: User | None
) -> m.Relationship:
    """Add a relationship between two organisations of the study.

    Parameters
    ----------
    study : Study
    relationship : communitydna.snapshot.Relationship
        Its fields; ``source``, ``target`` and ``evidence`` are ids (keys) in the study, and
        an empty ``id`` is numbered after the others (``R0042``).
    user : User or None
        Must be allowed to edit the study.

    Returns
    -------
    Relationship

    Raises
    ------
    django.core.exceptions.ValidationError
        For an unknown organisation or evidence, a strength off 1–5, an organisation tied
        to itself, an end before the start, or a used id.
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    fields = convert.relationship_fields(relationship)
    with transaction.atomic():
        source, target, evidence = _ends(study, relationship)
        ordinal = next_ordinal(study.relationships.all())
        if not relationship.id:
            fields["key"] = _numbered(study, ordinal)
        check_key(m.Relationship, study, fields["key"])
        row = m.Relationship.objects.create(
            study=study, ordinal=ordinal, source_id=source, target_id=target, **fields
        )
        _cite(row, evidence)
        audit_record(
            action="relationship.created",
            actor=user,
            study=study,
            target=row.key,
            data={
                **fields,
                "source": relationship.source,
                "target": relationship.target,
                "evidence": list(relationship.evidence),
            },
        )
    return row


def relationship_update(
    *, relationship: m.Relationship, value: Relationship, user: User | None
) -> m.Relationship:
    """Change a relationship's fields, its ends and the evidence it cites.

    Parameters
    ----------
    relationship : Relationship
        The row to change.
    value : communitydna.snapshot.Relationship
        Its new fields, all of them.
    user : User or None
        Must be allowed to edit the study.

    Returns
    -------
    Relationship

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    study = relationship.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    after = convert.relationship_fields(value)
    with transaction.atomic():
        source, target, evidence = _ends(study, value)
        check_key(m.Relationship, study, after["key"], exclude=relationship.pk)
        old = relationship_value(relationship)
        before = {
            **convert.relationship_fields(old),
            "source": old.source,
            "target": old.target,
            "evidence": list(old.evidence),
        }
        for name, field_value in after.items():
            setattr(relationship, name, field_value)
        relationship.source_id = source
        relationship.target_id = target
        relationship.save()
        _cite(relationship, evidence)
        audit_record(
            action="relationship.updated",
            actor=user,
            study=study,
            target=relationship.key,
            data=changes(
                before,
                {
                    **after,
                    "source": value.source,
                    "target": value.target,
                    "evidence": list(value.evidence),
                },
            ),
        )
    return relationship


def _numbered(study: m.Study, ordinal: int) -> str:
    n = ordinal + 1
    taken = set(study.relationships.values_list("key", flat=True))
    while f"R{n:04d}" in taken:
        n += 1
    return f"R{n:04d}"
