"""Reading the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from communitydna.web.audit.models import AuditEvent

if TYPE_CHECKING:
    from communitydna.web.studies.models import Study

__all__ = ["audit_events_of_study"]


def audit_events_of_study(study: Study) -> QuerySet[AuditEvent]:
    """The study's audit log, newest first.

    Parameters
    ----------
    study : Study

    Returns
    -------
    QuerySet of AuditEvent
    """
    return AuditEvent.objects.filter(study=study).select_related("actor")
