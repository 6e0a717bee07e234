"""Organisations: create, update, and merge duplicates."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from communitydna.snapshot import Organisation
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.services._parts import changes, check_key, next_ordinal, unused_key

__all__ = ["organisation_create", "organisation_merge", "organisation_update"]


def _check(value: Organisation) -> None:
    if not value.name.strip():
        raise ValidationError({"name": "an organisation needs a name"})


def organisation_create(
    *, study: m.Study, organisation: Organisation, user: User | None
) -> m.Organisation:
    """Add an organisation to a study's map.

    Parameters
    ----------
    study : Study
    organisation : communitydna.snapshot.Organisation
        Its fields; an empty ``id`` is made from the name.
    user : User or None
        Must be allowed to edit the study (owner, assessor, contributor).

    Returns
    -------
    Organisation
        The new row, last in the study's order.

    Raises
    ------
    django.core.exceptions.ValidationError
        For a blank name, or an id that is too long or already used.
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    _check(organisation)
    fields = convert.organisation_fields(organisation)
    with transaction.atomic():
        if not organisation.id:
            fields["key"] = unused_key(m.Organisation, study, organisation.name, "organisation")
        check_key(m.Organisation, study, fields["key"])
        row = m.Organisation.objects.create(
            study=study, ordinal=next_ordinal(study.organisations.all()), **fields
        )
        audit_record(
            action="organisation.created", actor=user, study=study, target=row.key, data=fields
        )
    return row


def organisation_update(
    *, organisation: m.Organisation, value: Organisation, user: User | None
) -> m.Organisation:
    """Change an organisation's fields (its id too: links follow, being by row).

    Parameters
    ----------
    organisation : Organisation
        The row to change.
    value : communitydna.snapshot.Organisation
        Its new fields, all of them.
    user : User or None
        Must be allowed to edit the study.

    Returns
    -------
    Organisation

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    study = organisation.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    _check(value)
    after = convert.organisation_fields(value)
    with transaction.atomic():
        check_key(m.Organisation, study, after["key"], exclude=organisation.pk)
        before = convert.organisation_fields(convert.organisation_entity(organisation))
        for name, field_value in after.items():
            setattr(organisation, name, field_value)
        organisation.save()
        audit_record(
            action="organisation.updated",
            actor=user,
            study=study,
            target=organisation.key,
            data=changes(before, after),
        )
    return organisation


def organisation_merge(
    *, survivor: m.Organisation, duplicate: m.Organisation, user: User | None
) -> m.Organisation:
    """Merge a duplicate organisation into the one that survives.

    The duplicate's relationships, evidence links and action leads move to the survivor; a
    relationship between the two would tie the survivor to itself, so it is removed. The
    survivor's blank fields are filled from the duplicate, its ``led_by`` list and its
    attributes gain the duplicate's, and the duplicate is deleted. The audit log keeps the
    duplicate whole, and the keys of any relationship removed.

    Parameters
    ----------
    survivor, duplicate : Organisation
        Two different organisations of the same study.
    user : User or None
        Must be allowed to edit the study.

    Returns
    -------
    Organisation
        The survivor, saved.

    Raises
    ------
    django.core.exceptions.ValidationError
        If they are the same organisation or belong to different studies.
    django.core.exceptions.PermissionDenied
    """
    if survivor.pk == duplicate.pk:
        raise ValidationError("an organisation cannot be merged into itself")
    if survivor.study_id != duplicate.study_id:
        raise ValidationError("only organisations of the same study can be merged")
    study = survivor.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)

    with transaction.atomic():
        kept = convert.organisation_entity(duplicate)
        between = m.Relationship.objects.filter(
            Q(source=duplicate, target=survivor) | Q(source=survivor, target=duplicate)
        )
        dropped = sorted(between.values_list("key", flat=True))
        between.delete()
        moved = m.Relationship.objects.filter(source=duplicate).update(source=survivor)
        moved += m.Relationship.objects.filter(target=duplicate).update(target=survivor)

        already = set(
            m.EvidenceOrganisation.objects.filter(organisation=survivor).values_list(
                "evidence_id", flat=True
            )
        )
        links = m.EvidenceOrganisation.objects.filter(organisation=duplicate)
        links.filter(evidence_id__in=already).delete()
        evidence_moved = links.update(organisation=survivor)
        leads_moved = m.Lead.objects.filter(organisation=duplicate).update(organisation=survivor)

        for name in ("type", "ward", "postcode", "identifier", "size", "notes"):
            if not getattr(survivor, name):
                setattr(survivor, name, getattr(duplicate, name))
        survivor.led_by = list(dict.fromkeys([*survivor.led_by, *duplicate.led_by]))
        survivor.attributes = {**duplicate.attributes, **survivor.attributes}
        survivor.save()
        duplicate.delete()
        audit_record(
            action="organisation.merged",
            actor=user,
            study=study,
            target=survivor.key,
            data={
                "duplicate": convert.organisation_fields(kept),
                "relationships_moved": moved,
                "relationships_removed": dropped,
                "evidence_moved": evidence_moved,
                "leads_moved": leads_moved,
            },
        )
    return survivor
