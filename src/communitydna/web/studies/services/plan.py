"""The action plan: actions with their milestones, lead agencies and dated status updates.

Anyone who may edit the study (owner, assessor, contributor) keeps the plan: the plan is
the partnership's running record, not the assessor's judgement.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from communitydna.framework import MEASURE_KEYS
from communitydna.snapshot import (
    Action,
    ActionStatus,
    ActionUpdate,
    Lead,
    Milestone,
    PartialDate,
)
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.services._parts import changes, next_ordinal

__all__ = ["action_create", "action_status_add", "action_update", "lead_link"]


def _check(study: m.Study, value: Action) -> dict[str, int]:
    """Raise ``ValidationError`` for a blank reference or action, an unknown measure or
    recommendation; return the recommendations' primary keys by their ids."""
    errors: dict[str, str] = {}
    if not value.ref.strip():
        errors["ref"] = "an action needs a reference, e.g. 1.2.3"
    if not value.action.strip():
        errors["action"] = "say what the action is"
    unknown = [k for k in value.measures if k not in MEASURE_KEYS]
    if unknown:
        errors["measures"] = "not measures: " + ", ".join(unknown)
    found = dict(
        study.recommendations.filter(key__in=value.recommendations).values_list("key", "pk")
    )
    missing = [k for k in value.recommendations if k not in found]
    if missing:
        errors["recommendations"] = "no recommendation has the id " + ", ".join(missing)
    if any(not milestone.text.strip() for milestone in value.milestones):
        errors["milestones"] = "every milestone needs a text"
    if errors:
        raise ValidationError(errors)
    return found


def _resolve_leads(study: m.Study, leads: Sequence[Lead]) -> list[tuple[str, int | None]]:
    """Each lead's name and organisation: the one it names by id, else the one whose id or
    name is the lead's name (ignoring case); a name that matches none stays unlinked."""
    rows = list(study.organisations.values_list("pk", "key", "name"))
    by_key = {key: pk for pk, key, _ in rows}
    by_name: dict[str, int] = {}
    for pk, _, name in rows:
        by_name.setdefault(name.strip().casefold(), pk)
    for pk, key, _ in rows:
        by_name.setdefault(key.casefold(), pk)
    resolved: list[tuple[str, int | None]] = []
    unknown: list[str] = []
    for lead in leads:
        if lead.organisation:
            if lead.organisation not in by_key:
                unknown.append(lead.organisation)
            resolved.append((lead.name.strip(), by_key.get(lead.organisation)))
        else:
            resolved.append((lead.name.strip(), by_name.get(lead.name.strip().casefold())))
    if unknown:
        raise ValidationError({"leads": "no organisation has the id " + ", ".join(unknown)})
    return resolved


def _write_parts(
    row: m.Action,
    value: Action,
    leads: Sequence[tuple[str, int | None]],
    recommendations: dict[str, int],
) -> None:
    row.milestones.all().delete()
    row.leads.all().delete()
    row.recommendation_links.all().delete()
    m.Milestone.objects.bulk_create(
        m.Milestone(action=row, ordinal=i, **convert.milestone_fields(milestone))
        for i, milestone in enumerate(value.milestones)
    )
    m.Lead.objects.bulk_create(
        m.Lead(action=row, ordinal=i, name=name, organisation_id=organisation)
        for i, (name, organisation) in enumerate(leads)
        if name
    )
    m.ActionRecommendation.objects.bulk_create(
        m.ActionRecommendation(action=row, recommendation_id=recommendations[key], ordinal=i)
        for i, key in enumerate(dict.fromkeys(value.recommendations))
    )


def _described(value: Action, leads: Sequence[tuple[str, int | None]]) -> dict[str, object]:
    """What the audit row keeps of an action."""
    return {
        "ref": value.ref.strip(),
        "action": value.action.strip(),
        "theme": value.theme.strip(),
        "outcome": value.outcome.strip(),
        "status": value.status.value if value.status is not None else "",
        "measures": list(value.measures),
        "recommendations": list(value.recommendations),
        "milestones": [[x.text.strip(), convert.date_text(x.due)] for x in value.milestones],
        "leads": [[name, organisation is not None] for name, organisation in leads],
    }


def _fields(value: Action) -> dict[str, object]:
    return {
        "ref": value.ref.strip(),
        "action": value.action.strip(),
        "theme": value.theme.strip(),
        "outcome": value.outcome.strip(),
        "status": value.status.value if value.status is not None else "",
        "measures": list(dict.fromkeys(value.measures)),
    }


