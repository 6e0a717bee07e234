"""An import commits whole or changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DataError

from communitydna.demo import demo_snapshot
from communitydna.framework import Sector
from communitydna.snapshot import Organisation, Place, Snapshot
from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.errors import StudyImportError
from communitydna.web.studies.services import study_import

from .support import Cast

TABLES = (
    m.Study,
    m.Organisation,
    m.Relationship,
    m.RelationshipEvidence,
    m.Evidence,
    m.EvidenceMeasure,
    m.EvidenceOrganisation,
    m.Rating,
    m.RatingChange,
    m.Recommendation,
    m.FollowUp,
    m.Action,
    m.Milestone,
    m.Lead,
    m.ActionRecommendation,
    m.Indicator,
    m.Observation,
    m.TensionReport,
    AuditEvent,
)


def _rows() -> dict[str, int]:
    return {table.__name__: table.objects.count() for table in TABLES}


def _fail_at_the_tension_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    """Break the import at its last table, after every other row has been written."""

    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise DataError("the disk is full")

    monkeypatch.setattr(convert, "tension_fields", broken)


@pytest.mark.django_db
def test_a_failure_mid_import_leaves_nothing_behind(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _rows()
    _fail_at_the_tension_reports(monkeypatch)
    with pytest.raises(StudyImportError, match="the disk is full"):
        study_import(workspace=cast.workspace, snapshot=demo_snapshot(), user=cast.owner)
    assert _rows() == before


@pytest.mark.django_db(transaction=True)
def test_a_failure_mid_import_rolls_the_real_transaction_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from communitydna.web.accounts.services import workspace_create

    workspace = workspace_create(name="Committed", user=None)
    before = _rows()
    _fail_at_the_tension_reports(monkeypatch)
    with pytest.raises(StudyImportError):
        study_import(workspace=workspace, snapshot=demo_snapshot(), user=None)
    assert _rows() == before
    assert m.Study.objects.count() == 0


@pytest.mark.django_db
def test_an_id_too_long_for_the_database_is_refused_before_anything_is_written(
    cast: Cast,
) -> None:
    before = _rows()
    snapshot = Snapshot(
        place=Place("Northgate"),
        organisations=(Organisation("x" * 256, "Too long", Sector.PUBLIC),),
    )
    with pytest.raises(StudyImportError, match="longer than 255 characters"):
        study_import(workspace=cast.workspace, snapshot=snapshot, user=cast.owner)
    assert _rows() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["contributor", "viewer", "outsider"])
def test_only_owners_and_assessors_may_import(cast: Cast, role: str) -> None:
    before = _rows()
    with pytest.raises(PermissionDenied):
        study_import(workspace=cast.workspace, snapshot=demo_snapshot(), user=cast.by_role(role))
    assert _rows() == before


@pytest.mark.django_db
def test_an_import_is_recorded_in_the_audit_log_with_its_counts(cast: Cast) -> None:
    study = study_import(workspace=cast.workspace, snapshot=demo_snapshot(), user=cast.assessor)
    event = AuditEvent.objects.get(action="study.imported", study=study)
    assert event.actor == cast.assessor
    assert event.workspace == cast.workspace
    assert event.data["counts"] == demo_snapshot().counts()
