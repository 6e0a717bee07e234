"""Every change to people, workspaces, memberships and invitations."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from communitydna.web.accounts.models import Invitation, Membership, Role, User, Workspace
from communitydna.web.accounts.permissions import Capability, require
from communitydna.web.audit.services import audit_record

__all__ = [
    "invitation_accept",
    "invitation_create",
    "membership_set",
    "user_create",
    "workspace_create",
]


def user_create(
    *, email: str, password: str | None, name: str = "", check_password: bool = True
) -> User:
    """Create a person who logs in with this e-mail address.

    Parameters
    ----------
    email : str
        Unique whatever its letter case; stored in lower case.
    password : str or None
        ``None`` makes an account that cannot log in until a password is set (by reset).
    name : str
        How the person is shown, e.g. as a rating's assessor.
    check_password : bool
        Run Django's password validators (length, common passwords, …).

    Returns
    -------
    User

    Raises
    ------
    django.core.exceptions.ValidationError
        For an address that is not one or is taken, or a weak password.
    """
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError({"email": f"{email!r} is not an e-mail address"}) from None
    if User.objects.filter(email__iexact=address).exists():
        raise ValidationError({"email": f"there is already an account for {address}"})
    if password is not None and check_password:
        try:
            validate_password(password, User(email=address, name=name))
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
    with transaction.atomic():
        user = User.objects.create_user(address, password, name=name.strip())
        audit_record(action="user.created", actor=None, target=address)
    return user


def workspace_create(*, name: str, user: User | None) -> Workspace:
    """Create a workspace; the user who creates it becomes its owner.

    Parameters
    ----------
    name : str
        Unique; the workspace's address is made from it.
    user : User or None
        The first owner; ``None`` (the command line) leaves it without members.

    Returns
    -------
    Workspace

    Raises
    ------
    django.core.exceptions.ValidationError
        For a blank name or one already taken.
    """
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError({"name": "a workspace needs a name"})
    if len(clean) > 200:
        raise ValidationError({"name": "a workspace name has at most 200 characters"})
    if Workspace.objects.filter(name__iexact=clean).exists():
        raise ValidationError({"name": f"there is already a workspace called {clean!r}"})
    with transaction.atomic():
        workspace = Workspace.objects.create(name=clean, slug=_unused_slug(clean))
        if user is not None:
            Membership.objects.create(workspace=workspace, user=user, role=Role.OWNER)
        audit_record(
            action="workspace.created",
            actor=user,
            workspace=workspace,
            target=clean,
        )
    return workspace


def membership_set(
    *, workspace: Workspace, member: User, role: Role | str | None, user: User | None
) -> Membership | None:
    """Give a person a role in a workspace, change it, or (``role=None``) remove them.

    A workspace always keeps at least one owner.

    Parameters
    ----------
    workspace : Workspace
    member : User
        Whose membership changes.
    role : Role, str or None
        ``owner``, ``assessor``, ``contributor``, ``viewer``; ``None`` removes the member.
    user : User or None
        Who makes the change: an owner of the workspace (``None`` is the command line).

    Returns
    -------
    Membership or None
        ``None`` once removed.

    Raises
    ------
    django.core.exceptions.ValidationError
        For an unknown role, or a change that would leave the workspace without an owner.
    django.core.exceptions.PermissionDenied
    """
    new_role = _role(role) if role is not None else None
    require(user, Capability.MANAGE_MEMBERS, workspace)
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().filter(workspace=workspace, user=member).first()
        )
        before = membership.role if membership is not None else None
        if before == Role.OWNER and new_role != Role.OWNER:
            owners = Membership.objects.filter(workspace=workspace, role=Role.OWNER).count()
            if owners <= 1:
                raise ValidationError({"role": "a workspace needs at least one owner"})
        if new_role is None:
            if membership is not None:
                membership.delete()
                membership = None
        elif membership is None:
            membership = Membership.objects.create(workspace=workspace, user=member, role=new_role)
        elif membership.role != new_role:
            membership.role = new_role
            membership.save(update_fields=["role"])
        if before != (new_role.value if new_role is not None else None):
            audit_record(
                action="membership.set",
                actor=user,
                workspace=workspace,
                target=member.email,
                data={"role": [before, new_role.value if new_role is not None else None]},
            )
    return membership


def invitation_create(
    *, workspace: Workspace, email: str, role: Role | str, user: User | None
) -> tuple[Invitation, str]:
    """Invite someone to a workspace by link.

    Parameters
    ----------
    workspace : Workspace
    email : str
        Who is invited; only a person with this address can accept.
    role : Role or str
        The role they will have.
    user : User or None
        An owner of the workspace (``None`` is the command line).

    Returns
    -------
    invitation : Invitation
    token : str
        The secret part of the link (``/invitations/<token>/``); only its hash is stored,
        so it cannot be shown again.

    Raises
    ------
    django.core.exceptions.ValidationError, django.core.exceptions.PermissionDenied
    """
    new_role = _role(role)
    require(user, Capability.MANAGE_MEMBERS, workspace)
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError({"email": f"{email!r} is not an e-mail address"}) from None
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            workspace=workspace,
            email=address,
            role=new_role,
            token_hash=Invitation.hash_token(token),
            invited_by=user,
            created_at=now,
            expires_at=now + dt.timedelta(days=settings.INVITATION_DAYS),
        )
        audit_record(
            action="invitation.created",
            actor=user,
            workspace=workspace,
            target=address,
            data={"role": new_role.value},
        )
    return invitation, token


def invitation_accept(*, token: str, user: User) -> Membership:
    """Accept an invitation: the user joins its workspace with its role.

    A member who already has a role keeps the higher of the two.

    Parameters
    ----------
    token : str
        From the link.
    user : User
        Must have the invited e-mail address.

    Returns
    -------
    Membership

    Raises
    ------
    Invitation.DoesNotExist
        For a token that matches no open invitation (unknown, used or expired).
    django.core.exceptions.ValidationError
        If the user's address is not the invited one.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("workspace")
            .get(token_hash=Invitation.hash_token(token))
        )
        if not invitation.is_open():
            raise Invitation.DoesNotExist("the invitation has been used or has expired")
        if invitation.email.lower() != user.email.lower():
            raise ValidationError(
                f"this invitation is for {invitation.email}; log in with that address"
            )
        invited = Role(invitation.role)
        membership = Membership.objects.filter(workspace=invitation.workspace, user=user).first()
        if membership is None:
            membership = Membership.objects.create(
                workspace=invitation.workspace, user=user, role=invited
            )
        elif _RANK[invited] < _RANK[Role(membership.role)]:
            membership.role = invited
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit_record(
            action="invitation.accepted",
            actor=user,
            workspace=invitation.workspace,
            target=user.email,
            data={"role": membership.role},
        )
    return membership


_RANK = {Role.OWNER: 0, Role.ASSESSOR: 1, Role.CONTRIBUTOR: 2, Role.VIEWER: 3}


def _role(value: Role | str) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise ValidationError({"role": f"{value!r} is not a role; use {choices}"}) from None


def _unused_slug(name: str) -> str:
    base = (slugify(name) or "workspace")[:190]
    slug, n = base, 1
    while Workspace.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
