"""Account pages beyond Django's own: the home page and invitation links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from communitydna.web.accounts.forms import JoinForm
from communitydna.web.accounts.models import Invitation, User
from communitydna.web.accounts.selectors import invitation_open, workspaces_of
from communitydna.web.accounts.services import invitation_accept, user_create

__all__ = ["home", "invitation"]


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The workspaces the person belongs to, with how many studies each holds."""
    workspaces = workspaces_of(request.user).annotate(study_count=Count("studies", distinct=True))
    return render(request, "accounts/home.html", {"workspaces": workspaces})


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Join a workspace from an invitation link: log in, or make an account, then accept."""
    invited = invitation_open(token)
    if invited is None:
        raise Http404("No such invitation.")
    context: dict[str, object] = {"invitation": invited}

    if request.user.is_authenticated:
        assert isinstance(request.user, User)
        if request.method == "POST":
            try:
                invitation_accept(token=token, user=request.user)
            except (ValidationError, Invitation.DoesNotExist) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, f"You have joined {invited.workspace.name}.")
                return redirect("studies:workspace", slug=invited.workspace.slug)
        context["for_someone_else"] = request.user.email.lower() != invited.email
        return render(request, "accounts/invitation.html", context)

    if User.objects.filter(email__iexact=invited.email).exists():
        context["log_in_first"] = True
        return render(request, "accounts/invitation.html", context)

    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = user_create(
                    email=invited.email,
                    password=form.cleaned_data["password"],
                    name=form.cleaned_data["name"],
                )
                invitation_accept(token=token, user=user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to {invited.workspace.name}.")
            return redirect("studies:workspace", slug=invited.workspace.slug)
    context["form"] = form
    return render(request, "accounts/invitation.html", context)
