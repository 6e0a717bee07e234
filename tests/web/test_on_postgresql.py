"""The web tests pass on PostgreSQL too, not only on SQLite.

The suite runs on SQLite; this test runs this folder again in a subprocess with
``DATABASE_URL`` naming the PostgreSQL server (``COMMUNITYDNA_TEST_POSTGRES_URL``, by
default ``postgres://postgres@127.0.0.1:5432/test``, then the same as ``root``). Each run
makes and drops a test database of its own, so runs side by side do not meet. It is skipped,
saying why, only when no server answers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_URLS = (
    "postgres://postgres@127.0.0.1:5432/test",
    "postgres://root@127.0.0.1:5432/test",
)


def _reachable_url() -> tuple[str | None, str]:
    """The first URL a server answers on, or ``None`` with what went wrong."""
    try:
        import psycopg
    except ImportError:
        return None, "psycopg is not installed"
    given = os.environ.get("COMMUNITYDNA_TEST_POSTGRES_URL")
    reasons = []
    for url in (given,) if given else DEFAULT_URLS:
        try:
            with psycopg.connect(url, connect_timeout=3):
                return url, ""
        except psycopg.Error as exc:
            reasons.append(f"{url}: {str(exc).strip().splitlines()[0]}")
    return None, "; ".join(reasons)


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="this is already the run on PostgreSQL",
)
def test_the_web_tests_pass_on_postgresql() -> None:
    url, why = _reachable_url()
    if url is None:
        pytest.skip(f"no PostgreSQL server reachable ({why}); set COMMUNITYDNA_TEST_POSTGRES_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNITYDNA_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DATABASE_URL"] = url
    command = [sys.executable, "-m", "pytest", str(HERE), "-q", "-p", "no:cacheprovider"]
    # The folder's own tests only: no doctests of the package, no other options.
    command += ["-o", "addopts=", "--strict-markers"]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, (
        f"the web tests failed on PostgreSQL ({url}):\n"
        f"{result.stdout[-20000:]}\n{result.stderr[-5000:]}"
    )
    assert " passed" in result.stdout
