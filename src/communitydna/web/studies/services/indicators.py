"""Performance indicators and their observations (baselines, targets, actual values).

Values are kept exactly as :class:`~communitydna.snapshot.Quantity`: a qualifier (``less
than 40%``) stays with its number and "to be determined" stays not known, never zero.
Anyone who may edit the study keeps the indicators.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from communitydna.io.observations import read_observations
from communitydna.io.problems import Problem
from communitydna.snapshot import Indicator, Observation, Place, Snapshot
from communitydna.web.accounts.models import User
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record
from communitydna.web.studies import convert
from communitydna.web.studies import models as m
from communitydna.web.studies.services._parts import changes, check_key, next_ordinal, unused_key

__all__ = [
    "OBSERVATION_COLUMNS",
    "ObservationImportError",
    "indicator_create",
    "indicator_update",
    "observation_add",
    "observations_import",
]

SHEET = "Observations"
OBSERVATION_COLUMNS = ("indicator", "period", "kind", "value", "area", "breakdown")
"""The columns of an observations file; others are kept as the observation's attributes."""

_LARGEST_FILE = 20 * 1024 * 1024


class ObservationImportError(ValueError):
    """An observations file with problems; nothing was imported. ``problems`` names each
    by row and column."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the file; nothing was imported")
        self.problems = problems


def _check(value: Indicator) -> None:
    if not value.name.strip():
        raise ValidationError({"name": "an indicator needs a name"})


def _strip(value: Indicator) -> Indicator:
    return replace(
        value,
        id=value.id.strip(),
        name=value.name.strip(),
        type=value.type.strip(),
        unit=value.unit.strip(),
        responsible=value.responsible.strip(),
    )


def indicator_create(*, study: m.Study, indicator: Indicator, user: User | None) -> m.Indicator:
    """Add a performance indicator.

    Parameters
    ----------
    study : Study
    indicator : communitydna.snapshot.Indicator
        Its definition; an empty ``id`` is made from the name.
    user : User or None
        Must be allowed to edit the study (owner, assessor, contributor).

    Returns
    -------
    Indicator

    Raises
    ------
    django.core.exceptions.ValidationError
        For a blank name or a used id.
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    _check(indicator)
    indicator = _strip(indicator)
    fields = convert.indicator_fields(indicator)
    with transaction.atomic():
        if not indicator.id:
            fields["key"] = unused_key(m.Indicator, study, indicator.name, "indicator")
        check_key(m.Indicator, study, fields["key"])
        row = m.Indicator.objects.create(
            study=study, ordinal=next_ordinal(study.indicators.all()), **fields
        )
        audit_record(
            action="indicator.created", actor=user, study=study, target=row.key, data=fields
        )
    return row


