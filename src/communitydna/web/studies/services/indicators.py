"""Performance indicators and their observations (baselines, targets, actual values).

Values are kept exactly as :class:`~communitydna.snapshot.Quantity`: a qualifier (``less
than 40%``) stays with its number and "to be determined" stays not known, never zero.
Anyone who may edit the study keeps the indicators.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction

from communitydna.io.cells import word_key
from communitydna.io.problems import Problem
from communitydna.io.vocabulary import KINDS
from communitydna.snapshot import Indicator, Observation, Quantity, parse_breakdown
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


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ObservationImportError(
        [Problem.error(SHEET, None, "", "", "the file is not text; save it as CSV (UTF-8)")]
    )


def _read(
    study: m.Study, data: bytes
) -> tuple[list[tuple[m.Indicator, Observation]], list[Problem]]:
    """Every row of an observations file, or every problem in it."""
    if len(data) > _LARGEST_FILE:
        return [], [Problem.error(SHEET, None, "", "", "the file is larger than 20 MB")]
    reader = csv.reader(io.StringIO(_text(data), newline=""))
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        return [], [Problem.error(SHEET, 1, "", "", "the file is empty: it needs a header row")]
    names = [h.strip().lower().replace(" ", "_") for h in header]
    problems: list[Problem] = []
    for required in ("indicator", "period", "value"):
        if required not in names:
            problems.append(
                Problem.error(SHEET, 1, required, "", f"there is no column {required!r}")
            )
    seen = [n for n in names if n]
    for name in sorted({n for n in seen if seen.count(n) > 1}):
        problems.append(Problem.error(SHEET, 1, name, name, "the column is given twice"))
    if problems:
        return [], problems
    indicators = list(study.indicators.all())
    by_key = {i.key: i for i in indicators}
    by_name: dict[str, m.Indicator] = {}
    for i in indicators:
        by_name.setdefault(i.name.strip().casefold(), i)
    read: list[tuple[m.Indicator, Observation]] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {names[i]: cells[i].strip() for i in range(min(len(names), len(cells)))}
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            problems.append(
                Problem.error(SHEET, number, "", cells[len(names)], "more cells than columns")
            )
        before = len(problems)

        def error(column: str, value: str, reason: str, number: int = number) -> None:
            problems.append(Problem.error(SHEET, number, column, value, reason))

        name = row.get("indicator", "")
        indicator = by_key.get(name) or by_name.get(name.casefold())
        if not name:
            error("indicator", name, "the indicator is missing")
        elif indicator is None:
            error("indicator", name, "no indicator of this study has this id or name")
        period = row.get("period", "")
        if not period:
            error("period", period, "the period is missing, e.g. 2024/25 or 2024-05")
        kind_text = row.get("kind", "") or "actual"
        kind = KINDS.get(word_key(kind_text))
        if kind is None:
            error("kind", kind_text, "the kind is baseline, target or actual")
        value_text = row.get("value", "")
        try:
            value = Quantity.parse(value_text or None)
        except ValueError as exc:
            error("value", value_text, str(exc))
            value = Quantity()
        try:
            breakdown = parse_breakdown(row.get("breakdown") or None)
        except ValueError as exc:
            error("breakdown", row.get("breakdown", ""), str(exc))
            breakdown = ()
        if len(problems) == before and indicator is not None and kind is not None:
            attributes = {
                header[i].strip(): cells[i]
                for i, n in enumerate(names)
                if n and n not in OBSERVATION_COLUMNS and i < len(cells) and cells[i].strip()
            }
            read.append(
                (
                    indicator,
                    Observation(
                        indicator.key,
                        period,
                        kind,
                        value,
                        row.get("area", ""),
                        breakdown,
                        attributes,
                    ),
                )
            )
    if not read and not problems:
        problems.append(Problem.error(SHEET, None, "", "", "the file has no rows of values"))
    return read, problems


def observations_import(*, study: m.Study, data: bytes, user: User | None) -> int:
    """Add the observations of a CSV file: all of them, or none if any row has a problem.

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
    read, problems = _read(study, data)
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
