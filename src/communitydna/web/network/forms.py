"""Forms for organisations and relationships, read with the core's own parsers.

Each form's ``value`` gives the snapshot entity the services take, so a field is checked
the same way here as in a workbook.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from communitydna.framework import SECTORS, parse_sector
from communitydna.snapshot import (
    RELATIONSHIP_TYPES,
    Organisation,
    PartialDate,
    Relationship,
    RelationshipStatus,
    Size,
    SnapshotError,
    split_list,
)

__all__ = ["MergeForm", "OrganisationForm", "RelationshipForm", "show_service_errors"]


def show_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields of the same name, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _partial_date(text: str) -> PartialDate | None:
    if not text.strip():
        return None
    try:
        return PartialDate.parse(text.strip())
    except (SnapshotError, ValueError) as e:
        raise ValidationError(str(e)) from e


class OrganisationForm(forms.Form):
    key = forms.CharField(
        label="Id",
        required=False,
        help_text="A short id used in the workbook; left blank, one is made from the name.",
    )
    name = forms.CharField(label="Name")
    sector = forms.CharField(
        label="Sector",
        widget=forms.Select(
            choices=[("", "Choose a sector")] + [(s.value, s.label) for s in SECTORS]
        ),
    )
    type = forms.CharField(label="Type", required=False)
    ward = forms.CharField(label="Ward", required=False)
    postcode = forms.CharField(label="Postcode", required=False)
    identifier = forms.CharField(label="Registered identifier", required=False)
    led_by = forms.CharField(
        label="Led by", required=False, help_text="Groups that lead it, separated by semicolons."
    )
    size = forms.ChoiceField(
        label="Size",
        required=False,
        choices=[("", "Not known")] + [(s.value, s.value) for s in Size],
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, base: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base = base

    @classmethod
    def initial_from(cls, value: Organisation) -> dict[str, Any]:
        return {
            "key": value.id,
            "name": value.name,
            "sector": value.sector.value,
            "type": value.type,
            "ward": value.ward,
            "postcode": value.postcode,
            "identifier": value.identifier,
            "led_by": "; ".join(value.led_by),
            "size": value.size.value if value.size else "",
            "notes": value.notes,
        }

    def clean_sector(self) -> str:
        try:
            return parse_sector(self.cleaned_data["sector"]).value
        except (ValueError, KeyError) as e:
            raise ValidationError("Choose public, commercial or social.") from e

    def value(self) -> Organisation:
        """The organisation the form describes; an edit keeps the attributes it had."""
        d = self.cleaned_data
        fields: dict[str, Any] = {
            "id": d["key"].strip(),
            "name": d["name"].strip(),
            "sector": parse_sector(d["sector"]),
            "type": d["type"].strip(),
            "ward": d["ward"].strip(),
            "postcode": d["postcode"].strip(),
            "identifier": d["identifier"].strip(),
            "led_by": tuple(split_list(d["led_by"])),
            "size": Size(d["size"]) if d["size"] else None,
            "notes": d["notes"].strip(),
        }
        if self.base is not None:
            return dataclasses.replace(self.base, **fields)
        return Organisation(**fields)


class MergeForm(forms.Form):
    survivor = forms.ChoiceField(
        label="Which organisation stays?",
        widget=forms.RadioSelect,
        help_text="The other one's relationships and evidence move to it; the other is deleted.",
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, pair: tuple[tuple[str, str], tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        survivor = self.fields["survivor"]
        assert isinstance(survivor, forms.ChoiceField)
        survivor.choices = list(pair)


class RelationshipForm(forms.Form):
    key = forms.CharField(label="Id", required=False, help_text="Left blank, one is numbered.")
    source = forms.CharField(
        label="From organisation (id)", widget=forms.TextInput(attrs={"list": "organisation-ids"})
    )
    target = forms.CharField(
        label="To organisation (id)", widget=forms.TextInput(attrs={"list": "organisation-ids"})
    )
    type = forms.CharField(
        label="Type",
        initial="partnership",
        widget=forms.TextInput(attrs={"list": "relationship-types"}),
    )
    directed = forms.BooleanField(label="Directed (from one to the other)", required=False)
    strength = forms.IntegerField(label="Strength (1 to 5)", min_value=1, max_value=5, initial=3)
    tense = forms.BooleanField(label="Tense", required=False)
    status = forms.ChoiceField(
        label="Status", choices=[(s.value, s.value) for s in RelationshipStatus], initial="active"
    )
    since = forms.CharField(label="Since", required=False, help_text="A year, 2021-03 or a date.")
    until = forms.CharField(label="Until", required=False, help_text="A year, 2021-03 or a date.")
    evidence = forms.CharField(
        label="Evidence", required=False, help_text="Evidence ids, separated by semicolons."
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    TYPES = RELATIONSHIP_TYPES

    def __init__(self, *args: Any, base: Relationship | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base = base

    @classmethod
    def initial_from(cls, value: Relationship) -> dict[str, Any]:
        return {
            "key": value.id,
            "source": value.source,
            "target": value.target,
            "type": value.type,
            "directed": value.directed,
            "strength": value.strength,
            "tense": value.tense,
            "status": value.status.value,
            "since": str(value.since) if value.since else "",
            "until": str(value.until) if value.until else "",
            "evidence": "; ".join(value.evidence),
            "notes": value.notes,
        }

    def clean_since(self) -> PartialDate | None:
        return _partial_date(self.cleaned_data["since"])

    def clean_until(self) -> PartialDate | None:
        return _partial_date(self.cleaned_data["until"])

    def value(self) -> Relationship:
        """The relationship the form describes; an edit keeps the attributes it had."""
        d = self.cleaned_data
        fields: dict[str, Any] = {
            "id": d["key"].strip(),
            "source": d["source"].strip(),
            "target": d["target"].strip(),
            "type": d["type"].strip() or "partnership",
            "directed": d["directed"],
            "strength": d["strength"],
            "tense": d["tense"],
            "status": RelationshipStatus(d["status"]),
            "since": d["since"],
            "until": d["until"],
            "evidence": tuple(split_list(d["evidence"])),
            "notes": d["notes"].strip(),
        }
        if self.base is not None:
            return dataclasses.replace(self.base, **fields)
        return Relationship(**fields)
