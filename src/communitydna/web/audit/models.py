"""The audit log: one row per change, kept when the thing changed is gone."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

__all__ = ["AuditEvent"]


class AuditEvent(models.Model):
    """Who did what, when, to which workspace and study, with the details as JSON.

    ``actor_label`` and ``study_label`` keep the names at the time, so the row still reads
    after the person or the study is deleted. An empty actor is the command line.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True)
    workspace = models.ForeignKey(
        "accounts.Workspace",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    study = models.ForeignKey(
        "studies.Study",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    study_label = models.TextField(blank=True)
    action = models.CharField(max_length=60, db_index=True)
    target = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or 'command line'}: {self.action}"
