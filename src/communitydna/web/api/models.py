"""Personal API tokens."""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from communitydna.web.accounts.models import Role

__all__ = ["ApiToken"]


class ApiToken(models.Model):
    """A personal token for the API, good in one workspace with at most one role there.

    Only the SHA-256 hash of the secret is stored. A slow password hash (Argon2, PBKDF2)
    protects secrets people choose, which are guessable; a token is 32 random bytes, which
    no one can guess whatever the hash, so a fast hash is right, and it lets each request
    find its token by an indexed lookup. ``prefix`` is a short public part of the token,
    shown to tell tokens apart and to revoke one.

    The role is checked at each request against the holder's membership (see
    :class:`communitydna.web.accounts.permissions.Scope`): a token never does more than
    its holder may do now.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="api_tokens"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix} ({self.name or 'no name'})"

    @staticmethod
    def hash_secret(token: str) -> str:
        """The stored form of a whole token."""
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def active(self) -> bool:
        return self.revoked_at is None
