"""Reads for the network pages: filtered tables and an organisation's neighbourhood."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from communitydna.framework import SECTORS
from communitydna.web.studies import models as m

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
    """Distinct types, wards and led-by groups of the study's organisations."""
    rows = m.Organisation.objects.filter(study=study)
    types = set(rows.exclude(type="").values_list("type", flat=True).distinct())
    wards = set(rows.exclude(ward="").values_list("ward", flat=True).distinct())
    led: set[str] = set()
    for groups in rows.values_list("led_by", flat=True):
        led.update(str(g) for g in groups or ())
    return OrganisationChoices(tuple(sorted(types)), tuple(sorted(wards)), tuple(sorted(led)))


def organisations_filtered(study: m.Study, query: Mapping[str, str]) -> QuerySet[m.Organisation]:
    """The study's organisations matching ``q`` (in the name), ``sector``, ``type``, ``ward``
    and ``led_by``; blank values do not filter. In the study's order.
    """
    rows = m.Organisation.objects.filter(study=study)
    if text := query.get("q", "").strip():
        rows = rows.filter(Q(name__icontains=text) | Q(key__icontains=text))
    for name in ("sector", "type", "ward"):
        if value := query.get(name, "").strip():
            rows = rows.filter(**{name: value})
    if led := query.get("led_by", "").strip():
        # led_by is a JSON list; `contains` on JSON lists is not available on SQLite, so
        # keep the rows whose list holds the value by matching ids found in Python.
        ids = [
            pk
            for pk, groups in rows.values_list("pk", "led_by")
            if led in [str(g) for g in groups or ()]
        ]
        rows = rows.filter(pk__in=ids)
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
    """Distinct relationship types and statuses in the study."""
    rows = m.Relationship.objects.filter(study=study)
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
