"""Settings of the web application: they work with no configuration at all.

Out of the box the data (an SQLite database, a generated secret key, collected static
files) lives in ``$COMMUNITYDNA_HOME``, by default the per-user data folder
(``~/.local/share/communitydna`` on Linux). Environment variables change that:

==================================  ==========================================================
``COMMUNITYDNA_HOME``               the data folder
``DATABASE_URL``                    ``postgres://user:password@host:5432/name`` or
                                    ``sqlite:////path/to/file.sqlite3``
``SECRET_KEY`` or                   the secret key (otherwise generated once and kept in
``COMMUNITYDNA_SECRET_KEY``         ``$COMMUNITYDNA_HOME/secret_key``)
``COMMUNITYDNA_DEBUG``              ``1`` for Django's debug mode (never in production)
``COMMUNITYDNA_ALLOWED_HOSTS``      host names the site answers to, comma-separated
``COMMUNITYDNA_CSRF_TRUSTED_ORIGINS``  e.g. ``https://dna.example.org``
``COMMUNITYDNA_BASE_URL``           the address printed by the command line
``COMMUNITYDNA_SECURE_COOKIES``     send cookies over HTTPS only (default: unless debug)
``COMMUNITYDNA_BEHIND_PROXY``       trust ``X-Forwarded-Proto`` from a reverse proxy
``COMMUNITYDNA_SSL_REDIRECT``       redirect plain HTTP to HTTPS
``COMMUNITYDNA_HSTS_SECONDS``       Strict-Transport-Security max-age (default 0: off)
``COMMUNITYDNA_HSTS_INCLUDE_SUBDOMAINS``, ``COMMUNITYDNA_HSTS_PRELOAD``  its two flags
``COMMUNITYDNA_EMAIL_BACKEND``      default: print e-mails on the console
``COMMUNITYDNA_EMAIL_HOST`` …       ``_PORT``, ``_USER``, ``_PASSWORD``, ``_USE_TLS``
``COMMUNITYDNA_DEFAULT_FROM_EMAIL``
``COMMUNITYDNA_TIME_ZONE``          default ``Europe/London``
``COMMUNITYDNA_CONN_MAX_AGE``       seconds to keep database connections open (default 0)
``COMMUNITYDNA_REDIS_URL``          ``redis://host:6379/0``: cache in Redis, shared by servers
``COMMUNITYDNA_TASKS``              where long work runs: ``thread`` (default, inside the
                                    server), ``database`` or ``rq`` (``communitydna worker``
                                    runs it), ``immediate`` (at once, in the request)
==================================  ==========================================================

A variable set to a value that cannot be read stops start-up with a message saying which.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import platformdirs

from communitydna.web.env import (
    SettingError,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
    sqlite_settings,
)

PACKAGE_DIR = Path(__file__).resolve().parent

HOME = env_path("COMMUNITYDNA_HOME", platformdirs.user_data_path("communitydna", appauthor=False))


def _ensure_home() -> Path:
    try:
        HOME.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingError(
            f"cannot create the data folder {HOME} ({exc.strerror or exc}); "
            "set COMMUNITYDNA_HOME to a folder you can write to"
        ) from None
    return HOME


def _secret_key() -> str:
    given = env_str("SECRET_KEY") or env_str("COMMUNITYDNA_SECRET_KEY")
    if given:
        return given
    file = _ensure_home() / "secret_key"
    try:
        return file.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    # Created readable by its owner only; a second process starting at the same moment keeps
    # whichever key reached the disk first.
    try:
        descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return file.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def _database() -> dict[str, Any]:
    url = env_str("DATABASE_URL")
    if url:
        settings = database_from_url(url, base=HOME)
    else:
        settings = sqlite_settings(str(_ensure_home() / "communitydna.sqlite3"))
    settings["CONN_MAX_AGE"] = env_int("COMMUNITYDNA_CONN_MAX_AGE", 0, minimum=0)
    settings["CONN_HEALTH_CHECKS"] = settings["CONN_MAX_AGE"] > 0
    return settings


DEBUG = env_bool("COMMUNITYDNA_DEBUG", False)
SECRET_KEY = _secret_key()
DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

ALLOWED_HOSTS = env_list("COMMUNITYDNA_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("COMMUNITYDNA_CSRF_TRUSTED_ORIGINS", [])
BASE_URL = env_str("COMMUNITYDNA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "communitydna.web.accounts",
    "communitydna.web.audit",
    "communitydna.web.studies",
    "communitydna.web.network",
    "communitydna.web.evidence",
    "communitydna.web.assessment",
    "communitydna.web.jobs",
    "communitydna.web.monitoring",
    "communitydna.web.rounds",
    "communitydna.web.api",
    "django_tasks",
]
if env_str("COMMUNITYDNA_TASKS", "thread") == "database":
    INSTALLED_APPS.append("django_tasks_db")
elif env_str("COMMUNITYDNA_TASKS", "thread") == "rq":
    INSTALLED_APPS.append("django_rq")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "communitydna.web.middleware.security_headers",
]

ROOT_URLCONF = "communitydna.web.urls"
WSGI_APPLICATION = "communitydna.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# -- cache and long work ---------------------------------------------------------------------

REDIS_URL = env_str("COMMUNITYDNA_REDIS_URL")


def _caches() -> dict[str, Any]:
    """Shared by every server process: Redis when named, otherwise files in the data folder."""
    if REDIS_URL:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "communitydna",
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(HOME / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }


def _tasks() -> dict[str, Any]:
    kind = env_str("COMMUNITYDNA_TASKS", "thread")
    backends = {
        "thread": "communitydna.web.jobs.backends.ThreadBackend",
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        "database": "django_tasks_db.DatabaseBackend",
        "rq": "django_tasks_rq.RQBackend",
    }
    if kind not in backends:
        raise SettingError(f"COMMUNITYDNA_TASKS must be one of {', '.join(backends)}, not {kind!r}")
    return {"default": {"BACKEND": backends[kind], "QUEUES": ["default"]}}


CACHES = _caches()
TASKS = _tasks()
JOBS_ROOT = HOME / "jobs"
# Workbooks larger than this are imported in the background, and reports of studies with more
# organisations than this are written in the background (PDF always is).
BACKGROUND_IMPORT_BYTES = env_int("COMMUNITYDNA_BACKGROUND_IMPORT_BYTES", 1_000_000, minimum=0)
BACKGROUND_ORGANISATIONS = env_int("COMMUNITYDNA_BACKGROUND_ORGANISATIONS", 1000, minimum=0)
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}

# -- accounts -------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a day
# Failed log-ins allowed per account and per network address before a pause (throttle.py).
LOGIN_FAILURES_PER_ACCOUNT = env_int("COMMUNITYDNA_LOGIN_FAILURES", 5, minimum=1)
LOGIN_FAILURES_PER_ADDRESS = env_int("COMMUNITYDNA_LOGIN_FAILURES_PER_ADDRESS", 20, minimum=1)
LOGIN_LOCKOUT_SECONDS = env_int("COMMUNITYDNA_LOGIN_LOCKOUT_SECONDS", 15 * 60, minimum=1)
INVITATION_DAYS = env_int("COMMUNITYDNA_INVITATION_DAYS", 14, minimum=1)

# -- security -------------------------------------------------------------------------------

SECURE_COOKIES = env_bool("COMMUNITYDNA_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
if env_bool("COMMUNITYDNA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SECURE_SSL_REDIRECT = env_bool("COMMUNITYDNA_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("COMMUNITYDNA_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("COMMUNITYDNA_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("COMMUNITYDNA_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The Content-Security-Policy sent with every page (see communitydna.web.middleware).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# -- e-mail ---------------------------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "COMMUNITYDNA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("COMMUNITYDNA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("COMMUNITYDNA_EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("COMMUNITYDNA_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("COMMUNITYDNA_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("COMMUNITYDNA_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("COMMUNITYDNA_DEFAULT_FROM_EMAIL", "Community DNA <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# -- language and time ----------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("COMMUNITYDNA_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# -- static files ---------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names cached for a year; `communitydna serve` collects them first.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# -- logging --------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"level": "INFO" if DEBUG else "WARNING"},
    },
}

# -- uploads --------------------------------------------------------------------------------

# The largest workbook the upload page takes (the form refuses a larger one before reading
# it); larger studies go through `communitydna study import`, held to the core reader's own
# limits (communitydna.io.ReadLimits: 500 MB unpacked, zip bombs, a million rows a sheet).
MAX_UPLOAD_MB = env_int("COMMUNITYDNA_MAX_UPLOAD_MB", 50, minimum=1)
# Uploads larger than this go to a temporary file rather than memory; the other fields of a
# request may hold at most this much in all (both Django's defaults, stated).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
