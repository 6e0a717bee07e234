"""Forms of the monitoring pages: they read what people type into the snapshot's values;
the services check the rest."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from communitydna.snapshot import (
    ActionStatus,
    Direction,
    Lead,
    Milestone,
    ObservationKind,
    PartialDate,
    Quantity,
    parse_breakdown,
)
from communitydna.web.assessment.forms import measure_choices

__all__ = [
    "ActionForm",
    "ActionUpdateForm",
    "IndicatorForm",
    "LeadLinkForm",
    "ObservationForm",
    "ObservationImportForm",
    "TensionReportForm",
    "TensionRuleForm",
    "parse_date",
]

DATE_HINT = "A day, a month or a year: 2025-06-30, 2025-06, June 2025 or 2025."
STATUS_CHOICES = [(s.value, s.value.capitalize()) for s in ActionStatus]


def parse_date(text: str) -> PartialDate:
    """A partial date, or a form error that says how to write one."""
    try:
        return PartialDate.parse(text.strip())
    except ValueError:
        raise forms.ValidationError(
            "Enter a date as 2025-06-30, 2025-06, June 2025 or 2025", code="invalid"
        ) from None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ActionForm(forms.Form):
    """An action of the plan, its milestones (one a line) and lead agencies (one a line)."""

    ref = forms.CharField(
        label="Reference",
        max_length=100,
        help_text="As the plan numbers it, e.g. 1.2.3.",
        error_messages={"required": "Enter the action's reference"},
    )
    theme = forms.CharField(required=False, max_length=500)
    action = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the action is"},
    )
    milestones = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line, the date after a vertical bar: Lease signed | 2025-11. "
        "A month or a year will do.",
    )
    leads = forms.CharField(
        label="Lead agencies",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line: an organisation's name or id links it; any other name is "
        "kept as written, not linked.",
    )
    outcome = forms.CharField(
        label="Expected outcome", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label="Status as the plan states it",
        required=False,
        choices=[("", "Not given"), *STATUS_CHOICES],
    )
    measures = forms.MultipleChoiceField(
        label="Measures it addresses", required=False, widget=forms.CheckboxSelectMultiple
    )
    recommendations = forms.MultipleChoiceField(
        label="Recommendations it carries out",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        variant: str,
        recommendations: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = measure_choices(variant)  # type: ignore[attr-defined]
        self.fields["recommendations"].choices = recommendations  # type: ignore[attr-defined]
        if not recommendations:
            del self.fields["recommendations"]

    def clean_milestones(self) -> tuple[Milestone, ...]:
        found: list[Milestone] = []
        for number, line in enumerate(_lines(self.cleaned_data["milestones"]), start=1):
            text, bar, due = line.partition("|")
            if not text.strip():
                raise forms.ValidationError(f"Milestone {number} has no text before the bar")
            date = None
            if bar and due.strip():
                try:
                    date = PartialDate.parse(due.strip())
                except ValueError:
                    raise forms.ValidationError(
                        f"Milestone {number}: {due.strip()!r} is not a date; write it as "
                        "2025-11-30, 2025-11, November 2025 or 2025"
                    ) from None
            found.append(Milestone(text.strip(), date))
        return tuple(found)

    def clean_leads(self) -> tuple[Lead, ...]:
        return tuple(Lead(name) for name in dict.fromkeys(_lines(self.cleaned_data["leads"])))


class ActionUpdateForm(forms.Form):
    """A dated status update of an action."""

    date = forms.CharField(
        max_length=40, help_text=DATE_HINT, error_messages={"required": "Enter the date"}
    )
    status = forms.ChoiceField(
        label="Status from then on",
        required=False,
        choices=[("", "Unchanged"), *STATUS_CHOICES],
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_date(self) -> PartialDate:
        return parse_date(self.cleaned_data["date"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("status") and not str(data.get("note", "")).strip():
            raise forms.ValidationError("Give a status, a note or both")
        return data


class LeadLinkForm(forms.Form):
    """Which organisation a lead agency is."""

    organisation = forms.ChoiceField(label="Organisation", required=False)

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", "Not linked"),
            *((str(pk), name) for pk, name in organisations),
        ]


class IndicatorForm(forms.Form):
    """An indicator's definition."""

    name = forms.CharField(max_length=1000, error_messages={"required": "Enter a name"})
    key = forms.CharField(
        label="Id",
        required=False,
        max_length=255,
        help_text="How observations name it, e.g. NI 1. Left blank, one is made from the name.",
    )
    type = forms.CharField(required=False, max_length=200, help_text="E.g. national indicator.")
    unit = forms.CharField(required=False, max_length=200, help_text="E.g. % of residents.")
    direction = forms.ChoiceField(
        label="Which way is better",
        required=False,
        choices=[("", "Not said"), (Direction.UP.value, "Up"), (Direction.DOWN.value, "Down")],
        widget=forms.RadioSelect,
    )
    responsible = forms.CharField(label="Responsible body", required=False, max_length=500)


class ObservationForm(forms.Form):
    """A baseline, target or actual value."""

    kind = forms.ChoiceField(
        choices=[(k.value, k.value.capitalize()) for k in ObservationKind],
        widget=forms.RadioSelect,
        initial=ObservationKind.ACTUAL.value,
    )
    period = forms.CharField(
        max_length=100,
        help_text="E.g. 2024/25, 2025-05 or Q2 2025.",
        error_messages={"required": "Enter the period"},
    )
    value = forms.CharField(
        required=False,
        max_length=100,
        help_text="42, 42%, less than 40%, about 3.5. Blank or “to be determined” keeps it "
        "as not yet known.",
    )
    area = forms.CharField(required=False, max_length=500, help_text="A ward, or blank.")
    breakdown = forms.CharField(
        required=False, max_length=1000, help_text="E.g. age=16-24; ethnicity=Pakistani."
    )

    def clean_value(self) -> Quantity:
        try:
            return Quantity.parse(self.cleaned_data["value"] or None)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_breakdown(self) -> tuple[tuple[str, str], ...]:
        try:
            return parse_breakdown(self.cleaned_data["breakdown"] or None)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class ObservationImportForm(forms.Form):
    """A CSV file of observations."""

    file = forms.FileField(
        label="CSV file",
        help_text="Columns indicator, period, kind, value, area, breakdown; the first row "
        "names them. A workbook (.xlsx) with an Observations sheet will do too.",
        error_messages={"required": "Choose a CSV file"},
    )


class TensionReportForm(forms.Form):
    """A community tension report."""

    date = forms.CharField(
        max_length=40, help_text=DATE_HINT, error_messages={"required": "Enter the date"}
    )
    area = forms.CharField(required=False, max_length=500)
    reported_by = forms.CharField(label="Reported by", required=False, max_length=500)
    category = forms.CharField(required=False, max_length=500)
    severity = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        initial=1,
        help_text="1 (low) to 5 (high).",
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_date(self) -> PartialDate:
        return parse_date(self.cleaned_data["date"])


class TensionRuleForm(forms.Form):
    """The workspace's early-warning rule."""

    window = forms.IntegerField(label="Months in the trailing average", min_value=1, max_value=24)
    threshold = forms.DecimalField(
        label="Rise above the average that flags an area",
        min_value=Decimal(0),
        max_digits=6,
        decimal_places=2,
    )
    measure = forms.ChoiceField(
        label="Score of a month",
        choices=[("severity", "Sum of the reports' severities"), ("reports", "Number of reports")],
        widget=forms.RadioSelect,
    )
