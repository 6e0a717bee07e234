"""Evidence, coded to measures with a polarity and a weight, and linked to organisations."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from communitydna.web.studies.models.base import (
    KEY_LENGTH,
    MEASURE_CHOICES,
    PARTIAL_DATE_LENGTH,
    POLARITY_CHOICES,
    StudyPart,
)
from communitydna.web.studies.models.network import Organisation
from communitydna.web.studies.models.study import Study

__all__ = ["Evidence", "EvidenceMeasure", "EvidenceOrganisation"]


class Evidence(StudyPart):
    """An excerpt or finding from a source (interview, focus group, desk review)."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="evidence")
    key = models.CharField(max_length=KEY_LENGTH)
    text = models.TextField(blank=True)
    source = models.TextField(blank=True)
    date = models.CharField(max_length=PARTIAL_DATE_LENGTH, blank=True)
    date_start = models.DateField(null=True, blank=True)
    polarity = models.CharField(max_length=10, choices=POLARITY_CHOICES, default="neutral")
    weight = models.PositiveSmallIntegerField(default=1)
    confidential = models.BooleanField(default=False)
    organisations = models.ManyToManyField(
        Organisation, through="EvidenceOrganisation", related_name="evidence"
    )

    class Meta(StudyPart.Meta):
        verbose_name_plural = "evidence"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["study", "key"], name="evidence_key_once"),
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=3), name="evidence_weight_1_to_3"
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["study", "ordinal"], name="evidence_in_order"),
        ]

    def __str__(self) -> str:
        return self.key


class EvidenceMeasure(models.Model):
    """A measure a piece of evidence is coded to, in the order coded."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="codes")
    measure = models.CharField(max_length=20, choices=MEASURE_CHOICES)
    ordinal = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["ordinal", "id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["measure"], name="evidence_by_measure"),
        ]


class EvidenceOrganisation(models.Model):
    """An organisation a piece of evidence speaks about, in the order given."""

    evidence = models.ForeignKey(
        Evidence, on_delete=models.CASCADE, related_name="organisation_links"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="evidence_links"
    )
    ordinal = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["ordinal", "id"]
