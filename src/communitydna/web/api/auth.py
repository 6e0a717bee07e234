"""Who is calling: a personal token (``Authorization: Bearer …``) or a signed-in browser.

A token's holder acts within the token's :class:`~communitydna.web.accounts.permissions.Scope`;
a browser session acts with the person's own roles, and Django's CSRF check guards its
writes. A request that presents a token which is not good is refused, even if it also
carries a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from communitydna.web.accounts.models import Role, User
from communitydna.web.accounts.permissions import Scope
from communitydna.web.api.models import ApiToken
from communitydna.web.api.services import token_authenticate

__all__ = ["BearerToken", "BrowserSession", "Principal", "principal"]


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller: a user, and the scope of their token (``None`` for a browser session)."""

    user: User
    token: ApiToken | None = None

    @property
    def scope(self) -> Scope | None:
        if self.token is None:
            return None
        return Scope(self.token.workspace_id, Role(self.token.role))


class BearerToken(HttpBearer):
    """A personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Principal:
        found = token_authenticate(token.strip())
        if found is None:
            raise AuthenticationError(401, "the token is unknown, revoked or malformed")
        return Principal(found.user, found)


class BrowserSession(SessionAuth):
    """A signed-in browser; unsafe methods need Django's CSRF token."""

    def _get_key(self, request: HttpRequest) -> str | None:
        # A request with credentials of its own stands or falls by them, and one with none
        # at all is told so (401), not that it lacks a CSRF token (403).
        if request.headers.get("Authorization") or not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Principal | None:
        if request.headers.get("Authorization"):
            return None
        if request.user.is_authenticated and request.user.is_active:
            return Principal(request.user)
        return None


def principal(request: HttpRequest) -> Principal:
    """The caller of an authenticated operation."""
    return cast(Principal, request.auth)  # type: ignore[attr-defined]
