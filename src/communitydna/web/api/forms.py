"""The form of the page where people make their own API tokens."""

from __future__ import annotations

from typing import Any

from django import forms

from communitydna.web.accounts.models import Membership, Role, User

__all__ = ["TokenForm"]


class TokenForm(forms.Form):
    """A new token: its workspace (one of the person's), the most it may do, what it is for."""

    workspace = forms.ChoiceField(
        label="Workspace", required=False, help_text="Needed if you belong to more than one."
    )
    role = forms.ChoiceField(
        label="The most it may do",
        required=False,
        help_text="Never more than your own role there; leave it for your own role.",
    )
    name = forms.CharField(
        label="What it is for", max_length=100, required=False, help_text="e.g. analysis scripts"
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        memberships = Membership.objects.filter(user=user).select_related("workspace")
        workspace = self.fields["workspace"]
        role = self.fields["role"]
        assert isinstance(workspace, forms.ChoiceField)
        assert isinstance(role, forms.ChoiceField)
        self._theirs = [
            (m.workspace.slug, m.workspace.name)
            for m in sorted(memberships, key=lambda m: m.workspace.name)
        ]
        workspace.choices = [("", "Choose a workspace"), *self._theirs]
        role.choices = [("", "My own role"), *Role.choices]

    def clean_workspace(self) -> str:
        chosen: str = self.cleaned_data.get("workspace") or ""
        if not chosen and len(self._theirs) == 1:
            return self._theirs[0][0]
        if not chosen:
            raise forms.ValidationError("Choose the workspace the token is for.")
        return chosen
