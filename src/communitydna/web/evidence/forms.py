"""Forms for evidence, read with the core's own parsers.

:class:`CodeForm` holds what coding sets (measures, polarity, weight, organisations);
:class:`EvidenceForm` adds the excerpt itself. ``value(base)`` gives the snapshot entity
the services take, keeping what the form does not show.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from communitydna.snapshot import Evidence, PartialDate, Polarity, SnapshotError, split_list
from communitydna.web.evidence.selectors import MeasureChoice

__all__ = ["CodeForm", "EvidenceForm", "SplitForm", "initial_from"]


def _partial_date(text: str) -> PartialDate | None:
    if not text.strip():
        return None
    try:
        return PartialDate.parse(text.strip())
    except (SnapshotError, ValueError) as e:
        raise ValidationError(str(e)) from e


def initial_from(value: Evidence) -> dict[str, Any]:
    """A form's initial data from a piece of evidence."""
    return {
        "key": value.id,
        "text": value.text,
        "source": value.source,
        "date": str(value.date) if value.date else "",
        "confidential": value.confidential,
        "measures": list(value.measures),
        "polarity": value.polarity.value,
        "weight": value.weight,
        "organisations": "; ".join(value.organisations),
    }


class CodeForm(forms.Form):
    measures = forms.MultipleChoiceField(
        label="Measures", required=False, widget=forms.CheckboxSelectMultiple
    )
    polarity = forms.ChoiceField(
        label="Polarity",
        choices=[(p.value, p.value.capitalize()) for p in Polarity],
        initial=Polarity.NEUTRAL.value,
        widget=forms.RadioSelect,
    )
    weight = forms.TypedChoiceField(
        label="Weight",
        coerce=int,
        choices=[(1, "1 – slight"), (2, "2 – moderate"), (3, "3 – strong")],
        initial=1,
    )
    organisations = forms.CharField(
        label="Organisations",
        required=False,
        help_text="Organisation ids, separated by semicolons; start typing to choose.",
        widget=forms.TextInput(attrs={"list": "organisation-ids", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, measures: tuple[MeasureChoice, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure_choices = measures
        field = self.fields["measures"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(c.key, f"{c.number}. {c.title}") for c in measures]

    def coding(self) -> dict[str, Any]:
        d = self.cleaned_data
        order = [c.key for c in self.measure_choices]
        return {
            "measures": tuple(k for k in order if k in d["measures"]),
            "polarity": Polarity(d["polarity"]),
            "weight": d["weight"],
            "organisations": tuple(split_list(d["organisations"])),
        }

    def value(self, base: Evidence) -> Evidence:
        """``base`` with the coding the form sets."""
        return dataclasses.replace(base, **self.coding())


class EvidenceForm(CodeForm):
    key = forms.CharField(label="Id", required=False, help_text="Left blank, one is numbered.")
    text = forms.CharField(label="Excerpt", widget=forms.Textarea(attrs={"rows": 6}))
    source = forms.CharField(label="Source", required=False, help_text="E.g. an interview.")
    date = forms.CharField(label="Date", required=False, help_text="A year, 2021-03 or a date.")
    confidential = forms.BooleanField(label="Confidential (kept out of reports)", required=False)

    def clean_date(self) -> PartialDate | None:
        return _partial_date(self.cleaned_data["date"])

    def value(self, base: Evidence | None = None) -> Evidence:
        """The evidence the form describes; an edit keeps the attributes it had."""
        d = self.cleaned_data
        fields = {
            "id": d["key"].strip(),
            "text": d["text"].strip(),
            "source": d["source"].strip(),
            "date": d["date"],
            "confidential": d["confidential"],
            **self.coding(),
        }
        return dataclasses.replace(base, **fields) if base is not None else Evidence(**fields)


class SplitForm(forms.Form):
    source = forms.CharField(label="Source", help_text="E.g. “Interview with the food bank”.")
    date = forms.CharField(label="Date", required=False, help_text="A year, 2021-03 or a date.")
    notes = forms.CharField(
        label="Interview notes",
        required=False,
        help_text="Paste the notes; each paragraph (text between blank lines) becomes an excerpt.",
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean_date(self) -> PartialDate | None:
        return _partial_date(self.cleaned_data["date"])
