"""Forms of the assessment pages."""

from __future__ import annotations

from typing import Any

from django import forms

from communitydna.framework import MEASURES, POSITIONS, VARIANTS
from communitydna.reports import REPORT_FORMATS
from communitydna.snapshot import PartialDate, Progress

__all__ = ["FollowUpForm", "RatingForm", "RecommendationForm", "ReportForm"]


class RatingForm(forms.Form):
    """A position on the sliding scale (or none), its rationale and why it changed."""

    position = forms.TypedChoiceField(
        label="Rating",
        choices=[("", "Not rated"), *((p.value, p.label) for p in POSITIONS)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    rationale = forms.CharField(
        label="Rationale",
        help_text="One point a line. Cite evidence by its id, e.g. (E012).",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    reason = forms.CharField(
        label="Reason for the change",
        help_text="Kept in the rating's history, e.g. “after the focus group of 12 May”.",
        max_length=2000,
        error_messages={"required": "Enter the reason for the change"},
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def points(self) -> list[str]:
        """The rationale, one point a line, blank lines dropped."""
        text: str = self.cleaned_data.get("rationale", "")
        return [line.strip() for line in text.splitlines() if line.strip()]


def measure_choices(variant: str) -> list[tuple[str, str]]:
    """The measures in the variant's order, numbered as the study numbers them."""
    order = VARIANTS[variant].order
    return [(key, f"{n}. {MEASURES[key].title}") for n, key in enumerate(order, start=1)]


class RecommendationForm(forms.Form):
    """A way forward and the measures it addresses."""

    title = forms.CharField(max_length=500, error_messages={"required": "Enter a title"})
    text = forms.CharField(label="What to do", required=False, widget=forms.Textarea)
    measures = forms.MultipleChoiceField(
        label="Measures it addresses",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner = forms.CharField(label="Owner", required=False, max_length=500)
    status = forms.CharField(label="Status", required=False, max_length=200)

    def __init__(self, *args: Any, variant: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = measure_choices(variant)  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    """What became of a recommendation, and when."""

    date = forms.CharField(
        required=False,
        help_text="A day, a month or a year: 2025-06-30, 2025-06 or 2025.",
        max_length=40,
    )
    progress = forms.ChoiceField(choices=[(p.value, p.value.capitalize()) for p in Progress])
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_date(self) -> PartialDate | None:
        text: str = self.cleaned_data["date"].strip()
        if not text:
            return None
        try:
            return PartialDate.parse(text)
        except ValueError:
            raise forms.ValidationError(
                "Enter a date as 2025-06-30, 2025-06 or 2025", code="invalid"
            ) from None


class ReportForm(forms.Form):
    """Which report to download."""

    format = forms.ChoiceField(choices=[(f, f.upper()) for f in REPORT_FORMATS])
    public = forms.BooleanField(
        label="Public version",
        required=False,
        help_text="Leaves out confidential evidence and does not name organisations in evidence.",
    )
