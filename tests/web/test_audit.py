"""The audit log is written in the transaction of the change it records."""

from __future__ import annotations

import pytest
from django.db import transaction

from communitydna.web.audit.models import AuditEvent
from communitydna.web.audit.selectors import audit_events_of_study
from communitydna.web.audit.services import audit_record
from communitydna.web.studies.services import study_delete

from .support import Cast


@pytest.mark.django_db(transaction=True)
def test_an_audit_row_cannot_be_written_outside_a_transaction() -> None:
    with pytest.raises(transaction.TransactionManagementError):
        audit_record(action="test.outside", actor=None)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_the_log_outlives_the_study_it_speaks_of(cast: Cast) -> None:
    name, study_id = cast.study.name, cast.study.pk
    assert audit_events_of_study(cast.study).count() == 1
    study_delete(study=cast.study, user=cast.owner)
    deleted = AuditEvent.objects.get(action="study.deleted")
    assert (deleted.study, deleted.study_label, deleted.data) == (
        None,
        name,
        {"study_id": study_id},
    )
    assert deleted.workspace == cast.workspace
    assert deleted.actor_label == "owner@example.org"
