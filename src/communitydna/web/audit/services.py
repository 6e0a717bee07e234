"""Writing the audit log. Called by every service, inside its transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from communitydna.web.audit.models import AuditEvent

if TYPE_CHECKING:
    from communitydna.web.accounts.models import User, Workspace
    from communitydna.web.studies.models import Study

__all__ = ["audit_record"]


def audit_record(
    *,
    action: str,
    actor: User | None,
    workspace: Workspace | None = None,
    study: Study | None = None,
    target: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record one change in the audit log.

    Parameters
    ----------
    action : str
        What happened, as ``<noun>.<verb>``: ``rating.set``, ``organisation.merged``.
    actor : User or None
        Who did it; ``None`` is the operator at the command line.
    workspace, study
        Where it happened (the study's workspace is filled in from the study).
    target : str
        What was changed, in words or by key.
    data : dict
        Details, JSON-serialisable: the values before and after, a reason.

    Returns
    -------
    AuditEvent

    Raises
    ------
    django.db.transaction.TransactionManagementError
        Outside a transaction: an audit row must commit or roll back with its change.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            "audit rows are written inside the transaction of the change they record"
        )
    if study is not None and workspace is None:
        workspace = study.workspace
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor.email if actor is not None else "",
        workspace=workspace,
        study=study,
        study_label=study.name if study is not None else "",
        target=target,
        data=data or {},
    )
