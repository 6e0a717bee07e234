"""Reads for the evidence pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from communitydna.framework import VARIANTS
from communitydna.web.studies import models as m

__all__ = [
    "MeasureChoice",
    "evidence_filtered",
    "evidence_or_404",
    "evidence_sources",
    "measure_choices",
]


@dataclass(frozen=True, slots=True)
class MeasureChoice:
    """A measure as the coding form lists it: numbered in the study's variant."""

    key: str
    number: int
    title: str


def measure_choices(study: m.Study) -> tuple[MeasureChoice, ...]:
    """The measures in the study's variant order, with their numbers and titles."""
    variant = VARIANTS[study.variant]
    return tuple(
        MeasureChoice(measure.key, number, measure.title)
        for number, measure in enumerate(variant.measures(), start=1)
    )


def evidence_sources(study: m.Study) -> list[str]:
    """The distinct sources of the study's evidence, sorted."""
    return sorted(set(m.Evidence.objects.filter(study=study).values_list("source", flat=True)))


def evidence_filtered(study: m.Study, query: Mapping[str, str]) -> QuerySet[m.Evidence]:
    """The study's evidence matching ``measure``, ``polarity``, ``source`` and ``uncoded``
    (``"1"``: coded to no measure); blank values do not filter. By source, then in order.
    """
    rows = m.Evidence.objects.filter(study=study).prefetch_related("codes")
    if value := query.get("measure", "").strip():
        rows = rows.filter(
            Exists(m.EvidenceMeasure.objects.filter(evidence=OuterRef("pk"), measure=value))
        )
    if value := query.get("polarity", "").strip():
        rows = rows.filter(polarity=value)
    if value := query.get("source", "").strip():
        rows = rows.filter(source=value)
    if query.get("uncoded", "") == "1":
        rows = rows.exclude(Exists(m.EvidenceMeasure.objects.filter(evidence=OuterRef("pk"))))
    return rows.order_by("source", "ordinal", "id")


def evidence_or_404(study: m.Study, evidence_id: int) -> m.Evidence:
    """One piece of evidence of this study (404 for another study's)."""
    return get_object_or_404(m.Evidence, study=study, pk=evidence_id)
