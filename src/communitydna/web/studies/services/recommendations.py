"""Recommendations (ways forward) and the follow-ups that record what became of them."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from communitydna.framework import MEASURE_KEYS
from communitydna.snapshot import PartialDate, Progress
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.services._parts import changes, check_key, next_ordinal, unused_key

__all__ = ["followup_add", "recommendation_create", "recommendation_update"]

_PROGRESS = frozenset(p.value for p in Progress)


def _fields(
    *, title: str, text: str, measures: Sequence[str], owner: str, status: str
) -> dict[str, object]:
    """The checked fields of a recommendation, as stored."""
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "a recommendation needs a title"
    unknown = [k for k in measures if k not in MEASURE_KEYS]
    if unknown:
        errors["measures"] = "not measures: " + ", ".join(unknown)
    if errors:
        raise ValidationError(errors)
    return {
        "title": title.strip(),
        "text": text.strip(),
        "measures": list(dict.fromkeys(measures)),
        "owner": owner.strip(),
        "status": status.strip(),
    }


def recommendation_create(
    *,
    study: m.Study,
    title: str,
    text: str = "",
    measures: Sequence[str] = (),
    owner: str = "",
    status: str = "",
    key: str = "",
    user: User | None,
) -> m.Recommendation:
    """Add a recommendation tied to the measures it addresses.

    Parameters
    ----------
    study : Study
    title, text, owner, status : str
        ``title`` is required.
    measures : sequence of str
        Measure keys.
    key : str, optional
        Its id in the study; blank makes one from the title.
    user : User or None
        Must be allowed to rate in the workspace (owner or assessor).

    Returns
    -------
    Recommendation

    Raises
    ------
    django.core.exceptions.ValidationError
        For a blank title, an unknown measure or a used id.
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.RATE, study.workspace_id)
    fields = _fields(title=title, text=text, measures=measures, owner=owner, status=status)
    with transaction.atomic():
        key = key.strip() or unused_key(m.Recommendation, study, str(fields["title"]), "R")
        check_key(m.Recommendation, study, key)
        row = m.Recommendation.objects.create(
            study=study, key=key, ordinal=next_ordinal(study.recommendations.all()), **fields
        )
        audit_record(
            action="recommendation.created",
            actor=user,
            study=study,
            target=key,
            data={**fields, "key": key},
        )
    return row


def recommendation_update(
    *,
    recommendation: m.Recommendation,
    title: str,
    text: str,
    measures: Sequence[str],
    owner: str,
    status: str,
    user: User | None,
) -> m.Recommendation:
    """Change a recommendation's fields, all of them.

    Parameters
    ----------
    recommendation : Recommendation
    title, text, measures, owner, status
        As for :func:`recommendation_create`.
    user : User or None
        Must be allowed to rate in the workspace.

    Returns
    -------
    Recommendation

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    study = recommendation.study
    require(user, Capability.RATE, study.workspace_id)
    fields = _fields(title=title, text=text, measures=measures, owner=owner, status=status)
    with transaction.atomic():
        before = {name: getattr(recommendation, name) for name in fields}
        for name, value in fields.items():
            setattr(recommendation, name, value)
        recommendation.save()
        audit_record(
            action="recommendation.updated",
            actor=user,
            study=study,
            target=recommendation.key,
            data=changes(before, fields),
        )
    return recommendation


def followup_add(
    *,
    recommendation: m.Recommendation,
    date: PartialDate | None,
    progress: str,
    notes: str = "",
    user: User | None,
) -> m.FollowUp:
    """Record what became of a recommendation by a date.

    Parameters
    ----------
    recommendation : Recommendation
    date : PartialDate or None
    progress : str
        ``not started``, ``in progress``, ``done`` or ``dropped``.
    notes : str
    user : User or None
        Must be allowed to edit the study (owner, assessor or contributor).

    Returns
    -------
    FollowUp

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    study = recommendation.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    if progress not in _PROGRESS:
        raise ValidationError({"progress": f"progress is one of {', '.join(sorted(_PROGRESS))}"})
    with transaction.atomic():
        row = m.FollowUp.objects.create(
            study=study,
            recommendation=recommendation,
            ordinal=next_ordinal(study.followups.all()),
            date=convert.date_text(date),
            date_start=convert.date_start(date),
            progress=progress,
            notes=notes.strip(),
        )
        audit_record(
            action="followup.added",
            actor=user,
            study=study,
            target=recommendation.key,
            data={"date": convert.date_text(date), "progress": progress, "notes": row.notes},
        )
    return row
