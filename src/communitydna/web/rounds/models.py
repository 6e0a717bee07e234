"""Which study a round follows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["RoundLink"]


class RoundLink(models.Model):
    """A study that is a later round of another study of the same place.

    A study without a link is a first round. ``previous`` is kept empty if that study is
    deleted; the round keeps its number.
    """

    study = models.OneToOneField(
        "studies.Study", on_delete=models.CASCADE, related_name="round_link"
    )
    previous = models.ForeignKey(
        "studies.Study",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_rounds",
    )
    number = models.PositiveIntegerField(default=2)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"round {self.number} of {self.study}"
