"""Django for the browser tests of the web application, served by pytest-django's
``live_server`` with SQLite in a fresh temporary data folder (as ``tests/web`` does)."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

HAVE_DJANGO = all(importlib.util.find_spec(name) for name in ("django", "pytest_django"))

if not HAVE_DJANGO:
    collect_ignore_glob = ["*.py"]


def pytest_configure(config: pytest.Config) -> None:
    if not HAVE_DJANGO:
        return
    home = Path(tempfile.mkdtemp(prefix="communitydna-browser-"))
    (home / "static").mkdir()
    os.environ.setdefault("COMMUNITYDNA_HOME", str(home))
    os.environ["DJANGO_SETTINGS_MODULE"] = "communitydna.web.settings"
    # Playwright's sync API keeps an event loop running in the test's thread, which Django
    # takes for async code; the database is only used synchronously here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    django.setup()
    from pytest_django.plugin import blocking_manager_key

    config.stash[blocking_manager_key].block()


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_files(settings: Any) -> None:
    # The hashed names need `collectstatic`; the live server serves the app's own folders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
