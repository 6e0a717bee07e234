"""A study of a place, in a workspace."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from communitydna.snapshot import PartialDate
from communitydna.web.studies.models.base import PARTIAL_DATE_LENGTH, VARIANT_CHOICES

__all__ = ["Study"]


class Study(models.Model):
    """One study of a place: the place's fields and the study's framework variant.

    Partial dates are kept as their canonical text (``2012``, ``2012-07``, ``2012-07-15``)
    with the first day of the period beside them for sorting.
    """

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="studies"
    )
    name = models.CharField(max_length=300)
    place_name = models.TextField()
    variant = models.CharField(max_length=20, choices=VARIANT_CHOICES, default="community")
    place_date = models.CharField(max_length=PARTIAL_DATE_LENGTH, blank=True)
    place_date_start = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    wards = models.JSONField(default=list, blank=True)
    assessors = models.JSONField(default=list, blank=True)
    place_attributes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "studies"
        ordering: ClassVar[list[str]] = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def date(self) -> PartialDate | None:
        """The place's date as a :class:`PartialDate`."""
        return PartialDate.parse(self.place_date) if self.place_date else None
