"""A study in and out: from a snapshot into the database whole, and out to a workbook."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from django.db import DatabaseError, models, transaction
from django.utils import timezone

from communitydna.framework import OVERALL
from communitydna.snapshot import Snapshot
from communitydna.web.accounts.models import User, Workspace
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.errors import StudyImportError
from communitydna.web.studies.models.base import KEY_LENGTH

__all__ = ["study_delete", "study_export", "study_import"]

_BATCH = 2000
_NAME_LENGTH = m.Study._meta.get_field("name").max_length or 300

Row = TypeVar("Row", bound=models.Model)


def study_import(
    *, workspace: Workspace, snapshot: Snapshot, user: User | None, name: str | None = None
) -> m.Study:
    """Store a snapshot as a new study of the workspace: all of it, or nothing.

    Parameters
    ----------
    workspace : Workspace
    snapshot : Snapshot
        Already consistent (a snapshot that exists is); ``study_to_snapshot`` of the new
        study gives it back equal.
    user : User or None
        Who imports; they must be allowed to create studies in the workspace. ``None`` is
        the command line.
    name : str, optional
        The study's name; the place's name by default.

    Returns
    -------
    Study

    Raises
    ------
    StudyImportError
        If something does not fit the database (an id longer than 255 characters, text the
        database refuses); no row of the study is left behind.
    django.core.exceptions.PermissionDenied
        If the user may not create studies in the workspace.
    """
    require(user, Capability.CREATE_STUDY, workspace)
    problems = _too_long(snapshot)
    if problems:
        raise StudyImportError(problems)
    study_name = (name or snapshot.place.name).strip()[:_NAME_LENGTH] or "Untitled study"
    try:
        with transaction.atomic():
            study = m.Study.objects.create(
                workspace=workspace,
                name=study_name,
                created_by=user,
                **convert.place_fields(snapshot.place),
            )
            _store_parts(study, snapshot, user)
            audit_record(
                action="study.imported",
                actor=user,
                workspace=workspace,
                study=study,
                target=study.name,
                data={"counts": snapshot.counts()},
            )
    except DatabaseError as exc:
        raise StudyImportError([f"the database refused the study: {exc}"]) from exc
    return study


def study_export(*, study: m.Study, path: str | Path, user: User | None) -> Path:
    """Write the study as a workbook (``.xlsx``) or a folder of ``.csv`` files.

    Parameters
    ----------
    study : Study
    path : str or Path
        A ``.xlsx`` file name, or a folder.
    user : User or None
        Who exports; any member of the workspace may. ``None`` is the command line. Tension
        reports are left out for members who may not see them.

    Returns
    -------
    Path
        Where the study was written.

    Raises
    ------
    django.core.exceptions.PermissionDenied
    ValueError, OSError
        From :func:`communitydna.io.write_study`.
    """
    from communitydna.io import write_study
    from communitydna.web.studies.visibility import snapshot_for

    require(user, Capability.EXPORT_STUDY, study.workspace_id)
    target = Path(path)
    write_study(snapshot_for(study, user), target)
    with transaction.atomic():
        audit_record(action="study.exported", actor=user, study=study, target=str(target.name))
    return target


def study_delete(*, study: m.Study, user: User | None) -> None:
    """Delete a study and everything in it; the audit log keeps a row saying so.

    Parameters
    ----------
    study : Study
    user : User or None
        Must be an owner of the study's workspace; ``None`` is the command line.

    Raises
    ------
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.DELETE_STUDY, study.workspace_id)
    with transaction.atomic():
        audit_record(
            action="study.deleted",
            actor=user,
            study=study,
            target=study.name,
            data={"study_id": study.pk},
        )
        study.delete()


# -- the parts ------------------------------------------------------------------------------


def _too_long(snapshot: Snapshot) -> list[str]:
    keyed: list[tuple[str, Sequence[Any]]] = [
        ("organisation", snapshot.organisations),
        ("relationship", snapshot.relationships),
        ("evidence", snapshot.evidence),
        ("recommendation", snapshot.recommendations),
        ("indicator", snapshot.indicators),
    ]
    return [
        f"{kind} id {item.id[:40]!r}… is longer than {KEY_LENGTH} characters"
        for kind, items in keyed
        for item in items
        if len(item.id) > KEY_LENGTH
    ]


def _create(rows: list[Row]) -> list[Row]:
    if not rows:
        return rows
    model: type[Row] = type(rows[0])
    return model._default_manager.bulk_create(rows, batch_size=_BATCH)


