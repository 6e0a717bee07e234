"""Evidence: create and update, with its coding to measures and its organisations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from communitydna.framework import MEASURE_KEYS
from communitydna.snapshot import Evidence
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import evidence_value
from communitydna.web.studies.services._parts import changes, check_key, next_ordinal

__all__ = ["evidence_create", "evidence_update"]


def _links(study: m.Study, value: Evidence) -> list[int]:
    """The row ids of the organisations the evidence names, after checking every field."""
    errors: dict[str, str] = {}
    if not 1 <= value.weight <= 3:
        errors["weight"] = "weight is from 1 to 3"
    unknown_measures = [k for k in value.measures if k not in MEASURE_KEYS]
    if unknown_measures:
        errors["measures"] = "not measures: " + ", ".join(unknown_measures)
    found = dict(
        m.Organisation.objects.filter(study=study, key__in=set(value.organisations)).values_list(
            "key", "pk"
        )
    )
    unknown = [o for o in value.organisations if o not in found]
    if unknown:
        errors["organisations"] = "no such organisation in this study: " + ", ".join(unknown)
    if errors:
        raise ValidationError(errors)
    return [found[o] for o in value.organisations]


def _code(row: m.Evidence, value: Evidence, organisations: list[int]) -> None:
    m.EvidenceMeasure.objects.filter(evidence=row).delete()
    m.EvidenceMeasure.objects.bulk_create(
        m.EvidenceMeasure(evidence=row, measure=k, ordinal=i) for i, k in enumerate(value.measures)
    )
    m.EvidenceOrganisation.objects.filter(evidence=row).delete()
    m.EvidenceOrganisation.objects.bulk_create(
        m.EvidenceOrganisation(evidence=row, organisation_id=pk, ordinal=i)
        for i, pk in enumerate(organisations)
    )


def _audit_view(value: Evidence) -> dict[str, object]:
    return {
        **convert.evidence_fields(value),
        "measures": list(value.measures),
        "organisations": list(value.organisations),
    }


def evidence_create(*, study: m.Study, evidence: Evidence, user: User | None) -> m.Evidence:
    """Add a piece of evidence, coded to measures and linked to organisations.

    Parameters
    ----------
    study : Study
    evidence : communitydna.snapshot.Evidence
        Its fields; ``measures`` are measure keys, ``organisations`` ids in the study, and
        an empty ``id`` is numbered after the others (``E0042``).
    user : User or None
        Must be allowed to edit the study.

    Returns
    -------
    Evidence

    Raises
    ------
    django.core.exceptions.ValidationError
        For an unknown measure or organisation, a weight off 1–3, or a used id.
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    fields = convert.evidence_fields(evidence)
    with transaction.atomic():
        organisations = _links(study, evidence)
        ordinal = next_ordinal(study.evidence.all())
        if not evidence.id:
            fields["key"] = _numbered(study, ordinal)
        check_key(m.Evidence, study, fields["key"])
        row = m.Evidence.objects.create(study=study, ordinal=ordinal, **fields)
        _code(row, evidence, organisations)
        audit_record(
            action="evidence.created",
            actor=user,
            study=study,
            target=row.key,
            data={**_audit_view(evidence), "key": row.key},
        )
    return row


def evidence_update(*, evidence: m.Evidence, value: Evidence, user: User | None) -> m.Evidence:
    """Change a piece of evidence, its coding and its organisations.

    Parameters
    ----------
    evidence : Evidence
        The row to change.
    value : communitydna.snapshot.Evidence
        Its new fields, all of them.
    user : User or None
        Must be allowed to edit the study.

    Returns
    -------
    Evidence

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    study = evidence.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    with transaction.atomic():
        organisations = _links(study, value)
        check_key(m.Evidence, study, value.id, exclude=evidence.pk)
        before = _audit_view(evidence_value(evidence))
        for name, field_value in convert.evidence_fields(value).items():
            setattr(evidence, name, field_value)
        evidence.save()
        _code(evidence, value, organisations)
        audit_record(
            action="evidence.updated",
            actor=user,
            study=study,
            target=evidence.key,
            data=changes(before, _audit_view(value)),
        )
    return evidence


def _numbered(study: m.Study, ordinal: int) -> str:
    n = ordinal + 1
    taken = set(study.evidence.values_list("key", flat=True))
    while f"E{n:04d}" in taken:
        n += 1
    return f"E{n:04d}"
