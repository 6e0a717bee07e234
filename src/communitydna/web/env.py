"""Typed readers of environment variables that fail loudly on a bad value.

A setting that is unset falls back to its default; a setting that is set to something that
cannot be read stops the program with a message naming the variable, the value and what it
accepts, instead of quietly running with a default nobody asked for.

Examples
--------
>>> env_bool("COMMUNITYDNA_DEBUG", default=False, environ={"COMMUNITYDNA_DEBUG": "yes"})
True
>>> env_int("PORT", default=8000, environ={})
8000
>>> database_from_url("postgres://ann:secret@db.example:5433/cdna")["NAME"]
'cdna'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "SettingError",
    "database_from_url",
    "env_bool",
    "env_int",
    "env_list",
    "env_path",
    "env_str",
    "sqlite_settings",
]

_TRUE = {"1", "true", "yes", "on", "y", "t"}
_FALSE = {"0", "false", "no", "off", "n", "f", ""}


class SettingError(ValueError):
    """An environment variable holds a value that cannot be used."""


def _get(name: str, environ: Mapping[str, str] | None) -> str | None:
    return (os.environ if environ is None else environ).get(name)


def env_str(name: str, default: str = "", *, environ: Mapping[str, str] | None = None) -> str:
    """The variable's text, stripped of surrounding spaces, or ``default`` when unset."""
    value = _get(name, environ)
    return default if value is None else value.strip()


def env_bool(name: str, default: bool, *, environ: Mapping[str, str] | None = None) -> bool:
    """Read yes/no (``1``/``0``, ``true``/``false``, ``yes``/``no``, ``on``/``off``).

    Raises
    ------
    SettingError
        If the variable is set to anything else.
    """
    value = _get(name, environ)
    if value is None:
        return default
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingError(f"{name}={value!r} is not yes or no; use 1 or 0")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Read a whole number, optionally within bounds.

    Raises
    ------
    SettingError
        If the variable is set but is not a whole number within the bounds.
    """
    value = _get(name, environ)
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise SettingError(f"{name}={value!r} is not a whole number") from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        bounds = f"from {minimum if minimum is not None else '…'} to {maximum or '…'}"
        raise SettingError(f"{name}={value!r} is out of range ({bounds})")
    return number


def env_list(
    name: str, default: list[str], *, environ: Mapping[str, str] | None = None
) -> list[str]:
    """Read a comma-separated list; blank items are dropped."""
    value = _get(name, environ)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path, *, environ: Mapping[str, str] | None = None) -> Path:
    """Read a filesystem path (``~`` expanded, made absolute)."""
    value = _get(name, environ)
    if value is None or not value.strip():
        return default
    return Path(value.strip()).expanduser().resolve()


_POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}


def database_from_url(url: str, *, base: Path | None = None) -> dict[str, Any]:
    """Django's database settings from a ``DATABASE_URL``.

    Accepts ``postgres://user:password@host:port/name?option=value`` (also ``postgresql://``)
    and ``sqlite:///relative/file.sqlite3``, ``sqlite:////absolute/file.sqlite3``. Options
    of a PostgreSQL URL (``sslmode=require``) are passed to the driver.

    Parameters
    ----------
    url : str
    base : Path, optional
        Folder that a relative SQLite path is relative to (default: the working folder).

    Raises
    ------
    SettingError
        For any other scheme, or a URL without a database name.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in _POSTGRES_SCHEMES:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise SettingError(f"DATABASE_URL {_redact(url)!r} names no database")
        try:
            port = parts.port
        except ValueError:
            raise SettingError(f"DATABASE_URL {_redact(url)!r} has a bad port") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": unquote(parts.hostname or ""),
            "PORT": str(port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
        }
    if scheme == "sqlite":
        path = unquote(parts.path)
        # sqlite:///name is relative, sqlite:////abs/name is absolute (as dj-database-url reads it)
        path = path[1:] if path.startswith("/") else path
        if not path or path == ":memory:":
            return sqlite_settings(":memory:")
        file = Path(path).expanduser()
        if not file.is_absolute():
            file = (base or Path.cwd()) / file
        return sqlite_settings(str(file))
    raise SettingError(
        f"DATABASE_URL {_redact(url)!r} is not understood; use postgres://user@host:5432/name "
        "or sqlite:////absolute/path/to/file.sqlite3"
    )


def sqlite_settings(name: str) -> dict[str, Any]:
    """SQLite tuned for a small multi-user server.

    WAL lets readers carry on while one writer writes; the busy timeout makes a writer wait
    for another instead of failing; ``IMMEDIATE`` transactions take the write lock at the
    start, so two transactions cannot both read and then deadlock on upgrading to write.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            ),
        },
    }


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url
