"""Slowing down password guessing: failed log-ins are counted per account and per address.

After ``LOGIN_FAILURES_PER_ACCOUNT`` failures for one e-mail address (5 by default), or
``LOGIN_FAILURES_PER_ADDRESS`` from one network address (20), within
``LOGIN_LOCKOUT_SECONDS`` (15 minutes), further attempts are refused — even with the right
password — until that time has passed since the first of them. Counts live in the shared
cache, so every server process sees them; a successful log-in clears the account's count.
The address is the connection's (``REMOTE_ADDR``); behind a reverse proxy that passes the
client's address on, configure the proxy to set it.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

__all__ = ["failure_record", "failures_clear", "locked"]


def _keys(request: HttpRequest | None, username: str) -> list[tuple[str, int]]:
    account = hashlib.sha256(username.strip().casefold().encode("utf-8")).hexdigest()[:32]
    keys = [(f"communitydna:login-failures:account:{account}", settings.LOGIN_FAILURES_PER_ACCOUNT)]
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    if address:
        keys.append(
            (f"communitydna:login-failures:address:{address}", settings.LOGIN_FAILURES_PER_ADDRESS)
        )
    return keys


def locked(request: HttpRequest | None, username: str) -> bool:
    """Whether log-ins for this account, or from this address, are refused for now."""
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(request, username))


def failure_record(request: HttpRequest | None, username: str) -> None:
    """Count one failed log-in for the account and the address."""
    for key, _ in _keys(request, username):
        if not cache.add(key, 1, settings.LOGIN_LOCKOUT_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between the two calls
                cache.add(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


def failures_clear(request: HttpRequest | None, username: str) -> None:
    """Forget the account's failures after a successful log-in (the address's remain)."""
    cache.delete(_keys(request, username)[0][0])