def indicator_update(*, indicator: m.Indicator, value: Indicator, user: User | None) -> m.Indicator:
    """Change an indicator's definition (its unknown columns are kept).

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    study = indicator.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    _check(value)
    value = _strip(value)
    fields = convert.indicator_fields(value)
    fields.pop("attributes")
    if not fields["key"]:
        fields["key"] = indicator.key
    with transaction.atomic():
        check_key(m.Indicator, study, fields["key"], exclude=indicator.pk)
        before = {name: getattr(indicator, name) for name in fields}
        for name, field in fields.items():
            setattr(indicator, name, field)
        indicator.save()
        audit_record(
            action="indicator.updated",
            actor=user,
            study=study,
            target=indicator.key,
            data=changes(before, fields),
        )
    return indicator


def _observation_row(study: m.Study, indicator: m.Indicator, value: Observation) -> m.Observation:
    return m.Observation(study=study, indicator=indicator, **convert.observation_fields(value))


def observation_add(
    *, indicator: m.Indicator, observation: Observation, user: User | None
) -> m.Observation:
    """Record a baseline, target or actual value of an indicator.

    Parameters
    ----------
    indicator : Indicator
    observation : communitydna.snapshot.Observation
        Its ``indicator`` field is ignored.
    user : User or None
        Must be allowed to edit the study.

    Raises
    ------
    django.core.exceptions.ValidationError
        For a blank period.
    django.core.exceptions.PermissionDenied
    """
    study = indicator.study
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    if not observation.period.strip():
        raise ValidationError({"period": "say which period the value is for, e.g. 2024/25"})
    observation = replace(
        observation,
        indicator=indicator.key,
        period=observation.period.strip(),
        area=observation.area.strip(),
    )
    with transaction.atomic():
        row = _observation_row(study, indicator, observation)
        row.ordinal = next_ordinal(study.observations.all())
        row.save()
        audit_record(
            action="observation.added",
            actor=user,
            study=study,
            target=indicator.key,
            data={
                "period": observation.period,
                "kind": observation.kind.value,
                "value": str(observation.value),
                "area": observation.area,
                "breakdown": [list(pair) for pair in observation.breakdown],
            },
        )
    return row


def _read(
    study: m.Study, data: bytes, name: str
) -> tuple[list[tuple[m.Indicator, Observation]], list[Problem]]:
    """Every row of an observations file, read by the workbook reader's own rules, or every
    problem in it."""
    if len(data) > _LARGEST_FILE:
        return [], [Problem.error(SHEET, None, "", "", "the file is larger than 20 MB")]
    indicators = {row.key: row for row in study.indicators.order_by("ordinal", "id")}
    snapshot = Snapshot(
        place=Place(study.place_name or "place", variant=study.variant),
        indicators=tuple(convert.indicator_entity(row) for row in indicators.values()),
    )
    suffix = ".xlsx" if name.lower().endswith((".xlsx", ".xlsm")) else ".csv"
    with tempfile.TemporaryDirectory(prefix="communitydna-values-") as folder:
        path = Path(folder) / f"values{suffix}"
        path.write_bytes(data)
        read = read_observations(path, snapshot)
    problems = [p for p in read.problems if p.is_error]
    if problems:
        return [], problems
    if not read.observations:
        return [], [Problem.error(SHEET, None, "", "", "the file has no rows of values")]
    return [(indicators[o.indicator], o) for o in read.observations], []


def observations_import(
    *, study: m.Study, data: bytes, name: str = "values.csv", user: User | None
) -> int:
    """Add the observations of a CSV file (or of a workbook's ``Observations`` sheet, when
    ``name`` ends in ``.xlsx``): all of them, or none if any row has a problem.

    The file is read by :func:`communitydna.io.observations.read_observations`, with the
    rules of the workbook's ``Observations`` sheet.

    The columns are ``indicator`` (an indicator's id or name), ``period``, ``kind``
    (baseline, target or actual; actual when blank), ``value`` (``42``, ``42%``, ``less
    than 40%``, blank or "to be determined"), ``area`` and ``breakdown`` (``age=16-24;
    ethnicity=Pakistani``); other columns are kept as attributes.

    Returns
    -------
    int
        How many observations were added.

    Raises
    ------
    ObservationImportError
        Naming every problem by row and column; nothing was added.
    django.core.exceptions.PermissionDenied
    """
    require(user, Capability.EDIT_STUDY, study.workspace_id)
    read, problems = _read(study, data, name)
    if problems:
        raise ObservationImportError(problems)
    with transaction.atomic():
        first = next_ordinal(study.observations.all())
        rows = [_observation_row(study, indicator, value) for indicator, value in read]
        for i, row in enumerate(rows):
            row.ordinal = first + i
        m.Observation.objects.bulk_create(rows, batch_size=500)
        audit_record(
            action="observations.imported",
            actor=user,
            study=study,
            target=f"{len(rows)} observations",
            data={"rows": len(rows), "indicators": sorted({i.key for i, _ in read})},
        )
    return len(rows)
