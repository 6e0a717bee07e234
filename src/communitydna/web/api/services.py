"""Personal API tokens: made, revoked and checked here, with an audit row for each change."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from communitydna.web.accounts.models import Role, User, Workspace
from communitydna.web.accounts.permissions import Scope, role_of
from communitydna.web.api.models import ApiToken
from communitydna.web.audit.services import audit_record

__all__ = ["TOKEN_START", "token_authenticate", "token_create", "token_revoke"]

TOKEN_START = "cdna_"
"""How every token begins, so that a leaked one is easy to recognise (and to scan for)."""

_SECRET_BYTES = 32
_USED_EVERY = dt.timedelta(minutes=1)  # ``last_used_at`` is written at most this often


def token_create(
    *,
    user: User,
    workspace: Workspace,
    role: Role | str | None = None,
    name: str = "",
    actor: User | None,
) -> tuple[ApiToken, str]:
    """Make a personal API token for ``user`` in ``workspace``.

    Parameters
    ----------
    user : User
        Whose token it is; a member of the workspace.
    workspace : Workspace
    role : Role or str, optional
        The most it may do; the user's own role by default, and never more than it.
    name : str
        What it is for, to tell tokens apart.
    actor : User or None
        Who makes it: the user themselves, or ``None`` for the command line.

    Returns
    -------
    token : ApiToken
    secret : str
        The whole token (``cdna_<prefix>_<secret>``). It is shown once and not stored.

    Raises
    ------
    django.core.exceptions.ValidationError
        For a role above the user's own, or a user who is not a member.
    django.core.exceptions.PermissionDenied
        If ``actor`` is someone other than ``user``.
    """
    if actor is not None and actor.pk != user.pk:
        raise PermissionDenied("people make their own tokens")
    own = role_of(user, workspace)
    if own is None:
        raise ValidationError({"workspace": f"{user.email} is not a member of {workspace.name}"})
    wanted = Role(role) if role else own
    if role_of(user, workspace, scope=Scope(workspace.pk, wanted)) != wanted:
        raise ValidationError({"role": f"a token cannot do more than its holder ({own})"})
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(_SECRET_BYTES)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            workspace=workspace,
            role=wanted,
            name=name.strip()[:100],
            prefix=prefix,
            secret_hash=ApiToken.hash_secret(secret),
        )
        audit_record(
            action="api_token.created",
            actor=actor,
            workspace=workspace,
            target=prefix,
            data={"user": user.email, "role": str(wanted), "name": token.name},
        )
    return token, secret


def token_revoke(*, token: ApiToken, actor: User | None) -> ApiToken:
    """Revoke a token: from now on it is refused. Revoking twice changes nothing.

    Raises
    ------
    django.core.exceptions.PermissionDenied
        If ``actor`` is someone other than the token's holder.
    """
    if actor is not None and actor.pk != token.user_id:
        raise PermissionDenied("people revoke their own tokens")
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            action="api_token.revoked",
            actor=actor,
            workspace=token.workspace,
            target=token.prefix,
            data={"user": token.user.email},
        )
    return token


def token_authenticate(secret: str) -> ApiToken | None:
    """The live token a request presents, with its user and workspace; ``None`` for an
    unknown, revoked or malformed one, or one whose holder can no longer sign in."""
    if not secret.startswith(TOKEN_START) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "workspace")
        .filter(secret_hash=ApiToken.hash_secret(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
