"""The web application's tests: Django is set up for this folder only.

The data folder is a fresh temporary one; the database is SQLite (in memory) unless
``DATABASE_URL`` names another, which is how ``test_on_postgresql.py`` re-runs this folder
on PostgreSQL. Everything else in the suite runs without Django.

The standard cast: in the workspace "Northgate Partnership" an ``owner``, an ``assessor``,
a ``contributor`` and a ``viewer``; an ``outsider`` who owns another workspace.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from .support import ROLES, Cast, make_user, small_snapshot

HAVE_DJANGO = all(importlib.util.find_spec(name) for name in ("django", "pytest_django"))

if not HAVE_DJANGO:  # the web extra is not installed: nothing here can run
    collect_ignore_glob = ["*.py"]


def pytest_configure(config: pytest.Config) -> None:
    if not HAVE_DJANGO:
        return
    home = Path(tempfile.mkdtemp(prefix="communitydna-test-"))
    (home / "static").mkdir()
    os.environ["COMMUNITYDNA_HOME"] = str(home)
    # Long work runs at once, inside the request, so tests see its outcome straight away.
    os.environ.setdefault("COMMUNITYDNA_TASKS", "immediate")
    os.environ["DJANGO_SETTINGS_MODULE"] = "communitydna.web.settings"
    import django

    django.setup()
    # As pytest-django does when it sets Django up itself: no database unless a test asks.
    from pytest_django.plugin import blocking_manager_key

    config.stash[blocking_manager_key].block()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """A test database of this run's own on a shared PostgreSQL server."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("TEST", {})["NAME"] = f"test_communitydna_{os.getpid()}"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # The cache is shared (files in the data folder): each test starts with an empty one.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings: Any) -> None:
    # Argon2 is the real hasher (test_settings checks it); tests need not pay for it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_files(settings: Any) -> None:
    # The hashed names need `collectstatic`, which `communitydna serve` runs; pages here
    # are rendered without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def cast(db: None) -> Cast:
    from communitydna.web.accounts.services import membership_set, workspace_create
    from communitydna.web.studies.services import study_import

    owner = make_user("owner@example.org", "Olive Owner")
    workspace = workspace_create(name="Northgate Partnership", user=owner)
    people = {"owner": owner}
    for role in ROLES[1:]:
        people[role] = make_user(f"{role}@example.org", f"{role.title()} Person")
        membership_set(workspace=workspace, member=people[role], role=role, user=owner)
    outsider = make_user("outsider@example.org", "Otto Outsider")
    other = workspace_create(name="Elsewhere Council", user=outsider)
    study = study_import(workspace=workspace, snapshot=small_snapshot(), user=owner)
    return Cast(
        workspace=workspace,
        other_workspace=other,
        study=study,
        outsider=outsider,
        owner=people["owner"],
        assessor=people["assessor"],
        contributor=people["contributor"],
        viewer=people["viewer"],
    )
