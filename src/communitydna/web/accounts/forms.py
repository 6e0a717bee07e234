"""Forms of the account pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from communitydna.web.accounts import throttle

__all__ = ["JoinForm", "LoginForm"]


class LoginForm(AuthenticationForm):
    """Django's log-in form, refusing attempts once too many have failed
    (:mod:`communitydna.web.accounts.throttle`)."""

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        if throttle.locked(self.request, username):
            minutes = max(1, round(settings.LOGIN_LOCKOUT_SECONDS / 60))
            raise ValidationError(
                "Too many failed attempts to log in. Wait %(minutes)s minutes and try again, "
                "or reset your password.",
                code="throttled",
                params={"minutes": minutes},
            )
        try:
            data = super().clean()
        except ValidationError:
            throttle.failure_record(self.request, username)
            raise
        throttle.failures_clear(self.request, username)
        return data


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
