"""Reads about people and workspaces."""

from __future__ import annotations

from django.db.models import QuerySet

from communitydna.web.accounts.models import Invitation, Membership, Workspace
from communitydna.web.accounts.permissions import AnyUser

__all__ = ["invitation_open", "members_of", "workspaces_of"]


def workspaces_of(user: AnyUser) -> QuerySet[Workspace]:
    """The workspaces a person belongs to, by name.

    Parameters
    ----------
    user : User or AnonymousUser

    Returns
    -------
    QuerySet of Workspace
        Empty for anyone not logged in.
    """
    if not user.is_authenticated or not user.is_active:
        return Workspace.objects.none()
    return Workspace.objects.filter(memberships__user_id=user.pk).order_by("name")


def members_of(workspace: Workspace) -> QuerySet[Membership]:
    """A workspace's memberships with their people, by e-mail address.

    Parameters
    ----------
    workspace : Workspace

    Returns
    -------
    QuerySet of Membership
    """
    return (
        Membership.objects.filter(workspace=workspace)
        .select_related("user")
        .order_by("user__email")
    )


def invitation_open(token: str) -> Invitation | None:
    """The open (not used, not expired) invitation a link's token belongs to, if any.

    Parameters
    ----------
    token : str

    Returns
    -------
    Invitation or None
    """
    invitation = (
        Invitation.objects.select_related("workspace")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    return invitation if invitation is not None and invitation.is_open() else None
