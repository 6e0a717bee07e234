"""Keeping the picture alive: the action plan, indicators and tension reports.

An action's dated status updates are kept on its row (``updates``, a JSON list of
``{"date", "status", "note", "attributes"}`` in the order given), as they are always read
and written with their action. The early-warning rule of tension reports is set per
workspace (:class:`TensionWarningRule`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from communitydna.monitoring import WarningRule
from communitydna.web.studies.models.assessment import Recommendation
from communitydna.web.studies.models.base import (
    ACTION_STATUS_CHOICES,
    DIRECTION_CHOICES,
    KEY_LENGTH,
    OBSERVATION_KIND_CHOICES,
    PARTIAL_DATE_LENGTH,
    StudyPart,
)
from communitydna.web.studies.models.network import Organisation
from communitydna.web.studies.models.study import Study

__all__ = [
    "Action",
    "ActionRecommendation",
    "Indicator",
    "Lead",
    "Milestone",
    "Observation",
    "TensionReport",
    "TensionWarningRule",
]


class Action(StudyPart):
    """An entry of the action plan. ``status`` is empty when none was given."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="actions")
    ref = models.TextField()
    action = models.TextField()
    theme = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=ACTION_STATUS_CHOICES, blank=True)
    measures = models.JSONField(default=list, blank=True)
    recommendations = models.ManyToManyField(
        Recommendation, through="ActionRecommendation", related_name="actions"
    )
    updates = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.ref} {self.action[:40]}"


class ActionRecommendation(models.Model):
    """A recommendation an action carries out, in the order given."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="recommendation_links"
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="action_links"
    )
    ordinal = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["ordinal", "id"]


class Milestone(models.Model):
    """A milestone of an action with its due date (partial) if known."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    text = models.TextField()
    due = models.CharField(max_length=PARTIAL_DATE_LENGTH, blank=True)
    due_start = models.DateField(null=True, blank=True)
    ordinal = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["ordinal", "id"]

    def __str__(self) -> str:
        return self.text


class Lead(models.Model):
    """A lead agency of an action, linked to an organisation when its name matched one."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="leads")
    name = models.TextField()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="leads"
    )
    ordinal = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["ordinal", "id"]

    def __str__(self) -> str:
        return self.name


class Indicator(StudyPart):
    """A performance indicator. ``direction`` (up or down is better) is empty if not given."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(max_length=KEY_LENGTH)
    name = models.TextField()
    type = models.TextField(blank=True)
    unit = models.TextField(blank=True)
    direction = models.CharField(max_length=4, choices=DIRECTION_CHOICES, blank=True)
    responsible = models.TextField(blank=True)

    class Meta(StudyPart.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["study", "key"], name="indicator_key_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Observation(StudyPart):
    """A baseline, target or actual value of an indicator.

    The value is a :class:`~communitydna.snapshot.Quantity` kept exactly: ``value`` is the
    decimal number as text (empty when not yet known; text because SQLite keeps only 15
    significant digits of a number), ``qualifier`` (``<``, ``<=``, ``>``, ``>=``, ``~``) and
    ``percent``; ``value_float`` is the same number as a float, for sorting and charts.
    """

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="observations")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    period = models.TextField()
    kind = models.CharField(max_length=10, choices=OBSERVATION_KIND_CHOICES)
    value = models.TextField(blank=True)
    value_float = models.FloatField(null=True, blank=True)
    qualifier = models.CharField(max_length=2, blank=True)
    percent = models.BooleanField(default=False)
    area = models.TextField(blank=True)
    breakdown = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.kind}"


class TensionReport(StudyPart):
    """A community tension report for an area and month (or day)."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="tensions")
    date = models.CharField(max_length=PARTIAL_DATE_LENGTH)
    date_start = models.DateField()
    area = models.TextField(blank=True)
    reported_by = models.TextField(blank=True)
    category = models.TextField(blank=True)
    severity = models.PositiveSmallIntegerField(default=1)
    summary = models.TextField(blank=True)

    class Meta(StudyPart.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(severity__gte=1, severity__lte=5),
                name="tension_severity_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.area}"


class TensionWarningRule(models.Model):
    """A workspace's early-warning rule for tension reports.

    An area is flagged in a month when its score (the sum of severities, or the number of
    reports) rises above its average over the ``window`` months before by more than
    ``threshold``. A workspace without a row uses :class:`~communitydna.monitoring.WarningRule`'s
    defaults.
    """

    MEASURE_CHOICES: ClassVar[list[tuple[str, str]]] = [
        ("severity", "sum of severities"),
        ("reports", "number of reports"),
    ]

    workspace = models.OneToOneField(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="tension_warning_rule"
    )
    window = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    threshold = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal(2),
        validators=[MinValueValidator(Decimal(0))],
    )
    measure = models.CharField(max_length=10, choices=MEASURE_CHOICES, default="severity")

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(window__gte=1, threshold__gte=0),
                name="tension_rule_window_and_threshold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workspace_id}: {self.window} months, {self.threshold}"

    def rule(self) -> WarningRule:
        """The rule as the monitoring functions take it."""
        return WarningRule(
            window=self.window,
            threshold=float(self.threshold),
            measure="reports" if self.measure == "reports" else "severity",
        )