def _store_parts(study: m.Study, s: Snapshot, user: User | None) -> None:
    """Create every row of a snapshot under ``study``, keeping the snapshot's order."""
    organisations = _create(
        [
            m.Organisation(study=study, ordinal=i, **convert.organisation_fields(o))
            for i, o in enumerate(s.organisations)
        ]
    )
    organisation_pk = {o.key: o.pk for o in organisations}

    evidence = _create(
        [
            m.Evidence(study=study, ordinal=i, **convert.evidence_fields(e))
            for i, e in enumerate(s.evidence)
        ]
    )
    evidence_pk = {e.key: e.pk for e in evidence}
    _create(
        [
            m.EvidenceMeasure(evidence_id=evidence_pk[e.id], measure=measure, ordinal=j)
            for e in s.evidence
            for j, measure in enumerate(e.measures)
        ]
    )
    _create(
        [
            m.EvidenceOrganisation(
                evidence_id=evidence_pk[e.id], organisation_id=organisation_pk[o], ordinal=j
            )
            for e in s.evidence
            for j, o in enumerate(e.organisations)
        ]
    )

    relationships = _create(
        [
            m.Relationship(
                study=study,
                ordinal=i,
                source_id=organisation_pk[r.source],
                target_id=organisation_pk[r.target],
                **convert.relationship_fields(r),
            )
            for i, r in enumerate(s.relationships)
        ]
    )
    _create(
        [
            m.RelationshipEvidence(relationship_id=row.pk, evidence_id=evidence_pk[e], ordinal=j)
            for row, r in zip(relationships, s.relationships, strict=True)
            for j, e in enumerate(r.evidence)
        ]
    )

    now = timezone.now()
    rated = [*s.ratings, *((s.overall,) if s.overall is not None else ())]
    ratings = _create(
        [
            m.Rating(
                study=study,
                ordinal=i if r.measure != OVERALL else 0,
                updated_at=now,
                updated_by=user,
                **convert.rating_fields(r),
            )
            for i, r in enumerate(rated)
        ]
    )
    # The history of each rating starts with the import.
    _create(
        [
            m.RatingChange(
                study=study,
                rating_id=row.pk,
                measure=row.measure,
                at=now,
                by=user,
                by_label=user.email if user is not None else "",
                position_after=row.position,
                rationale_after=row.rationale,
                reason="imported",
                version=row.version,
            )
            for row in ratings
        ]
    )

    recommendations = _create(
        [
            m.Recommendation(study=study, ordinal=i, **convert.recommendation_fields(r))
            for i, r in enumerate(s.recommendations)
        ]
    )
    recommendation_pk = {r.key: r.pk for r in recommendations}
    _create(
        [
            m.FollowUp(
                study=study,
                ordinal=i,
                recommendation_id=recommendation_pk[f.recommendation],
                **convert.followup_fields(f),
            )
            for i, f in enumerate(s.followups)
        ]
    )

    actions = _create(
        [
            m.Action(study=study, ordinal=i, **convert.action_fields(a))
            for i, a in enumerate(s.actions)
        ]
    )
    pairs = list(zip(actions, s.actions, strict=True))
    _create(
        [
            m.Milestone(action_id=row.pk, ordinal=j, **convert.milestone_fields(milestone))
            for row, a in pairs
            for j, milestone in enumerate(a.milestones)
        ]
    )
    _create(
        [
            m.Lead(
                action_id=row.pk,
                ordinal=j,
                name=lead.name,
                organisation_id=(
                    organisation_pk[lead.organisation] if lead.organisation is not None else None
                ),
            )
            for row, a in pairs
            for j, lead in enumerate(a.lead)
        ]
    )
    _create(
        [
            m.ActionRecommendation(
                action_id=row.pk, recommendation_id=recommendation_pk[key], ordinal=j
            )
            for row, a in pairs
            for j, key in enumerate(a.recommendations)
        ]
    )

    indicators = _create(
        [
            m.Indicator(study=study, ordinal=i, **convert.indicator_fields(x))
            for i, x in enumerate(s.indicators)
        ]
    )
    indicator_pk = {x.key: x.pk for x in indicators}
    _create(
        [
            m.Observation(
                study=study,
                ordinal=i,
                indicator_id=indicator_pk[o.indicator],
                **convert.observation_fields(o),
            )
            for i, o in enumerate(s.observations)
        ]
    )
    _create(
        [
            m.TensionReport(study=study, ordinal=i, **convert.tension_fields(t))
            for i, t in enumerate(s.tensions)
        ]
    )
