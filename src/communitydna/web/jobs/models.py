"""A piece of long work and how far it has got."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["Job"]


class Job(models.Model):
    """One piece of long work: what it is, who asked, how far it has got, how it ended.

    The work updates its own row (``stage``, ``done`` of ``total``) as it goes, so any page
    in any server process can show its progress. ``problems`` and ``warnings`` hold what a
    workbook import found, each a mapping with ``severity``, ``sheet``, ``row``,
    ``column``, ``value`` and ``reason``. A finished report is a file in the job's folder
    (named by ``folder``, never reused), ``result_name`` naming it.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", "Import a workbook"
        REPORT = "report", "Write a report"
        ANALYSIS = "analysis", "Analyse the network"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        INTERRUPTED = "interrupted", "Interrupted"

    FINISHED: ClassVar[frozenset[str]] = frozenset({"done", "failed", "interrupted"})

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="jobs"
    )
    study = models.ForeignKey(
        "studies.Study", on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    params = models.JSONField(default=dict, blank=True)
    stage = models.CharField(max_length=200, blank=True)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    problems = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    result_name = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    folder = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["study", "kind", "status"], name="jobs_study_kind_status")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}: {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.get("severity") != "warning")

    @property
    def percent(self) -> int | None:
        """Whole per cent done, or ``None`` while the amount of work is unknown."""
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return None
        return min(100, int(100 * self.done / self.total))
