"""Community tension reports and the workspace's early-warning rule.

Anyone who may see tension reports and edit the study (owners and assessors) adds reports;
the early-warning rule is a setting of the workspace, which only its owners change.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from communitydna.snapshot import TensionReport
from communitydna.web.accounts.models import User, Workspace
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.models.plan import TensionWarningRule
from communitydna.web.studies.services._parts import next_ordinal

__all__ = ["tension_report_add", "tension_rule_set"]

_MEASURES = {"severity", "reports"}


def tension_report_add(
    *, study: m.Study, report: TensionReport, user: User | None
) -> m.TensionReport:
    """Add a community tension report (an area, a month or a day, a severity of 1 to 5).

    Parameters
    ----------
    study : Study
    report : communitydna.snapshot.TensionReport
    user : User or None
        Must be allowed to see tension reports and to edit the study (owner, assessor).

    Raises
    ------
    django.core.exceptions.ValidationError
        For a severity outside 1 to 5.
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.VIEW_TENSIONS, study.workspace_id)
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    if not 1 <= report.severity <= 5:
        raise ValidationError({"severity": "the severity is a whole number from 1 to 5"})
    fields = convert.tension_fields(report)
    for name in ("area", "reported_by", "category", "summary"):
        fields[name] = str(fields[name]).strip()
    with transaction.atomic():
        row = m.TensionReport.objects.create(
            study=study, ordinal=next_ordinal(study.tensions.all()), **fields
        )
        audit_record(
            action="tension.reported",
            actor=user,
            study=study,
            target=f"{fields['date']} {fields['area']}".strip(),
            data={k: v for k, v in fields.items() if k not in ("date_start", "summary")},
        )
    return row


def tension_rule_set(
    *,
    workspace: Workspace,
    window: int,
    threshold: Decimal,
    measure: str = "severity",
    user: User | None,
) -> TensionWarningRule:
    """Set the workspace's early-warning rule: flag an area whose month rises above its
    average over the ``window`` months before by more than ``threshold``.

    Parameters
    ----------
    workspace : Workspace
    window : int
        1 to 24 months.
    threshold : Decimal
        At least 0, in severity points (``measure="severity"``) or reports.
    measure : str
        ``severity`` (the sum of the reports' severities) or ``reports`` (their number).
    user : User or None
        Must be an owner of the workspace.

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    require(user, Capability.MANAGE_MEMBERS, workspace)
    errors: dict[str, str] = {}
    if not 1 <= window <= 24:
        errors["window"] = "the window is 1 to 24 months"
    if threshold < 0 or threshold >= 10_000:
        errors["threshold"] = "the threshold is a number from 0 to 9999.99"
    if measure not in _MEASURES:
        errors["measure"] = "the measure is 'severity' or 'reports'"
    if errors:
        raise ValidationError(errors)
    threshold = threshold.quantize(Decimal("0.01"))
    with transaction.atomic():
        row, _ = TensionWarningRule.objects.select_for_update().get_or_create(workspace=workspace)
        before = {"window": row.window, "threshold": str(row.threshold), "measure": row.measure}
        row.window, row.threshold, row.measure = window, threshold, measure
        row.save()
        audit_record(
            action="tension_rule.set",
            actor=user,
            workspace=workspace,
            target=workspace.slug,
            data={
                "before": before,
                "after": {"window": window, "threshold": str(threshold), "measure": measure},
            },
        )
    return row
