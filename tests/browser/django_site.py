"""Django for the browser tests of the web application: the same set-up as ``tests/web``.

A fresh data folder and an in-memory SQLite database; pages are served by pytest-django's
``live_server`` and driven in headless Chromium. Each folder of web browser tests imports
these from its ``conftest.py``.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

HAVE_DJANGO = all(importlib.util.find_spec(name) for name in ("django", "pytest_django"))


def configure_django(config: pytest.Config) -> None:
    """Set Django up once per run (unless ``tests/web`` already did) and block the database
    for tests that do not ask for it."""
    # Playwright's synchronous API runs an event loop in this thread, so Django would take
    # every database call here for one made from async code; the calls are synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not HAVE_DJANGO or os.environ.get("DJANGO_SETTINGS_MODULE"):
        return  # not installed, or already set up by another folder in the same run
    home = Path(tempfile.mkdtemp(prefix="communitydna-test-"))
    (home / "static").mkdir()
    os.environ["COMMUNITYDNA_HOME"] = str(home)
    # Long work runs at once, inside the request, as in tests/web (whichever folder sets
    # Django up first); tests of the background threads ask for them.
    os.environ.setdefault("COMMUNITYDNA_TASKS", "immediate")
    os.environ["DJANGO_SETTINGS_MODULE"] = "communitydna.web.settings"
    import django

    django.setup()
    from pytest_django.plugin import blocking_manager_key

    config.stash[blocking_manager_key].block()


@pytest.fixture(autouse=True)
def served_over_plain_http(settings: Any) -> None:
    """Settings for the live server: plain HTTP cookies, quick hashing, unhashed statics."""
    # The live server speaks plain HTTP; cookies marked secure would not come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The hashed names need `collectstatic`; the live server serves the app's own folders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
