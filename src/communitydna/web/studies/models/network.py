"""The map: organisations and the relationships between them."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from communitydna.web.studies.models.base import (
    KEY_LENGTH,
    PARTIAL_DATE_LENGTH,
    RELATIONSHIP_STATUS_CHOICES,
    SECTOR_CHOICES,
    SIZE_CHOICES,
    StudyPart,
)
from communitydna.web.studies.models.study import Study

__all__ = ["Organisation", "Relationship", "RelationshipEvidence"]


class Organisation(StudyPart):
    """An organisation of one of the three sectors; ``key`` is its id in the workbook."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="organisations")
    key = models.CharField(max_length=KEY_LENGTH)
    name = models.TextField()
    sector = models.CharField(max_length=20, choices=SECTOR_CHOICES)
    type = models.TextField(blank=True)
    ward = models.TextField(blank=True)
    postcode = models.TextField(blank=True)
    identifier = models.TextField(blank=True)
    led_by = models.JSONField(default=list, blank=True)
    size = models.CharField(max_length=10, choices=SIZE_CHOICES, blank=True)
    notes = models.TextField(blank=True)

    class Meta(StudyPart.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["study", "key"], name="organisation_key_once"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["study", "ordinal"], name="organisation_in_order"),
            models.Index(fields=["study", "sector"], name="organisation_by_sector"),
        ]

    def __str__(self) -> str:
        return self.name


class Relationship(StudyPart):
    """A tie between two organisations of the same study.

    ``since`` and ``until`` are partial dates in canonical text, with their first day
    beside them for sorting and filtering.
    """

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="relationships")
    key = models.CharField(max_length=KEY_LENGTH)
    source = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="incoming")
    type = models.TextField(default="partnership")
    directed = models.BooleanField(default=False)
    strength = models.PositiveSmallIntegerField(default=3)
    tense = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=RELATIONSHIP_STATUS_CHOICES, default="active")
    since = models.CharField(max_length=PARTIAL_DATE_LENGTH, blank=True)
    since_start = models.DateField(null=True, blank=True)
    until = models.CharField(max_length=PARTIAL_DATE_LENGTH, blank=True)
    until_start = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    evidence = models.ManyToManyField(
        "studies.Evidence", through="RelationshipEvidence", related_name="relationships"
    )

    class Meta(StudyPart.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["study", "key"], name="relationship_key_once"),
            models.CheckConstraint(
                condition=models.Q(strength__gte=1, strength__lte=5),
                name="relationship_strength_1_to_5",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["study", "ordinal"], name="relationship_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.source_id} – {self.target_id}"


class RelationshipEvidence(models.Model):
    """Evidence cited for a relationship, in the order cited."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="evidence_links"
    )
    evidence = models.ForeignKey(
        "studies.Evidence", on_delete=models.CASCADE, related_name="relationship_links"
    )
    ordinal = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["ordinal", "id"]
