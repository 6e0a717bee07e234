"""Starting the next round of a study."""

from __future__ import annotations

import dataclasses

from django.db import transaction

from communitydna.snapshot import Snapshot
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.rounds.models import RoundLink
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_to_snapshot
from communitydna.web.studies.services import study_import

__all__ = ["round_number", "round_snapshot", "round_start"]


def round_number(study: m.Study) -> int:
    """The study's round: 1 unless it was started from another study."""
    link = RoundLink.objects.filter(study=study).values_list("number", flat=True).first()
    return link or 1


def round_snapshot(previous: Snapshot) -> Snapshot:
    """What a new round of a place starts from.

    Carried over: the place (without its date and assessors, which belong to the new
    round), organisations, relationships (without links to evidence, which is not carried),
    indicators and their observations, so the series goes on. Left empty: evidence, ratings,
    the overall assessment, recommendations and their follow-ups, the action plan, tension
    reports.

    >>> from communitydna.demo import demo_snapshot
    >>> first = demo_snapshot()
    >>> second = round_snapshot(first)
    >>> (len(second.organisations), len(second.relationships)) == (
    ...     len(first.organisations), len(first.relationships))
    True
    >>> second.ratings, second.evidence, second.overall, second.actions
    ((), (), None, ())
    >>> len(second.observations) == len(first.observations)
    True
    """
    place = dataclasses.replace(previous.place, date=None, assessors=())
    relationships = tuple(dataclasses.replace(r, evidence=()) for r in previous.relationships)
    return Snapshot(
        place=place,
        organisations=previous.organisations,
        relationships=relationships,
        indicators=previous.indicators,
        observations=previous.observations,
    )


def round_start(*, study: m.Study, user: User | None, name: str = "") -> m.Study:
    """Start the next round of ``study``'s place: a new study in the same workspace.

    Parameters
    ----------
    study : Study
        The round to start from.
    user : User or None
        Must be allowed to create studies in the workspace.
    name : str, optional
        Default: the place's name and the round's number.

    Returns
    -------
    Study
        The new round; :func:`round_number` gives its number.

    Raises
    ------
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.CREATE_STUDY, study.workspace_id)
    number = round_number(study) + 1
    with transaction.atomic():
        new = study_import(
            workspace=study.workspace,
            snapshot=round_snapshot(study_to_snapshot(study)),
            user=user,
            name=name.strip() or f"{study.place_name}, round {number}",
        )
        RoundLink.objects.create(study=new, previous=study, number=number, created_by=user)
        audit_record(
            action="study.round_started",
            actor=user,
            study=new,
            target=new.name,
            data={"previous": study.pk, "number": number},
        )
    return new
