"""The assessment: ratings with their history, recommendations and their follow-ups."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from communitydna.framework import format_rating
from communitydna.web.studies.models.base import (
    KEY_LENGTH,
    PARTIAL_DATE_LENGTH,
    PROGRESS_CHOICES,
    RATED_CHOICES,
    StudyPart,
)
from communitydna.web.studies.models.study import Study

__all__ = ["FollowUp", "Rating", "RatingChange", "Recommendation"]


class Rating(StudyPart):
    """The rating of one measure, or of the place overall (``measure="overall"``).

    ``position`` is 1–7 on the scale, or empty when the row exists but nothing is rated
    yet. ``version`` grows by one with every change, so a save made from an older version
    can be refused instead of overwriting someone else's.
    """

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="ratings")
    measure = models.CharField(max_length=20, choices=RATED_CHOICES)
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    rationale = models.JSONField(default=list, blank=True)
    assessor = models.TextField(blank=True)
    date = models.CharField(max_length=PARTIAL_DATE_LENGTH, blank=True)
    date_start = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(StudyPart.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["study", "measure"], name="rating_once_per_measure"),
            models.CheckConstraint(
                condition=models.Q(position__isnull=True)
                | models.Q(position__gte=1, position__lte=7),
                name="rating_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.label}"

    @property
    def label(self) -> str:
        """The position's label (``"stable–resilient"``) or ``"not rated"``."""
        return format_rating(self.position)


class RatingChange(models.Model):
    """One change of a rating or its rationale: who, when, from what, to what, and why."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="rating_changes")
    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="changes")
    measure = models.CharField(max_length=20, choices=RATED_CHOICES)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_label = models.CharField(max_length=254, blank=True)
    position_before = models.PositiveSmallIntegerField(null=True, blank=True)
    position_after = models.PositiveSmallIntegerField(null=True, blank=True)
    rationale_before = models.JSONField(default=list, blank=True)
    rationale_after = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)
    version = models.PositiveIntegerField()

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["study", "measure", "at"], name="rating_change_history"),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.position_before} → {self.position_after}"


class Recommendation(StudyPart):
    """A way forward, tied to the measures (keys, in ``measures``) it addresses."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="recommendations")
    key = models.CharField(max_length=KEY_LENGTH)
    title = models.TextField()
    text = models.TextField(blank=True)
    measures = models.JSONField(default=list, blank=True)
    owner = models.TextField(blank=True)
    status = models.TextField(blank=True)

    class Meta(StudyPart.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["study", "key"], name="recommendation_key_once"),
        ]

    def __str__(self) -> str:
        return self.title


class FollowUp(StudyPart):
    """What became of a recommendation at a later date."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="followups")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="followups"
    )
    date = models.CharField(max_length=PARTIAL_DATE_LENGTH, blank=True)
    date_start = models.DateField(null=True, blank=True)
    progress = models.CharField(max_length=20, choices=PROGRESS_CHOICES, default="not started")
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.recommendation_id}: {self.progress}"
