"""Django's deployment checks pass with the production settings DEPLOYMENT.md gives."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

PRODUCTION = {
    "COMMUNITYDNA_SECRET_KEY": secrets.token_urlsafe(50),
    "COMMUNITYDNA_ALLOWED_HOSTS": "dna.example.org",
    "COMMUNITYDNA_CSRF_TRUSTED_ORIGINS": "https://dna.example.org",
    "COMMUNITYDNA_BEHIND_PROXY": "1",
    "COMMUNITYDNA_SSL_REDIRECT": "1",
    "COMMUNITYDNA_HSTS_SECONDS": "31536000",
    "COMMUNITYDNA_HSTS_INCLUDE_SUBDOMAINS": "1",
    "COMMUNITYDNA_HSTS_PRELOAD": "1",
}


def _check(tmp_path: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMMUNITYDNA_HOME": str(tmp_path), **extra}
    env["DJANGO_SETTINGS_MODULE"] = "communitydna.web.settings"
    # What the test run itself sets (browser tests allow Django's async-unsafe calls).
    for name in (
        "COMMUNITYDNA_DEBUG",
        "COMMUNITYDNA_SECURE_COOKIES",
        "DATABASE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_check_deploy_is_clean_in_production_mode(tmp_path: Path) -> None:
    done = _check(tmp_path, PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_names_what_is_missing_without_them(tmp_path: Path) -> None:
    done = _check(tmp_path, {})
    assert done.returncode != 0
    assert "security.W004" in done.stderr + done.stdout  # no HSTS
