"""Settings work with no configuration; environment variables change them, loudly if wrong."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from communitydna.web.env import (
    SettingError,
    database_from_url,
    env_bool,
    env_int,
    env_list,
)

_SHOW = """
import json, django
from django.conf import settings
from django.db import connection
django.setup()
database = settings.DATABASES["default"]
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode" if connection.vendor == "sqlite" else "SELECT 'n/a'")
    journal = cursor.fetchone()[0]
print(json.dumps({
    "engine": database["ENGINE"], "name": str(database["NAME"]), "journal": journal,
    "options": {k: v for k, v in database.get("OPTIONS", {}).items()},
    "secret": settings.SECRET_KEY, "debug": settings.DEBUG,
    "secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "hasher": settings.PASSWORD_HASHERS[0], "email": settings.EMAIL_BACKEND,
}))
"""


def _settings(home: Path, **env: str) -> dict[str, object]:
    """The settings a fresh process sees with only these variables set."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("COMMUNITYDNA_") and k not in {"DATABASE_URL", "SECRET_KEY"}
    }
    clean.update(COMMUNITYDNA_HOME=str(home), DJANGO_SETTINGS_MODULE="communitydna.web.settings")
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", _SHOW], env=clean, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise SettingError(result.stderr.strip().splitlines()[-1])
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def test_with_no_configuration_data_lives_in_sqlite_in_wal_mode_under_the_home_folder(
    tmp_path: Path,
) -> None:
    seen = _settings(tmp_path)
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["name"] == str(tmp_path / "communitydna.sqlite3")
    assert seen["journal"] == "wal"
    options = seen["options"]
    assert isinstance(options, dict)
    assert options["timeout"] == 20
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "busy_timeout" in options["init_command"]


def test_a_secret_key_is_generated_once_kept_private_and_reused(tmp_path: Path) -> None:
    first = _settings(tmp_path)["secret"]
    assert _settings(tmp_path)["secret"] == first
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first
    assert key_file.stat().st_mode & 0o077 == 0


def test_a_secret_key_from_the_environment_wins(tmp_path: Path) -> None:
    assert _settings(tmp_path, SECRET_KEY="from-env")["secret"] == "from-env"
    assert _settings(tmp_path, COMMUNITYDNA_SECRET_KEY="mine")["secret"] == "mine"
    assert not (tmp_path / "secret_key").exists()


def test_out_of_the_box_debug_is_off_cookies_secure_email_on_the_console_and_argon2(
    tmp_path: Path,
) -> None:
    seen = _settings(tmp_path)
    assert seen["debug"] is False
    assert seen["secure"] == [True, True]
    assert seen["email"] == "django.core.mail.backends.console.EmailBackend"
    assert seen["hasher"] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_debug_is_on_only_when_asked_and_then_cookies_may_travel_over_http(
    tmp_path: Path,
) -> None:
    seen = _settings(tmp_path, COMMUNITYDNA_DEBUG="1")
    assert seen["debug"] is True
    assert seen["secure"] == [False, False]


def test_a_database_url_names_another_sqlite_file(tmp_path: Path) -> None:
    seen = _settings(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/other.db")
    assert seen["name"] == f"{tmp_path}/other.db"
    assert seen["journal"] == "wal"


def test_a_bad_value_stops_start_up_naming_the_variable(tmp_path: Path) -> None:
    with pytest.raises(SettingError, match="COMMUNITYDNA_DEBUG='maybe'"):
        _settings(tmp_path, COMMUNITYDNA_DEBUG="maybe")
    with pytest.raises(SettingError, match="DATABASE_URL 'mysql://"):
        _settings(tmp_path, DATABASE_URL="mysql://db/x")


def test_a_postgresql_url_gives_its_parts_to_django() -> None:
    settings = database_from_url("postgresql://ann:p%40ss@db.example:5433/cdna?sslmode=require")
    assert settings["ENGINE"] == "django.db.backends.postgresql"
    assert (settings["NAME"], settings["USER"], settings["PASSWORD"]) == ("cdna", "ann", "p@ss")
    assert (settings["HOST"], settings["PORT"]) == ("db.example", "5433")
    assert settings["OPTIONS"] == {"sslmode": "require"}


def test_a_relative_sqlite_url_is_relative_to_the_given_folder(tmp_path: Path) -> None:
    assert database_from_url("sqlite:///data.db", base=tmp_path)["NAME"] == str(
        tmp_path / "data.db"
    )
    assert database_from_url("sqlite:////abs/data.db")["NAME"] == "/abs/data.db"


@pytest.mark.parametrize(
    "url", ["postgres://db.example/", "postgres://db.example:port/x", "ftp://x/y"]
)
def test_an_unusable_database_url_is_refused(url: str) -> None:
    with pytest.raises(SettingError):
        database_from_url(url)


def test_the_typed_readers_fail_loudly_on_bad_values() -> None:
    assert env_bool("X", True, environ={}) is True
    assert env_bool("X", True, environ={"X": "off"}) is False
    assert env_int("X", 5, environ={"X": " 7 "}) == 7
    assert env_list("X", ["a"], environ={"X": "b, ,c"}) == ["b", "c"]
    with pytest.raises(SettingError, match="X='seven' is not a whole number"):
        env_int("X", 5, environ={"X": "seven"})
    with pytest.raises(SettingError, match="out of range"):
        env_int("X", 5, minimum=1, maximum=10, environ={"X": "11"})


@pytest.mark.django_db
def test_the_tests_use_the_database_that_database_url_names() -> None:
    from django.db import connection

    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
