"""Forms of the account pages."""

from __future__ import annotations

from typing import Any

from django import forms

__all__ = ["JoinForm"]


class JoinForm(forms.Form):
    """A new account for someone who followed an invitation link."""

    name = forms.CharField(label="Your name", max_length=200, required=False)
    password = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not all numbers, not a common password.",
    )
    password_again = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", "The two passwords are not the same.")
        return data
