"""Django for the browser tests of whole journeys through the site: the same set-up as
``tests/browser/pages``.

A fresh data folder and an in-memory SQLite database; pages are served by pytest-django's
``live_server`` and driven in headless Chromium.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .helpers import OWNER_EMAIL, PASSWORD, WORKSPACE

HAVE_DJANGO = all(importlib.util.find_spec(name) for name in ("django", "pytest_django"))

if not HAVE_DJANGO:  # the web extra is not installed: nothing here can run
    collect_ignore_glob = ["*.py"]


def pytest_configure(config: pytest.Config) -> None:
    # Playwright's synchronous API runs an event loop in this thread, so Django would take
    # every database call here for one made from async code; the calls are synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not HAVE_DJANGO or os.environ.get("DJANGO_SETTINGS_MODULE"):
        return  # not installed, or already set up by another folder in the same run
    home = Path(tempfile.mkdtemp(prefix="communitydna-test-"))
    (home / "static").mkdir()
    os.environ["COMMUNITYDNA_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "communitydna.web.settings"
    import django

    django.setup()
    from pytest_django.plugin import blocking_manager_key

    config.stash[blocking_manager_key].block()


@pytest.fixture(autouse=True)
def _served_over_plain_http(settings: Any) -> None:
    # The live server speaks plain HTTP; cookies marked secure would not come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def owner(transactional_db: None) -> Any:
    """One person, the owner of a workspace that holds no study yet."""
    from communitydna.web.accounts.services import user_create, workspace_create

    user = user_create(
        email=OWNER_EMAIL, password=PASSWORD, name="Olive Owner", check_password=False
    )
    workspace_create(name=WORKSPACE, user=user)
    return user


@pytest.fixture
def site_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page that may reach the live server and nothing else."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    outside: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(live_server.url):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    try:
        yield page
    finally:
        context.close()
    assert outside == [], f"the page asked for addresses outside the site: {outside}"
