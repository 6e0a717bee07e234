"""Reads for the network pages: filtered tables and an organisation's neighbourhood."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404

from communitydna.framework import SECTORS
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_memo

__all__ = [
    "SECTOR_PAIRS",
    "OrganisationChoices",
    "RelationshipChoices",
    "organisation_choices",
    "organisation_keys",
    "organisation_or_404",
    "organisation_relationships",
    "organisations_filtered",
    "relationship_choices",
    "relationship_or_404",
    "relationships_filtered",
]


@dataclass(frozen=True, slots=True)
class OrganisationChoices:
    """The values the organisation filters offer, each sorted."""

    types: tuple[str, ...]
    wards: tuple[str, ...]
    led_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RelationshipChoices:
    """The values the relationship filters offer, each sorted."""

    types: tuple[str, ...]
    statuses: tuple[str, ...]


def organisation_choices(study: m.Study) -> OrganisationChoices:
    """Distinct types, wards and led-by groups of the study's organisations.

    Found by the database, once per state of the study (:func:`study_memo`).
    """
    return study_memo(study, "organisation-choices", lambda: _organisation_choices(study))


def _organisation_choices(study: m.Study) -> OrganisationChoices:
    rows = m.Organisation.objects.filter(study=study).order_by()
    types = set(rows.exclude(type="").values_list("type", flat=True).distinct())
    wards = set(rows.exclude(ward="").values_list("ward", flat=True).distinct())
    led = {str(group) for group in _led_by_groups(study)}
    return OrganisationChoices(tuple(sorted(types)), tuple(sorted(wards)), tuple(sorted(led)))


def _led_by_groups(study: m.Study) -> list[object]:
    """Every distinct item of the organisations' ``led_by`` lists."""
    table = m.Organisation._meta.db_table
    if connection.vendor == "sqlite":
        sql = (
            f"SELECT DISTINCT j.value FROM {table} o, json_each(o.led_by) j "
            "WHERE o.study_id = %s AND json_type(o.led_by) = 'array'"
        )
    elif connection.vendor == "postgresql":
        sql = (
            f"SELECT DISTINCT j FROM {table} o, jsonb_array_elements_text(o.led_by) j "
            "WHERE o.study_id = %s AND jsonb_typeof(o.led_by) = 'array'"
        )
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        lists = m.Organisation.objects.filter(study=study).values_list("led_by", flat=True)
        return [group for groups in lists for group in groups or ()]
    with connection.cursor() as cursor:
        cursor.execute(sql, [study.pk])
        return [row[0] for row in cursor.fetchall()]


def _led_by(study: m.Study, rows: QuerySet[m.Organisation], group: str) -> QuerySet[m.Organisation]:
    """The rows whose ``led_by`` list holds ``group``, matched by the database."""
    table = m.Organisation._meta.db_table
    if connection.vendor == "postgresql":
        return rows.filter(led_by__contains=[group])
    if connection.vendor == "sqlite":
        inner = (
            f"SELECT o.id FROM {table} o, json_each(o.led_by) j "
            "WHERE o.study_id = %s AND json_type(o.led_by) = 'array' AND j.value = %s"
        )
        return rows.filter(pk__in=RawSQL(inner, [study.pk, group]))
    ids = [  # pragma: no cover - only SQLite and PostgreSQL are supported
        pk for pk, groups in rows.values_list("pk", "led_by") if group in map(str, groups or ())
    ]
    return rows.filter(pk__in=ids)  # pragma: no cover


def organisations_filtered(study: m.Study, query: Mapping[str, str]) -> QuerySet[m.Organisation]:
    """The study's organisations matching ``q`` (in the name), ``sector``, ``type``, ``ward``
    and ``led_by``; blank values do not filter. In the study's order.

    Every filter is a condition of the one query, so a page of the result reads only its
    own rows.
    """
    rows = m.Organisation.objects.filter(study=study)
    if text := query.get("q", "").strip():
        rows = rows.filter(Q(name__icontains=text) | Q(key__icontains=text))
    for name in ("sector", "type", "ward"):
        if value := query.get(name, "").strip():
            rows = rows.filter(**{name: value})
    if led := query.get("led_by", "").strip():
        rows = _led_by(study, rows, led)
    return rows.order_by("ordinal", "id")


def organisation_or_404(study: m.Study, organisation_id: int) -> m.Organisation:
    """One organisation of this study (404 for another study's)."""
    return get_object_or_404(m.Organisation, study=study, pk=organisation_id)


def organisation_relationships(organisation: m.Organisation) -> QuerySet[m.Relationship]:
    """Every relationship with the organisation at either end, with both ends loaded."""
    return (
        m.Relationship.objects.filter(Q(source=organisation) | Q(target=organisation))
        .select_related("source", "target")
        .order_by("ordinal", "id")
    )


def relationship_choices(study: m.Study) -> RelationshipChoices:
    """Distinct relationship types and statuses in the study, found once per state of the
    study (:func:`study_memo`)."""
    return study_memo(study, "relationship-choices", lambda: _relationship_choices(study))


def _relationship_choices(study: m.Study) -> RelationshipChoices:
    rows = m.Relationship.objects.filter(study=study).order_by()
    types = set(rows.values_list("type", flat=True).distinct())
    statuses = set(rows.values_list("status", flat=True).distinct())
    return RelationshipChoices(tuple(sorted(types)), tuple(sorted(statuses)))


SECTOR_PAIRS: tuple[str, ...] = tuple(
    f"{a.value}-{b.value}" for i, a in enumerate(SECTORS) for b in SECTORS[i:]
)
"""The sector pair filter's values, e.g. ``public-social`` (either way round)."""


def relationships_filtered(study: m.Study, query: Mapping[str, str]) -> QuerySet[m.Relationship]:
    """The study's relationships matching ``type``, ``strength``, ``status`` and ``pair``
    (two sectors joined by a hyphen, either way round); blank values do not filter.
    """
    rows = m.Relationship.objects.filter(study=study).select_related("source", "target")
    if value := query.get("type", "").strip():
        rows = rows.filter(type=value)
    if (value := query.get("strength", "").strip()).isdigit():
        rows = rows.filter(strength=int(value))
    if value := query.get("status", "").strip():
        rows = rows.filter(status=value)
    if (value := query.get("pair", "").strip()) in SECTOR_PAIRS:
        a, b = value.split("-")
        rows = rows.filter(
            Q(source__sector=a, target__sector=b) | Q(source__sector=b, target__sector=a)
        )
    return rows.order_by("ordinal", "id")


def relationship_or_404(study: m.Study, relationship_id: int) -> m.Relationship:
    """One relationship of this study (404 for another study's)."""
    return get_object_or_404(m.Relationship, study=study, pk=relationship_id)


def organisation_keys(study: m.Study) -> list[tuple[str, str]]:
    """Every organisation's id and name, for a datalist, in the study's order."""
    return list(
        m.Organisation.objects.filter(study=study)
        .order_by("ordinal", "id")
        .values_list("key", "name")
    )
