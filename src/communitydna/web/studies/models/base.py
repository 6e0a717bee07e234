"""What every part of a study has, and the choices the framework fixes."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from django.db import models

from communitydna.framework import MEASURES, OVERALL, VARIANTS, Sector
from communitydna.snapshot import (
    ActionStatus,
    Direction,
    ObservationKind,
    Polarity,
    Progress,
    RelationshipStatus,
    Size,
)

__all__ = [
    "ACTION_STATUS_CHOICES",
    "DIRECTION_CHOICES",
    "KEY_LENGTH",
    "MEASURE_CHOICES",
    "OBSERVATION_KIND_CHOICES",
    "PARTIAL_DATE_LENGTH",
    "POLARITY_CHOICES",
    "PROGRESS_CHOICES",
    "RATED_CHOICES",
    "RELATIONSHIP_STATUS_CHOICES",
    "SECTOR_CHOICES",
    "SIZE_CHOICES",
    "VARIANT_CHOICES",
    "StudyPart",
]

KEY_LENGTH = 255
"""Longest id of an organisation, relationship, evidence, recommendation or indicator."""

PARTIAL_DATE_LENGTH = 10  # "2012-07-15"


def _choices(values: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in values]


MEASURE_CHOICES = [(key, m.short) for key, m in MEASURES.items()]
RATED_CHOICES = [*MEASURE_CHOICES, (OVERALL, "Overall")]
VARIANT_CHOICES = [(key, v.title) for key, v in VARIANTS.items()]
SECTOR_CHOICES = [(s.value, s.label) for s in Sector]
SIZE_CHOICES = _choices(Size)
RELATIONSHIP_STATUS_CHOICES = _choices(RelationshipStatus)
POLARITY_CHOICES = _choices(Polarity)
PROGRESS_CHOICES = _choices(Progress)
ACTION_STATUS_CHOICES = _choices(ActionStatus)
DIRECTION_CHOICES = _choices(Direction)
OBSERVATION_KIND_CHOICES = _choices(ObservationKind)


class StudyPart(models.Model):
    """A row of one of a study's sheets.

    ``ordinal`` keeps the order the rows were given in, which a snapshot keeps too;
    ``attributes`` keeps the columns the workbook contract does not define.
    """

    ordinal = models.PositiveIntegerField(default=0)
    attributes = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering: ClassVar[list[str]] = ["ordinal", "id"]
