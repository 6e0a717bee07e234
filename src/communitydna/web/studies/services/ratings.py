"""Rating the measures and the place overall, with every change kept."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from communitydna.framework import MEASURE_KEYS, OVERALL
from communitydna.snapshot import PartialDate
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.errors import RatingConflict

__all__ = ["overall_set", "rating_set"]


def rating_set(
    *,
    study: m.Study,
    measure: str,
    position: int | None,
    rationale: Sequence[str],
    user: User | None,
    reason: str,
    expected_version: int | None = None,
) -> m.Rating:
    """Rate a measure (or ``overall``) and record the change: who, when, from, to, why.

    Parameters
    ----------
    study : Study
    measure : str
        A measure key, or ``"overall"`` for the overall assessment.
    position : int or None
        1–7 on the scale; ``None`` clears the rating.
    rationale : sequence of str
        The points that argue the rating, one per item (blank items are dropped).
    user : User or None
        Who rates: an owner or assessor of the workspace. They become the rating's assessor
        and today its date. ``None`` is the command line and keeps the assessor.
    reason : str
        Why the rating changed, kept in its history.
    expected_version : int, optional
        The version the person started from (``0`` for a measure not yet rated). If the
        rating has moved on since, nothing is saved and :class:`RatingConflict` is raised.

    Returns
    -------
    Rating
        Saved, with ``version`` one higher; unchanged (and no history row) if neither the
        position nor the rationale differs.

    Raises
    ------
    django.core.exceptions.ValidationError
        For an unknown measure or a position off the scale.
    django.core.exceptions.PermissionDenied
        If the user may not rate in this workspace.
    RatingConflict
        If ``expected_version`` is not the current version.
    """
    if measure != OVERALL and measure not in MEASURE_KEYS:
        raise ValidationError({"measure": f"{measure!r} is not a measure"})
    if position is not None and not 1 <= position <= 7:
        raise ValidationError({"position": "a rating is a position from 1 to 7"})
    require(user, Capability.RATE, study.workspace_id)
    points = [str(point).strip() for point in rationale if str(point).strip()]

    with transaction.atomic():
        rating = m.Rating.objects.select_for_update().filter(study=study, measure=measure).first()
        current_version = rating.version if rating is not None else 0
        if expected_version is not None and expected_version != current_version:
            raise RatingConflict(rating)
        if rating is None:
            rating = m.Rating(study=study, measure=measure, version=0, ordinal=_next(study))
        before_position, before_rationale = rating.position, list(rating.rationale)
        if rating.pk is not None and (before_position, before_rationale) == (position, points):
            return rating

        now = timezone.now()
        today = PartialDate.from_date(timezone.localdate(now))
        rating.position = position
        rating.rationale = points
        rating.version += 1
        rating.updated_at = now
        rating.updated_by = user
        if user is not None:
            rating.assessor = user.get_full_name()
        rating.date = convert.date_text(today)
        rating.date_start = convert.date_start(today)
        rating.save()
        m.RatingChange.objects.create(
            study=study,
            rating=rating,
            measure=measure,
            at=now,
            by=user,
            by_label=user.email if user is not None else "",
            position_before=before_position,
            position_after=position,
            rationale_before=before_rationale,
            rationale_after=points,
            reason=reason,
            version=rating.version,
        )
        audit_record(
            action="rating.set",
            actor=user,
            study=study,
            target=measure,
            data={
                "position": [before_position, position],
                "rationale": [before_rationale, points],
                "reason": reason,
                "version": rating.version,
            },
        )
    return rating


def overall_set(
    *,
    study: m.Study,
    position: int | None,
    rationale: Sequence[str],
    user: User | None,
    reason: str,
    expected_version: int | None = None,
) -> m.Rating:
    """Set the overall assessment of the place; :func:`rating_set` with ``measure="overall"``.

    Parameters
    ----------
    study, position, rationale, user, reason, expected_version
        As for :func:`rating_set`.

    Returns
    -------
    Rating

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied,
    RatingConflict
    """
    return rating_set(
        study=study,
        measure=OVERALL,
        position=position,
        rationale=rationale,
        user=user,
        reason=reason,
        expected_version=expected_version,
    )


def _next(study: m.Study) -> int:
    highest = m.Rating.objects.filter(study=study).aggregate(n=Max("ordinal"))["n"]
    return 0 if highest is None else highest + 1
