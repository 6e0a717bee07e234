"""Forms of the workspace home: a new study from scratch or from a workbook."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from communitydna.framework import VARIANTS
from communitydna.web.studies.uploads import UPLOAD_SUFFIXES

__all__ = ["MAX_WORKBOOK_BYTES", "NewStudyForm", "UploadStudyForm", "max_workbook_bytes"]

MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
"""The largest workbook the page accepts by default; the setting ``MAX_UPLOAD_MB`` (from
``COMMUNITYDNA_MAX_UPLOAD_MB``) changes it. Larger studies go through ``communitydna study
import``."""


def max_workbook_bytes() -> int:
    """The largest upload the page takes, in bytes.

    ``COMMUNITYDNA_MAX_WORKBOOK_BYTES`` in the settings, if there, gives it in bytes (as it
    did before ``MAX_UPLOAD_MB``); else ``MAX_UPLOAD_MB`` megabytes.
    """
    exact = getattr(settings, "COMMUNITYDNA_MAX_WORKBOOK_BYTES", None)
    if exact is not None:
        return int(exact)
    megabytes = getattr(settings, "MAX_UPLOAD_MB", None)
    return MAX_WORKBOOK_BYTES if megabytes is None else int(megabytes) * 1024 * 1024


def _variant_choices() -> list[tuple[str, str]]:
    return [(key, f"{variant.title}") for key, variant in VARIANTS.items()]


class NewStudyForm(forms.Form):
    """An empty study of a place."""

    place_name = forms.CharField(
        label="Place",
        max_length=200,
        help_text="The neighbourhood, ward, town or city, e.g. Northgate.",
        error_messages={"required": "Enter the name of the place"},
    )
    variant = forms.ChoiceField(
        label="Framework",
        choices=_variant_choices,
        initial="community",
        widget=forms.RadioSelect,
        help_text="Community for a neighbourhood; place for a local authority or a sub-region.",
    )


class UploadStudyForm(forms.Form):
    """A study workbook (``.xlsx``) or JSON archive (``.json``) to import whole, or not at
    all."""

    workbook = forms.FileField(
        label="Workbook",
        help_text=(
            "An .xlsx file in the Community DNA layout (see communitydna template), or a "
            "whole study as a .json archive (communitydna study export --archive)."
        ),
        error_messages={"required": "Choose a workbook to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )

    def clean_workbook(self) -> UploadedFile[Any]:
        """Refuse a file over the size limit, or not named .xlsx or .json, before anything
        reads it."""
        upload: UploadedFile[Any] = self.cleaned_data["workbook"]
        limit = max_workbook_bytes()
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                f"The workbook is {upload.size / 1048576:.1f} MB; the largest this page takes "
                f"is {limit / 1048576:.0f} MB. Import larger studies with "
                "communitydna study import.",
                code="too_large",
            )
        if not (upload.name or "").lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(
                "The workbook must be an .xlsx file (or a study's .json archive)",
                code="not_xlsx",
            )
        return upload
