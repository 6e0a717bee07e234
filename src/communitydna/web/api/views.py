"""The page where people make and revoke their own API tokens."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communitydna.web.accounts.models import User, Workspace
from communitydna.web.api.forms import TokenForm
from communitydna.web.api.models import ApiToken
from communitydna.web.api.services import token_create, token_revoke

__all__ = ["tokens"]


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """Your API tokens: make one (shown once, here), or revoke one."""
    person = cast(User, request.user)
    form = TokenForm(user=person)
    secret = ""
    status = 200
    if request.method == "POST" and request.POST.get("action") == "revoke":
        found = ApiToken.objects.filter(user=person, prefix=request.POST.get("prefix", "")).first()
        if found is None:
            raise Http404("No such token.")
        token_revoke(token=found, actor=person)
        messages.success(request, f"Token {found.prefix} is revoked.")
        return redirect("tokens:list")
    if request.method == "POST":
        form = TokenForm(request.POST, user=person)
        if form.is_valid():
            workspace = Workspace.objects.get(slug=form.cleaned_data["workspace"])
            try:
                _, secret = token_create(
                    user=person,
                    workspace=workspace,
                    role=form.cleaned_data["role"] or None,
                    name=form.cleaned_data["name"],
                    actor=person,
                )
            except ValidationError as error:
                form.add_error("role", "; ".join(error.messages))
        if not secret:
            status = 400
    held = ApiToken.objects.filter(user=person).select_related("workspace")
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "secret": secret, "tokens": held},
        status=status,
    )
    response["Cache-Control"] = "no-store"  # the page may hold a new token
    return response
