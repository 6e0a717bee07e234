"""Form fields drawn as GOV.UK Frontend components."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    """The field's widget with the GOV.UK class for its kind, marked when in error."""
    kind = field.widget_type
    css = _CLASSES.get(kind, "govuk-input")
    if field.errors and kind != "checkbox":
        css += f" {css}--error"
    attrs: dict[str, str | bool] = {"class": css}
    if field.errors:
        described = f"{field.auto_id}_error"
        if field.help_text:
            described = f"{field.auto_id}_helptext {described}"
        attrs["aria-describedby"] = described
    return field.as_widget(attrs=attrs)
