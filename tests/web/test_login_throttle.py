"""Password guessing is slowed down: too many failed log-ins pause an account and an address."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from .support import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def _log_in(client: Client, email: str, password: str, address: str = "10.0.0.1") -> Any:
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_five_failures_pause_the_account_even_for_the_right_password(
    cast: Cast, client: Client
) -> None:
    for _ in range(5):
        response = _log_in(client, cast.viewer.email, "wrong password")
        assert response.status_code == 200
        assert "Too many failed attempts" not in response.content.decode()
    refused = _log_in(client, cast.viewer.email, PASSWORD)
    assert refused.status_code == 200
    assert "Too many failed attempts to log in. Wait 15 minutes" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not affected, nor the same one spelt in capitals.
    assert _log_in(client, cast.owner.email, PASSWORD).status_code == 302
    client.logout()
    capitals = _log_in(client, cast.viewer.email.upper(), PASSWORD)
    assert "Too many failed attempts" in capitals.content.decode()


def test_a_success_clears_the_accounts_count(cast: Cast, client: Client) -> None:
    for _ in range(4):
        _log_in(client, cast.viewer.email, "wrong password")
    assert _log_in(client, cast.viewer.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _log_in(client, cast.viewer.email, "wrong password")
    assert _log_in(client, cast.viewer.email, PASSWORD).status_code == 302


def test_one_address_guessing_many_accounts_is_paused(
    cast: Cast, client: Client, settings: Any
) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    for n in range(6):
        _log_in(client, f"nobody{n}@example.org", "guess", address="10.9.9.9")
    refused = _log_in(client, cast.owner.email, PASSWORD, address="10.9.9.9")
    assert "Too many failed attempts" in refused.content.decode()
    assert _log_in(client, cast.owner.email, PASSWORD, address="10.0.0.2").status_code == 302


def test_the_pause_ends(cast: Cast, client: Client) -> None:
    from django.core.cache import cache

    for _ in range(5):
        _log_in(client, cast.viewer.email, "wrong password")
    assert (
        "Too many failed attempts" in _log_in(client, cast.viewer.email, PASSWORD).content.decode()
    )
    cache.clear()  # as if the 15 minutes had passed: the counts expire with their keys
    assert _log_in(client, cast.viewer.email, PASSWORD).status_code == 302