def action_create(*, study: m.Study, action: Action, user: User | None) -> m.Action:
    """Add an action to the plan with its milestones, leads and recommendations.

    Parameters
    ----------
    study : Study
    action : communitydna.snapshot.Action
        Its fields. A lead naming no organisation is linked to the organisation whose id
        or name it is (ignoring case), else kept as written, unlinked. ``updates`` are
        kept as given.
    user : User or None
        Must be allowed to edit the study (owner, assessor, contributor).

    Returns
    -------
    Action

    Raises
    ------
    django.core.exceptions.ValidationError
        For a blank reference or action, an unknown measure, recommendation or lead id,
        or a milestone without text.
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    recommendations = _check(study, action)
    with transaction.atomic():
        leads = _resolve_leads(study, action.lead)
        row = m.Action.objects.create(
            study=study,
            ordinal=next_ordinal(study.actions.all()),
            updates=[convert.action_update_fields(u) for u in action.updates],
            attributes=dict(action.attributes),
            **_fields(action),
        )
        _write_parts(row, action, leads, recommendations)
        audit_record(
            action="action.created",
            actor=user,
            study=study,
            target=row.ref,
            data=_described(action, leads),
        )
    return row


def _current(row: m.Action) -> dict[str, object]:
    milestones = list(row.milestones.all())
    leads = list(row.leads.all())
    recommendations = list(
        row.recommendation_links.select_related("recommendation").values_list(
            "recommendation__key", flat=True
        )
    )
    value = Action(
        ref=row.ref,
        action=row.action,
        theme=row.theme,
        milestones=tuple(Milestone(x.text, convert.partial_date(x.due)) for x in milestones),
        lead=tuple(Lead(x.name) for x in leads),
        outcome=row.outcome,
        status=ActionStatus(row.status) if row.status else None,
        measures=tuple(row.measures),
        recommendations=tuple(recommendations),
    )
    return _described(value, [(x.name, x.organisation_id) for x in leads])


def action_update(*, action: m.Action, value: Action, user: User | None) -> m.Action:
    """Change an action: its fields, milestones, leads and recommendations, all of them.

    Its dated status updates and unknown columns are kept (``value.updates`` and
    ``value.attributes`` are ignored); add an update with :func:`action_status_add`.

    Parameters
    ----------
    action : Action
    value : communitydna.snapshot.Action
        As for :func:`action_create`.
    user : User or None
        Must be allowed to edit the study.

    Returns
    -------
    Action

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    study = action.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    recommendations = _check(study, value)
    with transaction.atomic():
        before = _current(action)
        leads = _resolve_leads(study, value.lead)
        for name, field in _fields(value).items():
            setattr(action, name, field)
        action.save()
        _write_parts(action, value, leads, recommendations)
        audit_record(
            action="action.updated",
            actor=user,
            study=study,
            target=action.ref,
            data=changes(before, _described(value, leads)),
        )
    return action


def action_status_add(
    *,
    action: m.Action,
    date: PartialDate,
    status: str,
    note: str = "",
    user: User | None,
) -> m.Action:
    """Record a dated status update of an action (its status from then on, a note).

    Parameters
    ----------
    action : Action
    date : PartialDate
        When; a month or a year will do.
    status : str
        ``not started``, ``on track``, ``at risk``, ``done``, ``dropped``, or ``""`` for a
        note that leaves the status as it was.
    note : str
    user : User or None
        Must be allowed to edit the study.

    Returns
    -------
    Action

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    study = action.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    statuses = {s.value for s in ActionStatus}
    if status and status not in statuses:
        raise ValidationError({"status": "the status is one of " + ", ".join(sorted(statuses))})
    if not status and not note.strip():
        raise ValidationError({"note": "give a status, a note or both"})
    update = ActionUpdate(date, ActionStatus(status) if status else None, note.strip())
    with transaction.atomic():
        row = m.Action.objects.select_for_update().get(pk=action.pk)
        row.updates = [*(row.updates or []), convert.action_update_fields(update)]
        row.save(update_fields=["updates"])
        audit_record(
            action="action.status_added",
            actor=user,
            study=study,
            target=row.ref,
            data={"date": str(date), "status": status, "note": update.note},
        )
    action.updates = row.updates
    return action


def lead_link(*, lead: m.Lead, organisation: m.Organisation | None, user: User | None) -> m.Lead:
    """Link a lead agency to an organisation of the study, or unlink it (``None``).

    The lead keeps the name it was written with.

    Raises
    ------
    django.core.exceptions.ValidationError
        For an organisation of another study.
    django.core.exceptions.PermissionDenied
    """
    study = lead.action.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    if organisation is not None and organisation.study_id != study.pk:
        raise ValidationError({"organisation": "that organisation is not in this study"})
    with transaction.atomic():
        before = lead.organisation.key if lead.organisation is not None else None
        lead.organisation = organisation
        lead.save(update_fields=["organisation"])
        audit_record(
            action="lead.linked" if organisation is not None else "lead.unlinked",
            actor=user,
            study=study,
            target=lead.action.ref,
            data={
                "lead": lead.name,
                "organisation": [before, organisation.key if organisation else None],
            },
        )
    return lead
